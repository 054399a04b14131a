/**
 * @module-tag contract
 *
 * The storefront's contract with orders-api's events, Pact V4 asynchronous messages: the
 * `order.created` message the storefront handles, its contents by matchers and its metadata. Pact
 * hands the message to the storefront's own handler; once it passed, the pact replaces
 * pacts/storefront-orders-api-events.json (publish-pact.ts), where orders-api verifies it against
 * the code that publishes the event. The provider is `orders-api-events`, orders-api as a message
 * producer: its own pacticipant, so this pact has a writer of its own (no merging with the HTTP pact
 * another test file writes at the same time) and is verified without an HTTP server.
 */
import { req } from '@assay/trace';
import { MatchersV3, PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { describe, expect, test } from 'vitest';
import { RecentOrders } from '../src/index.ts';
import { isoTimestamp } from './matchers.ts';
import { DRAFTS, publishWhenPassed } from './publish-pact.ts';

const { integer, string } = MatchersV3;

const pact = new PactV4({
  consumer: 'storefront',
  provider: 'orders-api-events',
  dir: DRAFTS,
  spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
  logLevel: 'warn',
});

publishWhenPassed('storefront-orders-api-events.json');

describe('the storefront’s contract with orders-api’s events', { meta: req('SHOP-004', 'SHOP-003') }, () => {
  test('an order.created event adds the order to the recent orders', async () => {
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('an order.created event', (message) =>
        message
          .withJSONContent({
            orderId: integer(1),
            customer: string('ada'),
            subtotalCents: integer(2500),
            itemCount: integer(2),
            createdAt: isoTimestamp(),
          })
          .withMetadata({ contentType: 'application/json', eventType: 'order.created' }),
      )
      .executeTest(async (message) => {
        const recent = new RecentOrders();
        recent.handle({ contents: message.contents.content, metadata: message.metadata });
        expect(recent.lines()).toEqual(['Order 1 for ada: 2 items, €25.00']);
      });
  });
});
