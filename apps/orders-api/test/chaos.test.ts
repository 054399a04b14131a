/**
 * @module-tag chaos
 *
 * orders-api under faults, through fault proxies in front of its PostgreSQL and Redis (the test's
 * own database and namespace): outages, latency, and a connection reset in the middle of an order;
 * and a real outage of a PostgreSQL of its own, stopped and started again.
 */
import { FaultProxy, type PostgresDatabase, readMigrations } from '@assay/fixtures';
import { req } from '@assay/trace';
import pg from 'pg';
import { describe, expect } from 'vitest';
import { type OrdersApi, startOrdersApi } from '../src/index.ts';
import { mugs, test } from './support.ts';

const upstreamOf = (url: string) => {
  const { hostname, port } = new URL(url);
  return `${hostname === 'localhost' ? '127.0.0.1' : hostname}:${port}`;
};

const chaos = test.extend(
  'faulty',
  async ({ postgres, redis }, { onCleanup }): Promise<{ api: OrdersApi; database: FaultProxy; cache: FaultProxy }> => {
    const database = await FaultProxy.start({ upstream: upstreamOf(postgres.url) });
    const cache = await FaultProxy.start({ upstream: upstreamOf(redis.url) });
    const api = await startOrdersApi({
      databaseUrl: database.proxiedUrl(postgres.url),
      redisUrl: cache.proxiedUrl(redis.url),
      redisKeyPrefix: redis.prefix,
      // Longer than any test here runs: these tests check answers, and a busy machine must not turn
      // one into a timeout. The latency test starts its own server with a short deadline.
      requestTimeoutMs: 120_000,
    });
    onCleanup(async () => {
      await api.close();
      await database.close();
      await cache.close();
    });
    return { api, database, cache };
  },
);

const post = (api: OrdersApi, body: unknown) =>
  fetch(`${api.url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
/**
 * Asks /health until it answers 200: it must within a few requests of the database's return (no
 * backoff, no restart). Counted in requests, not seconds, so a busy machine cannot fail it; on an
 * idle one the five requests span a quarter of a second, so a recovery that waits for a timer fails.
 */
async function healthyAgainWithinFiveRequests(api: OrdersApi): Promise<void> {
  const statuses: number[] = [];
  while (statuses.length < 5 && statuses.at(-1) !== 200) {
    if (statuses.length > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    statuses.push((await fetch(`${api.url}/health`)).status);
  }
  expect(statuses.at(-1), `answers to /health after the return: ${statuses.join(', ')}`).toBe(200);
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}
const count = async (postgres: PostgresDatabase) =>
  (
    await postgres.query(
      'SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM order_lines)::int AS lines',
    )
  ).rows[0];

describe('orders-api under faults', { meta: req('ORD-006') }, () => {
  chaos(
    'the database down: 503 with a clear JSON body, no crash; healthy again within a few requests of its return',
    { tags: ['smoke'] },
    async ({ faulty }) => {
      const { api, database } = faulty;
      expect((await post(api, mugs)).status).toBe(201);
      database.disable();
      const down = await post(api, mugs);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({
        error: { code: expect.stringMatching(/^(database_unavailable|timeout)$/) },
      });
      expect((await fetch(`${api.url}/health`)).status).toBe(503);

      database.enable();
      await healthyAgainWithinFiveRequests(api);
      expect((await post(api, mugs)).status).toBe(201);
    },
  );

  chaos('Redis down: reads are still served from PostgreSQL', { tags: ['smoke'] }, async ({ faulty }) => {
    const { api, cache } = faulty;
    const order = (await (await post(api, mugs)).json()) as { id: number };
    cache.disable();
    const read = await fetch(`${api.url}/orders/${order.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: order.id, subtotalCents: 2500 });
  });

  chaos(
    '500 ms of latency on PostgreSQL: the request timeout answers instead of hanging',
    async ({ faulty, postgres, redis }) => {
      const { database } = faulty;
      const api = await startOrdersApi({
        databaseUrl: database.proxiedUrl(postgres.url),
        redisUrl: redis.url,
        redisKeyPrefix: redis.prefix,
        requestTimeoutMs: 250,
      });
      try {
        await fetch(`${api.url}/health`); // an open connection, so the toxic hits the queries themselves
        database.reset().addToxic({ type: 'latency', latency: 500, stream: 'downstream' });
        // The 503 'timeout' answer is the request timeout's own: the latency did not make it hang. A
        // busy machine only makes the database slower still, so the answer cannot change.
        const response = await fetch(`${api.url}/orders/1`);
        expect(response.status).toBe(503);
        expect(await response.json()).toEqual({
          error: { code: 'timeout', message: 'the database did not answer within 250 ms; retry shortly' },
        });
      } finally {
        await api.close();
      }
    },
  );

  chaos('a connection reset mid-transaction writes no partial order', async ({ faulty, postgres }) => {
    const { database } = faulty;
    // Slow every statement down, then cut the connection while the order's statements are running.
    const slowApi = await startOrdersApi({
      databaseUrl: database.proxiedUrl(postgres.url),
      redisUrl: 'redis://127.0.0.1:1',
      requestTimeoutMs: 10_000,
    });
    try {
      database.addToxic({ type: 'latency', latency: 150, stream: 'upstream' });
      const threeLines = {
        customer: 'ada',
        lines: ['A', 'B', 'C'].map((c) => ({ sku: `SKU-${c}`, quantity: 1, unitPriceCents: 100 })),
      };
      const pending = post(slowApi, threeLines);
      await new Promise((resolve) => setTimeout(resolve, 500)); // connect, BEGIN, INSERT the order…
      database.disable(); // …and the connection goes, before the lines and COMMIT
      expect((await pending).status).toBe(503);
      expect(await count(postgres)).toEqual({ orders: 0, lines: 0 });
    } finally {
      await slowApi.close();
    }
  });
});

describe('orders-api through a real database outage', { meta: req('ORD-006') }, () => {
  test('its PostgreSQL stopped: 503 and no crash; started again on the same port: orders are served, none lost', async ({
    services,
    redis,
  }) => {
    const db = await services.postgres();
    for (const migration of readMigrations(new URL('../migrations', import.meta.url).pathname)) {
      await query(db.url, migration.sql);
    }
    const api = await startOrdersApi({
      databaseUrl: db.url,
      redisUrl: redis.url,
      redisKeyPrefix: redis.prefix,
      requestTimeoutMs: 120_000, // a stopped PostgreSQL refuses at once: no answer here waits for the deadline
    });
    try {
      const before = (await (await post(api, mugs)).json()) as { id: number };

      await db.stop();
      const down = await post(api, mugs);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ error: { code: 'database_unavailable' } });

      await db.start();
      await healthyAgainWithinFiveRequests(api);
      expect((await post(api, mugs)).status).toBe(201);
      const { rows } = await query(db.url, 'SELECT id FROM orders ORDER BY id');
      expect(rows.map((row) => Number(row.id))).toEqual([before.id, before.id + 1]);
    } finally {
      await api.close();
    }
  });
});
