/**
 * @module-tag contract
 *
 * The storefront's contract with orders-api, Pact V4: each interaction is what the storefront's
 * client sends and what it needs back. Pact writes the pact in this workspace's .vitest/pacts/; once
 * every interaction passed, it replaces the one in the repository's pacts/ folder — whole, in one
 * rename — where orders-api verifies it. A failing run leaves the published pact as it was.
 */
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { req } from '@assay/trace';
import { MatchersV3, PactV4, SpecificationVersion } from '@pact-foundation/pact';
import type { RunnerTestSuite } from 'vitest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OrdersApiError, OrdersClient, Storefront } from '../src/index.ts';

const { eachLike, integer, regex, string } = MatchersV3;
const PACTS = fileURLToPath(new URL('../../../pacts', import.meta.url));
const DRAFTS = fileURLToPath(new URL('../.vitest/pacts', import.meta.url));
const FILE = 'storefront-orders-api.json';

const pact = new PactV4({
  consumer: 'storefront',
  provider: 'orders-api',
  dir: DRAFTS,
  spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
  logLevel: 'warn',
});

const mugs = { customer: 'ada', lines: [{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1250 }] };

/** An order as orders-api returns it: types, not values, except where the storefront relies on one. */
const orderBody = (customer: string) => ({
  id: integer(1),
  customer: string(customer),
  lines: eachLike({
    sku: regex(/^[A-Z0-9-]{3,32}$/.source, 'MUG-1'),
    quantity: integer(2),
    unitPriceCents: integer(1250),
  }),
  subtotalCents: integer(2500),
  itemCount: integer(2),
  createdAt: regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.source, '2026-11-22T10:00:00.000Z'),
});

const errorBody = (code: string, message: string) => ({ error: { code, message: string(message) } });

beforeAll(() => {
  // Pact merges into an existing file; the contract is exactly what these tests say, so start afresh.
  rmSync(join(DRAFTS, FILE), { force: true });
});

const passed = (suite: Readonly<RunnerTestSuite>): boolean =>
  suite.tasks.every((task) => (task.type === 'suite' ? passed(task) : task.result?.state === 'pass'));

// biome-ignore lint/correctness/noEmptyPattern: Vitest requires a destructured context; the file is the 2nd argument
afterAll(({}, file) => {
  if (!passed(file)) return;
  // Readers of pacts/ (orders-api's tests, assay contract verify) never see half a pact.
  copyFileSync(join(DRAFTS, FILE), join(PACTS, `${FILE}.tmp`));
  renameSync(join(PACTS, `${FILE}.tmp`), join(PACTS, FILE));
});

describe('the storefront’s contract with orders-api', { meta: req('SHOP-002', 'SHOP-001') }, () => {
  test('checkout places the cart as an order and shows its total', async () => {
    await pact
      .addInteraction()
      .given('no orders')
      .uponReceiving('a new order')
      .withRequest('POST', '/orders', (request) =>
        request.jsonBody({
          customer: string('ada'),
          lines: eachLike({
            sku: regex(/^[A-Z0-9-]{3,32}$/.source, 'MUG-1'),
            quantity: integer(2),
            unitPriceCents: integer(1250),
          }),
        }),
      )
      .willRespondWith(201, (response) => response.jsonBody(orderBody('ada')))
      .executeTest(async (server) => {
        const receipt = await new Storefront(new OrdersClient(server.url)).checkout({
          shopper: mugs.customer,
          items: mugs.lines,
        });
        expect(receipt).toEqual({ orderId: 1, total: '€25.00', items: 2 });
      });
  });

  test('an order that exists is shown on the receipt page', async () => {
    await pact
      .addInteraction()
      .given('an order for ada exists')
      .uponReceiving('a request for order 1')
      .withRequest('GET', '/orders/1', (request) => request.headers({ accept: 'application/json' }))
      .willRespondWith(200, (response) => response.jsonBody(orderBody('ada')))
      .executeTest(async (server) => {
        const text = await new Storefront(new OrdersClient(server.url)).receipt(1);
        expect(text).toBe('Order 1 for ada: 2 items, €25.00');
      });
  });

  test('an unknown order is not found', async () => {
    await pact
      .addInteraction()
      .given('no orders')
      .uponReceiving('a request for an order that does not exist')
      .withRequest('GET', '/orders/999', (request) => request.headers({ accept: 'application/json' }))
      .willRespondWith(404, (response) => response.jsonBody(errorBody('not_found', 'no order 999')))
      .executeTest(async (server) => {
        expect(await new Storefront(new OrdersClient(server.url)).receipt(999)).toBe('No order 999.');
      });
  });

  test('a cart orders-api refuses is a message for the shopper', async () => {
    await pact
      .addInteraction()
      .given('no orders')
      .uponReceiving('an order without line items')
      .withRequest('POST', '/orders', (request) => request.jsonBody({ customer: string('ada'), lines: [] }))
      .willRespondWith(400, (response) =>
        response.jsonBody(errorBody('invalid_order', 'an order needs at least one line item')),
      )
      .executeTest(async (server) => {
        const outcome = await new Storefront(new OrdersClient(server.url)).checkout({ shopper: 'ada', items: [] });
        expect(outcome).toEqual({
          refused: 'orders-api answered 400 invalid_order: an order needs at least one line item',
        });
      });
  });
});

test('an answer the storefront does not expect is an OrdersApiError naming status and code', {
  meta: req('SHOP-001'),
}, async () => {
  await pact
    .addInteraction()
    .given('the database is down')
    .uponReceiving('a new order while the database is down')
    .withRequest('POST', '/orders', (request) =>
      request.jsonBody({
        customer: string('ada'),
        lines: eachLike({ sku: string('MUG-1'), quantity: integer(2), unitPriceCents: integer(1250) }),
      }),
    )
    .willRespondWith(503, (response) =>
      response.jsonBody(errorBody('database_unavailable', 'the database is not answering; retry shortly')),
    )
    .executeTest(async (server) => {
      const checkout = new Storefront(new OrdersClient(server.url)).checkout({ shopper: 'ada', items: mugs.lines });
      await expect(checkout).rejects.toThrow(
        new OrdersApiError(503, 'database_unavailable', 'the database is not answering; retry shortly'),
      );
    });
});
