/**
 * A JSON body against its example and rules, walked as pact_matching walks it: an object or array in
 * the example needs one in the actual body whatever the rules say; an object's rules apply to it and
 * cascade to its values, its expected keys must be there (more are fine) unless a `values`, `eachKey`
 * or `eachValue` rule says otherwise; an array under a rule compares every actual element with the
 * example's element at its index (the first, past the example's end) and may differ in length; an
 * array without one has the example's length; a value is checked by its rules, or equal to the example.
 */
import type { MatchingRule, Rules } from '../pact-file.ts';
import { kind, show } from './json.ts';
import { formatPath, type Segment, selectRules } from './paths.ts';
import { arrayProblem, type BadRule, type Matcher, objectProblem, readMatcher, valueProblem } from './rules.ts';

type JsonObject = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is JsonObject => kind(value) === 'object';

interface Applied {
  readonly matchers: readonly Matcher[];
  readonly invalid: readonly string[];
  readonly or: boolean;
  readonly cascaded: boolean;
}

function rulesFor(rules: Rules | undefined, segments: readonly Segment[]): Applied | undefined {
  const selected = selectRules(rules, segments);
  if (!selected) return undefined;
  const read = selected.group.matchers.map(readMatcher);
  return {
    matchers: read.filter((m): m is Matcher => m.match !== 'invalid'),
    invalid: read.filter((m): m is BadRule => m.match === 'invalid').map((m) => m.problem),
    or: selected.group.combine?.toUpperCase() === 'OR',
    cascaded: selected.cascaded,
  };
}

/** Each matcher's problems combined: all of them (AND), or none if any matcher had none (OR). */
function combine(applied: Applied, results: readonly (readonly string[])[], path: string): string[] {
  const invalid = applied.invalid.map((problem) => `${path}: ${problem}`);
  if (applied.or && invalid.length === 0 && results.some((r) => r.length === 0)) return [];
  return [...invalid, ...results.flat()];
}

