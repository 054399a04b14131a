/**
 * Pact V4 matching rules: a pact file's rule read into a checked `Matcher`, and each matcher applied to
 * one value, one array or one object — the way Pact's verifier applies it (a `regex` must match the
 * whole value, read as Pact's regex engine reads it; it and `include` read a number or boolean as its
 * JSON text, `boolean` takes "true" and "false", `decimal` wants a fractional part, a rule that says
 * nothing about a kind of value lets it pass). Problems are phrases without a path, naming the rule;
 * body.ts puts the path in front.
 */
import { isDeepStrictEqual } from 'node:util';
import type { MatchingRule, Rules } from '../pact-file.ts';
import { type DateToken, matchesDate, parseDatePattern } from './dates.ts';
import { article, asText, kind, mediaType, show, sniffContentType } from './json.ts';

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
      const read = readRegex(rule.regex);
      if (typeof read === 'string') return bad(`the pattern /${rule.regex}/ ${read}`);
      try {
        new RegExp(read.source, read.flags); // compiled alone first, so an error quotes the pattern as read
        // Pact's verifier matches the whole value: `x` does not match "ax".
        return { match: 'regex', regex: new RegExp(`^(?:${read.source})$`, read.flags), pattern: rule.regex };
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

/** Strict SemVer 2.0.0, as the semver crate parses it. */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][\dA-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][\dA-Za-z-]*))*))?(?:\+([\dA-Za-z-]+(?:\.[\dA-Za-z-]+)*))?$/;

export function isSemver(value: unknown): boolean {
  return typeof value === 'string' && SEMVER.test(value);
}

const DATE_WORDS = { date: 'a date', time: 'a time', timestamp: 'a timestamp' } as const;

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
 * that such an example stands for): why the value does not satisfy it, naming the rule, or undefined
 * when it does. Rules about collections and statuses say nothing of a single value.
 */
export function valueProblem(matcher: Matcher, expected: unknown, actual: unknown): string | undefined {
  const rule = `(rule ${matcher.match})`;
  switch (matcher.match) {
    case 'equality':
    case 'values':
      return isDeepStrictEqual(expected, actual)
        ? undefined
        : `expected ${show(expected)} ${rule}, got ${show(actual)}`;
    case 'type':
      return kind(actual) === kind(expected)
        ? undefined
        : `expected ${article(kind(expected))} (like ${show(expected)}) ${rule}, got ${show(actual)}`;
    case 'regex':
      return matcher.regex.test(asText(actual))
        ? undefined
        : `expected a string matching /${matcher.pattern}/ ${rule}, got ${show(actual)}`;
    case 'include':
      return asText(actual).includes(matcher.value)
        ? undefined
        : `expected a string including ${show(matcher.value)} ${rule}, got ${show(actual)}`;
    case 'integer':
      return Number.isInteger(actual)
        ? undefined
        : `expected an integer (like ${show(expected)}) ${rule}, got ${show(actual)}`;
    case 'decimal':
      if (typeof actual !== 'number') return `expected a number (like ${show(expected)}) ${rule}, got ${show(actual)}`;
      return Number.isInteger(actual)
        ? `expected a number with a fractional part ${rule}, got ${show(actual)}`
        : undefined;
    case 'number':
      return typeof actual === 'number'
        ? undefined
        : `expected a number (like ${show(expected)}) ${rule}, got ${show(actual)}`;
    case 'boolean':
      return typeof actual === 'boolean' || actual === 'true' || actual === 'false'
        ? undefined
        : `expected a boolean ${rule}, got ${show(actual)}`;
    case 'null':
      return actual === null ? undefined : `expected null ${rule}, got ${show(actual)}`;
    case 'date':
    case 'time':
    case 'timestamp':
      return matchesDate(asText(actual), matcher.tokens)
        ? undefined
        : `expected ${DATE_WORDS[matcher.match]} in format ${matcher.format} ${rule}, got ${show(actual)}`;
    case 'semver':
      return isSemver(actual) ? undefined : `expected a semantic version ${rule}, got ${show(actual)}`;
    case 'notEmpty':
      return actual === null || actual === '' || (typeof actual === 'object' && Object.keys(actual).length === 0)
        ? `expected a value that is not empty ${rule}, got ${show(actual)}`
        : undefined;
    case 'contentType':
      return mediaType(sniffContentType(asText(actual))) === mediaType(matcher.value)
        ? undefined
        : `expected content of type ${matcher.value} ${rule}, got ${show(actual)}`;
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
      return isDeepStrictEqual(expected, actual)
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
      return isDeepStrictEqual(expected, actual)
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
  if (matcher.min !== undefined && size < matcher.min)
    return `expected at least ${matcher.min} ${unit} (rule type), got ${size}`;
  if (matcher.max !== undefined && size > matcher.max)
    return `expected at most ${matcher.max} ${unit} (rule type), got ${size}`;
  return undefined;
}

/** Letters, marks, numbers and connectors: a word character to Pact's regex engine (Unicode-aware). */
const WORD = '\\p{L}\\p{M}\\p{Nd}\\p{Pc}';

/** POSIX classes as Pact's regex engine reads them (Unicode-aware), inside a JavaScript class. */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: '\\p{L}\\p{M}',
  alnum: '\\p{L}\\p{M}\\p{Nd}',
  digit: '\\p{Nd}',
  lower: '\\p{Ll}',
  upper: '\\p{Lu}',
  space: '\\s',
  blank: '\\p{Zs}\\t',
  xdigit: '0-9A-Fa-f',
  word: WORD,
};

