/**
 * A pact example and its rules as a fast-check arbitrary of the values the rules allow: the shape from
 * the example, the freedom from the rule that applies at each path (chosen and cascaded as the matcher
 * chooses it). A `type` string becomes any string, an `integer` any integer, a `regex` any matching
 * string, a `date` any date in its format, an array any length its `min`/`max` allow, `eachKey`,
 * `eachValue` and `values` any keys and values their rules allow, `arrayContains` its variants among
 * other elements. Where several rules apply, the first one generates (AND) or any one (OR).
 */
import fc from 'fast-check';
import { type DateToken, ZONE_NAMES } from '../matching/dates.ts';
import { kind, sniffContentType } from '../matching/json.ts';
import { type Segment, segmentsOf, selectRules } from '../matching/paths.ts';
import { type Matcher, readMatcher } from '../matching/rules.ts';
import type { MatchingRule, Rules } from '../pact-file.ts';

type JsonObject = Readonly<Record<string, unknown>>;

const capitalised = (word: string) => word.replace(/(^|\s)\w/g, (c) => c.toUpperCase());

/** A value of a date token; days stop at 28, so every month has them. */
function tokenArbitrary(token: DateToken): fc.Arbitrary<string> {
  switch (token.kind) {
    case 'text':
      return fc.constant(token.text);
    case 'number': {
      const max = Math.min(token.letter === 'd' ? 28 : token.max, 10 ** token.maxDigits - 1);
      return fc.integer({ min: token.min, max }).map((n) => String(n).padStart(token.width, '0'));
    }
    case 'digits':
      return fc.integer({ min: 0, max: 999_999_999 }).map(String);
    case 'words':
      return fc.constantFrom(...token.words).map(capitalised);
    case 'offset': {
      const hours = fc.integer({ min: 0, max: 11 }).map((h) => String(h).padStart(2, '0'));
      const minutes = fc.constantFrom('00', '30', '45');
      const offset = fc.tuple(fc.constantFrom('+', '-'), hours, minutes);
      const colon = token.count === 3 || token.count === 5;
      const signed = offset.map(([sign, h, m]) => `${sign}${h}${colon ? ':' : ''}${m}`);
      if (token.letter === 'O' || (token.letter === 'Z' && token.count === 4)) {
        return offset.map(([sign, h, m]) => `GMT${sign}${h}:${m}`);
      }
      return token.letter === 'X' ? fc.oneof(fc.constant('Z'), signed) : signed;
    }
    case 'zoneName':
      return fc.constantFrom(...ZONE_NAMES);
    case 'zoneId':
      return fc.constantFrom('Europe/Paris', 'America/Chicago', 'Asia/Tokyo', 'Australia/Sydney');
  }
}

const semver = fc
  .tuple(
    fc.nat(30),
    fc.nat(30),
    fc.nat(99),
    fc.option(fc.stringMatching(/^(alpha|beta|rc)\.[1-9]\d?$/), { nil: undefined }),
  )
  .map(([major, minor, patch, pre]) => `${major}.${minor}.${patch}${pre ? `-${pre}` : ''}`);

// Medium sizes: long values are where providers break (column widths, buffers).
const anyString = fc.string({ maxLength: 64, size: 'medium' });
const decimal = fc.double({ min: -1e9, max: 1e9, noNaN: true }).filter((x) => !Number.isInteger(x));

/** Any value of the example's JSON kind, shaped like it. */
function sameKind(example: unknown, rules: Rules | undefined, segments: readonly Segment[]): fc.Arbitrary<unknown> {
  switch (kind(example)) {
    case 'string':
      return anyString;
    case 'number':
      return Number.isInteger(example) ? fc.integer() : fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    default:
      return structure(example, rules, segments);
  }
}

/** A value for one leaf rule, or undefined when the rule says nothing of single values. */
function leafArbitrary(matcher: Matcher, example: unknown, rules: Rules | undefined, segments: readonly Segment[]) {
  switch (matcher.match) {
    case 'regex':
      // fast-check cannot generate under the `i` flag; what matches without it matches with it.
      return fc.stringMatching(new RegExp(matcher.regex.source, matcher.regex.flags.replace('i', '')));
    case 'integer':
      return fc.integer();
    case 'decimal':
      return decimal;
    case 'number':
      return fc.oneof(fc.integer(), decimal);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'include':
      return fc.tuple(anyString, anyString).map(([before, after]) => `${before}${matcher.value}${after}`);
    case 'date':
    case 'time':
    case 'timestamp':
      return fc.tuple(...matcher.tokens.map(tokenArbitrary)).map((parts) => parts.join(''));
    case 'semver':
      return semver;
    case 'type':
    case 'notEmpty':
      return typeof example === 'string' && matcher.match === 'notEmpty'
        ? fc.string({ minLength: 1, maxLength: 64 })
        : sameKind(example, rules, segments);
    case 'contentType':
      // Words, but none the content-type check reads as JSON (`true`, `null`): what it calls text/plain.
      return matcher.value.startsWith('text/plain')
        ? fc.stringMatching(/^[a-z]+( [a-z]+)*$/).filter((text) => sniffContentType(text) === 'text/plain')
        : fc.constant(example);
    default:
      return fc.constant(example);
  }
}

