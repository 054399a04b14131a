/**
 * @module-tag unit
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, onTestFinished, test } from 'vitest';
import {
  canIDeploy,
  checkMessage,
  type MessageInteraction,
  type MessageProducers,
  readPacts,
  verificationFailures,
  verificationFiles,
  verifyPacts,
  writeVerification,
} from '../src/index.ts';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'assay-messages-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const created: MessageInteraction = {
  type: 'Asynchronous/Messages',
  description: 'an order.created event',
  contents: { content: { orderId: 1, customer: 'ada' }, contentType: 'application/json' },
  metadata: { contentType: 'application/json', eventType: 'order.created', version: '1' },
  matchingRules: {
    body: { '$.orderId': { matchers: [{ match: 'integer' }] }, '$.customer': { matchers: [{ match: 'type' }] } },
    metadata: { version: { matchers: [{ match: 'regex', regex: '^\\d+$' }] } },
  },
};
const metadata = { contentType: 'application/json', eventType: 'order.created', version: '7' };

/** A pacts folder with one pact from the shop to `provider`, of these interactions. */
function pacts(dir: string, interactions: unknown[], provider = 'orders-events'): string {
  const pactsDir = join(dir, 'pacts');
  mkdirSync(pactsDir, { recursive: true });
  writeFileSync(
    join(pactsDir, `shop-${provider}.json`),
    JSON.stringify({ consumer: { name: 'shop' }, provider: { name: provider }, interactions }),
  );
  return pactsDir;
}

const producing = (contents: unknown): MessageProducers => ({
  'an order.created event': () => ({ contents, metadata }),
});

