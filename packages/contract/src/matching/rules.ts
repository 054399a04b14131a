/**
 * Pact V4 matching rules: a pact file's rule read into a checked `Matcher`, and each matcher applied to
 * one value, one array or one object — the way Pact's verifier applies it (a `regex` must match the
 * whole value, it and `include` read a number or boolean as its JSON text, `boolean` takes "true" and "false", `decimal` wants a fractional
 * part, a rule that says nothing about a kind of value lets it pass). Problems are phrases without a path;
 * body.ts puts the path in front.
 */
import type { MatchingRule, Rules } from '../pact-file.ts';
import { type DateToken, matchesDate, parseDatePattern } from './dates.ts';

export const STATUS_CLASSES = {
  info: [100, 199],
  success: [200, 299],
  redirect: [300, 399],
  clientError: [400, 499],
  serverError: [500, 599],
  nonError: [100, 399],
  error: [400, 599],
} as const;
export type StatusClass = keyof typeof STATUS_CLASSES;

export type Matcher =
  | { readonly match: 'equality' }
  | { readonly match: 'regex'; readonly regex: RegExp; readonly pattern: string }
  | { readonly match: 'type'; readonly min?: number; readonly max?: number }
  | { readonly match: 'include'; readonly value: string }
  | { readonly match: 'integer' | 'decimal' | 'number' | 'boolean' | 'null' | 'semver' | 'notEmpty' | 'values' }
  | { readonly match: 'date' | 'time' | 'timestamp'; readonly format: string; readonly tokens: readonly DateToken[] }
  | { readonly match: 'contentType'; readonly value: string }
  | { readonly match: 'arrayContains'; readonly variants: readonly { readonly index: number; readonly rules: Rules }[] }
  | {
      readonly match: 'eachKey' | 'eachValue';
      /** Checked when read; kept as written, since eachValue hands them to the values as rules. */
      readonly rules: readonly MatchingRule[];
      readonly matchers: readonly Matcher[];
    }
  | { readonly match: 'statusCode'; readonly status: StatusClass | readonly number[] };

/** A rule that cannot be applied: unknown, or missing what it needs. Always a problem, never a pass. */
export interface BadRule {
  readonly match: 'invalid';
  readonly problem: string;
}

const DEFAULT_FORMATS = { date: 'yyyy-MM-dd', time: 'HH:mm:ss', timestamp: "yyyy-MM-dd'T'HH:mm:ssXXX" } as const;

/** A pact file's rule as a matcher, or why it cannot be one. */
export function readMatcher(rule: MatchingRule): Matcher | BadRule {
  const bad = (problem: string): BadRule => ({ match: 'invalid', problem: `${problem} (rule ${rule.match})` });
  switch (rule.match) {
    case 'equality':
    case 'integer':
    case 'decimal':
    case 'number':
    case 'boolean':
    case 'null':
    case 'semver':
    case 'notEmpty':
    case 'values':
      return { match: rule.match };
    case 'type':
      return {
        match: 'type',
        ...(rule.min === undefined ? {} : { min: rule.min }),
        ...(rule.max === undefined ? {} : { max: rule.max }),
      };
    case 'regex': {
      if (typeof rule.regex !== 'string') return bad('the rule has no pattern');
      try {
        new RegExp(rule.regex); // compiled as written first, so an error quotes the pattern as written
        // Pact's verifier matches the whole value: `x` does not match "ax".
        return { match: 'regex', regex: new RegExp(`^(?:${rule.regex})$`), pattern: rule.regex };
      } catch (error) {
        return bad(`the pattern /${rule.regex}/ is not a valid regular expression: ${(error as Error).message}`);
      }
    }
    case 'include':
      return typeof rule.value === 'string' ? { match: 'include', value: rule.value } : bad('the rule has no value');
    case 'contentType':
      return typeof rule.value === 'string'
        ? { match: 'contentType', value: rule.value }
        : bad('the rule has no value');
    case 'date':
    case 'time':
    case 'timestamp':
    case 'datetime': {
      const match = rule.match === 'datetime' ? 'timestamp' : rule.match;
      const format = rule.format || DEFAULT_FORMATS[match];
      const tokens = parseDatePattern(format);
      return typeof tokens === 'string'
        ? bad(`the format ${format} cannot be read: ${tokens}`)
        : { match, format, tokens };
    }
    case 'arrayContains':
      if (!Array.isArray(rule.variants)) return bad('the rule has no variants');
      return { match: 'arrayContains', variants: rule.variants.map((v) => ({ index: v.index, rules: v.rules ?? {} })) };
    case 'eachKey':
    case 'eachValue': {
      const rules = (rule.rules ?? []).map(readMatcher);
      const invalid = rules.find((r): r is BadRule => r.match === 'invalid');
      return invalid ?? { match: rule.match, rules: rule.rules ?? [], matchers: rules as Matcher[] };
    }
    case 'statusCode': {
      const { status } = rule;
      if (Array.isArray(status) && status.every((code) => Number.isInteger(code)))
        return { match: 'statusCode', status };
      if (typeof status === 'string' && status in STATUS_CLASSES)
        return { match: 'statusCode', status: status as StatusClass };
      return bad(`the status ${JSON.stringify(status)} is not a status class or a list of codes`);
    }
    default:
      return { match: 'invalid', problem: `the matching rule '${rule.match}' is not supported` };
  }
}

