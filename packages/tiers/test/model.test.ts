/**
 * @module-tag unit
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import {
  BUILT_IN_TIERS,
  type BuiltInTier,
  DEFAULT_MODEL as model,
  RepoConfigError,
  TierError,
  tierModel,
  validateRepoConfig,
} from '../src/index.ts';

const SECONDS = 1_000;

/**
 * The built-in categories as the README documents them ("How tiers work"), in model order: the
 * tiers that run each one, its timeout in seconds (none: Vitest's default of 5 s, or for soak the
 * preset's duration + 5 min), and whether a person must say yes — destructive always (README
 * "Gates"), chaos and operational when the command asks (`make test-chaos`, `assay test --confirm`).
 * No built-in category is retried.
 */
const CATEGORY_TABLE: readonly (readonly [
  string,
  readonly BuiltInTier[],
  number | undefined,
  'always' | 'on-request' | undefined,
])[] = [
  ['unit', ['pr', 'nightly', 'weekly'], undefined, undefined],
  ['integration', ['pr', 'nightly', 'weekly'], 30, undefined],
  ['property', ['pr', 'nightly', 'weekly'], 30, undefined],
  ['contract', ['pr', 'nightly', 'weekly'], 30, undefined],
  ['e2e', ['pr', 'nightly', 'weekly'], 30, undefined],
  ['slow', ['nightly', 'weekly'], 600, undefined],
  ['performance', ['nightly', 'weekly'], 120, undefined],
  ['chaos', ['nightly', 'weekly'], 60, 'on-request'],
  ['operational', ['nightly', 'weekly'], 300, 'on-request'],
  ['load', ['weekly'], 300, undefined],
  ['soak', ['weekly'], undefined, undefined],
  ['destructive', ['weekly'], 300, 'always'],
  ['quarantine', ['pr', 'nightly', 'weekly'], undefined, undefined],
];

/**
 * The built-in tiers: the property profile each picks (packages/property README: default for pr,
 * thorough for nightly and weekly) and whether turbo may replay it (README: only test:pr is cached).
 */
const TIER_TABLE: readonly (readonly [BuiltInTier, 'default' | 'thorough', boolean])[] = [
  ['pr', 'default', true],
  ['nightly', 'thorough', false],
  ['weekly', 'thorough', false],
];

describe('the tier table', { meta: req('TIER-001') }, () => {
  test('pr runs unit, integration, property, contract, e2e and quarantine', () => {
    expect(model.categoriesOf('pr')).toEqual(['unit', 'integration', 'property', 'contract', 'e2e', 'quarantine']);
  });

  test('nightly adds slow, performance, chaos and operational', () => {
    expect(model.excludedFrom('nightly')).toEqual(['load', 'soak', 'destructive']);
  });

  test('weekly runs every category', () => {
    expect(model.categoriesOf('weekly')).toEqual([...model.categories]);
    expect(model.excludedFrom('weekly')).toEqual([]);
  });

  test('chaos and operational carry their timeouts; destructive always needs a yes', () => {
    expect(model.category('chaos').timeout).toBe(60_000);
    expect(model.category('operational').timeout).toBe(300_000);
    expect(model.category('destructive').confirm).toBe('always');
  });

  test('the built-in categories are the documented ones, in the documented order', () => {
    expect(model.categories).toEqual(CATEGORY_TABLE.map(([name]) => name));
    expect(model.tiers).toEqual([...BUILT_IN_TIERS]);
  });

  test.each(CATEGORY_TABLE)('%s runs in %j, with timeout %j s and confirmation %j', (name, tiers, timeout, confirm) => {
    expect(BUILT_IN_TIERS.filter((tier) => model.categoriesOf(tier).includes(name))).toEqual(tiers);
    // toEqual: an undefined timeout, retry or confirm must be absent, not some other value.
    expect(model.category(name)).toEqual({
      description: expect.any(String),
      timeout: timeout === undefined ? undefined : timeout * SECONDS,
      retry: undefined,
      confirm,
    });
  });

  test.each(TIER_TABLE)('%s: property profile %s, cached by turbo: %s', (tier, property, cache) => {
    expect(model.tier(tier)).toEqual({
      description: expect.any(String),
      categories: CATEGORY_TABLE.filter(([, tiers]) => tiers.includes(tier)).map(([name]) => name),
      base: tier,
      property,
      cache,
    });
  });
});

