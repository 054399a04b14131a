/**
 * @module-tag contract
 *
 * orders-api verifies every pact in the repository's pacts/ folder against the running service, on
 * the test's own database: provider states build their data with the factories. Pact's own
 * verifier and Assay's structured one (whose results `assay contract verify` reads) both run. The
 * contract fuzzer then sends requests generated from each pact's matchers.
 */
import {
  formatFuzzFailure,
  fuzzInteraction,
  pactsFor,
  runPactVerifier,
  type StateHandlers,
  verificationFailures,
  verifyPacts,
  writeVerification,
} from '@assay/contract';
import { clearNamespace, FaultProxy, type PostgresDatabase, type RedisNamespace } from '@assay/fixtures';
import { req } from '@assay/trace';
import { describe, expect } from 'vitest';
import { OrderStore, type OrdersApi, startOrdersApi } from '../src/index.ts';
import { PACTS, test, WORKSPACE } from './support.ts';

type Factories = ReturnType<typeof import('./factories.ts').orderFactories>;

/** The provider states the consumers' pacts name, each built in this test's database. */
function providerStates(
  postgres: PostgresDatabase,
  redis: RedisNamespace,
  factories: Factories,
  database: FaultProxy,
): StateHandlers {
  // Each state starts from nothing: no orders in the database, none in the cache.
  const empty = async () => {
    database.enable();
    await postgres.query('TRUNCATE orders, order_lines RESTART IDENTITY');
    await clearNamespace(redis);
  };
  return {
    'no orders': empty,
    'an order for ada exists': async () => {
      await empty();
      await factories.order.create({ customer: 'ada', lines: [{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1250 }] });
    },
    'the database is down': async () => {
      await empty();
      database.disable();
    },
  };
}

/** orders-api on the test's database through a fault proxy (for 'the database is down'). */
const provider = test.extend('running', async ({ postgres, redis, factories }, { onCleanup }) => {
  const { hostname, port } = new URL(postgres.url);
  const database = await FaultProxy.start({ upstream: `${hostname === 'localhost' ? '127.0.0.1' : hostname}:${port}` });
  const start = (store?: OrderStore) =>
    startOrdersApi({
      databaseUrl: database.proxiedUrl(postgres.url),
      redisUrl: redis.url,
      redisKeyPrefix: redis.prefix,
      // Verification checks the answers, never the deadline: 'the database is down' refuses at once
      // through the proxy, so no answer here may depend on how fast a loaded machine is.
      requestTimeoutMs: 120_000,
      ...(store ? { store } : {}),
    });
  const apis: OrdersApi[] = [];
  onCleanup(async () => {
    for (const api of apis) await api.close();
    await database.close();
  });
  const states = providerStates(postgres, redis, factories, database);
  return {
    states,
    /** Assay's structured verification of every pact in pacts/ against `api`. */
    verify: (api: OrdersApi) => verifyPacts({ provider: 'orders-api', baseUrl: api.url, pactsDir: PACTS, states }),
    start: async (store?: OrderStore) => {
      const api = await start(store);
      apis.push(api);
      return api;
    },
    proxiedUrl: database.proxiedUrl(postgres.url),
  };
});

/** The storefront's 'a new order' interaction, the one the fuzzer varies. */
function newOrderInteraction() {
  for (const pact of pactsFor('orders-api', PACTS)) {
    const interaction = pact.interactions.find((i) => i.description === 'a new order');
    if (interaction) return { pact, interaction };
  }
  throw new Error(`no 'a new order' interaction in ${PACTS}`);
}

/** The seeded bug: a store that cannot keep a customer name longer than 10 characters. */
class ShortNamesOnly extends OrderStore {
  override async create(order: Parameters<OrderStore['create']>[0]) {
    if (order.customer.length > 10) throw new Error('value too long for type character varying(10)');
    return super.create(order);
  }
}

describe('orders-api honours its consumers’ pacts', { meta: req('ORD-008') }, () => {
  provider('every pact in pacts/ verifies, with Pact’s verifier and the structured one', async ({ running }) => {
    const api = await running.start();
    const pacts = pactsFor('orders-api', PACTS);
    await runPactVerifier({ provider: 'orders-api', baseUrl: api.url, pacts, states: running.states });
    const results = await running.verify(api);
    writeVerification(WORKSPACE, results);
    expect(verificationFailures(results)).toEqual([]);
    expect(results.pacts.flatMap((p) => p.interactions).length).toBeGreaterThanOrEqual(5);
  });

  provider(
    'a provider answering a field of the wrong type fails, naming consumer, interaction and field',
    async ({ running }) => {
      // A provider whose subtotal comes back as a string (as a PostgreSQL bigint would).
      class StringSubtotal extends OrderStore {
        override async create(order: Parameters<OrderStore['create']>[0]) {
          const created = await super.create(order);
          return { ...created, subtotalCents: String(created.subtotalCents) as unknown as number };
        }
      }
      const api = await running.start(new StringSubtotal(running.proxiedUrl));
      const results = await running.verify(api);
      expect(verificationFailures(results)).toEqual([
        `storefront → orders-api → 'a new order': $.subtotalCents: expected an integer (like 2500) (rule integer), got "2500"`,
      ]);
      await expect(
        runPactVerifier({
          provider: 'orders-api',
          baseUrl: api.url,
          pacts: pactsFor('orders-api', PACTS),
          states: running.states,
        }),
      ).rejects.toThrow();
    },
  );
});

describe('contract fuzzing', { meta: req('ORD-009') }, () => {
  provider(
    'requests generated from the pact’s matchers all get answers the contract describes',
    async ({ running }) => {
      const api = await running.start();
      const report = await fuzzInteraction({
        ...newOrderInteraction(),
        baseUrl: api.url,
        states: running.states,
        numRuns: 60,
        seed: 42,
      });
      expect(report.failure, formatFuzzFailure(report)).toBeNull();
      expect(report.runs).toBe(60);
    },
    60_000,
  );

  provider(
    'finds a seeded provider bug that the example-based verification misses, and shrinks the request',
    async ({ running }) => {
      const api = await running.start(new ShortNamesOnly(running.proxiedUrl));
      const results = await running.verify(api);
      expect(verificationFailures(results)).toEqual([]); // the pact's example ('ada') passes

      const report = await fuzzInteraction({
        ...newOrderInteraction(),
        baseUrl: api.url,
        states: running.states,
        numRuns: 100,
        seed: 42,
      });
      const message = formatFuzzFailure(report);
      console.log(message); // the shrunk request, for the reader of the run
      expect(report.failure).not.toBeNull();
      // Shrunk to the smallest name that breaks it: 11 characters, one line item of the simplest kind.
      const body = report.failure?.body as { customer: string; lines: unknown[] };
      expect(body.customer).toHaveLength(11);
      expect(body.lines).toHaveLength(1);
      expect(message).toContain(
        'POST /orders answered 500, which the contract does not describe: status: expected 201, got 500',
      );
    },
    60_000,
  );
});
