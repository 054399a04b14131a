/**
 * The tier model: test categories (Vitest tags) and the tiers that select them. The built-in 13
 * categories and the pr / nightly / weekly tiers are the default; `assay.config.ts` adds categories
 * and tiers or changes them (`tierModel`). Everything else — the preset, the runner, the listing,
 * the summaries, `assay init`'s turbo tasks and scripts — derives from a `TierModel` value.
 */

export type Category = string;
export type Tier = string;

/** The tiers every model has; a tier of the user's takes its guard budgets and property profile from one. */
export const BUILT_IN_TIERS = ['pr', 'nightly', 'weekly'] as const;
export type BuiltInTier = (typeof BUILT_IN_TIERS)[number];

export const PROPERTY_PROFILES = ['quick', 'default', 'thorough'] as const;
export type PropertyProfileName = (typeof PROPERTY_PROFILES)[number];

/** What a category or tier is named: a Vitest tag, a turbo task suffix, part of an ASSAY_CONFIRM_ variable. */
export const NAME = /^[a-z][a-z0-9_-]*$/;
/** Names the tags filter reads as operators, or the reports use for tests without a category. */
export const RESERVED_CATEGORY_NAMES: readonly string[] = ['and', 'or', 'not', 'untagged'];
/** Vite modes with a meaning of their own: a run's tier is its Vite mode (`test` is a bare run's). */
export const RESERVED_TIER_NAMES: readonly string[] = ['test', 'development', 'production'];

export interface CategorySpec {
  readonly description: string;
  /** Per-test timeout in ms; undefined keeps Vitest's default. */
  readonly timeout?: number;
  /** Times Vitest retries a failed test of this category (none by default). */
  readonly retry?: number;
  /**
   * Runs of this category need a yes from a person: `always` (destructive), or `on-request`
   * when a command asks for it (`assay test --confirm`, as the chaos and operational make targets do).
   */
  readonly confirm?: 'always' | 'on-request';
}

export interface TierSpec {
  readonly description: string;
  /** The categories it runs, in model order. Untagged tests run in every tier. */
  readonly categories: readonly Category[];
  /** The built-in tier whose guard budgets (time, heap, leaks, hang-after) it uses. */
  readonly base: BuiltInTier;
  /** How hard property tests are tried (ASSAY_PROPERTY_PROFILE overrides it for one run). */
  readonly property: PropertyProfileName;
  /** Whether turbo may replay its results from the cache (only the PR tier's by default). */
  readonly cache: boolean;
}

const SECOND = 1000;

/** The built-in categories, each with the first built-in tier that runs it (every later one runs it too). */
const BUILT_IN_CATEGORIES: Readonly<Record<string, CategorySpec & { readonly from: BuiltInTier }>> = {
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
  operational: { description: 'recovery procedures', timeout: 300 * SECOND, from: 'nightly', confirm: 'on-request' },
  load: { description: 'concurrent load on loopback, bounded', timeout: 300 * SECOND, from: 'weekly' },
  soak: { description: 'long runs; longer than 1 h refused outside CI', from: 'weekly' },
  destructive: { description: 'needs confirmation', timeout: 300 * SECOND, from: 'weekly', confirm: 'always' },
  quarantine: { description: 'known flaky: runs, but its failure does not fail the tier', from: 'pr' },
};

const BUILT_IN_TIER_SPECS: Readonly<Record<BuiltInTier, Omit<TierSpec, 'categories' | 'base'>>> = {
  pr: {
    description: 'The PR tier: unit, integration, property, contract, e2e (and quarantined) tests.',
    property: 'default',
    cache: true,
  },
  nightly: {
    description: 'The nightly tier: the PR tier plus slow, performance, chaos and operational tests. Never cached.',
    property: 'thorough',
    cache: false,
  },
  weekly: {
    description: 'The weekly tier: every category, with soak bounded and destructive tests confirmed. Never cached.',
    property: 'thorough',
    cache: false,
  },
};

/** A category of the user's, as assay.config.ts gives it (validated by the repo config). */
export type CategoryConfig = CategorySpec;

/** A tier of the user's, or changes to a built-in one. */
export interface TierConfig {
  readonly description?: string;
  /** Required for a new tier; replaces a built-in tier's list. */
  readonly categories?: readonly Category[];
  /** For a new tier: the built-in tier whose guard budgets and property profile it starts from (pr). */
  readonly extends?: BuiltInTier;
  readonly property?: PropertyProfileName;
  readonly cache?: boolean;
}

/** Bad tier input (an unknown tier or category): one line, exit code 2. */
export class TierError extends Error {
  override name = 'TierError';
  readonly exitCode = 2;
}

export class TierModel {
  /** Category names, in model order: built-ins first, then the user's. */
  readonly categories: readonly Category[];
  /** Tier names, in model order. */
  readonly tiers: readonly Tier[];

  private readonly categorySpecs: ReadonlyMap<Category, CategorySpec>;
  private readonly tierSpecs: ReadonlyMap<Tier, TierSpec>;

  constructor(categorySpecs: ReadonlyMap<Category, CategorySpec>, tierSpecs: ReadonlyMap<Tier, TierSpec>) {
    this.categorySpecs = categorySpecs;
    this.tierSpecs = tierSpecs;
    this.categories = [...categorySpecs.keys()];
    this.tiers = [...tierSpecs.keys()];
  }