/**
 * A pact's regular expression (written for Pact's Unicode-aware engine) as a JavaScript one with the
 * `u` flag: a leading `(?i)` becomes the `i` flag, `\A` and `\z` are `^` and `$`, `\d`, `\w`, `\b`
 * and POSIX classes such as `[[:digit:]]` match what they match in Pact (Unicode digits and letters
 * too). What JavaScript cannot express the same way (atomic groups, inline flags elsewhere, nested
 * classes, other POSIX classes) is why the pattern cannot be read, never a guess; anything else the
 * `u` flag does not accept is an invalid pattern.
 */
export function readRegex(pattern: string): { readonly source: string; readonly flags: string } | string {
  const cannot = (what: string) => `uses ${what}, which this matcher cannot read the way Pact does`;
  const inline = /^\(\?([a-z]+)\)/.exec(pattern);
  if (inline && inline[1] !== 'i') return cannot(`the inline flags (?${inline[1]})`);
  const body = inline ? pattern.slice(inline[0].length) : pattern;
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    const rest = body.slice(i);
    if (c === '\\') {
      const next = body[i + 1];
      i++;
      if (next === 'A' || next === 'z') {
        if (inClass) return cannot(`\\${next} inside a class`);
        out += next === 'A' ? '^' : '$';
      } else if (next === 'd') out += '\\p{Nd}';
      else if (next === 'D') out += '\\P{Nd}';
      else if (next === 'w') out += inClass ? WORD : `[${WORD}]`;
      else if (next === 'W') {
        if (inClass) return cannot('\\W inside a class');
        out += `[^${WORD}]`;
      } else if ((next === 'b' || next === 'B') && !inClass) {
        const boundary = `(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}])`;
        const inside = `(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}])`;
        out += `(?:${next === 'b' ? boundary : inside})`;
      } else out += next === undefined ? '\\' : `\\${next}`;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest);
      if (posix) {
        const translated = POSIX_CLASSES[posix[2] as string];
        if (posix[1] || translated === undefined) return cannot(`the POSIX class ${posix[0]}`);
        out += translated;
        i += posix[0].length - 1;
        continue;
      }
      if (c === '[') return cannot('a class inside a class');
      if (rest.startsWith('&&')) return cannot('a class intersection (&&)');
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      const negated = body[i + 1] === '^';
      out += negated ? '[^' : '[';
      if (negated) i++;
      // Pact's engine reads a leading ] as a character; JavaScript as the end of an empty class.
      if (body[i + 1] === ']') return cannot('a ] first in a class');
      continue;
    }
    if (rest.startsWith('(?>')) return cannot('an atomic group (?>…)');
    if (/^\(\?[a-z]*-?[a-z]*\)/.test(rest) && !/^\(\?\)/.test(rest)) return cannot('inline flags inside the pattern');
    out += c;
  }
  return { source: out, flags: inline ? 'ui' : 'u' };
}
