/**
 * @module-tag property
 *
 * Differential test: generated contracts (an example body and its rules, across the V4 rules, a
 * status rule, a header rule) and responses (some made to match, some not), each checked by Assay's
 * matcher and by Pact's own verifier; they must agree on pass or fail. A disagreement is shrunk and
 * printed with the contract, the response and both verdicts.
 */
import { assertProperty, currentProfile } from '@assay/property';
import { req } from '@assay/trace';
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { checkResponse } from '../src/matching.ts';
import type { MatchingRule, Rules } from '../src/pact-file.ts';
import { type Case, pactOracle, type Verdict } from './support/pact-oracle.ts';

/** An example at `$.v`, its rules (paths from `$.v`), and values for it: ones meant to match, and others. */
interface Spec {
  readonly example: unknown;
  readonly rules: Rules;
  readonly matching: fc.Arbitrary<unknown>;
}

const key = fc.constantFrom('a', 'b', 'id', 'ab', 'X1');
// Numbers both sides read alike: no -0, nothing past 2^53 or written with an exponent.
const integer = fc.integer({ min: -1000, max: 1000 });
const decimal = fc.double({ min: -1000, max: 1000, noNaN: true }).filter((x) => !Number.isInteger(x));
const scalar = fc.oneof(integer, decimal, fc.string({ maxLength: 5 }), fc.boolean(), fc.constant(null));
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('json'), { maxLength: 3 }),
    fc.dictionary(key, tie('json'), { maxKeys: 3 }),
  ),
}));

const at = (...matchers: MatchingRule[]): Rules => ({ '$.v': { matchers } });
const spec = (example: unknown, rules: Rules, matching: fc.Arbitrary<unknown>): Spec => ({ example, rules, matching });

/** Strings shaped like a date format, its fields' digits free: in range or not, in the right month or not. */
function dateShaped(format: string): fc.Arbitrary<string> {
  const parts = format.match(/'[^']*'|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  const pieces = parts.map((part): fc.Arbitrary<string> => {
    if (part.startsWith("'")) return fc.constant(part.slice(1, -1));
    if (/^(E{3,}|M{3,})$/.test(part)) return fc.constantFrom('Mon', 'Wed', 'Jan', 'Feb', 'Jun', 'Xyz');
    if (part === 'a') return fc.constantFrom('am', 'PM', 'xm');
    if (/^[XZ]+$/.test(part)) return fc.constantFrom('Z', '+05:30', '-0700', '+12:00', '+0530');
    if (/^[A-Za-z]+$/.test(part)) return fc.integer({ min: 0, max: 10 ** (part.length + 1) - 1 }).map(String);
    return fc.constant(part);
  });
  return fc.tuple(...pieces).map((strings) => strings.join(''));
}

const DATE_FORMATS = [
  ['date', 'yyyy-MM-dd'],
  ['date', 'dd/MM/yyyy'],
  ['date', 'EEE, d MMM yyyy'],
  ['time', 'HH:mm:ss'],
  ['time', 'h:mm a'],
  ['timestamp', "yyyy-MM-dd'T'HH:mm:ssXXX"],
  ['datetime', "yyyy-MM-dd'T'HH:mm:ss.SSSZ"],
] as const;

