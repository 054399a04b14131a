/**
 * @module-tag property
 *
 * Differential test: generated contracts (an example body and its rules, across the V4 rules and
 * the regex syntax Pact reads, a status rule, header rules and headers of several values) and
 * responses (some made to match, some not), each checked by Assay's matcher and by Pact's own
 * verifier; they must agree on pass or fail. Status and headers are right in most cases, so the body
 * decides most. A disagreement is shrunk and printed with the contract, the response and both verdicts.
 */
import { existsSync } from 'node:fs';
import { assertProperty, currentProfile, type Profile } from '@assay/property';
import { req } from '@assay/trace';
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { kind } from '../src/matching/json.ts';
import { checkResponse } from '../src/matching.ts';
import type { MatchingRule, Rules } from '../src/pact-file.ts';
import { type Case, pactOracle, type Verdict } from './support/pact-oracle.ts';

/** An example at `$.v`, its rules (paths from `$.v`), and values for it: ones meant to match, and others. */
interface Spec {
  readonly example: unknown;
  readonly rules: Rules;
  readonly matching: fc.Arbitrary<unknown>;
  /** Values not made to match (any JSON by default). */
  readonly others?: fc.Arbitrary<unknown>;
}

const key = fc.constantFrom('a', 'b', 'id', 'ab', 'X1');
// Numbers both sides read alike: no -0, nothing past 2^53 or written with an exponent.
const integer = fc.integer({ min: -1000, max: 1000 });
// Thousandths: JSON writes them without an exponent, and both sides read them back alike.
const decimal = fc
  .integer({ min: -1_000_000, max: 1_000_000 })
  .filter((n) => n % 1000 !== 0)
  .map((n) => n / 1000);
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
  // Paths of the same length: `$.v` wins for v, so `$.*`'s eachKey checks no key and its values
  // compares no new key. (Whether a missing expected key is freed, Pact decides by a hash map's order,
  // differently from run to run: every object here has the example's key `ab`.)
  ...[{ match: 'eachKey', rules: [{ match: 'regex', regex: '[a-z]+' }] }, { match: 'values' }].map((rule) =>
    fc.constant({
      ...spec(
        { ab: 1 },
        { ...at({ match: 'type' }), '$.*': { matchers: [rule] } },
        fc.tuple(integer, fc.dictionary(key, scalar, { maxKeys: 3 })).map(([ab, more]) => ({ ...more, ab })),
      ),
      others: json.filter((value) => kind(value) !== 'object' || 'ab' in (value as object)),
    }),
  ),
  // values and eachValue with several keys: a new key is compared with the first key in sorted order.
  fc.constant(spec({ b: 1, a: 'x' }, at({ match: 'values' }), fc.dictionary(key, fc.oneof(integer, fc.string())))),
  fc.constant(
    spec(
      { b: 1, a: 'x' },
      at({ match: 'eachValue', rules: [{ match: 'type' }] }),
      fc.dictionary(key, fc.oneof(integer, fc.string())),
    ),
  ),
  // Regex syntax Pact's engine reads and JavaScript reads otherwise (or not at all).
  fc
    .constantFrom(
      '(?i)^[a-z]+$',
      '[[:digit:]]+',
      '[[:alpha:]]+',
      '\\Ar-\\d+\\z',
      '^\\p{L}+$',
      '^\\w+$',
      '\\d+',
      '.',
      '[^a-z]+',
      '(?i:r)-\\d',
    )
    .map((regex) =>
      spec(
        'r-1',
        at({ match: 'regex', regex }),
        fc.constantFrom('abc', 'ABC', 'héllo', '١٢', '12', 'r-1', 'R-1', 'a_b', 'x y', 'ü1', '😀', ''),
      ),
    ),
);

/** A response header's values: one line, or several (each sent as its own header line). */
type HeaderValue = string | readonly string[];

/** The status and a header, with or without rules: right in most cases, so the body decides most. */
interface Extras {
  readonly statusRule: string | number[] | undefined;
  readonly status: number;
  /** The contract's X-Id header rule, keyed as Pact reads it (by name, any case) or not (a JSON path). */
  readonly headerRuleKey: string | undefined;
  readonly header: HeaderValue | undefined;
  /** A header the contract expects with several values (or one with a comma), and the response's. */
  readonly list?: {
    readonly name: string;
    readonly expected: readonly string[];
    readonly actual: HeaderValue | undefined;
  };
}

