/** The orders-api test fixtures: its migrations in every test database, and the API started on them. */
import { fileURLToPath } from 'node:url';
import { defineFixtures, factoryContext } from '@assay/fixtures';
import { OrderStore, type OrdersApi, startOrdersApi } from '../src/index.ts';
import { orderFactories } from './factories.ts';

export const test = defineFixtures({ migrations: new URL('../migrations', import.meta.url) })
  .extend('store', async ({ postgres }, { onCleanup }) => {
    const store = new OrderStore(postgres.url);
    onCleanup(() => store.close());
    return store;
  })
  .extend('factories', ({ postgres, task }, { onCleanup }) =>
    orderFactories({ ...factoryContext(task, onCleanup), postgres }),
  )
  .extend('api', async ({ postgres, redis }, { onCleanup }): Promise<OrdersApi> => {
    const api = await startOrdersApi({ databaseUrl: postgres.url, redisUrl: redis.url, redisKeyPrefix: redis.prefix });
    onCleanup(() => api.close());
    return api;
  });

export const mugs = { customer: 'ada', lines: [{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1250 }] };

/** The monorepo's pacts, and this workspace (where the verification results are written). */
export const PACTS = fileURLToPath(new URL('../../../pacts', import.meta.url));
export const WORKSPACE = fileURLToPath(new URL('..', import.meta.url));
