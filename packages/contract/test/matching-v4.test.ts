/**
 * @module-tag unit
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { checkBody, checkResponse } from '../src/index.ts';

type Rules = NonNullable<Parameters<typeof checkBody>[2]>;
type Matcher = Rules[string]['matchers'][number];

const at = (path: string, ...matchers: Matcher[]): Rules => ({ [path]: { matchers } });

describe('the V4 rules beyond types: a match and a mismatch naming path and rule', { meta: req('CON-005') }, () => {
  test('decimal: a number with a fractional part, as Pact (an integer is not a decimal)', () => {
    const rules = at('$.price', { match: 'decimal' });
    expect(checkBody({ price: 1.5 }, { price: 0.25 }, rules)).toEqual([]);
    expect(checkBody({ price: 1.5 }, { price: 3 }, rules)).toEqual([
      '$.price: expected a number with a fractional part (rule decimal), got 3',
    ]);
  });

  test('regex and include read a number or boolean as its JSON text, as Pact does', () => {
    expect(checkBody({ v: '1' }, { v: 123 }, at('$.v', { match: 'regex', regex: '^\\d+$' }))).toEqual([]);
    expect(checkBody({ v: '1' }, { v: true }, at('$.v', { match: 'regex', regex: '^\\d+$' }))).toEqual([
      '$.v: expected a string matching /^\\d+$/ (rule regex), got true',
    ]);
    expect(checkBody({ v: 'a' }, { v: 3123 }, at('$.v', { match: 'include', value: '12' }))).toEqual([]);
  });

  test('boolean: also the strings "true" and "false", as Pact', () => {
    const rules = at('$.ok', { match: 'boolean' });
    expect(checkBody({ ok: true }, { ok: 'false' }, rules)).toEqual([]);
    expect(checkBody({ ok: true }, { ok: 'yes' }, rules)).toEqual([
      '$.ok: expected a boolean (rule boolean), got "yes"',
    ]);
  });

  test('date: in the rule’s format, its day one the month has', () => {
    const rules = at('$.createdAt', { match: 'date', format: 'yyyy-MM-dd' });
    expect(checkBody({ createdAt: '2026-01-02' }, { createdAt: '2024-02-29' }, rules)).toEqual([]);
    expect(checkBody({ createdAt: '2026-01-02' }, { createdAt: '01/02/2026' }, rules)).toEqual([
      '$.createdAt: expected a date in format yyyy-MM-dd (rule date), got "01/02/2026"',
    ]);
    expect(checkBody({ createdAt: '2026-01-02' }, { createdAt: '2026-02-29' }, rules)).toEqual([
      '$.createdAt: expected a date in format yyyy-MM-dd (rule date), got "2026-02-29"',
    ]);
    // Without a format, yyyy-MM-dd; names of months and days, in any case.
    expect(checkBody({ d: 'x' }, { d: '2026-12-31' }, at('$.d', { match: 'date' }))).toEqual([]);
    const named = at('$.d', { match: 'date', format: 'EEE, d MMM yyyy' });
    expect(checkBody({ d: 'x' }, { d: 'wed, 4 JUL 2001' }, named)).toEqual([]);
    expect(checkBody({ d: 'x' }, { d: 'Wed, 4 Julio 2001' }, named)).toEqual([
      '$.d: expected a date in format EEE, d MMM yyyy (rule date), got "Wed, 4 Julio 2001"',
    ]);
  });

  test('time: hours, minutes, seconds and fractions in range', () => {
    const rules = at('$.t', { match: 'time', format: 'HH:mm:ss.SSS' });
    expect(checkBody({ t: 'x' }, { t: '23:59:60.999' }, rules)).toEqual([]);
    expect(checkBody({ t: 'x' }, { t: '24:00:00.000' }, rules)).toEqual([
      '$.t: expected a time in format HH:mm:ss.SSS (rule time), got "24:00:00.000"',
    ]);
    const twelve = at('$.t', { match: 'time', format: 'h:mm a' });
    expect(checkBody({ t: 'x' }, { t: '12:08 pm' }, twelve)).toEqual([]);
    expect(checkBody({ t: 'x' }, { t: '13:08 pm' }, twelve)).toEqual([
      '$.t: expected a time in format h:mm a (rule time), got "13:08 pm"',
    ]);
  });

  test('timestamp and datetime: with zone offsets, Z for zero', () => {
    const format = "yyyy-MM-dd'T'HH:mm:ssXXX";
    for (const match of ['timestamp', 'datetime']) {
      const rules = at('$.at', { match, format });
      expect(checkBody({ at: 'x' }, { at: '2026-01-02T10:00:00Z' }, rules)).toEqual([]);
      expect(checkBody({ at: 'x' }, { at: '2026-01-02T10:00:00+05:30' }, rules)).toEqual([]);
      expect(checkBody({ at: 'x' }, { at: '2026-01-02 10:00:00' }, rules)).toEqual([
        `$.at: expected a timestamp in format ${format} (rule timestamp), got "2026-01-02 10:00:00"`,
      ]);
    }
    const millis = at('$.at', { match: 'timestamp', format: "yyyy-MM-dd'T'HH:mm:ss.SSSZ" });
    expect(checkBody({ at: 'x' }, { at: '2001-07-04T12:08:56.235-0700' }, millis)).toEqual([]);
  });

  test('semver: a strict semantic version', () => {
    const rules = at('$.v', { match: 'semver' });
    expect(checkBody({ v: '1.0.0' }, { v: '10.2.3-rc.1+build.5' }, rules)).toEqual([]);
    expect(checkBody({ v: '1.0.0' }, { v: '1.2' }, rules)).toEqual([
      '$.v: expected a semantic version (rule semver), got "1.2"',
    ]);
    expect(checkBody({ v: '1.0.0' }, { v: '01.2.3' }, rules)).toEqual([
      '$.v: expected a semantic version (rule semver), got "01.2.3"',
    ]);
  });

  test('contentType: a value whose content is of the media type', () => {
    expect(
      checkBody({ v: 'x' }, { v: 'plain words' }, at('$.v', { match: 'contentType', value: 'text/plain' })),
    ).toEqual([]);
    expect(
      checkBody({ v: 'x' }, { v: 'plain words' }, at('$.v', { match: 'contentType', value: 'application/json' })),
    ).toEqual(['$.v: expected content of type application/json (rule contentType), got "plain words"']);
  });

  test('notEmpty: not null, not "", not [] or {}', () => {
    expect(checkBody({ v: 'a' }, { v: 'b' }, at('$.v', { match: 'notEmpty' }))).toEqual([]);
    expect(checkBody({ v: 'a' }, { v: '' }, at('$.v', { match: 'notEmpty' }))).toEqual([
      '$.v: expected a value that is not empty (rule notEmpty), got ""',
    ]);
    expect(checkBody({ v: [1] }, { v: [] }, at('$.v', { match: 'notEmpty' }))).toEqual([
      '$.v: expected an array that is not empty (rule notEmpty), got []',
    ]);
  });

  test('values: an object’s keys are free, each value like the example’s (its own, or the first)', () => {
    const rules: Rules = { ...at('$.stock', { match: 'values' }), ...at('$.stock.*', { match: 'integer' }) };
    expect(checkBody({ stock: { 'MUG-1': 3 } }, { stock: { 'CUP-9': 0, 'PEN-2': 12 } }, rules)).toEqual([]);
    expect(checkBody({ stock: { 'MUG-1': 3 } }, { stock: { 'CUP-9': 0.5 } }, rules)).toEqual([
      '$.stock.CUP-9: expected an integer (like 3) (rule integer), got 0.5',
    ]);
  });

  test('eachKey: every key satisfies the rules; expected keys may be absent', () => {
    const rules = at('$.prices', { match: 'eachKey', rules: [{ match: 'regex', regex: '^[A-Z]{3}-\\d+$' }] });
    expect(checkBody({ prices: { 'MUG-1': 3 } }, { prices: { 'CUP-9': 5 } }, rules)).toEqual([]);
    expect(checkBody({ prices: { 'MUG-1': 3 } }, { prices: { cup: 5 } }, rules)).toEqual([
      '$.prices.cup: key "cup" does not match /^[A-Z]{3}-\\d+$/ (rule eachKey)',
    ]);
  });

  test('eachValue: every value of an object or array satisfies the rules', () => {
    const rules = at('$.qty', { match: 'eachValue', rules: [{ match: 'integer' }] });
    expect(checkBody({ qty: [1] }, { qty: [1, 2, 3] }, rules)).toEqual([]);
    expect(checkBody({ qty: [1] }, { qty: [1, 'x'] }, rules)).toEqual([
      '$.qty[1]: expected an integer (like 1) (rule integer), got "x"',
    ]);
    expect(checkBody({ qty: { a: 1 } }, { qty: { b: 2, c: 2.5 } }, rules)).toEqual([
      '$.qty.c: expected an integer (like 1) (rule integer), got 2.5',
    ]);
  });

  test('arrayContains: each variant, with its own rules, matches some element, in any order', () => {
    const rules = at('$.events', {
      match: 'arrayContains',
      variants: [
        { index: 0, rules: at('$.id', { match: 'integer' }) },
        { index: 1, rules: {} },
      ],
    });
    const expected = { events: [{ id: 1, kind: 'created' }, { kind: 'paid' }] };
    expect(
      checkBody(expected, { events: [{ kind: 'paid' }, { id: 7, kind: 'created' }, { other: true }] }, rules),
    ).toEqual([]);
    expect(checkBody(expected, { events: [{ id: 7, kind: 'created' }] }, rules)).toEqual([
      '$.events: expected an element like {"kind":"paid"} (rule arrayContains, variant 1), got [{"id":7,"kind":"created"}]',
    ]);
  });

  test('combine OR: one of the rules is enough; AND (the default) needs all', () => {
    const matchers: Matcher[] = [{ match: 'integer' }, { match: 'regex', regex: '^n/a$' }];
    const or: Rules = { '$.v': { combine: 'OR', matchers } };
    expect(checkBody({ v: 1 }, { v: 'n/a' }, or)).toEqual([]);
    expect(checkBody({ v: 1 }, { v: 7 }, or)).toEqual([]);
    expect(checkBody({ v: 1 }, { v: 'x' }, or)).toEqual([
      '$.v: expected an integer (like 1) (rule integer), got "x"',
      '$.v: expected a string matching /^n/a$/ (rule regex), got "x"',
    ]);
    expect(checkBody({ v: 1 }, { v: 7 }, { '$.v': { combine: 'AND', matchers } })).toEqual([
      '$.v: expected a string matching /^n/a$/ (rule regex), got 7',
    ]);
  });
});

describe('a response’s status and headers by their rules', { meta: req('CON-005') }, () => {
  const json = { 'Content-Type': ['application/json'] };

  test('statusCode: a class of statuses or a list of codes', () => {
    const success = {
      status: 200,
      matchingRules: { status: { matchers: [{ match: 'statusCode', status: 'success' }] } },
    };
    expect(checkResponse(success, { status: 204, contentType: null, body: undefined })).toEqual([]);
    expect(checkResponse(success, { status: 302, contentType: null, body: undefined })).toEqual([
      'status: expected a success status (200–299) (rule statusCode), got 302',
    ]);
    const listed = {
      status: 200,
      matchingRules: { status: { matchers: [{ match: 'statusCode', status: [200, 201] }] } },
    };
    expect(checkResponse(listed, { status: 201, contentType: null, body: undefined })).toEqual([]);
    expect(checkResponse(listed, { status: 202, contentType: null, body: undefined })).toEqual([
      'status: expected one of the statuses 200, 201 (rule statusCode), got 202',
    ]);
  });

  test('every expected header, found by name in any case, by its rules or its value', () => {
    const expected = {
      status: 200,
      headers: { ...json, 'X-Request-Id': ['r-1'], 'Cache-Control': ['no-store', 'private'] },
      matchingRules: { header: at('X-Request-Id', { match: 'regex', regex: '^r-\\d+$' }) },
    };
    const answer = (headers: Record<string, string>) => ({
      status: 200,
      contentType: headers['content-type'] ?? null,
      body: null,
      headers,
    });
    expect(
      checkResponse(
        expected,
        answer({ 'content-type': 'application/json', 'x-request-id': 'r-42', 'cache-control': 'no-store,private' }),
      ),
    ).toEqual([]);
    expect(checkResponse(expected, answer({ 'content-type': 'application/json', 'x-request-id': 'req-1' }))).toEqual([
      'header x-request-id: expected a string matching /^r-\\d+$/ (rule regex), got "req-1"',
      'header cache-control: expected no-store, private, got none',
    ]);
    expect(
      checkResponse(
        expected,
        answer({ 'content-type': 'application/json', 'x-request-id': 'r-1', 'cache-control': 'no-cache' }),
      ),
    ).toEqual([
      'header cache-control: expected "no-store", got "no-cache" (value 0); expected "private", got none (value 1)',
    ]);
  });

  test("header rules are keyed by the header’s name only: Pact reads no $.X-Id or $['X-Id'] key there", () => {
    const expected = (key: string) => ({
      status: 200,
      headers: { 'X-Id': ['r-1'] },
      matchingRules: { header: at(key, { match: 'regex', regex: '^r-\\d+$' }) },
    });
    const answer = { status: 200, contentType: null, body: null, headers: { 'x-id': 'r-42' } };
    expect(checkResponse(expected('X-Id'), answer)).toEqual([]);
    expect(checkResponse(expected('x-id'), answer)).toEqual([]);
    // Not the header's rules: its value is compared.
    for (const key of ['$.X-Id', "$['X-Id']"]) {
      expect(checkResponse(expected(key), answer)).toEqual(['header x-id: expected "r-1", got "r-42"']);
    }
  });

  test('a header of several values is compared value by value, as Pact; only list headers (Vary, Accept, …) are split at commas', () => {
    const expected = (name: string, values: string[], rules?: Rules) => ({
      status: 200,
      headers: { [name]: values },
      ...(rules ? { matchingRules: { header: rules } } : {}),
    });
    const answer = (name: string, value: string) => ({
      status: 200,
      contentType: null,
      body: null,
      headers: { [name]: value },
    });
    expect(checkResponse(expected('Vary', ['a', 'b']), answer('vary', 'a, b'))).toEqual([]);
    expect(checkResponse(expected('Vary', ['a', 'b']), answer('vary', 'b, a'))).toEqual([
      'header vary: expected "a", got "b" (value 0); expected "b", got "a" (value 1)',
    ]);
    expect(checkResponse(expected('Accept', ['a/b', 'c/d']), answer('accept', 'a/b, c/d, e/f'))).toEqual([
      'header accept: an unexpected value "e/f" (value 2)',
    ]);
    // A list header written as one value with a comma is one value: the response's two differ from it.
    expect(
      checkResponse(expected('Cache-Control', ['no-store, private']), answer('cache-control', 'no-store, private')),
    ).toEqual([
      'header cache-control: expected "no-store, private", got "no-store" (value 0); an unexpected value "private" (value 1)',
    ]);
    // Any other header is one value, commas and all.
    expect(checkResponse(expected('X-Tags', ['a, b']), answer('x-tags', 'a,b'))).toEqual([]);
    expect(checkResponse(expected('X-Tags', ['a', 'b']), answer('x-tags', 'a, b'))).toEqual([
      'header x-tags: expected "a", got "a, b" (value 0); expected "b", got none (value 1)',
    ]);
    // With rules, each of the response's values satisfies them.
    const rule = at('Vary', { match: 'regex', regex: '^[a-z]$' });
    expect(checkResponse(expected('Vary', ['a', 'b'], rule), answer('vary', 'c'))).toEqual([]);
    expect(checkResponse(expected('Vary', ['a'], rule), answer('vary', 'c, dd'))).toEqual([
      'header vary: expected a string matching /^[a-z]$/ (rule regex), got "dd" (value 1)',
    ]);
  });
});

describe('as Pact’s verifier judges them: same-length paths, sorted keys, regex syntax, rule paths', {
  meta: req('CON-005'),
}, () => {
  test('an object’s key rules come from the group chosen for it, written at its path: a losing $.* frees and checks no keys', () => {
    const eachKey = { '$.*': { matchers: [{ match: 'eachKey', rules: [{ match: 'regex', regex: '[a-z]+' }] }] } };
    expect(
      checkBody({ v: { ab: 1 } }, { v: { ab: 2, X1: 3 } }, { ...at('$.v', { match: 'type' }), ...eachKey }),
    ).toEqual([]);
    const values = { '$.*': { matchers: [{ match: 'values' }] } };
    expect(checkBody({ v: { ab: 1 } }, { v: { X1: 3 } }, { ...at('$.v', { match: 'type' }), ...values })).toEqual([
      '$.v.ab: missing (rule type)',
    ]);
    // Written at the object's own path, they free its keys.
    expect(checkBody({ v: { ab: 1 } }, { v: { X1: 1 } }, at('$.v', { match: 'values' }))).toEqual([]);
    expect(
      checkBody(
        { v: { ab: 1 } },
        { v: { X1: 3 } },
        at('$.v', { match: 'eachKey', rules: [{ match: 'regex', regex: '[a-z]+' }] }),
      ),
    ).toEqual(['$.v.X1: key "X1" does not match /[a-z]+/ (rule eachKey)']);
  });

  test('values and eachValue compare a new key with the example’s first key in sorted order, not as written', () => {
    const example = { v: { b: 1, a: 'x' } };
    expect(checkBody(example, { v: { c: 'x' } }, at('$.v', { match: 'values' }))).toEqual([]);
    expect(checkBody(example, { v: { c: 1 } }, at('$.v', { match: 'values' }))).toEqual([
      '$.v.c: expected "x" (rule values), got 1',
    ]);
    const eachValue = at('$.v', { match: 'eachValue', rules: [{ match: 'type' }] });
    expect(checkBody(example, { v: { c: 'y' } }, eachValue)).toEqual([]);
    expect(checkBody(example, { v: { c: 3 } }, eachValue)).toEqual([
      '$.v.c: expected a string (like "x") (rule type), got 3',
    ]);
  });

  test('regex: read as Pact’s engine reads it — Unicode, (?i), \\A and \\z, POSIX classes; what cannot be read is a problem', () => {
    const regex = (pattern: string, value: string) =>
      checkBody({ v: 'x' }, { v: value }, at('$.v', { match: 'regex', regex: pattern }));
    expect(regex('^\\p{L}+$', 'héllo')).toEqual([]);
    expect(regex('^.$', '😀')).toEqual([]);
    expect(regex('^\\d+$', '١٢')).toEqual([]);
    expect(regex('^\\w+$', 'é')).toEqual([]);
    expect(regex('(?i)abc', 'ABC')).toEqual([]);
    expect(regex('\\Aab\\z', 'ab')).toEqual([]);
    expect(regex('[[:digit:]]+', '123')).toEqual([]);
    expect(regex('[[:alpha:]]+', 'é')).toEqual([]);
    expect(regex('^[x[:digit:]]+$', 'x1')).toEqual([]);
    expect(regex('[[:digit:]]+', '12a')).toEqual([
      '$.v: expected a string matching /[[:digit:]]+/ (rule regex), got "12a"',
    ]);
    expect(regex('(?>ab)c', 'abc')).toEqual([
      '$.v: the pattern /(?>ab)c/ uses an atomic group (?>…), which this matcher cannot read the way Pact does (rule regex)',
    ]);
    expect(regex('a(?i)b', 'aB')).toEqual([
      '$.v: the pattern /a(?i)b/ uses inline flags inside the pattern, which this matcher cannot read the way Pact does (rule regex)',
    ]);
    expect(regex('[[:punct:]]', '!')).toEqual([
      '$.v: the pattern /[[:punct:]]/ uses the POSIX class [:punct:], which this matcher cannot read the way Pact does (rule regex)',
    ]);
  });

  test('a rule path that cannot be read is a problem naming it and its rule, never skipped', () => {
    expect(checkBody({ v: 1 }, { v: 1 }, at('v', { match: 'integer' }))).toEqual([
      'the rule path "v" cannot be read (rule integer): a path starts with $ and names keys (.name, [\'name\']), indexes ([0]) or * and [*]',
    ]);
    expect(checkBody([1], [1], at('$[-1]', { match: 'type' }))).toEqual([
      'the rule path "$[-1]" cannot be read (rule type): a path starts with $ and names keys (.name, [\'name\']), indexes ([0]) or * and [*]',
    ]);
  });
});
