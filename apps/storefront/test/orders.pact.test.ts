/**
 * @module-tag contract
 *
 * The storefront's contract with orders-api, Pact V4: each interaction is what the storefront's
 * client sends and what it needs back. Once every interaction passed, the pact replaces
 * pacts/storefront-orders-api.json (publish-pact.ts), where orders-api verifies it.
 */
import { req } from '@assay/trace';
import { MatchersV3, PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { describe, expect, test } from 'vitest';
import { OrdersApiError, OrdersClient, Storefront } from '../src/index.ts';
import { isoTimestamp } from './matchers.ts';
import { DRAFTS, publishWhenPassed } from './publish-pact.ts';

const { eachLike, integer, regex, string } = MatchersV3;

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
  createdAt: isoTimestamp(),
});

const errorBody = (code: string, message: string) => ({ error: { code, message: string(message) } });

publishWhenPassed('storefront-orders-api.json');

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
