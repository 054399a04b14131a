/**
 * @module-tag integration
 */
import { req } from '@assay/trace';
import { describe, expect } from 'vitest';
import { mugs, test } from './support.ts';

describe('orders in PostgreSQL', { meta: req('ORD-003') }, () => {
  test('an order is stored with its lines and totals', async ({ store }) => {
    const created = await store.create({
      customer: 'ada',
      lines: [
        { sku: 'MUG-1', quantity: 2, unitPriceCents: 1250 },
        { sku: 'TEE-9', quantity: 1, unitPriceCents: 1999 },
      ],
    });
    expect(created).toMatchObject({ subtotalCents: 4499, itemCount: 3 });
    expect(await store.get(created.id)).toEqual(created);
  });

  test('an invalid order writes nothing', async ({ store, postgres }) => {
    await expect(
      store.create({ customer: 'ada', lines: [{ sku: 'MUG-1', quantity: 0, unitPriceCents: 1 }] }),
    ).rejects.toThrow('quantity must be a whole number');
    const { rows } = await postgres.query('SELECT count(*)::int AS n FROM orders');
    expect(rows[0]?.n).toBe(0);
  });

  test('a line the database rejects rolls the whole order back', async ({ store, postgres }) => {
    // The totals check passes, but a price over the bigint range fails in the database after the order row.
    const lines = [
      { ...mugs.lines[0], unitPriceCents: 1 },
      { sku: 'HUGE-1', quantity: 1, unitPriceCents: 2 ** 63 },
    ];
    await expect(store.create({ customer: 'ada', lines: lines as typeof mugs.lines })).rejects.toThrow();
    const { rows } = await postgres.query(
      'SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM order_lines)::int AS lines',
    );
    expect(rows[0]).toEqual({ orders: 0, lines: 0 });
  });
});
