/**
 * Running and listing a tier in one workspace, through Vitest's programmatic API. The `assay test`
 * and `assay list` commands are thin layers over `runTier` and `listTier`.
 */
import { checkSoakDuration, confirmCategory, parseDuration } from '@assay/guard';
import { createVitest, type TestModule, type Vitest } from 'vitest/node';
import {
  CATEGORIES,
  CATEGORY_SPECS,
  type Category,
  categoriesOf,
  isCategory,
  isSelected,
  type Tier,
  TierError,
  tagsFilterFor,
} from './model.ts';
import { workspaceName } from './reporter.ts';
import { type RunSummary, summarize } from './summary.ts';

export interface TierSelection {
  /** The workspace folder (where its vitest.config.ts is). */
  readonly cwd: string;
  readonly tier: Tier;
  /** Narrows the tier to these categories (each must be in the tier). */
  readonly categories?: readonly Category[];
}

export interface RunTierOptions extends TierSelection {
  /** Ask before running `on-request` categories (chaos, operational), as `make test-chaos` does. */
  readonly confirm?: boolean;
  /** Asks a person on a terminal; absent without one. */
  readonly ask?: (question: string) => Promise<boolean>;
}

/**
 * A run that cannot go on. Errors thrown by runTier and listTier carry an `exitCode`: 2 for bad
 * input (TierError, GateInputError), 1 for a refused gate (GateRefusal) or this.
 */
export class RunError extends Error {
  override name = 'RunError';
  readonly exitCode: 1 | 2;
  constructor(message: string, exitCode: 1 | 2) {
    super(message);
    this.exitCode = exitCode;
  }
}

function checkCategories(tier: Tier, categories: readonly Category[] = []): void {
  const inTier = new Set(categoriesOf(tier));
  for (const category of categories) {
    if (!inTier.has(category)) {
      throw new TierError(
        `category '${category}' is not in the ${tier} tier (it runs from the ${CATEGORY_SPECS[category].from} tier on)`,
      );
    }
  }
}

/** Sets the variables the preset and reporter read, for the span of `body`. */
async function withTierEnv<T>(selection: TierSelection, body: () => Promise<T>): Promise<T> {
  const saved = { tier: process.env.ASSAY_TIER, categories: process.env.ASSAY_CATEGORIES };
  process.env.ASSAY_TIER = selection.tier;
  if (selection.categories?.length) process.env.ASSAY_CATEGORIES = selection.categories.join(',');
  else delete process.env.ASSAY_CATEGORIES;
  try {
    return await body();
  } finally {
    restore('ASSAY_TIER', saved.tier);
    restore('ASSAY_CATEGORIES', saved.categories);
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

const UNDEFINED_TAG = /The tag "([^"]+)" is not defined in the configuration/;

/** Turns Vitest's multi-line error for an unknown tag into one line naming the file and the tag. */
function checkUnknownTags(modules: readonly TestModule[]): void {
  for (const module of modules) {
    for (const error of module.errors()) {
      const match = UNDEFINED_TAG.exec(error.message ?? '');
      if (match) {
        throw new TierError(
          `unknown category '${match[1]}' in ${module.relativeModuleId}: expected one of ${CATEGORIES.join(', ')}`,
        );
      }
    }
  }
}

async function openVitest(selection: TierSelection, tagsFilter?: string[]): Promise<Vitest> {
  return createVitest(
    'test',
    { root: selection.cwd, run: true, watch: false, ...(tagsFilter ? { tagsFilter } : {}) },
    {},
    {},
  );
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
  if (categoriesOf(options.tier).includes('soak') && process.env.ASSAY_SOAK_DURATION) {
    checkSoakDuration(parseDuration(process.env.ASSAY_SOAK_DURATION, 'ASSAY_SOAK_DURATION'));
  }

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
          process.env[`ASSAY_CONFIRM_${category.toUpperCase()}`] = 'yes';
        }
      }
      const startedAt = new Date();
      const result = await vitest.start();
      checkUnknownTags(result.testModules);
      return summarize({
        workspace: workspaceName(options.cwd),
        tier: options.tier,
        categories: options.categories?.length ? options.categories : null,
        startedAt,
        durationMs: Date.now() - startedAt.getTime(),
        modules: result.testModules,
        unhandledErrors: result.unhandledErrors,
      });
    } finally {
      await vitest.close();
    }
  });
}

export interface CategoryListing {
  selected: number;
  deselected: number;
}

export interface TierListing {
  readonly schemaVersion: 1;
  readonly workspace: string;
  readonly tier: Tier;
  readonly categories: readonly Category[] | null;
  readonly total: number;
  readonly selected: number;
  readonly deselected: number;
  readonly byCategory: Partial<Record<Category | 'untagged', CategoryListing>>;
}

/** Collects a workspace's tests without running them and counts what a tier selects. */
export async function listTier(selection: TierSelection): Promise<TierListing> {
  checkCategories(selection.tier, selection.categories);
  return withTierEnv(selection, async () => {
    const vitest = await openVitest(selection);
    try {
      const { testModules } = await vitest.collect(undefined, { staticParse: false });
      checkUnknownTags(testModules);
      const fileError = testModules.flatMap((m) => m.errors().map((e) => `${m.relativeModuleId}: ${e.message}`))[0];
      if (fileError) throw new RunError(`cannot collect tests: ${fileError.split('\n', 1)[0]}`, 1);
      const byCategory: Partial<Record<Category | 'untagged', CategoryListing>> = {};
      let total = 0;
      let selected = 0;
      for (const module of testModules) {
        for (const test of module.children.allTests()) {
          const chosen = isSelected(test.tags, selection.tier, selection.categories);
          total += 1;
          if (chosen) selected += 1;
          const categories = test.tags.filter(isCategory);
          for (const category of categories.length > 0 ? categories : (['untagged'] as const)) {
            byCategory[category] ??= { selected: 0, deselected: 0 };
            byCategory[category][chosen ? 'selected' : 'deselected'] += 1;
          }
        }
      }
      return {
        schemaVersion: 1,
        workspace: workspaceName(selection.cwd),
        tier: selection.tier,
        categories: selection.categories?.length ? selection.categories : null,
        total,
        selected,
        deselected: total - selected,
        byCategory,
      };
    } finally {
      await vitest.close();
    }
  });
}