describe('selection', { meta: req('TIER-003') }, () => {
  test('a test is deselected when any of its categories is outside the tier', () => {
    expect(model.isSelected(['integration'], 'pr')).toBe(true);
    expect(model.isSelected(['integration', 'slow'], 'pr')).toBe(false);
    expect(model.isSelected(['integration', 'slow'], 'nightly')).toBe(true);
    expect(model.isSelected([], 'pr')).toBe(true);
  });

  test('a category subset narrows the tier', () => {
    expect(model.isSelected(['unit'], 'nightly', ['chaos'])).toBe(false);
    expect(model.isSelected(['chaos'], 'nightly', ['chaos'])).toBe(true);
  });

  test('a test is in a category subset when any of its categories is', () => {
    expect(model.isSelected(['unit', 'integration'], 'pr', ['integration'])).toBe(true);
    expect(model.isSelected(['integration', 'chaos'], 'nightly', ['chaos'])).toBe(true);
  });

  test('an empty category subset narrows nothing', () => {
    expect(model.isSelected(['unit'], 'pr', [])).toBe(true);
    expect(model.isSelected([], 'pr', [])).toBe(true);
    expect(model.isSelected(['slow'], 'pr', [])).toBe(false);
    expect(model.tagsFilterFor('nightly', [])).toEqual(['!load && !soak && !destructive']);
    expect(model.tagsFilterFor('weekly', [])).toEqual([]);
  });

  test('the tags filter excludes what the tier leaves out', () => {
    expect(model.tagsFilterFor('nightly')).toEqual(['!load && !soak && !destructive']);
    expect(model.tagsFilterFor('weekly', ['soak', 'load'])).toEqual(['soak || load']);
    expect(model.tagsFilterFor('weekly')).toEqual([]);
  });
});

describe('the categories a test is counted under', { meta: req('TIER-004', 'TIER-006') }, () => {
  test('its category tags, in its own order; other tags are not categories', () => {
    expect(model.categoryKeys(['slow', 'unit'])).toEqual(['slow', 'unit']);
    expect(model.categoryKeys(['wip', 'integration', 'db'])).toEqual(['integration']);
  });

  test('untagged when it has no category tag', () => {
    expect(model.categoryKeys([])).toEqual(['untagged']);
    expect(model.categoryKeys(['wip'])).toEqual(['untagged']);
  });
});

describe('parsing', { meta: req('TIER-007') }, () => {
  test('a missing tier means pr, so bare runs are safe', () => {
    expect(model.parseTier(undefined)).toBe('pr');
    expect(model.parseTier('')).toBe('pr');
    expect(model.parseTier('weekly')).toBe('weekly');
  });

  test('unknown names are one-line errors with exit code 2', () => {
    expect(() => model.parseTier('monthly', 'ASSAY_TIER')).toThrow(
      new TierError("unknown ASSAY_TIER 'monthly': expected one of pr, nightly, weekly"),
    );
    const error = (() => {
      try {
        model.parseCategory('smoke');
      } catch (caught) {
        return caught as TierError;
      }
    })();
    expect(error).toBeInstanceOf(TierError);
    expect(error?.name).toBe('TierError');
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(/^unknown category 'smoke': expected one of unit, integration,/);
  });

  test('without a source, the error names a tier or a category', () => {
    expect(() => model.parseTier('monthly')).toThrow(
      new TierError("unknown tier 'monthly': expected one of pr, nightly, weekly"),
    );
    expect(() => model.parseCategory('smoke')).toThrow(/^unknown category 'smoke': /);
  });

  test('a known category parses to itself', () => {
    expect(model.parseCategory('chaos')).toBe('chaos');
    expect(model.parseCategory('unit', '--category')).toBe('unit');
  });

  test('looking up an unknown tier or category is the same one-line error', () => {
    expect(() => model.tier('monthly')).toThrow(
      new TierError("unknown tier 'monthly': expected one of pr, nightly, weekly"),
    );
    expect(() => model.category('smoke')).toThrow(
      new TierError(
        "unknown category 'smoke': expected one of unit, integration, property, contract, e2e, slow, performance, chaos, operational, load, soak, destructive, quarantine",
      ),
    );
    expect(() => model.categoriesOf('monthly')).toThrow(TierError);
  });
});

