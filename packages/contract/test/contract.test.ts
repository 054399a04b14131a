import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { req } from '@assay/trace';
import fc from 'fast-check';
import { describe, expect, onTestFinished, test } from 'vitest';
import {
  arbitraryFor,
  canIDeploy,
  checkBody,
  checkResponse,
  checkStates,
  readPacts,
  type VerificationResults,
} from '../src/index.ts';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'assay-contract-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const rules = {
  '$.id': { matchers: [{ match: 'integer' }] },
  '$.name': { matchers: [{ match: 'type' }] },
  '$.sku': { matchers: [{ match: 'regex', regex: '^[A-Z]{3}-\\d+$' }] },
  '$.lines': { matchers: [{ match: 'type', min: 1 }] },
  '$.lines[*].qty': { matchers: [{ match: 'integer' }] },
  '$.price': { matchers: [{ match: 'decimal' }] },
  '$.ok': { matchers: [{ match: 'boolean' }] },
};
const example = { id: 1, name: 'ada', sku: 'MUG-1', lines: [{ qty: 2 }], price: 1.5, ok: true, kind: 'order' };

function pactFile(
  dir: string,
  interactions: unknown[] = [
    {
      description: 'a new order',
      providerStates: [{ name: 'no orders' }],
      request: { method: 'POST', path: '/orders', body: { content: example }, matchingRules: { body: rules } },
      response: { status: 201, body: { content: example }, matchingRules: { body: rules } },
    },
  ],
) {
  mkdirSync(join(dir, 'pacts'), { recursive: true });
  const file = join(dir, 'pacts', 'shop-orders.json');
  writeFileSync(
    file,
    JSON.stringify({
      consumer: { name: 'shop' },
      provider: { name: 'orders' },
      interactions,
      metadata: { pactSpecification: { version: '4.0' } },
    }),
  );
  return file;
}

