/**
 * Running a tier in one workspace through Vitest's programmatic API; `assay test` is a thin layer
 * over `runTier`.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkOpenFiles, checkSoakDuration, confirmCategory, guardConfig, parseDuration } from '@assay/guard';
import type { CliOptions, TestModule } from 'vitest/node';
import type { Category, TierModel } from './model.ts';
import { readRunSummary } from './monorepo.ts';
import { loadTierModel } from './repo-config.ts';
import {
  allowCategory,
  checkCategories,
  checkUnknownTags,
  openVitest,
  RunError,
  type TierSelection,
} from './session.ts';
import { type RunSummary, SUMMARY_FILE } from './summary.ts';

export interface RunTierOptions extends TierSelection {
  /** Ask before running `on-request` categories (chaos, operational), as `make test-chaos` does. */
  readonly confirm?: boolean;
  /** Asks a person on a terminal; absent without one. */
  readonly ask?: (question: string) => Promise<boolean>;
}

function countSelected(
  model: TierModel,
  modules: readonly TestModule[],
  category: Category,
  selection: TierSelection,
): number {
  let count = 0;
  for (const module of modules) {
    for (const test of module.children.allTests()) {
      if (test.tags.includes(category) && model.isSelected(test.tags, selection.tier, selection.categories)) count += 1;
    }
  }
  return count;
}

/** The summary the run's TierReporter wrote in Vitest's root; a run without one did not use the Assay preset. */
export function readSummary(root: string): RunSummary {
  const file = join(root, SUMMARY_FILE);
  if (!existsSync(file)) {
    throw new RunError(`no ${SUMMARY_FILE} after the run: does ${root}'s Vitest config use defineAssayConfig()?`, 1);
  }
  const summary = readRunSummary(file);
  if (!summary) throw new RunError(`${file}: not a run summary of this version`, 1);
  return summary;
}

/** Runs a tier in one workspace and resolves to its summary; `summary.ok` decides the exit code. */
export async function runTier(options: RunTierOptions): Promise<RunSummary> {
  // An earlier run's summary must not stand for this one if it fails before Vitest reports.
  rmSync(join(options.cwd, SUMMARY_FILE), { force: true });
  const { root } = await runSession(options);
  // The preset's reporter summarised the run once; this is what it wrote.
  return readSummary(root);
}

/** What one Vitest session of a tier ran. */
export interface SessionRun {
  readonly root: string;
  readonly model: TierModel;
  readonly modules: readonly TestModule[];
  readonly unhandledErrors: readonly unknown[];
}

/**
 * The tier's checks, gates and run in one Vitest session; `overrides` are Vitest's command-line
 * options of a shard (see shards/run.ts).
 */
export async function runSession(options: RunTierOptions, overrides: CliOptions = {}): Promise<SessionRun> {
  const model = options.model ?? (await loadTierModel(options.cwd));
  const base = model.tier(model.parseTier(options.tier)).base;
  checkCategories(model, options.tier, options.categories);
  const gated = model.categoriesOf(options.tier).filter((c) => {
    const confirm = model.category(c).confirm;
    return confirm === 'always' || (confirm === 'on-request' && options.confirm === true);
  });
  checkOpenFiles(guardConfig(base)); // also rejects bad guard settings before anything runs
  if (model.categoriesOf(options.tier).includes('soak') && process.env.ASSAY_SOAK_DURATION) {
    checkSoakDuration(parseDuration(process.env.ASSAY_SOAK_DURATION, 'ASSAY_SOAK_DURATION'));
  }

  const vitest = await openVitest(options, model.tagsFilterFor(options.tier, options.categories), overrides);
  const root = vitest.config.root;
  try {
    // A static parse is cheap and catches unknown tags before Vitest prints its many-line error.
    checkUnknownTags(model, (await vitest.collect(undefined, { staticParse: true })).testModules);
    if (gated.length > 0) {
      const collected = await vitest.collect(undefined, { staticParse: false });
      checkUnknownTags(model, collected.testModules);
      for (const category of gated) {
        const count = countSelected(model, collected.testModules, category, options);
        await confirmCategory({ category, count, ...(options.ask ? { ask: options.ask } : {}) });
        allowCategory(vitest, category);
      }
    }
    const result = await vitest.start().catch((error: unknown) => {
      // Vitest's start throws when no file matches, after reporting the empty run; the preset
      // passes with no tests (a workspace of shared configuration, say), and so does the tier.
      if ((error as { code?: string }).code === 'VITEST_FILES_NOT_FOUND' && vitest.config.passWithNoTests) {
        return { testModules: [], unhandledErrors: [] };
      }
      throw error;
    });
    checkUnknownTags(model, result.testModules);
    return { root, model, modules: result.testModules, unhandledErrors: result.unhandledErrors };
  } finally {
    await vitest.close();
  }
}
