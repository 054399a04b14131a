/**
 * A provider's response against the contract's: its status (equal, or as a `statusCode` rule under
 * `matchingRules.status` allows), its headers (each expected one present, found by name in any case,
 * and matching its rules under `matchingRules.header` or else its values, one by one), then its body.
 */
import type { PactResponse, RuleGroup, Rules } from '../pact-file.ts';
import { compareJson } from './body.ts';
import { mediaTypeMatches, show } from './json.ts';
import { rulePathProblems } from './paths.ts';
import { type Matcher, readMatcher, statusProblem, valueProblem } from './rules.ts';

/** A response's rules by category, as V4 pacts write them. */
export interface ResponseRules {
  readonly body?: Rules;
  /** By header name: `{ "X-Request-Id": { "matchers": [...] } }`. */
  readonly header?: Rules;
  readonly status?: RuleGroup;
}

export type ExpectedResponse = Omit<PactResponse, 'matchingRules'> & { readonly matchingRules?: ResponseRules };

export interface ActualResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: unknown;
  /** Every header of the response, when the caller has them; without, only the content type is checked. */
  readonly headers?: Readonly<Record<string, string>>;
}

function statusProblems(expected: ExpectedResponse, actual: number): string[] {
  const group = expected.matchingRules?.status;
  if (!group) return actual === expected.status ? [] : [`status: expected ${expected.status}, got ${actual}`];
  const results = group.matchers.map((rule) => {
    const matcher = readMatcher(rule);
    if (matcher.match === 'invalid') return matcher.problem;
    if (matcher.match === 'statusCode') return statusProblem(matcher.status, actual);
    return valueProblem(matcher, expected.status, actual);
  });
  const or = group.combine?.toUpperCase() === 'OR';
  if (or ? results.some((r) => r === undefined) : results.every((r) => r === undefined)) return [];
  return results.filter((r): r is string => r !== undefined).map((problem) => `status: ${problem}`);
}

/**
 * The header's rules: keyed by its plain name, in any case. Pact reads no other key — `$.X-Id` and
 * `$['X-Id']` are not the header's rules there, so they are not here either.
 */
function headerRules(rules: Rules | undefined, name: string): RuleGroup | undefined {
  return Object.entries(rules ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

/**
 * The headers whose values Pact reads as a comma-separated list (each value compared on its own); any
 * other header is one value, commas and all. Found against Pact's verifier, header by header.
 */
const LIST_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'access-control-allow-headers',
  'access-control-allow-methods',
  'access-control-expose-headers',
  'access-control-request-headers',
  'allow',
  'cache-control',
  'if-match',
  'if-none-match',
  'vary',
]);

/** A response header's values as Pact reads them: a list header split at its commas, any other whole. */
function actualValues(name: string, value: string): string[] {
  return LIST_HEADERS.has(name.toLowerCase()) ? value.split(',').map((v) => v.trim()) : [value.trim()];
}

const MEDIA_TYPE_HEADERS = new Set(['content-type', 'accept']);

/** One expected value against the response's value at its index. */
function valueMismatch(name: string, expected: string | undefined, actual: string | undefined): string | undefined {
  if (expected === undefined) return `an unexpected value ${show(actual)}`;
  if (actual === undefined) return `expected ${show(expected)}, got none`;
  if (MEDIA_TYPE_HEADERS.has(name.toLowerCase())) {
    return mediaTypeMatches(expected, actual) ? undefined : `expected ${expected}, got ${actual}`;
  }
  // Whitespace after commas does not count (RFC 9110 lists).
  const normal = (value: string) =>
    value
      .split(',')
      .map((v) => v.trim())
      .join(',');
  return normal(expected) === normal(actual) ? undefined : `expected ${show(expected)}, got ${show(actual)}`;
}

/**
 * A header as Pact compares it: with rules, each of the response's values by them; without, the
 * contract's values one by one against the response's at the same index (a value too many or too
 * few is a mismatch).
 */
function headerProblem(
  name: string,
  expected: readonly string[],
  actual: string | undefined,
  rules: RuleGroup | undefined,
): string | undefined {
  const label = `header ${name.toLowerCase()}`;
  if (actual === undefined) return `${label}: expected ${expected.join(', ')}, got none`;
  const values = actualValues(name, actual);
  const several = expected.length > 1 || values.length > 1;
  const at = (i: number) => (several ? ` (value ${i})` : '');
  if (rules) {
    const or = rules.combine?.toUpperCase() === 'OR';
    const problems = values.flatMap((value, i) => {
      const results = rules.matchers.map((rule) => {
        const m = readMatcher(rule);
        return m.match === 'invalid' ? m.problem : valueProblem(m as Matcher, expected[i] ?? expected[0] ?? '', value);
      });
      if (or ? results.some((r) => r === undefined) : results.every((r) => r === undefined)) return [];
      return [`${results.filter(Boolean).join('; ')}${at(i)}`];
    });
    return problems.length === 0 ? undefined : `${label}: ${problems.join('; ')}`;
  }
  const problems = Array.from({ length: Math.max(expected.length, values.length) }, (_, i) => {
    const problem = valueMismatch(name, expected[i], values[i]);
    return problem && `${problem}${at(i)}`;
  }).filter((p): p is string => p !== undefined);
  return problems.length === 0 ? undefined : `${label}: ${problems.join('; ')}`;
}

function headerProblems(expected: ExpectedResponse, actual: ActualResponse): string[] {
  const found = new Map<string, string | undefined>(
    Object.entries(actual.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  if (actual.headers === undefined) found.set('content-type', actual.contentType ?? undefined);
  return Object.entries(expected.headers ?? {}).flatMap(([name, values]) => {
    const lower = name.toLowerCase();
    // Without the response's headers, only its content type is known.
    if (!found.has(lower) && actual.headers === undefined) return [];
    const problem = headerProblem(name, values, found.get(lower), headerRules(expected.matchingRules?.header, name));
    return problem ? [problem] : [];
  });
}

/** The problems of an actual response against the contract's: status first (alone if wrong), then headers, body. */
export function checkResponse(expected: ExpectedResponse, actual: ActualResponse): string[] {
  const status = statusProblems(expected, actual.status);
  if (status.length > 0) return status;
  return [
    ...headerProblems(expected, actual),
    ...(expected.body?.content === undefined
      ? []
      : [
          ...rulePathProblems(expected.matchingRules?.body),
          ...compareJson([], expected.body.content, actual.body, expected.matchingRules?.body),
        ]),
  ];
}
