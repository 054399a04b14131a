/** Counting what a tier selects without running anything; `assay list` is a thin layer over `listTier`. */

import { projectName } from '@assay/insights';
import type { Category, Tier } from './model.ts';
import { loadTierModel } from './repo-config.ts';
import { checkCategories, checkUnknownTags, openVitest, RunError, type TierSelection } from './session.ts';

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
  const model = selection.model ?? (await loadTierModel(selection.cwd));
  checkCategories(model, model.parseTier(selection.tier), selection.categories);
  const vitest = await openVitest(selection);
  try {
    const { testModules } = await vitest.collect(undefined, { staticParse: false });
    checkUnknownTags(model, testModules);
    const fileError = testModules.flatMap((m) => m.errors().map((e) => `${m.relativeModuleId}: ${e.message}`))[0];
    if (fileError) throw new RunError(`cannot collect tests: ${fileError.split('\n', 1)[0]}`, 1);
    const byCategory: Partial<Record<Category | 'untagged', CategoryListing>> = {};
    let total = 0;
    let selected = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const chosen = model.isSelected(test.tags, selection.tier, selection.categories);
        total += 1;
        if (chosen) selected += 1;
        for (const category of model.categoryKeys(test.tags)) {
          byCategory[category] ??= { selected: 0, deselected: 0 };
          byCategory[category][chosen ? 'selected' : 'deselected'] += 1;
        }
      }
    }
    return {
      schemaVersion: 1,
      workspace: projectName(selection.cwd),
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
}

export interface CollectedTest {
  /** Relative to the workspace. */
  readonly file: string;
  /** Suite and test titles joined by ' > '. */
  readonly name: string;
  readonly tags: readonly string[];
  readonly meta: Readonly<Record<string, unknown>>;
}

/** Every test of a workspace, collected (imported, not run), with its tags and static meta. */
export async function collectTests(cwd: string): Promise<CollectedTest[]> {
  const vitest = await openVitest({ cwd, tier: 'weekly' });
  try {
    const { testModules } = await vitest.collect(undefined, { staticParse: false });
    checkUnknownTags(await loadTierModel(cwd), testModules);
    return testModules.flatMap((module) =>
      [...module.children.allTests()].map((test) => ({
        file: module.relativeModuleId,
        name: test.fullName,
        tags: test.tags,
        meta: test.meta() as Record<string, unknown>,
      })),
    );
  } finally {
    await vitest.close();
  }
}