describe('reading pacts', { meta: req('CON-001') }, () => {
  test('a folder of pacts, each with its content hash', () => {
    const dir = folder();
    pactFile(dir);
    const [pact] = readPacts(join(dir, 'pacts'));
    expect(pact).toMatchObject({
      consumer: 'shop',
      provider: 'orders',
      interactions: [{ description: 'a new order' }],
    });
    expect(pact?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('bad input: a missing folder, a corrupt pact, a pact without names, an unknown provider state', () => {
    const dir = folder();
    expect(() => readPacts(join(dir, 'pacts'))).toThrow(
      `no pacts folder at ${join(dir, 'pacts')}: run the consumer tests first (they write their pacts there)`,
    );
    mkdirSync(join(dir, 'pacts'));
    writeFileSync(join(dir, 'pacts', 'broken.json'), '{ "consumer": ');
    expect(() => readPacts(join(dir, 'pacts'))).toThrow(/broken\.json: not valid JSON \(/);
    writeFileSync(join(dir, 'pacts', 'broken.json'), '{ "interactions": [] }');
    expect(() => readPacts(join(dir, 'pacts'))).toThrow(
      'broken.json: not a pact: it needs consumer.name and provider.name',
    );
    rmSync(join(dir, 'pacts', 'broken.json'));
    pactFile(dir);
    expect(() => checkStates(readPacts(join(dir, 'pacts')), { 'an order exists': async () => {} })).toThrow(
      "shop → orders → 'a new order' needs the provider state 'no orders', which orders has no handler for (it has: an order exists)",
    );
  });
});

describe('matching rules', { meta: req('CON-002') }, () => {
  test('values that satisfy the rules match; more keys in the actual body are fine', () => {
    expect(
      checkBody(
        example,
        { ...example, id: 99, name: 'bob', sku: 'CUP-77', lines: [{ qty: 1 }, { qty: 5 }], price: 3.25, extra: 1 },
        rules,
      ),
    ).toEqual([]);
  });

  test('each problem names its path', () => {
    const actual = { id: '1', name: 7, sku: 'mug', lines: [], price: 'x', ok: 'yes', kind: 'refund' };
    expect(checkBody(example, actual, rules)).toEqual([
      '$.id: expected an integer (like 1) (rule integer), got "1"',
      '$.name: expected a string (like "ada") (rule type), got 7',
      '$.sku: expected a string matching /^[A-Z]{3}-\\d+$/ (rule regex), got "mug"',
      '$.lines: expected at least 1 elements (rule type), got 0',
      '$.price: expected a number (like 1.5) (rule decimal), got "x"',
      '$.ok: expected a boolean (rule boolean), got "yes"',
      '$.kind: expected "order", got "refund"',
    ]);
    expect(checkBody(example, { ...example, lines: [{ qty: 1.5 }] }, rules)).toEqual([
      '$.lines[0].qty: expected an integer (like 2) (rule integer), got 1.5',
    ]);
    expect(checkBody({ a: { b: 1 } }, { a: {} }, {})).toEqual(['$.a.b: missing']);
  });

  test('a response: the status first, then content type and body', () => {
    const expected = {
      status: 201,
      headers: { 'Content-Type': ['application/json'] },
      body: { content: example },
      matchingRules: { body: rules },
    };
    expect(checkResponse(expected, { status: 500, contentType: 'application/json', body: {} })).toEqual([
      'status: expected 201, got 500',
    ]);
    expect(checkResponse(expected, { status: 201, contentType: 'text/plain', body: example })).toEqual([
      'header content-type: expected application/json, got text/plain',
    ]);
    expect(
      checkResponse(expected, { status: 201, contentType: 'application/json; charset=utf-8', body: example }),
    ).toEqual([]);
  });
});

describe('offline can-i-deploy', { meta: req('CON-003') }, () => {
  const verification = (sha256: string, ok: boolean): VerificationResults => ({
    schemaVersion: 1,
    provider: 'orders',
    verifiedAt: '2026-11-22T10:00:00.000Z',
    pacts: [
      {
        file: 'shop-orders.json',
        sha256,
        consumer: 'shop',
        provider: 'orders',
        interactions: [
          {
            description: 'a new order',
            states: ['no orders'],
            ok,
            problems: ok ? [] : ['$.id: expected an integer (like 1) (rule integer), got "1"'],
          },
        ],
      },
    ],
  });

  test('verified for this content: ok; failing or verified for other content: not, naming the interaction', () => {
    const dir = folder();
    pactFile(dir);
    const [pact] = readPacts(join(dir, 'pacts'));
    const results = join(dir, 'contracts.json');

    writeFileSync(results, JSON.stringify(verification(pact?.sha256 as string, true)));
    expect(canIDeploy(join(dir, 'pacts'), [results])).toMatchObject({
      ok: true,
      problems: [],
      pacts: [{ status: 'verified' }],
    });

    writeFileSync(results, JSON.stringify(verification(pact?.sha256 as string, false)));
    expect(canIDeploy(join(dir, 'pacts'), [results]).problems).toEqual([
      `shop → orders → 'a new order': failing: $.id: expected an integer (like 1) (rule integer), got "1"`,
    ]);

    writeFileSync(results, JSON.stringify(verification('0'.repeat(64), true)));
    expect(canIDeploy(join(dir, 'pacts'), [results]).problems).toEqual([
      "shop → orders → 'a new order': not verified for this pact's content (run orders's tests)",
    ]);
    expect(canIDeploy(join(dir, 'pacts'), []).ok).toBe(false);
    writeFileSync(results, '{"schemaVersion": 7}');
    expect(() => canIDeploy(join(dir, 'pacts'), [results])).toThrow(
      `${results}: not a verification result of schema version 1`,
    );
  });
});

describe('requests from a pact', { meta: req('CON-004') }, () => {
  test('the matchers decide what varies; the structure and unmatched values stay', () => {
    const values = fc.sample(arbitraryFor(example, rules), { numRuns: 200, seed: 1 }) as (typeof example)[];
    for (const value of values) {
      expect(checkBody(example, value, rules)).toEqual([]);
      expect(value.kind).toBe('order');
    }
    expect(new Set(values.map((v) => v.name)).size).toBeGreaterThan(50);
    expect(values.some((v) => v.lines.length > 1)).toBe(true);
  });
});
