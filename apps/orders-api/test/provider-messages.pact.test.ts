/**
 * @module-tag contract
 *
 * orders-api as a message producer (`orders-api-events`) verifies every message pact in the
 * repository's pacts/ folder: each message is made by the code the service publishes it with
 * (`orderCreatedMessage`, from an order stored in the test's own database), and checked by Pact's own
 * verifier and by Assay's structured one, whose results `assay contract verify` reads.
 */
import {
  type MessageProducers,
  pactsFor,
  runPactVerifier,
  verificationFailures,
  verifyPacts,
  writeVerification,
} from '@assay/contract';
import { req } from '@assay/trace';
import { describe, expect, onTestFinished } from 'vitest';
import { OrderStore, orderCreatedMessage } from '../src/index.ts';
import { mugs, PACTS, test, WORKSPACE } from './support.ts';

const PROVIDER = 'orders-api-events';

/** The messages orders-api publishes, by the description the pacts give them. */
const producers = (store: OrderStore): MessageProducers => ({
  'an order.created event': async () => orderCreatedMessage(await store.create(mugs)),
});

const verify = (messages: MessageProducers) =>
  verifyPacts({ provider: PROVIDER, pactsDir: PACTS, states: {}, messages });

describe('orders-api’s events honour their consumers’ message pacts', { meta: req('ORD-011') }, () => {
  test('every message pact in pacts/ verifies, with Pact’s verifier and the structured one', async ({ store }) => {
    const messages = producers(store);
    await runPactVerifier({ provider: PROVIDER, pacts: pactsFor(PROVIDER, PACTS), states: {}, messages });
    const results = await verify(messages);
    writeVerification(WORKSPACE, results);
    expect(verificationFailures(results)).toEqual([]);
    expect(results.pacts.flatMap((p) => p.interactions.map((i) => i.description))).toContain('an order.created event');
  });

  test('a producer whose event has orderId as a string fails, naming the message, the path and the rule', async ({
    postgres,
  }) => {
    // A store handing back its bigint ids as strings, as pg does unless told otherwise.
    class StringIds extends OrderStore {
      override async create(order: Parameters<OrderStore['create']>[0]) {
        const created = await super.create(order);
        return { ...created, id: String(created.id) as unknown as number };
      }
    }
    const store = new StringIds(postgres.url);
    onTestFinished(() => store.close());
    const messages = producers(store);
    expect(verificationFailures(await verify(messages))).toEqual([
      `storefront → orders-api-events → 'an order.created event': $.orderId: expected an integer (like 1) (rule integer), got "1"`,
    ]);
    await expect(
      runPactVerifier({ provider: PROVIDER, pacts: pactsFor(PROVIDER, PACTS), states: {}, messages }),
    ).rejects.toThrow();
  });
});
