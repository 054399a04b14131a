/**
 * @module-tag property
 *
 * Model-based testing of the order store on a real PostgreSQL (the test's own database): random
 * sequences of create / get / get-missing run against the store and against an in-memory model,
 * each command checking the store's answer against the model's. A seeded bug — a store that loses
 * the last line of a large order when reading it back — is found and shrunk to a few commands.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostgresDatabase } from '@assay/fixtures';
import { assertProperty, FailureDatabase, modelProperty } from '@assay/property';
import { req } from '@assay/trace';
import fc from 'fast-check';
import { describe, expect, onTestFinished } from 'vitest';
import { type NewOrder, OrderStore, orderTotals } from '../src/index.ts';
import { test } from './support.ts';

interface Model {
  /** The orders created so far, in the order the store numbered them. */
  readonly orders: { id: number; order: NewOrder }[];
}

const lineItem = fc.record({
  sku: fc.stringMatching(/^[A-Z]{3}-\d{1,4}$/),
  quantity: fc.integer({ min: 1, max: 10_000 }),
  unitPriceCents: fc.integer({ min: 0, max: 1_000_000 }),
});
const newOrder: fc.Arbitrary<NewOrder> = fc.record({
  customer: fc.string({ minLength: 1, maxLength: 20 }),
  lines: fc.uniqueArray(lineItem, { minLength: 1, maxLength: 5, selector: (line) => line.sku }),
});

class Create implements fc.AsyncCommand<Model, OrderStore> {
  readonly order: NewOrder;
  constructor(order: NewOrder) {
    this.order = order;
  }
  check = () => true;
  async run(model: Model, store: OrderStore): Promise<void> {
    const created = await store.create(this.order);
    expect(created).toMatchObject({ ...this.order, ...orderTotals(this.order.lines) });
    model.orders.push({ id: created.id, order: this.order });
  }
  toString = () => `create(${this.order.lines.length} lines)`;
}

class Get implements fc.AsyncCommand<Model, OrderStore> {
  readonly pick: number;
  constructor(pick: number) {
    this.pick = pick;
  }
  check = (model: Readonly<Model>) => model.orders.length > 0;
  async run(model: Model, store: OrderStore): Promise<void> {
    const { id, order } = model.orders[this.pick % model.orders.length] as Model['orders'][number];
    expect(await store.get(id)).toMatchObject({ id, ...order, ...orderTotals(order.lines) });
  }
  toString = () => `get(#${this.pick})`;
}

class GetMissing implements fc.AsyncCommand<Model, OrderStore> {
  check = () => true;
  async run(model: Model, store: OrderStore): Promise<void> {
    const unknown = Math.max(0, ...model.orders.map((o) => o.id)) + 1_000;
    expect(await store.get(unknown)).toBeUndefined();
  }
  toString = () => 'get(missing)';
}

const commands = [
  newOrder.map((order) => new Create(order)),
  fc.nat().map((pick) => new Get(pick)),
  fc.constant(new GetMissing()),
];

/** The seeded bug: reading a large order back drops its last line. */
class LosesLastLine extends OrderStore {
  override async get(id: number) {
    const order = await super.get(id);
    return order && order.lines.length > 2 ? { ...order, lines: order.lines.slice(0, -1) } : order;
  }
}

/** The model test of a store: each sequence starts from an empty database and an empty model. */
function storeAgainstModel(store: OrderStore, postgres: PostgresDatabase) {
  return modelProperty<Model, OrderStore>({
    commands,
    maxCommands: 12,
    setup: async () => {
      await postgres.query('TRUNCATE orders, order_lines RESTART IDENTITY');
      return { model: { orders: [] }, real: store };
    },
  });
}

describe('the order store against a model', { meta: req('PROP-004', 'ORD-002') }, () => {
  test('every sequence of creates and reads agrees with the model', async ({ postgres, task, annotate }) => {
    const store = new OrderStore(postgres.url);
    onTestFinished(() => store.close());
    await assertProperty(storeAgainstModel(store, postgres), { context: { task, annotate } });
  });

  test('a seeded bug is found and shrunk to a few commands', async ({ postgres }) => {
    const store = new LosesLastLine(postgres.url);
    const failures = mkdtempSync(join(tmpdir(), 'assay-model-failures-'));
    onTestFinished(async () => {
      await store.close();
      rmSync(failures, { recursive: true, force: true });
    });
    const found = assertProperty(storeAgainstModel(store, postgres), { database: new FailureDatabase(failures) });
    // Shrunk to the essence: one order of three lines, created, then read back.
    await expect(found).rejects.toThrow(
      /counterexample: \[create\(3 lines\),get\(#0\)( \/\*replayPath="[^"]*"\*\/)?\]/,
    );
  });
});
