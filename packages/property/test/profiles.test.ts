import { req } from '@assay/trace';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assertProperty, currentProfile, FailureDatabase, PROFILES, parseProfile } from '../src/index.ts';
import { tempDir } from './support/workspace.ts';

describe('profiles', { meta: req('PROP-001') }, () => {
  test('the tier chooses: pr default, nightly and weekly thorough; ASSAY_PROPERTY_PROFILE wins', () => {
    expect(currentProfile({}).name).toBe('default');
    expect(currentProfile({ ASSAY_TIER: 'pr' }).name).toBe('default');
    expect(currentProfile({ ASSAY_TIER: 'nightly' }).name).toBe('thorough');
    expect(currentProfile({ ASSAY_TIER: 'weekly' }).name).toBe('thorough');
    expect(currentProfile({ ASSAY_TIER: 'nightly', ASSAY_PROPERTY_PROFILE: 'quick' }).name).toBe('quick');
    expect([PROFILES.quick.numRuns, PROFILES.default.numRuns, PROFILES.thorough.numRuns]).toEqual([25, 100, 1000]);
  });

  test('an unknown profile is a one-line error', () => {
    expect(() => currentProfile({ ASSAY_PROPERTY_PROFILE: 'exhaustive' })).toThrow(
      "unknown property profile 'exhaustive' (ASSAY_PROPERTY_PROFILE): expected one of quick, default, thorough",
    );
    expect(() => parseProfile('', 'x')).toThrow("unknown property profile ''");
  });

  test.each(['quick', 'default', 'thorough'] as const)('the %s profile runs its number of cases', async (name) => {
    let calls = 0;
    const stats = await assertProperty(
      fc.property(fc.integer(), () => {
        calls += 1;
      }),
      { profile: PROFILES[name], database: new FailureDatabase(tempDir('db')) },
    );
    expect(stats.runs).toBe(PROFILES[name].numRuns);
    expect(calls).toBe(PROFILES[name].numRuns);
    expect(stats.profile).toBe(name);
  });
});
