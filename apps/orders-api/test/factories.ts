/**
 * Test-data factories for orders-api: the worked example of @assay/fixtures' factories.
 * `line` builds line items; `order` builds an order with its lines (transient `lineCount`, an
 * associated `customer`), and `create` stores it — order and lines — in the test's own database.
 */
import type { FactoryContext, PostgresDatabase } from '@assay/fixtures';
import { withTraits } from '@assay/fixtures';
import { Factory } from 'fishery';
import { type LineItem, type NewOrder, type Order, OrderStore } from '../src/index.ts';

export function orderFactories({ faker, postgres }: FactoryContext & { postgres: PostgresDatabase }) {
  const line = Factory.define<LineItem>(({ sequence }) => ({
    sku: `${faker.string.alpha({ length: 3, casing: 'upper' })}-${sequence}`,
    quantity: faker.number.int({ min: 1, max: 5 }),
    unitPriceCents: faker.number.int({ min: 100, max: 9_999 }),
  }));

  const order = Factory.define<NewOrder, { lineCount: number }, Order>(
    ({ transientParams, associations, onCreate }) => {
      onCreate(async (built) => {
        const store = new OrderStore(postgres.url);
        try {
          return await store.create(built);
        } finally {
          await store.close();
        }
      });
      return {
        customer: (associations.customer as string | undefined) ?? faker.person.fullName(),
        lines: line.buildList(transientParams.lineCount ?? 2),
      };
    },
  );

  return {
    line: withTraits('line', line, {
      free: (f) => f.params({ unitPriceCents: 0 }),
      bulk: (f) => f.params({ quantity: 10_000 }),
    }),
    order: withTraits('order', order, {
      large: (f) => f.transient({ lineCount: 25 }),
      single: (f) => f.transient({ lineCount: 1 }),
    }),
  };
}
