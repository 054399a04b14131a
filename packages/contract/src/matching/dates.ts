/**
 * Date and time patterns as Pact reads them: Java DateTimeFormatter letters (`yyyy-MM-dd'T'HH:mm:ssXXX`),
 * each run of one letter a token. A value is checked token by token, left to right, each token taking
 * what it can (no backtracking) and checking its range — the way pact_models' `time_utils` does
 * (`yyyy` takes 1–4 digits, `MM` 1–2 in 1–12, `dd` 1–31 whatever the month), and the differential
 * test holds it to Pact's verifier for the formats it generates. Not identical: the zone names `z`
 * accepts are the fixed list ZONE_NAMES, not every name Java knows.
 */

export type DateToken =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'number';
      readonly letter: string;
      /** How many letters were written: the digits a generated value is padded to. */
      readonly width: number;
      readonly maxDigits: number;
      readonly min: number;
      readonly max: number;
    }
  | { readonly kind: 'digits'; readonly letter: string }
  | { readonly kind: 'words'; readonly letter: string; readonly words: readonly string[] }
  | { readonly kind: 'offset'; readonly letter: 'X' | 'x' | 'Z' | 'O'; readonly count: number }
  | { readonly kind: 'zoneName' }
  | { readonly kind: 'zoneId' };

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const short = (names: readonly string[]) => names.map((name) => name.slice(0, 3));

/** Zone abbreviations `z` accepts: the common ones (Pact checks a longer list of its own). */
export const ZONE_NAMES = new Set([
  'UTC',
  'GMT',
  'EST',
  'EDT',
  'CST',
  'CDT',
  'MST',
  'MDT',
  'PST',
  'PDT',
  'BST',
  'CET',
  'CEST',
  'EET',
  'EEST',
  'IST',
  'JST',
  'AEST',
  'AEDT',
  'NZST',
  'NZDT',
]);

/** Letters with no meaning here, and `{}[]` and digits, make a pattern unreadable, as in Pact. */
const UNREADABLE = /[A-Za-z0-9{}[\]]/;

/** A pattern's tokens, or why it cannot be read. */
export function parseDatePattern(pattern: string): readonly DateToken[] | string {
  const tokens: DateToken[] = [];
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i] as string;
    if (char === "'") {
      if (pattern[i + 1] === "'") {
        tokens.push({ kind: 'text', text: "'" });
        i += 2;
        continue;
      }
      let text = '';
      let j = i + 1;
      for (; j < pattern.length; j++) {
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          text += "'";
          j++;
        } else if (pattern[j] === "'") break;
        else text += pattern[j];
      }
      if (j >= pattern.length || text === '') return `an unclosed quote in '${pattern}'`;
      tokens.push({ kind: 'text', text });
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(char)) {
      if (UNREADABLE.test(char)) return `'${char}' cannot be read in '${pattern}'`;
      let text = '';
      while (i < pattern.length && !UNREADABLE.test(pattern[i] as string) && pattern[i] !== "'") text += pattern[i++];
      tokens.push({ kind: 'text', text });
      continue;
    }
    let count = 0;
    while (pattern[i + count] === char) count++;
    const token = letterToken(char, count);
    if (typeof token === 'string') return `${token} in '${pattern}'`;
    tokens.push(token);
    i += count;
  }
  return tokens.length > 0 ? tokens : 'an empty pattern';
}

function letterToken(letter: string, count: number): DateToken | string {
  const number = (maxDigits: number, min: number, max: number): DateToken => ({
    kind: 'number',
    letter,
    width: Math.min(count, maxDigits),
    maxDigits,
    min,
    max,
  });
  const tooMany = (limit: number) => (count > limit ? `too many '${letter}' letters` : undefined);
  switch (letter) {
    case 'G':
      return tooMany(5) ?? { kind: 'words', letter, words: ['ad', 'bc'] };
    case 'y':
    case 'Y':
    case 'u':
      return number(count, 0, Number.MAX_SAFE_INTEGER);
    case 'M':
    case 'L':
      if (count > 5) return `too many '${letter}' letters`;
      if (letter === 'L' || count <= 2) return number(2, 1, 12);
      return { kind: 'words', letter, words: count === 3 ? short(MONTHS) : MONTHS };
    case 'd':
      return tooMany(2) ?? number(2, 1, 31);
    case 'D':
      return number(3, 1, 356);
    case 'w':
      return tooMany(2) ?? number(2, 1, 56);
    case 'W':
      return tooMany(2) ?? number(2, 1, 5);
    case 'F':
      return tooMany(2) ?? number(2, 0, 4);
    case 'E':
      return tooMany(5) ?? { kind: 'words', letter, words: count <= 3 ? short(DAYS) : DAYS };
    case 'e':
    case 'c':
      if (count > 5 || (letter === 'c' && count > 1)) return `too many '${letter}' letters`;
      return count > 2 ? { kind: 'words', letter, words: count === 3 ? short(DAYS) : DAYS } : number(1, 1, 7);
    case 'Q':
    case 'q':
      if (count > 5 || (letter === 'q' && count > 2)) return `too many '${letter}' letters`;
      if (count < 3) return number(2, 1, 4);
      return {
        kind: 'words',
        letter,
        words: count === 3 ? ['q1', 'q2', 'q3', 'q4'] : ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'],
      };
    case 'a':
      return tooMany(1) ?? { kind: 'words', letter, words: ['am', 'pm'] };
    case 'H':
      return tooMany(2) ?? number(2, 0, 23);
    case 'k':
      return tooMany(2) ?? number(2, 1, 24);
    case 'h':
      return tooMany(2) ?? number(2, 1, 12);
    case 'K':
      return tooMany(2) ?? number(2, 0, 11);
    case 'm':
      return tooMany(2) ?? number(2, 0, 59);
    case 's':
      return tooMany(2) ?? number(2, 0, 60);
    case 'S':
      return number(count, 0, 999);
    case 'n':
    case 'A':
    case 'N':
      return { kind: 'digits', letter };
    case 'X':
    case 'x':
    case 'Z':
      return tooMany(5) ?? { kind: 'offset', letter, count };
    case 'O':
      return tooMany(4) ?? { kind: 'offset', letter, count };
    case 'z':
      return tooMany(4) ?? (count < 4 ? { kind: 'zoneName' } : 'full zone names are not supported');
    case 'V':
      return tooMany(2) ?? { kind: 'zoneId' };
    default:
      return `the letter '${letter}' has no meaning`;
  }
}