const rightExtras = fc.record<Extras>({
  statusRule: fc.option(fc.constantFrom<string | number[]>('success', [200, 201]), { nil: undefined }),
  status: fc.constant(200),
  headerRuleKey: fc.option(fc.constantFrom('X-Id', 'x-id'), { nil: undefined }),
  header: fc.constant('r-1'),
});
const anyExtras = fc.record<Extras>(
  {
    statusRule: fc.option(fc.constantFrom<string | number[]>('success', 'clientError', [200, 201]), { nil: undefined }),
    status: fc.constantFrom(200, 201, 404, 500),
    headerRuleKey: fc.option(fc.constantFrom('X-Id', 'x-id', '$.X-Id', "$['X-Id']"), { nil: undefined }),
    header: fc.option(fc.constantFrom<HeaderValue>('r-1', 'r-42', 'x', ['r-1', 'r-2']), { nil: undefined }),
    list: fc.record({
      name: fc.constantFrom('X-Tags', 'Vary', 'Cache-Control'),
      expected: fc.constantFrom<readonly string[]>(['a', 'b'], ['a'], ['a, b']),
      actual: fc.option(fc.constantFrom<HeaderValue>('a, b', 'a,b', 'a', 'b, a', ['a', 'b']), { nil: undefined }),
    }),
  },
  { requiredKeys: ['statusRule', 'status', 'headerRuleKey', 'header'] },
);
/** One case in 8 has its status or headers free to be wrong. */
const extras = fc.oneof({ weight: 7, arbitrary: rightExtras }, { weight: 1, arbitrary: anyExtras });

const cases: fc.Arbitrary<Case> = fc.tuple(specs, extras).chain(([s, extra]) =>
  fc.oneof(s.matching, s.others ?? json).map((value): Case => {
    return {
      expected: {
        status: 200,
        headers: {
          'Content-Type': ['application/json'],
          'X-Id': ['r-1'],
          ...(extra.list ? { [extra.list.name]: [...extra.list.expected] } : {}),
        },
        body: { content: { v: s.example } },
        matchingRules: {
          body: s.rules,
          ...(extra.headerRuleKey === undefined
            ? {}
            : { header: { [extra.headerRuleKey]: { matchers: [{ match: 'regex', regex: '^r-\\d+$' }] } } }),
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
          ...(extra.list?.actual === undefined ? {} : { [extra.list.name.toLowerCase()]: extra.list.actual }),
        },
        body: { v: value },
      },
    };
  }),
);

const oracle = pactOracle();
afterAll(async () => {
  await oracle.close();
  // The worker's pact files and the oracle's folder are gone.
  expect(existsSync(oracle.dir)).toBe(false);
});

/** Cases per verifier run: one run costs ~50 ms before its first case, ~20 ms a case after. */
const BATCH = 20;

/**
 * Verifier runs per profile: a tenth of its runs (~10 cases each), at most 60 — the default profile's
 * 10 runs take ~2 s, the thorough profile's 60 (~600 cases) ~9 s, well within the property category's
 * 30 s. A fixed count, never a time limit: what is tested does not depend on how busy the machine is.
 */
const BATCHES = (profile: Profile) => Math.min(Math.ceil(profile.numRuns / 10), 60);

/** The response as Assay's matcher sees it: a header's lines joined as fetch joins them. */
function asAnswer(actual: Case['actual']) {
  const headers = Object.fromEntries(
    Object.entries(actual.headers).map(([name, value]) => [name, typeof value === 'string' ? value : value.join(', ')]),
  );
  return { status: actual.status, contentType: headers['content-type'] ?? null, body: actual.body, headers };
}

test('Assay’s matcher and Pact’s verifier agree on every generated contract and response', {
  meta: req('CON-006'),
}, async (context) => {
  const profile = currentProfile();
  await assertProperty(
    fc.asyncProperty(fc.array(cases, { minLength: 1, maxLength: BATCH }), async (batch) => {
      const verdicts = await oracle.verdicts(batch);
      batch.forEach((c, i) => {
        const pact = verdicts[i] as Verdict;
        const assay = checkResponse(c.expected, asAnswer(c.actual));
        // One line: the property's report shows an error's first line under the counterexample.
        expect(
          assay.length === 0,
          `Assay (${assay.join('; ') || 'ok'}) and Pact (${pact.mismatches.join('; ') || 'ok'}) disagree on case ${i} of the counterexample`,
        ).toBe(pact.ok);
      });
    }),
    {
      context,
      // No time limit (the longest a timer allows): the cases are counted, not timed.
      profile: { ...profile, numRuns: BATCHES(profile), timeLimitMs: 2 ** 31 - 1 },
    },
  );
});