export const show = (value: unknown) => JSON.stringify(value) ?? String(value);

export function kind(value: unknown): 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'object' | 'string' | 'number' | 'boolean' | 'undefined';
}

export function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** Structural JSON equality: object keys in any order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (kind(a) !== kind(b) || typeof a !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((x, i) => jsonEqual(x, (b as unknown[])[i]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((k) => k in right && jsonEqual(left[k], right[k]));
}

/** How Pact reads a value as text for regex, include and dates: a string as it is, anything else as JSON. */
const asText = (value: unknown) => (typeof value === 'string' ? value : show(value));

/** Strict SemVer 2.0.0, as the semver crate parses it. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][\dA-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][\dA-Za-z-]*))*))?(?:\+([\dA-Za-z-]+(?:\.[\dA-Za-z-]+)*))?$/;

export function isSemver(value: unknown): boolean {
  return typeof value === 'string' && SEMVER.test(value);
}

const DATE_WORDS = { date: 'a date', time: 'a time', timestamp: 'a timestamp' } as const;

/** The media type of a text by its content, as far as a JSON value can tell it. */
function sniffContentType(text: string): string {
  try {
    JSON.parse(text);
    return 'application/json';
  } catch {}
  if (/^\s*<\?xml/.test(text)) return 'application/xml';
  if (/^\s*<(!doctype html|html)/i.test(text)) return 'text/html';
  return 'text/plain';
}

export function mediaType(contentType: string): string {
  return (contentType.split(';')[0] as string).trim().toLowerCase();
}

export function statusProblem(status: StatusClass | readonly number[], actual: number): string | undefined {
  if (typeof status !== 'string') {
    return status.includes(actual)
      ? undefined
      : `expected one of the statuses ${status.join(', ')} (rule statusCode), got ${actual}`;
  }
  const [low, high] = STATUS_CLASSES[status];
  return actual >= low && actual <= high
    ? undefined
    : `expected ${article(status)} status (${low}–${high}) (rule statusCode), got ${actual}`;
}

/**
 * One matcher on one value whose example is not an object or array (or on an array or object value
 * that such an example stands for). `cascaded`: the rule was written for a parent; sizes are not its.
 */
export function valueProblem(matcher: Matcher, expected: unknown, actual: unknown): string | undefined {
  switch (matcher.match) {
    case 'equality':
    case 'values':
      return jsonEqual(expected, actual)
        ? undefined
        : `expected ${show(expected)}${matcher.match === 'values' ? ' (rule values)' : ''}, got ${show(actual)}`;
    case 'type':
      return kind(actual) === kind(expected)
        ? undefined
        : `expected ${article(kind(expected))} (like ${show(expected)}), got ${show(actual)}`;
    case 'regex':
      return matcher.regex.test(asText(actual))
        ? undefined
        : `expected a string matching /${matcher.pattern}/, got ${show(actual)}`;
    case 'include':
      return asText(actual).includes(matcher.value)
        ? undefined
        : `expected a string including ${show(matcher.value)}, got ${show(actual)}`;
    case 'integer':
      return Number.isInteger(actual) ? undefined : `expected an integer (like ${show(expected)}), got ${show(actual)}`;
    case 'decimal':
      if (typeof actual !== 'number') return `expected a number (like ${show(expected)}), got ${show(actual)}`;
      return Number.isInteger(actual)
        ? `expected a number with a fractional part (rule decimal), got ${show(actual)}`
        : undefined;
    case 'number':
      return typeof actual === 'number' ? undefined : `expected a number (like ${show(expected)}), got ${show(actual)}`;
    case 'boolean':
      return typeof actual === 'boolean' || actual === 'true' || actual === 'false'
        ? undefined
        : `expected a boolean, got ${show(actual)}`;
    case 'null':
      return actual === null ? undefined : `expected null, got ${show(actual)}`;
    case 'date':
    case 'time':
    case 'timestamp':
      return matchesDate(asText(actual), matcher.tokens)
        ? undefined
        : `expected ${DATE_WORDS[matcher.match]} in format ${matcher.format} (rule ${matcher.match}), got ${show(actual)}`;
    case 'semver':
      return isSemver(actual) ? undefined : `expected a semantic version (rule semver), got ${show(actual)}`;
    case 'notEmpty':
      return actual === null || actual === '' || (typeof actual === 'object' && Object.keys(actual).length === 0)
        ? `expected a value that is not empty (rule notEmpty), got ${show(actual)}`
        : undefined;
    case 'contentType':
      return mediaType(sniffContentType(asText(actual))) === mediaType(matcher.value)
        ? undefined
        : `expected content of type ${matcher.value} (rule contentType), got ${show(actual)}`;
    // Rules for collections and statuses say nothing about a single value.
    case 'arrayContains':
    case 'eachKey':
    case 'eachValue':
    case 'statusCode':
      return undefined;
  }
}

/** A matcher on an array as a whole (its elements are compared separately), as pact_matching does. */
export function arrayProblem(
  matcher: Matcher,
  expected: readonly unknown[],
  actual: readonly unknown[],
  cascaded: boolean,
): string | undefined {
  switch (matcher.match) {
    case 'type':
      return sizeProblem(matcher, actual.length, cascaded, 'elements');
    case 'equality':
      return jsonEqual(expected, actual)
        ? undefined
        : `expected ${show(expected)} (rule equality), got ${show(actual)}`;
    case 'notEmpty':
      return actual.length === 0 ? 'expected an array that is not empty (rule notEmpty), got []' : undefined;
    case 'null':
    case 'statusCode':
      return `expected ${matcher.match === 'null' ? 'null' : 'a status'} (rule ${matcher.match}), got ${show(actual)}`;
    default:
      return undefined;
  }
}

/** A matcher on an object as a whole (its values are compared separately). */
export function objectProblem(
  matcher: Matcher,
  expected: Readonly<Record<string, unknown>>,
  actual: Readonly<Record<string, unknown>>,
  cascaded: boolean,
): string | undefined {
  switch (matcher.match) {
    case 'type':
      return sizeProblem(matcher, Object.keys(actual).length, cascaded, 'keys');
    case 'equality':
      return jsonEqual(expected, actual)
        ? undefined
        : `expected ${show(expected)} (rule equality), got ${show(actual)}`;
    case 'notEmpty':
      return Object.keys(actual).length === 0
        ? 'expected an object that is not empty (rule notEmpty), got {}'
        : undefined;
    case 'regex':
    case 'arrayContains':
    case 'eachKey':
    case 'eachValue':
    case 'values':
      return undefined;
    default:
      return `the rule ${matcher.match} cannot match an object, got ${show(actual)}`;
  }
}

function sizeProblem(
  matcher: { readonly min?: number; readonly max?: number },
  size: number,
  cascaded: boolean,
  unit: string,
): string | undefined {
  if (cascaded) return undefined;
  if (matcher.min !== undefined && size < matcher.min) return `expected at least ${matcher.min} ${unit}, got ${size}`;
  if (matcher.max !== undefined && size > matcher.max) return `expected at most ${matcher.max} ${unit}, got ${size}`;
  return undefined;
}