describe('message pacts', { meta: req('CON-007') }, () => {
  test('read beside HTTP interactions, each by its type; a message without contents or of another type is an error', () => {
    const dir = folder();
    const http = {
      description: 'a new order',
      request: { method: 'POST', path: '/orders' },
      response: { status: 201 },
    };
    const [pact] = readPacts(pacts(dir, [created, http]));
    expect(pact?.interactions).toEqual([{ ...http, type: 'Synchronous/HTTP' }]);
    expect(pact?.messages).toEqual([created]);

    const { contents: _, ...withoutContents } = created;
    expect(() => readPacts(pacts(dir, [withoutContents]))).toThrow(
      "shop-orders-events.json: message 'an order.created event' needs contents",
    );
    expect(() => readPacts(pacts(dir, [{ ...created, metadata: 'json' }]))).toThrow(
      "shop-orders-events.json: message 'an order.created event' has metadata that is not an object",
    );
    expect(() => readPacts(pacts(dir, [{ ...created, type: 'Synchronous/Messages' }]))).toThrow(
      "shop-orders-events.json: interaction 1 is of type 'Synchronous/Messages'; only Synchronous/HTTP and Asynchronous/Messages are verified",
    );
  });

  test('a produced message is checked by the contents’ rules and the metadata’s, each problem naming its path', () => {
    expect(checkMessage(created, { contents: { orderId: 99, customer: 'bob', extra: true }, metadata })).toEqual([]);
    expect(
      checkMessage(created, {
        contents: { orderId: '1', customer: 'ada' },
        metadata: { contentType: 'application/json', eventType: 'order.placed', version: 'v2' },
      }),
    ).toEqual([
      '$.orderId: expected an integer (like 1) (rule integer), got "1"',
      'metadata $.eventType: expected "order.created", got "order.placed"',
      'metadata $.version: expected a string matching /^\\d+$/ (rule regex), got "v2"',
    ]);
    // No content type produced is fine, as in Pact; the other keys are missing.
    expect(checkMessage(created, { contents: { orderId: 1, customer: 'ada' } })).toEqual([
      'metadata $.eventType: missing',
      'metadata $.version: missing',
    ]);
  });

  test('the metadata’s content type, under either name, is compared by media type: parameters only where the contract names them', () => {
    const contents = { orderId: 1, customer: 'ada' };
    const produced = (contentType: Record<string, string>) =>
      checkMessage(created, { contents, metadata: { eventType: 'order.created', version: '7', ...contentType } });
    expect(produced({ contentType: 'application/json; charset=utf-8' })).toEqual([]);
    expect(produced({ 'content-type': 'Application/JSON' })).toEqual([]);
    expect(produced({ contentType: 'text/plain' })).toEqual([
      'metadata $.contentType: expected the media type "application/json" (as contentType), got "text/plain"',
    ]);
    const utf8 = { ...created, metadata: { ...created.metadata, contentType: 'application/json; charset=utf-8' } };
    expect(
      checkMessage(utf8, { contents, metadata: { ...metadata, contentType: 'application/json;charset=UTF-8' } }),
    ).toEqual([]);
    expect(
      checkMessage(utf8, { contents, metadata: { ...metadata, contentType: 'application/json; charset=latin1' } }),
    ).toEqual([
      'metadata $.contentType: expected the media type "application/json; charset=utf-8" (as contentType), got "application/json; charset=latin1"',
    ]);
    // Metadata keys that are not plain names are quoted in paths and rule paths.
    const dotted: MessageInteraction = {
      ...created,
      metadata: { 'x.kind': 'order' },
      matchingRules: { metadata: { 'x.kind': { matchers: [{ match: 'regex', regex: '^[a-z]+$' }] } } },
    };
    expect(checkMessage(dotted, { contents, metadata: { 'x.kind': 'refund' } })).toEqual([]);
    expect(checkMessage(dotted, { contents, metadata: { 'x.kind': 'Order-1' } })).toEqual([
      `metadata $['x.kind']: expected a string matching /^[a-z]+$/ (rule regex), got "Order-1"`,
    ]);
  });

  test('verifyPacts makes each message with its producer; a missing producer or a missing baseUrl is an error first', async () => {
    const dir = folder();
    const pactsDir = pacts(dir, [created]);
    const ok = await verifyPacts({
      provider: 'orders-events',
      pactsDir,
      states: {},
      messages: producing({ orderId: 2, customer: 'ada' }),
    });
    expect(ok.pacts[0]?.interactions).toEqual([
      { description: 'an order.created event', states: [], ok: true, problems: [] },
    ]);
    const failing = await verifyPacts({
      provider: 'orders-events',
      pactsDir,
      states: {},
      messages: producing({ orderId: '2', customer: 'ada' }),
    });
    expect(verificationFailures(failing)).toEqual([
      `shop → orders-events → 'an order.created event': $.orderId: expected an integer (like 1) (rule integer), got "2"`,
    ]);
    await expect(verifyPacts({ provider: 'orders-events', pactsDir, states: {}, messages: {} })).rejects.toThrow(
      "shop → orders-events → 'an order.created event' is a message orders-events has no producer for (it has: none)",
    );
    const http = {
      description: 'a new order',
      request: { method: 'POST', path: '/orders' },
      response: { status: 201 },
    };
    await expect(
      verifyPacts({ provider: 'orders', pactsDir: pacts(folder(), [http], 'orders'), states: {} }),
    ).rejects.toThrow("shop → orders → 'a new order' is an HTTP interaction: verifying orders needs its baseUrl");
  });

  test('can-i-deploy: a failing message makes its pact undeployable, naming the message; the newest result counts', async () => {
    const dir = folder();
    const pactsDir = pacts(dir, [created]);
    const workspace = join(dir, 'apps', 'orders');
    const verify = (contents: unknown) =>
      verifyPacts({ provider: 'orders-events', pactsDir, states: {}, messages: producing(contents) });

    // An older, passing run of the same content, under another file name.
    const older = { ...(await verify({ orderId: 1, customer: 'ada' })), verifiedAt: '2026-01-01T00:00:00.000Z' };
    writeFileSync(join(dir, 'old.json'), JSON.stringify(older));
    // The newer, failing run: both times are given, so which is newer does not depend on the clock.
    const newer = { ...(await verify({ orderId: '1', customer: 'ada' })), verifiedAt: '2026-01-02T00:00:00.000Z' };
    const file = writeVerification(workspace, newer);
    expect(file).toBe(join(workspace, '.vitest', 'assay', 'contracts.orders-events.json'));
    expect(verificationFiles(workspace)).toEqual([file]);
    expect(verificationFiles(join(dir, 'nowhere'))).toEqual([]);

    const check = canIDeploy(pactsDir, [join(dir, 'old.json'), file]);
    expect(check.ok).toBe(false);
    expect(check.pacts).toEqual([
      {
        file: 'shop-orders-events.json',
        consumer: 'shop',
        provider: 'orders-events',
        status: 'failing',
        interactions: [
          {
            description: 'an order.created event',
            type: 'Asynchronous/Messages',
            status: 'failing',
            problems: ['$.orderId: expected an integer (like 1) (rule integer), got "1"'],
          },
        ],
      },
    ]);
    expect(check.problems).toEqual([
      `shop → orders-events → 'an order.created event': failing: $.orderId: expected an integer (like 1) (rule integer), got "1"`,
    ]);
  });
});
