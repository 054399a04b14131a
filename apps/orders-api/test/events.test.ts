/**
 * @module-tag integration
 *
 * orders-api publishes `order.created` on its Redis stream when an order is created: the entry is
 * exactly the message `orderCreatedMessage` builds — the one its contract tests verify.
 */
import { req } from '@assay/trace';
import { describe, expect } from 'vitest';
import { ORDER_EVENTS_STREAM, type Order, orderCreatedMessage, startOrdersApi, streamFields } from '../src/index.ts';
import { mugs, test } from './support.ts';

const post = (url: string, body: unknown) =>
  fetch(`${url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('order.created on the Redis stream', { meta: req('ORD-010') }, () => {
  test('creating an order XADDs its order.created message, as orderCreatedMessage builds it', async ({
    api,
    redis,
  }) => {
    const response = await post(api.url, mugs);
    expect(response.status).toBe(201);
    const order = (await response.json()) as Order;
    // The event is published before the 201 is sent: the stream has it now, or it never will.
    const entries = await redis.client.xrange(ORDER_EVENTS_STREAM, '-', '+');
    expect(entries).toEqual([[expect.any(String), streamFields(orderCreatedMessage(order))]]);
  });

  test('with Redis away the order is still created, without its event', async ({ postgres }) => {
    const api = await startOrdersApi({ databaseUrl: postgres.url, redisUrl: 'redis://127.0.0.1:1' });
    try {
      const response = await post(api.url, mugs);
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ customer: 'ada', subtotalCents: 2500 });
    } finally {
      await api.close();
    }
  });
});
