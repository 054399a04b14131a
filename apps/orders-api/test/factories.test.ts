/**
 * @module-tag integration
 */
import { FactoryError, seededFaker, seedFor } from '@assay/fixtures';
import { req } from '@assay/trace';
import { describe, expect } from 'vitest';
import { orderFactories } from './factories.ts';
import { test } from './support.ts';

const offline = { url: '', database: '', query: () => Promise.reject(new Error('not connected')) };
const buildFor = (identity: string) =>
  orderFactories({ seed: seedFor(identity), faker: seededFaker(seedFor(identity)), postgres: offline }).order.build();

describe('seeded factories', { meta: req('ORD-005') }, () => {
  test('the same test identity builds byte-identical data, on every run and machine', () => {
    const identity = 'test/factories.test.ts > seeded factories > a fixed identity';
    expect(JSON.stringify(buildFor(identity))).toBe(JSON.stringify(buildFor(identity)));
    // Pinned: the data a fixed identity builds with the catalog's Faker version.
    expect(buildFor(identity)).toEqual(EXPECTED);
  });

  test('different tests build different data', ({ factories }) => {
    expect(factories.order.build()).not.toEqual(buildFor('another test'));
  });

  test('sequences, traits, transient params and associations', ({ factories }) => {
    const order = factories.order.trait('large').build({}, { associations: { customer: 'Ada Lovelace' } });
    expect(order.customer).toBe('Ada Lovelace');
    expect(order.lines).toHaveLength(25);
    expect(order.lines.map((l: { sku: string }) => Number(l.sku.split('-')[1]))).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    expect(factories.line.trait('free', 'bulk').build()).toMatchObject({ unitPriceCents: 0, quantity: 10_000 });
  });

  test('create stores the order and its lines in the test’s own database', async ({ factories, postgres }) => {
    const created = await factories.order.trait('single').create();
    expect(created.id).toBeGreaterThan(0);
    const { rows } = await postgres.query('SELECT count(*)::int AS lines FROM order_lines WHERE order_id = $1', [
      created.id,
    ]);
    expect(rows[0]).toEqual({ lines: 1 });
  });

  test('an unknown trait is a one-line error naming the known ones', ({ factories }) => {
    expect(() => factories.order.trait('huge')).toThrow(
      new FactoryError("unknown trait 'huge' for the order factory: expected one of large, single"),
    );
  });
});

const EXPECTED = {
  customer: 'Gerard Buckridge',
  lines: [
    { sku: 'JMY-1', quantity: 5, unitPriceCents: 468 },
    { sku: 'ABN-2', quantity: 4, unitPriceCents: 2557 },
  ],
};
