import { fileURLToPath } from 'node:url';
import { guardConfig } from '@assay/guard';
import { InsightsRecorder } from '@assay/insights';
import { ShardSequencer } from '@assay/insights/sequencer';
import type { TestTagDefinition } from 'vitest';
import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';
import { CATEGORIES, CATEGORY_SPECS, excludedFrom, parseTier, type Tier } from './model.ts';
import { TierReporter } from './reporter.ts';
import { soakDuration } from './soak.ts';
import { verdictFor } from './summary.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** The tier a run uses: ASSAY_TIER, or pr, so a bare `vitest run` is the PR tier. */
export function currentTier(env: Env = process.env): Tier {
  return parseTier(env.ASSAY_TIER, 'ASSAY_TIER');
}

/**
 * One Vitest tag per category. Categories the tier leaves out are skipped by their definition, so a
 * bare `vitest run` cannot run heavy tests even though Vitest has no config key for a tags filter.
 * Heavier categories get a lower priority number, so their timeout wins on a test with several tags.
 */
export function tagDefinitions(tier: Tier, env: Env = process.env): TestTagDefinition[] {
  const excluded = new Set(excludedFrom(tier));
  return CATEGORIES.map((name, index) => {
    const spec = CATEGORY_SPECS[name];
    const timeout = name === 'soak' && !excluded.has(name) ? soakTimeout(env) : spec.timeout;
    return {
      name,
      description: spec.description,
      priority: CATEGORIES.length - index,
      ...(timeout === undefined ? {} : { timeout }),
      ...(excluded.has(name) ? { skip: true } : {}),
    };
  });
}

// A soak test runs for ASSAY_SOAK_DURATION; give it a margin to set up and wind down.
function soakTimeout(env: Env): number | undefined {
  try {
    return soakDuration(env) + 5 * 60_000;
  } catch {
    return undefined; // the gate in setup.ts reports the refusal on the test itself
  }
}

/** The Assay preset: tags, the tier gates, reports and the insights recorder. `overrides` are merged over it. */
export function defineAssayConfig(overrides: ViteUserConfig = {}, env: Env = process.env): ViteUserConfig {
  const tier = currentTier(env);
  const guards = guardConfig(tier, env);
  const preset = defineConfig({
    test: {
      // --expose-gc lets the heap guard measure after a forced collection.
      execArgv: ['--expose-gc', `--max-old-space-size=${guards.workerMemoryMb}`],
      ...(guards.maxWorkers === undefined ? {} : { maxWorkers: guards.maxWorkers }),
      tags: tagDefinitions(tier, env),
      strictTags: true,
      setupFiles: [fileURLToPath(new URL('./setup.ts', import.meta.url))],
      reporters: [
        'default',
        'junit',
        'json',
        new TierReporter(tier),
        new InsightsRecorder({ tier, guard: (modules, durationMs) => verdictFor(tier, modules, durationMs) }),
      ],
      // With --shard i/N, the shard plan's recorded durations decide which files run here.
      sequence: { sequencer: ShardSequencer },
    },
  });
  return mergeConfig(preset, overrides);
}
