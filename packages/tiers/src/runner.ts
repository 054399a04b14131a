/**
 * Running a tier in one workspace through Vitest's programmatic API; `assay test` is a thin layer
 * over `runTier`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkOpenFiles, checkSoakDuration, confirmCategory, guardConfig, parseDuration } from '@assay/guard';
import { projectName } from '@assay/insights';
import type { TestModule } from 'vitest/node';
import { CATEGORY_SPECS, type Category, categoriesOf, isSelected, tagsFilterFor } from './model.ts';
import {
  allowCategory,
  checkCategories,
  checkUnknownTags,
  openVitest,
  type TierSelection,
  withTierEnv,
} from './session.ts';
import { quarantineOf, type RunSummary, SUMMARY_FILE, summarize, verdictFor } from './summary.ts';

export interface RunTierOptions extends TierSelection {
  /** Ask before running `on-request` categories (chaos, operational), as `make test-chaos` does. */
  readonly confirm?: boolean;
  /** Asks a person on a terminal; absent without one. */
  readonly ask?: (question: string) => Promise<boolean>;
}

function countSelected(modules: readonly TestModule[], category: Category, selection: TierSelection): number {
  let count = 0;
  for (const module of modules) {
    for (const test of module.children.allTests()) {
      if (test.tags.includes(category) && isSelected(test.tags, selection.tier, selection.categories)) count += 1;
    }
  }
  return count;
}

/** Runs a tier in one workspace and resolves to its summary; `summary.ok` decides the exit code. */
export async function runTier(options: RunTierOptions): Promise<RunSummary> {
  checkCategories(options.tier, options.categories);
  const gated = categoriesOf(options.tier).filter((c) => {
    const confirm = CATEGORY_SPECS[c].confirm;
    return confirm === 'always' || (confirm === 'on-request' && options.confirm === true);
  });
  checkOpenFiles(guardConfig(options.tier)); // also rejects bad guard settings before anything runs
  if (categoriesOf(options.tier).includes('soak') && process.env.ASSAY_SOAK_DURATION) {
    checkSoakDuration(parseDuration(process.env.ASSAY_SOAK_DURATION, 'ASSAY_SOAK_DURATION'));
  }

  // An earlier run's summary must not stand for this one if it fails before Vitest reports.
  rmSync(join(options.cwd, SUMMARY_FILE), { force: true });
  return withTierEnv(options, async () => {
    const vitest = await openVitest(options, tagsFilterFor(options.tier, options.categories));
    try {
      // A static parse is cheap and catches unknown tags before Vitest prints its many-line error.
      checkUnknownTags((await vitest.collect(undefined, { staticParse: true })).testModules);
      if (gated.length > 0) {
        const collected = await vitest.collect(undefined, { staticParse: false });
        checkUnknownTags(collected.testModules);
        for (const category of gated) {
          const count = countSelected(collected.testModules, category, options);
          await confirmCategory({ category, count, ...(options.ask ? { ask: options.ask } : {}) });
          allowCategory(vitest, category);
        }
      }
      const startedAt = new Date();
      const result = await vitest.start();
      checkUnknownTags(result.testModules);
      const durationMs = Date.now() - startedAt.getTime();
      return summarize({
        workspace: projectName(options.cwd),
        tier: options.tier,
        categories: options.categories?.length ? options.categories : null,
        startedAt,
        durationMs,
        modules: result.testModules,
        unhandledErrors: result.unhandledErrors,
        guard: verdictFor(options.tier, result.testModules, durationMs),
        quarantine: quarantineOf(options.cwd),
      });
    } finally {
      await vitest.close();
    }
  });
}
