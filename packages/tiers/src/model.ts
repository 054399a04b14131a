/**
 * The tier model: test categories (Vitest tags) and the tiers that select them.
 * This file is the single source of truth; the preset, the runner and the docs derive from it.
 */

export const CATEGORIES = [
  'unit',
  'integration',
  'property',
  'contract',
  'e2e',
  'slow',
  'performance',
  'chaos',
  'operational',
  'load',
  'soak',
  'destructive',
  'quarantine',
] as const;

export type Category = (typeof CATEGORIES)[number];

export const TIERS = ['pr', 'nightly', 'weekly'] as const;

export type Tier = (typeof TIERS)[number];

export interface CategorySpec {
  readonly description: string;
  /** Per-test timeout in ms; undefined keeps Vitest's default. */
  readonly timeout?: number;
  /** The first tier that runs this category; every later tier runs it too. */
  readonly from: Tier;
  /**
   * Runs of this category need a yes from a person: `always` (destructive), or `on-request`
   * when a command asks for it (`assay test --confirm`, as the chaos and operational make targets do).
   */
  readonly confirm?: 'always' | 'on-request';
}

const SECOND = 1000;

export const CATEGORY_SPECS: Readonly<Record<Category, CategorySpec>> = {
  unit: { description: 'pure, in-process, no services', from: 'pr' },
  integration: { description: 'real services through @assay/fixtures', timeout: 30 * SECOND, from: 'pr' },
  property: { description: 'fast-check properties (profile follows the tier)', timeout: 30 * SECOND, from: 'pr' },
  contract: { description: 'Pact consumer and provider verification', timeout: 30 * SECOND, from: 'pr' },
  e2e: { description: 'whole app over HTTP', timeout: 30 * SECOND, from: 'pr' },
  slow: { description: 'longer than 30 s', timeout: 600 * SECOND, from: 'nightly' },
  performance: { description: 'benchmarks', timeout: 120 * SECOND, from: 'nightly' },
  chaos: {
    description: 'fault injection (network, containers)',
    timeout: 60 * SECOND,
    from: 'nightly',
    confirm: 'on-request',
  },
  operational: {
    description: 'recovery procedures',
    timeout: 300 * SECOND,
    from: 'nightly',
    confirm: 'on-request',
  },
  load: { description: 'concurrent load on loopback, bounded', timeout: 300 * SECOND, from: 'weekly' },
  soak: { description: 'long runs; longer than 1 h refused outside CI', from: 'weekly' },
  destructive: { description: 'needs confirmation', timeout: 300 * SECOND, from: 'weekly', confirm: 'always' },
  quarantine: { description: 'known flaky: runs, but its failure does not fail the tier', from: 'pr' },
};

export function isCategory(name: string): name is Category {
  return (CATEGORIES as readonly string[]).includes(name);
}

export function isTier(name: string): name is Tier {
  return (TIERS as readonly string[]).includes(name);
}

/** Categories a tier runs, in model order. */
export function categoriesOf(tier: Tier): Category[] {
  const rank = TIERS.indexOf(tier);
  return CATEGORIES.filter((c) => TIERS.indexOf(CATEGORY_SPECS[c].from) <= rank);
}

/** Categories a tier leaves out: their tests are deselected. */
export function excludedFrom(tier: Tier): Category[] {
  const included = new Set(categoriesOf(tier));
  return CATEGORIES.filter((c) => !included.has(c));
}

/**
 * The `--tags-filter` expression that selects a tier: every test except those carrying a category
 * the tier leaves out. Untagged tests run in every tier.
 */
export function tagsFilterFor(tier: Tier, only?: readonly Category[]): string[] {
  const excluded = excludedFrom(tier);
  const filters = excluded.length > 0 ? [excluded.map((c) => `!${c}`).join(' && ')] : [];
  if (only && only.length > 0) filters.push(only.join(' || '));
  return filters;
}

/** Bad tier input (an unknown tier or category): one line, exit code 2. */
export class TierError extends Error {
  override name = 'TierError';
  readonly exitCode = 2;
}

export function parseTier(value: string | undefined, source = 'tier'): Tier {
  if (value === undefined || value === '') return 'pr';
  if (!isTier(value)) {
    throw new TierError(`unknown ${source} '${value}': expected one of ${TIERS.join(', ')}`);
  }
  return value;
}

export function parseCategory(value: string, source = 'category'): Category {
  if (!isCategory(value)) {
    throw new TierError(`unknown ${source} '${value}': expected one of ${CATEGORIES.join(', ')}`);
  }
  return value;
}

/** The categories a test is counted under in reports: its category tags, or `untagged`. */
export function categoryKeys(tags: readonly string[]): (Category | 'untagged')[] {
  const categories = tags.filter(isCategory);
  return categories.length > 0 ? categories : ['untagged'];
}

/** Whether a test with these tags is selected by a tier (and, optionally, a category subset). */
export function isSelected(tags: readonly string[], tier: Tier, only?: readonly Category[]): boolean {
  const excluded = new Set<string>(excludedFrom(tier));
  if (tags.some((t) => excluded.has(t))) return false;
  return !only || only.length === 0 || tags.some((t) => (only as readonly string[]).includes(t));
}