describe('a model of the repository’s own (assay.config.ts)', { meta: req('TIER-009') }, () => {
  const custom = tierModel({
    categories: { smoke: { description: 'the few checks every push runs', timeout: 5_000, retry: 1 } },
    tiers: {
      pr: { categories: [...model.categoriesOf('pr'), 'smoke'] },
      'merge-queue': { categories: ['unit', 'smoke'], extends: 'nightly' },
    },
  });

  test('a new category and a new tier join the built-in ones, in order', () => {
    expect(custom.categories.at(-1)).toBe('smoke');
    expect(custom.tiers).toEqual(['pr', 'nightly', 'weekly', 'merge-queue']);
    expect(custom.categoriesOf('merge-queue')).toEqual(['unit', 'smoke']);
    expect(custom.categoriesOf('pr')).toContain('smoke');
    expect(custom.isSelected(['integration'], 'merge-queue')).toBe(false);
    expect(custom.isSelected([], 'merge-queue')).toBe(true);
  });

  test('a new tier takes its guard budgets and property profile from the built-in tier it extends', () => {
    expect(custom.tier('merge-queue')).toMatchObject({ base: 'nightly', property: 'thorough', cache: false });
    expect(custom.tier('pr')).toMatchObject({ base: 'pr', property: 'default', cache: true });
  });

  test('a change to a built-in category keeps the rest of it; weekly runs every category, the new one too', () => {
    const changed = tierModel({ categories: { destructive: { description: 'wipes data', timeout: 600_000 } } });
    expect(changed.category('destructive')).toEqual({ description: 'wipes data', timeout: 600_000, confirm: 'always' });
    expect(custom.categoriesOf('weekly')).toContain('smoke');
    expect(() => tierModel({ tiers: { pr: { extends: 'nightly' } } })).toThrow(
      new TierError("tier 'pr' is built in: it extends no other tier"),
    );
  });

  test('a tier naming an unknown category, or a new tier without categories, is one line', () => {
    expect(() => tierModel({ tiers: { pr: { categories: ['unit', 'smok'] } } })).toThrow(
      /^tier 'pr' runs unknown category 'smok': expected one of unit, /,
    );
    expect(() => tierModel({ tiers: { hourly: {} } })).toThrow(
      new TierError("tier 'hourly' is new: give its categories"),
    );
  });

  test('a new tier without extends starts from pr, and is not cached', () => {
    const hourly = tierModel({ tiers: { hourly: { categories: ['unit'] } } }).tier('hourly');
    expect(hourly).toMatchObject({ categories: ['unit'], base: 'pr', property: 'default', cache: false });
    expect(hourly.description).toContain('hourly');
  });

  test('a change to a built-in tier keeps what it does not name', () => {
    const changed = tierModel({ tiers: { nightly: { cache: true }, weekly: { property: 'quick' } } });
    expect(changed.tier('nightly')).toEqual({ ...model.tier('nightly'), cache: true });
    expect(changed.tier('weekly')).toEqual({ ...model.tier('weekly'), property: 'quick' });
    expect(changed.categoriesOf('nightly')).toEqual(model.categoriesOf('nightly'));
  });
});

describe('names of categories and tiers in assay.config.ts', { meta: req('TIER-009') }, () => {
  const check = (config: unknown) => () => validateRepoConfig(config, 'assay.config.ts');

  test.each(['smoke.fast', 'smoke fast', 'smoke!'])('category %j is not a name: one line naming the key', (name) => {
    expect(check({ categories: { [name]: { description: 'x' } } })).toThrow(
      new RepoConfigError(
        `assay.config.ts: 'categories.${name}' must be named in lower case: letters, digits, dashes and underscores`,
      ),
    );
  });

  test('a tier name must be a name too; dashes, digits and underscores are fine', () => {
    expect(check({ tiers: { 'merge queue': { categories: ['unit'] } } })).toThrow(
      "'tiers.merge queue' must be named in lower case",
    );
    expect(
      check({ categories: { smoke_2: { description: 'x' } }, tiers: { 'merge-queue': { categories: ['smoke_2'] } } }),
    ).not.toThrow();
  });

  test.each(['and', 'or', 'not', 'untagged'])('category %j is reserved', (name) => {
    expect(check({ categories: { [name]: { description: 'x' } } })).toThrow(
      new RepoConfigError(
        `assay.config.ts: 'categories.${name}' must be named otherwise: and, or, not, untagged are reserved`,
      ),
    );
  });

  test.each(['test', 'development', 'production'])('tier %j is reserved (a Vite mode)', (name) => {
    expect(check({ tiers: { [name]: { categories: ['unit'] } } })).toThrow(
      new RepoConfigError(
        `assay.config.ts: 'tiers.${name}' must be named otherwise: test, development, production are reserved`,
      ),
    );
  });
});