  isCategory(name: string): boolean {
    return this.categorySpecs.has(name);
  }

  isTier(name: string): boolean {
    return this.tierSpecs.has(name);
  }

  category(name: Category): CategorySpec {
    const spec = this.categorySpecs.get(name);
    if (!spec) throw new TierError(`unknown category '${name}': expected one of ${this.categories.join(', ')}`);
    return spec;
  }

  tier(name: Tier): TierSpec {
    const spec = this.tierSpecs.get(name);
    if (!spec) throw new TierError(`unknown tier '${name}': expected one of ${this.tiers.join(', ')}`);
    return spec;
  }

  /** An input naming a tier; empty means pr, so a bare `vitest run` is the PR tier. */
  parseTier(value: string | undefined, source = 'tier'): Tier {
    if (value === undefined || value === '') return 'pr';
    if (!this.isTier(value))
      throw new TierError(`unknown ${source} '${value}': expected one of ${this.tiers.join(', ')}`);
    return value;
  }

  parseCategory(value: string, source = 'category'): Category {
    if (!this.isCategory(value)) {
      throw new TierError(`unknown ${source} '${value}': expected one of ${this.categories.join(', ')}`);
    }
    return value;
  }

  /** Categories a tier runs, in model order. */
  categoriesOf(tier: Tier): Category[] {
    const included = new Set(this.tier(tier).categories);
    return this.categories.filter((c) => included.has(c));
  }

  /** Categories a tier leaves out: their tests are deselected. */
  excludedFrom(tier: Tier): Category[] {
    const included = new Set(this.tier(tier).categories);
    return this.categories.filter((c) => !included.has(c));
  }

  /**
   * The `--tags-filter` expression that selects a tier: every test except those carrying a category
   * the tier leaves out. Untagged tests run in every tier.
   */
  tagsFilterFor(tier: Tier, only?: readonly Category[]): string[] {
    const excluded = this.excludedFrom(tier);
    const filters = excluded.length > 0 ? [excluded.map((c) => `!${c}`).join(' && ')] : [];
    if (only && only.length > 0) filters.push(only.join(' || '));
    return filters;
  }

  /** The categories a test is counted under in reports: its category tags, or `untagged`. */
  categoryKeys(tags: readonly string[]): (Category | 'untagged')[] {
    const categories = tags.filter((tag) => this.isCategory(tag));
    return categories.length > 0 ? categories : ['untagged'];
  }

  /** Whether a test with these tags is selected by a tier (and, optionally, a category subset). */
  isSelected(tags: readonly string[], tier: Tier, only?: readonly Category[]): boolean {
    const excluded = new Set<string>(this.excludedFrom(tier));
    if (tags.some((t) => excluded.has(t))) return false;
    return !only || only.length === 0 || tags.some((t) => only.includes(t));
  }
}

/** The model with the user's categories and tiers (from assay.config.ts) over the built-in ones. */
export function tierModel(
  config: {
    readonly categories?: Readonly<Record<string, CategoryConfig>>;
    readonly tiers?: Readonly<Record<string, TierConfig>>;
  } = {},
): TierModel {
  const categories = new Map<Category, CategorySpec>();
  for (const [name, { from: _from, ...spec }] of Object.entries(BUILT_IN_CATEGORIES)) categories.set(name, spec);
  // A built-in category keeps what the change does not name (a destructive test stays gated).
  for (const [name, spec] of Object.entries(config.categories ?? {})) {
    categories.set(name, { ...categories.get(name), ...spec });
  }

  const tiers = new Map<Tier, TierSpec>();
  for (const [index, name] of BUILT_IN_TIERS.entries()) {
    const from = (c: string) => BUILT_IN_TIERS.indexOf(BUILT_IN_CATEGORIES[c]?.from as BuiltInTier) <= index;
    // The weekly tier runs every category, the repository's own too.
    const runs = name === 'weekly' ? [...categories.keys()] : Object.keys(BUILT_IN_CATEGORIES).filter(from);
    tiers.set(name, { ...BUILT_IN_TIER_SPECS[name], base: name, categories: runs });
  }
  for (const [name, change] of Object.entries(config.tiers ?? {})) {
    const current = tiers.get(name);
    if (current && change.extends) throw new TierError(`tier '${name}' is built in: it extends no other tier`);
    const base = current?.base ?? change.extends ?? 'pr';
    if (!current && !change.categories) throw new TierError(`tier '${name}' is new: give its categories`);
    const merged: TierSpec = {
      description: change.description ?? current?.description ?? `The ${name} tier.`,
      categories: change.categories ?? current?.categories ?? [],
      base,
      property: change.property ?? current?.property ?? BUILT_IN_TIER_SPECS[base].property,
      cache: change.cache ?? current?.cache ?? false,
    };
    for (const category of merged.categories) {
      if (!categories.has(category)) {
        throw new TierError(
          `tier '${name}' runs unknown category '${category}': expected one of ${[...categories.keys()].join(', ')}`,
        );
      }
    }
    tiers.set(name, merged);
  }
  return new TierModel(categories, tiers);
}

/** The built-in model: what a repository without categories or tiers in assay.config.ts gets. */
export const DEFAULT_MODEL: TierModel = tierModel();
