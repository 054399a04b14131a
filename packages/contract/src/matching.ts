/**
 * Pact's V4 matching rules, applied to an actual response: what it must satisfy. The rules, how a
 * path chooses them and how they cascade live in `matching/`; each problem names its path and rule.
 */

import { compareJson } from './matching/body.ts';
import { rulePathProblems, segmentsOf } from './matching/paths.ts';
import type { Rules } from './pact-file.ts';

export { type ActualResponse, checkResponse, type ExpectedResponse, type ResponseRules } from './matching/response.ts';

/** The problems of `actual` against the expected example and its rules, from `path` (`$` by default); empty when it matches. */
export function checkBody(expected: unknown, actual: unknown, rules: Rules | undefined, path = '$'): string[] {
  const segments = segmentsOf(path);
  if (!segments) throw new TypeError(`checkBody: '${path}' is not the path of a value`);
  return [...rulePathProblems(rules), ...compareJson(segments, expected, actual, rules)];
}
