/**
 * @module-tag unit
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { currentTier, defineAssayConfig, tagDefinitions } from '../src/index.ts';

const byName = (tier: 'pr' | 'nightly' | 'weekly', env = {}) =>
  Object.fromEntries(tagDefinitions(tier, env).map((tag) => [tag.name, tag]));

describe('tag definitions', { meta: req('TIER-001', 'TIER-002') }, () => {
  test('categories outside the tier are skipped by definition; the tier’s own are not', () => {
    const pr = byName('pr');
    expect(pr.slow?.skip).toBe(true);
    expect(pr.destructive?.skip).toBe(true);
    expect(pr.unit?.skip).toBeUndefined();
    expect(pr.quarantine?.skip).toBeUndefined();
    expect(Object.values(byName('weekly', { ASSAY_SOAK_DURATION: '1s' })).some((tag) => tag.skip)).toBe(false);
  });

  test('heavier categories win a timeout conflict (lower priority number)', () => {
    const tags = byName('nightly');
    expect(tags.chaos?.timeout).toBe(60_000);
    expect(tags.chaos?.priority).toBeLessThan(tags.integration?.priority ?? 0);
  });

  test('a soak test gets its duration plus a margin as timeout', () => {
    expect(byName('weekly', { ASSAY_SOAK_DURATION: '30s' }).soak?.timeout).toBe(30_000 + 300_000);
  });
});

describe('the preset', { meta: req('TIER-002') }, () => {
  test('ASSAY_TIER picks the tier; without it a run is the pr tier', () => {
    expect(currentTier({})).toBe('pr');
    expect(currentTier({ ASSAY_TIER: 'nightly' })).toBe('nightly');
    expect(() => currentTier({ ASSAY_TIER: 'hourly' })).toThrow("unknown ASSAY_TIER 'hourly'");
  });

  test('defines every category as a strict tag and keeps overrides', () => {
    const config = defineAssayConfig({ test: { include: ['spec/**/*.ts'] } }, {});
    expect(config.test?.strictTags).toBe(true);
    expect(config.test?.tags?.map((tag) => tag.name)).toContain('chaos');
    expect(config.test?.include).toEqual(['spec/**/*.ts']);
    expect(config.test?.setupFiles).toEqual([expect.stringMatching(/tiers\/src\/setup\.ts$/)]);
  });
});
