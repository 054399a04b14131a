/**
 * Pact's matching rules, applied to an actual body: what a response must satisfy. A rule at a path
 * (`$.lines[*].sku`) decides there; without one, an expected object's keys must be there (more are
 * fine), arrays match element by element, and values must be equal. Each problem names its path.
 */
import type { MatchingRule, PactResponse, Rules } from './pact-file.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const show = (value: unknown) => JSON.stringify(value) ?? String(value);

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The rule for an actual path: the exact one, or the one with [*] for every index. */
export function ruleAt(rules: Rules | undefined, path: string) {
  return rules?.[path] ?? rules?.[path.replace(/\[\d+\]/g, '[*]')];
}

function checkMatcher(matcher: MatchingRule, expected: unknown, actual: unknown, path: string): string | undefined {
  switch (matcher.match) {
    case 'type':
      if (kind(actual) !== kind(expected))
        return `${path}: expected a ${kind(expected)} (like ${show(expected)}), got ${show(actual)}`;
      if (Array.isArray(actual)) {
        if (matcher.min !== undefined && actual.length < matcher.min)
          return `${path}: expected at least ${matcher.min} elements, got ${actual.length}`;
        if (matcher.max !== undefined && actual.length > matcher.max)
          return `${path}: expected at most ${matcher.max} elements, got ${actual.length}`;
      }
      return undefined;
    case 'regex':
      return typeof actual === 'string' && new RegExp(matcher.regex ?? '').test(actual)
        ? undefined
        : `${path}: expected a string matching /${matcher.regex}/, got ${show(actual)}`;
    case 'integer':
      return Number.isInteger(actual)
        ? undefined
        : `${path}: expected an integer (like ${show(expected)}), got ${show(actual)}`;
    case 'decimal':
    case 'number':
      return typeof actual === 'number'
        ? undefined
        : `${path}: expected a number (like ${show(expected)}), got ${show(actual)}`;
    case 'boolean':
      return typeof actual === 'boolean' ? undefined : `${path}: expected a boolean, got ${show(actual)}`;
    case 'null':
      return actual === null ? undefined : `${path}: expected null, got ${show(actual)}`;
    case 'include':
      return typeof actual === 'string' && actual.includes(String(matcher.value))
        ? undefined
        : `${path}: expected a string including ${show(matcher.value)}, got ${show(actual)}`;
    case 'equality':
      return show(actual) === show(expected) ? undefined : `${path}: expected ${show(expected)}, got ${show(actual)}`;
    default:
      return `${path}: the matching rule '${matcher.match}' is not supported here`;
  }
}

/** The problems of `actual` against the expected example and its rules; empty when it matches. */
export function checkBody(expected: unknown, actual: unknown, rules: Rules | undefined, path = '$'): string[] {
  const rule = ruleAt(rules, path);
  if (rule) {
    const problems = rule.matchers.map((m) => checkMatcher(m, expected, actual, path)).filter((p): p is string => !!p);
    if (problems.length > 0) return problems;
    // A type rule on a container still looks inside: each element against the example's first.
    if (Array.isArray(actual) && Array.isArray(expected) && expected.length > 0) {
      return actual.flatMap((element, i) => checkBody(expected[0], element, rules, `${path}[${i}]`));
    }
    if (kind(actual) === 'object' && kind(expected) === 'object')
      return checkObject(expected as Json, actual as Json, rules, path);
    return [];
  }
  if (kind(expected) === 'object') {
    if (kind(actual) !== 'object') return [`${path}: expected an object, got ${show(actual)}`];
    return checkObject(expected as Json, actual as Json, rules, path);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${show(actual)}`];
    if (actual.length !== expected.length)
      return [`${path}: expected ${expected.length} elements, got ${actual.length}`];
    return expected.flatMap((element, i) => checkBody(element, actual[i], rules, `${path}[${i}]`));
  }
  return show(actual) === show(expected) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

function checkObject(expected: Json, actual: Json, rules: Rules | undefined, path: string): string[] {
  const want = expected as Record<string, Json>;
  const got = actual as Record<string, Json>;
  return Object.keys(want).flatMap((key) =>
    key in got ? checkBody(want[key], got[key], rules, `${path}.${key}`) : [`${path}.${key}: missing`],
  );
}

/** The problems of an actual response against the contract's: status, content type, body. */
export function checkResponse(
  expected: PactResponse,
  actual: { status: number; contentType: string | null; body: unknown },
): string[] {
  if (actual.status !== expected.status) return [`status: expected ${expected.status}, got ${actual.status}`];
  const problems: string[] = [];
  const wantedType = Object.entries(expected.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1]?.[0];
  if (wantedType && !actual.contentType?.startsWith(wantedType.split(';')[0] as string)) {
    problems.push(`header content-type: expected ${wantedType}, got ${actual.contentType ?? 'none'}`);
  }
  if (expected.body?.content !== undefined)
    problems.push(...checkBody(expected.body.content, actual.body, expected.matchingRules?.body));
  return problems;
}
