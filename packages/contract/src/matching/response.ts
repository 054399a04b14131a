/**
 * A provider's response against the contract's: its status (equal, or as a `statusCode` rule under
 * `matchingRules.status` allows), its headers (each expected one present, found by name in any case,
 * and matching its rules under `matchingRules.header` or else its value), then its body.
 */
import type { PactResponse, RuleGroup, Rules } from '../pact-file.ts';
import { compareJson } from './body.ts';
import { parsePath } from './paths.ts';
import { type Matcher, mediaType, readMatcher, show, statusProblem, valueProblem } from './rules.ts';

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

/** The header's rules, by its name in any case (`X-Id`, `$.X-Id` or `$['X-Id']`). */
function headerRules(rules: Rules | undefined, name: string): RuleGroup | undefined {
  return Object.entries(rules ?? {}).find(([path]) => {
    const tokens = path.startsWith('$') ? parsePath(path) : [{ kind: 'field' as const, name: path }];
    const first = tokens?.[0];
    return tokens?.length === 1 && first?.kind === 'field' && first.name.toLowerCase() === name.toLowerCase();
  })?.[1];
}

/** A media type header: the type in any case, and each parameter the contract names, its value in any case. */
function mediaTypeMatches(expected: string, actual: string): boolean {
  if (mediaType(expected) !== mediaType(actual)) return false;
  const parameters = (value: string) =>
    new Map(
      value
        .split(';')
        .slice(1)
        .map((p) => p.split('=').map((s) => s.trim().toLowerCase()))
        .filter((p): p is [string, string] => p.length === 2),
    );
  const found = parameters(actual);
  return [...parameters(expected)].every(([name, value]) => found.get(name) === value);
}

const MEDIA_TYPE_HEADERS = new Set(['content-type', 'accept']);

function headerProblem(
  name: string,
  expected: string,
  actual: string | undefined,
  rules: RuleGroup | undefined,
): string | undefined {
  const label = `header ${name.toLowerCase()}`;
  if (actual === undefined) return `${label}: expected ${expected}, got none`;
  if (rules) {
    const read = rules.matchers.map(readMatcher);
    const results = read.map((m) =>
      m.match === 'invalid' ? m.problem : valueProblem(m as Matcher, expected, actual.trim()),
    );
    const or = rules.combine?.toUpperCase() === 'OR';
    if (or ? results.some((r) => r === undefined) : results.every((r) => r === undefined)) return undefined;
    return `${label}: ${results.filter(Boolean).join('; ')}`;
  }
  if (MEDIA_TYPE_HEADERS.has(name.toLowerCase())) {
    return mediaTypeMatches(expected, actual) ? undefined : `${label}: expected ${expected}, got ${actual}`;
  }
  // Whitespace after commas does not count (RFC 9110 lists).
  const normal = (value: string) =>
    value
      .split(',')
      .map((v) => v.trim())
      .join(',');
  return normal(expected) === normal(actual) ? undefined : `${label}: expected ${show(expected)}, got ${show(actual)}`;
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
    const problem = headerProblem(
      name,
      values.join(', '),
      found.get(lower),
      headerRules(expected.matchingRules?.header, name),
    );
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
      : compareJson([], expected.body.content, actual.body, expected.matchingRules?.body)),
  ];
}