/** The length of the number of at most `max` digits at the start of `text`, in its range; -1 if none. */
function numberAt(text: string, maxDigits: number, min: number, max: number): number {
  const digits = /^\d+/.exec(text)?.[0].slice(0, maxDigits) ?? '';
  if (digits === '') return -1;
  const value = Number(digits);
  return value >= min && value <= max ? digits.length : -1;
}

const zoneIds = new Set(Intl.supportedValuesOf('timeZone'));

/** `+hh:mm`-style offsets: `colon` between hours and minutes, minutes optional or required, seconds allowed. */
function signedOffset(text: string, colon: boolean, minutes: 'optional' | 'required', seconds: boolean): number {
  if (!/^[+-]/.test(text)) return -1;
  let at = 1;
  const hours = numberAt(text.slice(at), 2, 0, 11);
  if (hours < 0) return -1;
  at += hours;
  const part = (prefix: string) => {
    if (!text.startsWith(prefix, at)) return -1;
    const length = numberAt(text.slice(at + prefix.length), 2, 0, 59);
    return length < 0 ? -1 : prefix.length + length;
  };
  const mins = part(colon ? ':' : '');
  if (mins < 0) return minutes === 'optional' ? at : -1;
  at += mins;
  if (seconds) {
    const secs = part(colon ? ':' : '');
    if (secs >= 0) at += secs;
  }
  return at;
}

function offsetAt(text: string, token: Extract<DateToken, { kind: 'offset' }>): number {
  const { letter, count } = token;
  if (letter === 'X' && text.startsWith('Z')) return 1;
  if (letter === 'X' || letter === 'x') {
    if (count === 1) return signedOffset(text, false, 'optional', false);
    if (count === 2) return signedOffset(text, false, 'required', false);
    if (count === 3) return signedOffset(text, true, 'required', false);
    if (count === 4) return signedOffset(text, false, 'required', true);
    return signedOffset(text, true, 'required', true);
  }
  const gmt = /^(GMT|UTC)/.exec(text)?.[0].length ?? -1;
  if (letter === 'Z') {
    if (count <= 3) return signedOffset(text, false, 'required', false);
    if (count === 5) return signedOffset(text, true, 'required', false);
    if (gmt < 0) return -1;
    const rest = signedOffset(text.slice(gmt), true, 'required', false);
    return rest < 0 ? gmt : gmt + rest;
  }
  if (gmt < 0) return -1;
  const rest = signedOffset(text.slice(gmt), true, count <= 3 ? 'optional' : 'required', false);
  return rest < 0 ? -1 : gmt + rest;
}

/** How much of `text` the token takes; -1 when it cannot. */
function tokenAt(text: string, token: DateToken): number {
  switch (token.kind) {
    case 'text':
      return text.startsWith(token.text) ? token.text.length : -1;
    case 'number':
      return numberAt(text, token.maxDigits, token.min, token.max);
    case 'digits':
      return /^\d+/.exec(text)?.[0].length ?? -1;
    case 'words': {
      const lower = text.toLowerCase();
      return token.words.find((word) => lower.startsWith(word))?.length ?? -1;
    }
    case 'offset':
      return offsetAt(text, token);
    case 'zoneName': {
      const name = /^[A-Z]{3,4}/.exec(text)?.[0] ?? '';
      return ZONE_NAMES.has(name) ? name.length : -1;
    }
    case 'zoneId': {
      const id = /^[A-Za-z0-9]+\/[A-Za-z0-9]+/.exec(text)?.[0] ?? '';
      return zoneIds.has(id) ? id.length : -1;
    }
  }
}

function daysInMonth(month: number, year: number | undefined): number {
  if (month === 2) {
    // Without a year, Pact allows no 29 February.
    const leap = year !== undefined && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function monthNumber(text: string): number {
  const name = text.toLowerCase();
  const index = MONTHS.findIndex((month) => month === name || month.slice(0, 3) === name);
  return index >= 0 ? index + 1 : Number(text);
}

/** Whether `value` is written in the pattern's tokens, its day one its month has (as Pact checks too). */
export function matchesDate(value: string, tokens: readonly DateToken[]): boolean {
  let rest = value;
  const fields = new Map<string, string>();
  for (const token of tokens) {
    const taken = tokenAt(rest, token);
    if (taken < 0) return false;
    if (token.kind === 'number' || token.kind === 'words') fields.set(token.letter, rest.slice(0, taken));
    rest = rest.slice(taken);
  }
  if (rest !== '') return false;
  const day = fields.get('d');
  const month = fields.get('M') ?? fields.get('L');
  if (day === undefined || month === undefined) return true;
  const year = fields.get('y') ?? fields.get('u') ?? fields.get('Y');
  return Number(day) <= daysInMonth(monthNumber(month), year === undefined ? undefined : Number(year));
}
