/**
 * Pact's rule paths (`$.lines[*].sku`, `$.*.id`, `$['a b']`) and how a rule is chosen for a value: every
 * rule whose path is a prefix of the value's path counts, weighted as pact_matching weighs them (the root
 * and each exact name or index 2, a `*` or `[*]` 1, anything else 0, multiplied) times its length; the
 * heaviest wins. A rule from a shorter path is *cascaded*: it applies to everything below its value, with
 * array sizes checked only where it was written.
 */
import type { RuleGroup, Rules } from '../pact-file.ts';

/** A value's place in a body: object keys and array indexes below the root. */
export type Segment = string | number;

type Token =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'star' }
  | { readonly kind: 'starIndex' };

export interface SelectedRules {
  readonly group: RuleGroup;
  /** The rules were written for a value above this one. */
  readonly cascaded: boolean;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `$.lines[0].sku`; keys that are not plain names are quoted, `$['a b']`. */
export function formatPath(segments: readonly Segment[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    return PLAIN_KEY.test(segment) ? `${path}.${segment}` : `${path}['${segment.replace(/'/g, "\\'")}']`;
  }, '$');
}

/** A rule path's tokens after the root; undefined for a path Pact would not read. */
export function parsePath(path: string): Token[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const tokens: Token[] = [];
  let i = 1;
  while (i < path.length) {
    const rest = path.slice(i);
    const match =
      /^\.\*/.exec(rest) ??
      /^\.([^.[\]']+)/.exec(rest) ??
      /^\[\*\]/.exec(rest) ??
      /^\[(\d+)\]/.exec(rest) ??
      /^\['((?:[^'\\]|\\.)*)'\]/.exec(rest) ??
      /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest);
    if (!match) return undefined;
    const text = match[0];
    if (text === '.*') tokens.push({ kind: 'star' });
    else if (text === '[*]') tokens.push({ kind: 'starIndex' });
    else if (/^\[\d+\]$/.test(text)) tokens.push({ kind: 'index', index: Number(match[1]) });
    else tokens.push({ kind: 'field', name: (match[1] as string).replace(/\\(.)/g, '$1') });
    i += text.length;
  }
  return tokens;
}

function tokenWeight(token: Token, segment: Segment): number {
  const fragment = String(segment);
  switch (token.kind) {
    case 'field':
      return token.name === fragment ? 2 : 0;
    case 'index':
      return String(token.index) === fragment ? 2 : 0;
    case 'star':
      return 1;
    case 'starIndex':
      return /^\d+$/.test(fragment) ? 1 : 0;
  }
}

/** The weight of a rule path for a value's path: 0 when it does not apply. */
function weight(tokens: readonly Token[], segments: readonly Segment[]): number {
  if (tokens.length > segments.length) return 0;
  return tokens.reduce((product, token, i) => product * tokenWeight(token, segments[i] as Segment), 2);
}

/** The rules for a value, the most specific path winning (the first written, on a tie). */
export function selectRules(rules: Rules | undefined, segments: readonly Segment[]): SelectedRules | undefined {
  let best: { group: RuleGroup; score: number; length: number } | undefined;
  for (const [path, group] of Object.entries(rules ?? {})) {
    const tokens = parsePath(path);
    if (!tokens) continue;
    const w = weight(tokens, segments);
    // Pact scores by weight × the number of tokens, the root counted.
    const score = w * (tokens.length + 1);
    if (w > 0 && (!best || score > best.score)) best = { group, score, length: tokens.length };
  }
  return best && { group: best.group, cascaded: best.length !== segments.length };
}

/** A problem for each rule path Pact could not read (no `$` at its start, `[-1]`, …): never skipped in silence. */
export function rulePathProblems(rules: Rules | undefined): string[] {
  return Object.entries(rules ?? {}).flatMap(([path, group]) =>
    parsePath(path)
      ? []
      : [
          `the rule path ${JSON.stringify(path)} cannot be read (rule ${group.matchers.map((m) => m.match).join(', ') || 'none'}): a path starts with $ and names keys (.name, ['name']), indexes ([0]) or * and [*]`,
        ],
  );
}

/** The segments of a value's path such as `$.lines[2].sku`; undefined for a path with wildcards, or unreadable. */
export function segmentsOf(path: string): Segment[] | undefined {
  const segments: Segment[] = [];
  for (const token of parsePath(path) ?? [{ kind: 'star' } as const]) {
    if (token.kind === 'star' || token.kind === 'starIndex') return undefined;
    segments.push(token.kind === 'index' ? token.index : token.name);
  }
  return segments;
}
