/**
 * @module-tag e2e
 */
import { req } from '@assay/trace';
import { describe, expect } from 'vitest';
import { mugs, test } from './support.ts';

const post = (url: string, body: unknown) =>
  fetch(`${url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the HTTP API', { meta: req('ORD-004') }, () => {
  test('POST /orders answers 201 with the totals, and GET returns the same order', async ({ api }) => {
    const created = await post(api.url, mugs);
    expect(created.status).toBe(201);
    const order = (await created.json()) as { id: number; subtotalCents: number };
    expect(order.subtotalCents).toBe(2500);
    const read = await fetch(`${api.url}/orders/${order.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(order);
  });

  test('GET /orders/:id is served from the Redis cache once read', async ({ api, redis, postgres }) => {
    const order = (await (await post(api.url, mugs)).json()) as { id: number };
    await postgres.query('DELETE FROM orders');
    expect((await fetch(`${api.url}/orders/${order.id}`)).status).toBe(200);
    expect(await redis.client.exists(`order:${order.id}`)).toBe(1);
  });

  test.for([
    [{ customer: '', lines: [] }, 'customer must be a non-empty string'],
    [{ customer: 'ada', lines: [] }, 'an order needs at least one line item'],
    [
      { customer: 'ada', lines: [{ sku: 'x', quantity: 1, unitPriceCents: 1 }] },
      'line 1 (x): sku must be 3–32 of A–Z, 0–9, -',
    ],
  ] as const)('POST %j answers 400 naming the problem', async ([body, message], { api }) => {
    const response = await post(api.url, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'invalid_order', message } });
  });

  test('unknown orders and routes answer 404 as JSON', async ({ api }) => {
    const response = await fetch(`${api.url}/orders/999999`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'no order 999999' } });
  });

  test('/health answers 200 while the database answers', async ({ api }) => {
    const response = await fetch(`${api.url}/health`);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
