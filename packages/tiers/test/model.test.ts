/**
 * @module-tag unit
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import {
  CATEGORIES,
  CATEGORY_SPECS,
  categoriesOf,
  excludedFrom,
  isSelected,
  parseCategory,
  parseTier,
  TierError,
  tagsFilterFor,
} from '../src/index.ts';

describe('the tier table', { meta: req('TIER-001') }, () => {
  test('pr runs unit, integration, property, contract, e2e and quarantine', () => {
    expect(categoriesOf('pr')).toEqual(['unit', 'integration', 'property', 'contract', 'e2e', 'quarantine']);
  });

  test('nightly adds slow, performance, chaos and operational', () => {
    expect(excludedFrom('nightly')).toEqual(['load', 'soak', 'destructive']);
  });

  test('weekly runs every category', () => {
    expect(categoriesOf('weekly')).toEqual([...CATEGORIES]);
    expect(excludedFrom('weekly')).toEqual([]);
  });

  test('chaos and operational carry their timeouts; destructive always needs a yes', () => {
    expect(CATEGORY_SPECS.chaos.timeout).toBe(60_000);
    expect(CATEGORY_SPECS.operational.timeout).toBe(300_000);
    expect(CATEGORY_SPECS.destructive.confirm).toBe('always');
  });
});

describe('selection', { meta: req('TIER-003') }, () => {
  test('a test is deselected when any of its categories is outside the tier', () => {
    expect(isSelected(['integration'], 'pr')).toBe(true);
    expect(isSelected(['integration', 'slow'], 'pr')).toBe(false);
    expect(isSelected(['integration', 'slow'], 'nightly')).toBe(true);
    expect(isSelected([], 'pr')).toBe(true);
  });

  test('a category subset narrows the tier', () => {
    expect(isSelected(['unit'], 'nightly', ['chaos'])).toBe(false);
    expect(isSelected(['chaos'], 'nightly', ['chaos'])).toBe(true);
  });

  test('the tags filter excludes what the tier leaves out', () => {
    expect(tagsFilterFor('nightly')).toEqual(['!load && !soak && !destructive']);
    expect(tagsFilterFor('weekly', ['soak', 'load'])).toEqual(['soak || load']);
    expect(tagsFilterFor('weekly')).toEqual([]);
  });
});

describe('parsing', { meta: req('TIER-007') }, () => {
  test('a missing tier means pr, so bare runs are safe', () => {
    expect(parseTier(undefined)).toBe('pr');
    expect(parseTier('')).toBe('pr');
    expect(parseTier('weekly')).toBe('weekly');
  });

  test('unknown names are one-line errors with exit code 2', () => {
    expect(() => parseTier('monthly', 'ASSAY_TIER')).toThrow(
      new TierError("unknown ASSAY_TIER 'monthly': expected one of pr, nightly, weekly"),
    );
    const error = (() => {
      try {
        parseCategory('smoke');
      } catch (caught) {
        return caught as TierError;
      }
    })();
    expect(error).toBeInstanceOf(TierError);
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(/^unknown category 'smoke': expected one of unit, integration,/);
  });
});
