import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { confirmationVariable, guardConfig, isConfirmed } from '@assay/guard';
import { InsightsRecorder } from '@assay/insights';
import { ShardSequencer } from '@assay/insights/sequencer';
import type { TestTagDefinition } from 'vitest';
import { type ConfigEnv, defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';
import type { Category, Tier, TierModel } from './model.ts';
import { tierModel } from './model.ts';
import {
  coverageOn,
  coverageThresholds,
  DEFAULT_COVERAGE,
  loadRepoConfig,
  type RepoConfig,
  serviceEnv,
} from './repo-config.ts';
import { TierReporter } from './reporter.ts';
import { soakDuration } from './soak.ts';
import { verdictFor } from './summary.ts';
import { WORKER_SETTINGS, type WorkerSettings } from './worker-settings.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** The tier a run uses: ASSAY_TIER, or pr, so a bare `vitest run` is the PR tier. */
export function currentTier(model: TierModel, env: Env = process.env): Tier {
  return model.parseTier(env.ASSAY_TIER, 'ASSAY_TIER');
}

/**
 * One Vitest tag per category. Categories the tier leaves out are skipped by their definition, so a
 * bare `vitest run` cannot run heavy tests even though Vitest has no config key for a tags filter.
 * Heavier categories get a lower priority number, so their timeout wins on a test with several tags.
 */
export function tagDefinitions(model: TierModel, tier: Tier, env: Env = process.env): TestTagDefinition[] {
  const excluded = new Set(model.excludedFrom(tier));
  return model.categories.map((name, index) => {
    const spec = model.category(name);
    const timeout = name === 'soak' && !excluded.has(name) ? soakTimeout(env) : spec.timeout;
    return {
      name,
      description: spec.description,
      priority: model.categories.length - index,
      ...(timeout === undefined ? {} : { timeout }),
      ...(spec.retry === undefined ? {} : { retry: spec.retry }),
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

/**
 * Why each category's tests must not run in this process, if they must not: destructive tests
 * without confirmation, a soak longer than this machine allows. Checked per test by setup.ts.
 */
export function refusalsFor(model: TierModel, env: Env = process.env): Partial<Record<Category, string>> {
  const refusals: Partial<Record<Category, string>> = {};
  for (const category of model.categories) {
    if (model.category(category).confirm === 'always' && !isConfirmed(category, env)) {
      refusals[category] =
        `refused to run a ${category} test without confirmation: set ${confirmationVariable(category)}=yes, or use 'assay test' on a terminal`;
    }
  }
  try {
    soakDuration(env);
  } catch (error) {
    refusals.soak = (error as Error).message;
  }
  return refusals;
}

/**
 * The Assay preset: tags, the tier gates, reports, the insights recorder, and the repository's
 * settings from assay.config.ts (found from `cwd` up). `overrides` are merged over it.
 *
 * A config function, so the run is resolved once, from a value: `assay test --tier T` hands the tier
 * over as Vite's mode; a bare `vitest run` (mode `test`) takes ASSAY_TIER, or pr.
 */
export function defineAssayConfig(
  overrides: ViteUserConfig = {},
  env: Env = process.env,
  cwd: string = process.cwd(),
): (configEnv: ConfigEnv) => Promise<ViteUserConfig> {
  return async ({ mode }) => {
    const repo = await loadRepoConfig(cwd);
    const model = tierModel(repo);
    const tier = model.isTier(mode) ? mode : currentTier(model, env);
    return mergeConfig(presetFor(model, tier, repo, env), overrides);
  };
}

function presetFor(model: TierModel, tier: Tier, repo: RepoConfig, env: Env): ViteUserConfig {
  const spec = model.tier(tier);
  const guards = guardConfig(spec.base, env);
  const settings: WorkerSettings = { tier, guards, refusals: refusalsFor(model, env) };
  // The tier's property profile, unless the user chose one for this run.
  const property = env.ASSAY_PROPERTY_PROFILE ? {} : { ASSAY_PROPERTY_PROFILE: spec.property };
  return defineConfig({
    test: {
      // --expose-gc lets the heap guard measure after a forced collection.
      execArgv: ['--expose-gc', `--max-old-space-size=${guards.workerMemoryMb}`],
      ...(guards.maxWorkers === undefined ? {} : { maxWorkers: guards.maxWorkers }),
      tags: tagDefinitions(model, tier, env),
      // A workspace without tests (a shared config package, say) passes its tier with nothing run.
      passWithNoTests: true,
      strictTags: true,
      // Beside this module, built or not: setup.ts in the sources, setup.js in the package.
      setupFiles: [fileURLToPath(new URL(`./setup${extname(import.meta.url)}`, import.meta.url))],
      provide: { [WORKER_SETTINGS]: settings },
      env: { ...serviceEnv(repo, env), ...property },
      reporters: [
        'default',
        // A reporter list replaces Vitest's defaults, which add this one on GitHub Actions: failures
        // as annotations on the pull request's lines, and Vitest's own job summary.
        ...(env.GITHUB_ACTIONS === 'true' ? ['github-actions' as const] : []),
        'junit',
        'json',
        new TierReporter(tier, model, guards, (workspace) => coverageThresholds(repo, workspace)),
        new InsightsRecorder({
          tier,
          guard: (modules, durationMs) => verdictFor(guards, modules, durationMs),
          ...(repo.history ? { history: repo.history } : {}),
        }),
      ],
      // With --shard i/N, the shard plan's recorded durations decide which files run here.
      sequence: { sequencer: ShardSequencer },
      ...(coverageOn(repo, tier, env) ? { coverage: coverageFor(repo) } : {}),
    },
  });
}

/**
 * V8 coverage of the workspace's own sources. The reporters read it in-process (onCoverage): the
 * TierReporter keeps the workspace's coverage file and checks its thresholds, the recorder stores
 * the totals; Vitest's own reports would only be written to be read back, so it writes none.
 */
function coverageFor(repo: RepoConfig): NonNullable<NonNullable<ViteUserConfig['test']>['coverage']> {
  return {
    enabled: true,
    provider: 'v8',
    include: [...(repo.coverage?.include ?? DEFAULT_COVERAGE.include)],
    reporter: [],
    reportsDirectory: '.vitest/coverage',
    // A run with failures still measures: the summary says why the run failed, the coverage is kept.
    reportOnFailure: true,
  };
}