const specs: fc.Arbitrary<Spec> = fc.oneof(
  scalar.map((example) => spec(example, at({ match: 'type' }), scalar)),
  fc
    .record({ min: fc.integer({ min: 0, max: 2 }), max: fc.integer({ min: 2, max: 4 }) })
    .map(({ min, max }) =>
      spec(
        [1, 2],
        { ...at({ match: 'type', min, max }), '$.v[*]': { matchers: [{ match: 'integer' }] } },
        fc.array(integer, { maxLength: 5 }),
      ),
    ),
  json.map((example) => spec(example, at({ match: 'equality' }), fc.constant(example))),
  fc
    .constantFrom('^\\d+$', '^[a-z]{2,4}$', 'x', '^r-\\d+$')
    .map((regex) =>
      spec('r-1', at({ match: 'regex', regex }), fc.oneof(fc.stringMatching(new RegExp(regex)), integer)),
    ),
  fc.constantFrom('ab', '1').map((value) =>
    spec(
      'ab',
      at({ match: 'include', value }),
      fc.string().map((s) => `${s}${value}`),
    ),
  ),
  fc.constantFrom('integer', 'decimal', 'number').map((match) => spec(1.5, at({ match }), fc.oneof(integer, decimal))),
  fc.constant(spec(true, at({ match: 'boolean' }), fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', 'yes')))),
  fc.constant(spec(null, at({ match: 'null' }), fc.constant(null))),
  fc.constantFrom(...DATE_FORMATS).map(([match, format]) => spec('x', at({ match, format }), dateShaped(format))),
  fc.constant(
    spec(
      '1.0.0',
      at({ match: 'semver' }),
      fc.oneof(
        fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map((parts) => parts.join('.')),
        fc.stringMatching(/^v?\d{1,2}(\.\d{1,2}){0,3}(-[a-z0-9.]{0,4})?$/),
      ),
    ),
  ),
  fc.constantFrom('x', [1], { a: 1 }).map((example) => spec(example, at({ match: 'notEmpty' }), json)),
  fc.constant(
    spec(
      { a: 1 },
      { ...at({ match: 'values' }), '$.v.*': { matchers: [{ match: 'integer' }] } },
      fc.dictionary(key, fc.oneof(integer, decimal)),
    ),
  ),
  fc.constant(
    spec(
      { a: 1 },
      at({ match: 'eachValue', rules: [{ match: 'integer' }] }),
      fc.dictionary(key, fc.oneof(integer, decimal)),
    ),
  ),
  fc.constant(
    spec(
      [1],
      at({ match: 'eachValue', rules: [{ match: 'integer' }] }),
      fc.array(fc.oneof(integer, decimal), { maxLength: 3 }),
    ),
  ),
  fc.constant(
    spec(
      { ab: 1 },
      at({ match: 'eachKey', rules: [{ match: 'regex', regex: '^[a-z]+$' }] }),
      fc.dictionary(key, integer),
    ),
  ),
  fc.constant(
    spec(
      [{ id: 1 }, { n: 'a' }],
      at({
        match: 'arrayContains',
        variants: [
          { index: 0, rules: { '$.id': { matchers: [{ match: 'integer' }] } } },
          { index: 1, rules: { '$.n': { matchers: [{ match: 'type' }] } } },
        ],
      }),
      fc.array(fc.oneof(fc.record({ id: fc.oneof(integer, fc.string()) }), fc.record({ n: scalar }), fc.constant({})), {
        maxLength: 3,
      }),
    ),
  ),
  fc.constant(
    spec(
      1,
      { '$.v': { combine: 'OR', matchers: [{ match: 'integer' }, { match: 'regex', regex: '^n/a$' }] } },
      fc.oneof(integer, fc.constant('n/a'), decimal),
    ),
  ),
  // Cascading: a type rule on an object reaches its values; without rules, equal values and the keys.
  fc.constant(
    spec(
      { a: 'x', b: [1] },
      at({ match: 'type' }),
      fc.record({ a: scalar, b: fc.array(scalar, { maxLength: 2 }) }, { requiredKeys: ['b'] }),
    ),
  ),
  json.map((example) => spec(example, {}, fc.constant(example))),
);

/** What the case varies besides the body: the status and a header, each with or without a rule. */
const extras = fc.record({
  statusRule: fc.option(fc.constantFrom<string | number[]>('success', 'clientError', [200, 201]), { nil: undefined }),
  status: fc.constantFrom(200, 201, 404, 500),
  headerRule: fc.boolean(),
  header: fc.option(fc.constantFrom('r-1', 'r-42', 'x'), { nil: undefined }),
});

const cases: fc.Arbitrary<Case> = fc.tuple(specs, extras).chain(([s, extra]) =>
  fc.oneof(s.matching, json).map((value): Case => {
    return {
      expected: {
        status: 200,
        headers: { 'Content-Type': ['application/json'], 'X-Id': ['r-1'] },
        body: { content: { v: s.example } },
        matchingRules: {
          body: s.rules,
          ...(extra.headerRule ? { header: { 'X-Id': { matchers: [{ match: 'regex', regex: '^r-\\d+$' }] } } } : {}),
          ...(extra.statusRule === undefined
            ? {}
            : { status: { matchers: [{ match: 'statusCode', status: extra.statusRule }] } }),
        },
      },
      actual: {
        status: extra.statusRule === undefined ? 200 : extra.status,
        headers: {
          'content-type': 'application/json',
          ...(extra.header === undefined ? {} : { 'x-id': extra.header }),
        },
        body: { v: value },
      },
    };
  }),
);

const oracle = pactOracle();
afterAll(() => oracle.close());

/** Cases per verifier run: one run costs ~50 ms before its first case, ~20 ms a case after. */
const BATCH = 20;

test('Assay’s matcher and Pact’s verifier agree on every generated contract and response', {
  meta: req('CON-006'),
}, async (context) => {
  // The profile's runs count cases: its runs / 10 batches of 1–20 cases, ~10 a batch. Pact verifies
  // ~50 cases a second, so generating stops after 20 s (the cases run by then count) to stay within
  // the property category's 30 s: the thorough profile's 1,000 cases get about 700.
  const profile = currentProfile();
  await assertProperty(
    fc.asyncProperty(fc.array(cases, { minLength: 1, maxLength: BATCH }), async (batch) => {
      const verdicts = await oracle.verdicts(batch);
      batch.forEach((c, i) => {
        const pact = verdicts[i] as Verdict;
        const assay = checkResponse(c.expected, {
          status: c.actual.status,
          contentType: c.actual.headers['content-type'] ?? null,
          body: c.actual.body,
          headers: c.actual.headers,
        });
        // One line: the property's report shows an error's first line under the counterexample.
        expect(
          assay.length === 0,
          `Assay (${assay.join('; ') || 'ok'}) and Pact (${pact.mismatches.join('; ') || 'ok'}) disagree on case ${i} of the counterexample`,
        ).toBe(pact.ok);
      });
    }),
    {
      context,
      profile: {
        ...profile,
        numRuns: Math.ceil(profile.numRuns / 10),
        timeLimitMs: Math.min(profile.timeLimitMs, 20_000),
      },
    },
  );
});
