/**
 * @module-tag unit
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { DEFAULT_MODEL as model, TierError, tierModel } from '../src/index.ts';

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

  test('the tags filter excludes what the tier leaves out', () => {
    expect(model.tagsFilterFor('nightly')).toEqual(['!load && !soak && !destructive']);
    expect(model.tagsFilterFor('weekly', ['soak', 'load'])).toEqual(['soak || load']);
    expect(model.tagsFilterFor('weekly')).toEqual([]);
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
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(/^unknown category 'smoke': expected one of unit, integration,/);
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
});