/** The example's own structure, each part varied by its rules. */
function structure(example: unknown, rules: Rules | undefined, segments: readonly Segment[]): fc.Arbitrary<unknown> {
  if (Array.isArray(example)) return fc.tuple(...example.map((e, i) => arbitraryAt(e, rules, [...segments, i])));
  if (kind(example) === 'object') {
    return fc.record(
      Object.fromEntries(
        Object.entries(example as JsonObject).map(([k, v]) => [k, arbitraryAt(v, rules, [...segments, k])]),
      ),
    );
  }
  return fc.constant(example);
}

function arrayArbitrary(
  matcher: Matcher,
  example: readonly unknown[],
  rules: Rules | undefined,
  segments: readonly Segment[],
  cascaded: boolean,
): fc.Arbitrary<unknown> {
  // Under a rule, Pact checks nothing of an array whose example is empty; keep it empty.
  if (example.length === 0) return fc.constant([]);
  const element = (elementRules: Rules | undefined) => arbitraryAt(example[0], elementRules, [...segments, 0]);
  switch (matcher.match) {
    case 'arrayContains':
      return fc
        .tuple(
          fc.tuple(...matcher.variants.map((v) => arbitraryAt(example[v.index], v.rules, []))),
          fc.array(fc.constantFrom(...example), { maxLength: 2 }),
        )
        .map(([variants, others]) => [...others, ...variants]);
    case 'eachValue':
      return cascaded
        ? structure(example, rules, segments)
        : fc.array(arbitraryAt(example[0], eachValueRules(matcher.rules), ['*']), { maxLength: 5 });
    case 'type':
    case 'notEmpty': {
      // Sizes bind only where the rule is written.
      const sizes: { readonly min?: number; readonly max?: number } =
        matcher.match === 'type' && !cascaded ? matcher : {};
      const min = matcher.match === 'notEmpty' ? 1 : (sizes.min ?? 0);
      const max = sizes.max ?? Math.max(5, min);
      return fc.array(element(rules), { minLength: min, maxLength: max });
    }
    default:
      return fc.array(element(rules), { minLength: 1, maxLength: 5 });
  }
}

/** `eachValue`'s rules, for values generated at the path `$.*` (the matcher gives them those rules only). */
function eachValueRules(rules: readonly MatchingRule[]): Rules {
  return { '$.*': { matchers: rules } };
}

function objectArbitrary(
  matcher: Matcher,
  example: JsonObject,
  rules: Rules | undefined,
  segments: readonly Segment[],
  cascaded: boolean,
): fc.Arbitrary<unknown> {
  // Keys the example does not have are compared with its first key's value in sorted order (as Pact).
  const firstKey = Object.keys(example).sort()[0];
  const firstValue = firstKey === undefined ? undefined : example[firstKey];
  if (firstKey === undefined || cascaded) return structure(example, rules, segments);
  if (matcher.match === 'values') {
    return fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }),
      arbitraryAt(firstValue, rules, [...segments, firstKey]),
      {
        maxKeys: 5,
      },
    );
  }
  if (matcher.match === 'eachValue') {
    return fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }),
      arbitraryAt(firstValue, eachValueRules(matcher.rules), ['*']),
      {
        maxKeys: 5,
      },
    );
  }
  if (matcher.match === 'eachKey') {
    const keyRule = matcher.matchers[0];
    const keys = keyRule ? leafArbitrary(keyRule, firstKey, undefined, []) : fc.constant(firstKey);
    return fc.dictionary(
      keys.map((k) => String(k)),
      arbitraryAt(firstValue, rules, [...segments, firstKey]),
      { maxKeys: 5 },
    );
  }
  return structure(example, rules, segments);
}

function arbitraryAt(example: unknown, rules: Rules | undefined, segments: readonly Segment[]): fc.Arbitrary<unknown> {
  const selected = selectRules(rules, segments);
  const matchers = (selected?.group.matchers ?? []).map(readMatcher).filter((m): m is Matcher => m.match !== 'invalid');
  const or = selected?.group.combine?.toUpperCase() === 'OR';
  const cascaded = selected?.cascaded ?? false;
  const pick = (each: (matcher: Matcher) => fc.Arbitrary<unknown>) => {
    const [first] = matchers;
    if (!first) return structure(example, rules, segments);
    return or && matchers.length > 1 ? fc.oneof(...matchers.map(each)) : each(first);
  };
  if (Array.isArray(example)) return pick((m) => arrayArbitrary(m, example, rules, segments, cascaded));
  if (kind(example) === 'object')
    return pick((m) => objectArbitrary(m, example as JsonObject, rules, segments, cascaded));
  return pick((m) => leafArbitrary(m, example, rules, segments));
}

/** An arbitrary of the values the example and rules at `path` (a value's path, `$` by default) allow. */
export function arbitraryFor(example: unknown, rules: Rules | undefined, path = '$'): fc.Arbitrary<unknown> {
  const segments = segmentsOf(path);
  if (!segments) throw new TypeError(`arbitraryFor: '${path}' is not the path of a value`);
  return arbitraryAt(example, rules, segments);
}