/** The problems of `actual` against the example at `segments`; empty when it matches. */
export function compareJson(
  segments: readonly Segment[],
  expected: unknown,
  actual: unknown,
  rules: Rules | undefined,
): string[] {
  const path = formatPath(segments);
  if (isObject(expected)) {
    if (!isObject(actual)) return [`${path}: expected an object, got ${show(actual)}`];
    return compareObjects(segments, expected, actual, rules);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${show(actual)}`];
    return compareArrays(segments, expected, actual, rules);
  }
  const applied = rulesFor(rules, segments);
  if (!applied) {
    return kind(actual) === kind(expected) && actual === expected
      ? []
      : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
  }
  return combine(
    applied,
    applied.matchers.map((matcher) => {
      const problem = valueProblem(matcher, expected, actual);
      return problem ? [`${path}: ${problem}`] : [];
    }),
    path,
  );
}

/** Rules for the values just below `segments` only: what `eachValue` gives its values. */
function childRules(segments: readonly Segment[], rules: readonly MatchingRule[]): Rules {
  return { [`${formatPath(segments)}.*`]: { matchers: rules } };
}

function compareArrays(
  segments: readonly Segment[],
  expected: readonly unknown[],
  actual: readonly unknown[],
  rules: Rules | undefined,
): string[] {
  const path = formatPath(segments);
  const applied = rulesFor(rules, segments);
  if (!applied) {
    if (expected.length !== actual.length)
      return [`${path}: expected ${expected.length} elements, got ${actual.length}`];
    return expected.flatMap((element, i) => compareJson([...segments, i], element, actual[i], rules));
  }
  // Pact checks nothing under a rule when the example array is empty.
  if (expected.length === 0) return combine(applied, [], path);
  const results = applied.matchers.map((matcher): string[] => {
    if (matcher.match === 'arrayContains') return containsProblems(path, matcher.variants, expected, actual);
    if (matcher.match === 'eachValue') {
      return applied.cascaded ? [] : elementProblems(segments, expected, actual, childRules(segments, matcher.rules));
    }
    const problem = arrayProblem(matcher, expected, actual, applied.cascaded);
    if (problem && matcher.match === 'equality') return [`${path}: ${problem}`];
    return [...(problem ? [`${path}: ${problem}`] : []), ...elementProblems(segments, expected, actual, rules)];
  });
  return unique(combine(applied, results, path));
}

/** Every actual element against the example's at its index, or its first past the example's end. */
function elementProblems(
  segments: readonly Segment[],
  expected: readonly unknown[],
  actual: readonly unknown[],
  rules: Rules | undefined,
): string[] {
  const length = Math.max(expected.length, actual.length);
  return Array.from({ length }, (_, i) => {
    const child = [...segments, i];
    if (i < actual.length) return compareJson(child, i < expected.length ? expected[i] : expected[0], actual[i], rules);
    return selectRules(rules, child) ? [] : [`${formatPath(child)}: missing`];
  }).flat();
}

/** arrayContains: each variant, an element of the example with its own rules, matches some actual element. */
function containsProblems(
  path: string,
  variants: readonly { readonly index: number; readonly rules: Rules }[],
  expected: readonly unknown[],
  actual: readonly unknown[],
): string[] {
  const wanted =
    variants.length > 0
      ? variants
      : expected.map((_, index) => ({ index, rules: { $: { matchers: [{ match: 'equality' }] } } as Rules }));
  return wanted.flatMap(({ index, rules }) => {
    if (index >= expected.length) {
      return [
        `${path}: variant ${index} is not in the example, which has ${expected.length} elements (rule arrayContains)`,
      ];
    }
    const example = expected[index];
    return actual.some((element) => compareJson([], example, element, rules).length === 0)
      ? []
      : [
          `${path}: expected an element like ${show(example)} (rule arrayContains, variant ${index}), got ${show(actual)}`,
        ];
  });
}

function compareObjects(
  segments: readonly Segment[],
  expected: JsonObject,
  actual: JsonObject,
  rules: Rules | undefined,
): string[] {
  const path = formatPath(segments);
  const applied = rulesFor(rules, segments);
  if (!applied) return memberProblems(segments, expected, actual, rules, undefined);
  // Pact applies every rule of an object, even under OR.
  const results = applied.matchers.map((matcher): string[] => {
    if (!applied.cascaded && (matcher.match === 'values' || matcher.match === 'eachValue')) {
      const values = matcher.match === 'eachValue' ? childRules(segments, matcher.rules) : rules;
      // A key the example does not have is compared with its first key's value, in sorted order (as Pact).
      const firstKey = Object.keys(expected).sort()[0];
      const first = firstKey === undefined ? undefined : expected[firstKey];
      return Object.entries(actual).flatMap(([key, value]) =>
        key in expected || first !== undefined
          ? compareJson([...segments, key], key in expected ? expected[key] : first, value, values)
          : [],
      );
    }
    const problem = objectProblem(matcher, expected, actual, applied.cascaded);
    // Equality failing on the whole object says all there is to say.
    if (problem && matcher.match === 'equality') return [`${path}: ${problem}`];
    return [...(problem ? [`${path}: ${problem}`] : []), ...memberProblems(segments, expected, actual, rules, applied)];
  });
  return unique(combine({ ...applied, or: false }, results, path));
}

/**
 * Each expected key in order: missing, unless the object's own rules are about its values or keys, or
 * its value compared; then every actual key against the object's `eachKey` rules. The object's own
 * rules are the group chosen for it (as for any value), and only when written at its path: a rule
 * cascaded from a parent, or another path of the same length that lost, frees no keys (as in Pact).
 */
function memberProblems(
  segments: readonly Segment[],
  expected: JsonObject,
  actual: JsonObject,
  rules: Rules | undefined,
  applied: Applied | undefined,
): string[] {
  const own = applied && !applied.cascaded ? applied.matchers : [];
  const free = own.some((m) => m.match === 'values' || m.match === 'eachValue' || m.match === 'eachKey');
  const eachKey = own.flatMap((m) => (m.match === 'eachKey' ? m.matchers : []));
  const names = (applied?.matchers ?? []).map((m) => m.match);
  const missing = names.length > 0 ? `missing (rule ${names.join(', ')})` : 'missing';
  return [
    ...Object.keys(expected).flatMap((key) => {
      const child = [...segments, key];
      if (key in actual) return compareJson(child, expected[key], actual[key], rules);
      return free ? [] : [`${formatPath(child)}: ${missing}`];
    }),
    ...Object.keys(actual).flatMap((key) =>
      eachKey.flatMap((matcher) => {
        const problem = valueProblem(matcher, '', key);
        if (!problem) return [];
        const what =
          matcher.match === 'regex'
            ? `key ${show(key)} does not match /${matcher.pattern}/`
            : `key ${show(key)}: ${problem}`;
        return [`${formatPath([...segments, key])}: ${what} (rule eachKey)`];
      }),
    ),
  ];
}

const unique = (problems: readonly string[]) => [...new Set(problems)];
