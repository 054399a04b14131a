/**
 * One Vitest session for a tier: the variables the preset reads, the tier's checks, and the errors
 * shared by running and listing.
 */
import { createVitest, type TestModule, type Vitest } from 'vitest/node';
import { type Category, type Tier, TierError, type TierModel } from './model.ts';
import { WORKER_SETTINGS } from './worker-settings.ts';

export interface TierSelection {
  /** The workspace folder (where its vitest.config.ts is). */
  readonly cwd: string;
  readonly tier: Tier;
  /** The repository's tier model; loaded from its assay.config.ts when not given. */
  readonly model?: TierModel;
  /** Narrows the tier to these categories (each must be in the tier). */
  readonly categories?: readonly Category[];
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

function whereItRuns(model: TierModel, category: Category): string {
  const tiers = model.tiers.filter((t) => model.tier(t).categories.includes(category));
  const first = tiers[0];
  if (first === undefined) return 'no tier runs it';
  // On a ladder of tiers (the built-in model's), every tier after the first runs it too.
  const ladder = tiers.length === model.tiers.length - model.tiers.indexOf(first);
  return ladder ? `it runs from the ${first} tier on` : `only the ${tiers.join(', ')} tiers run it`;
}

export function checkCategories(model: TierModel, tier: Tier, categories: readonly Category[] = []): void {
  const inTier = new Set(model.categoriesOf(tier));
  for (const category of categories) {
    if (!inTier.has(category)) {
      throw new TierError(`category '${category}' is not in the ${tier} tier (${whereItRuns(model, category)})`);
    }
  }
}

/** Sets the variables the preset and reporter read, for the span of `body`. */
export async function withTierEnv<T>(selection: TierSelection, body: () => Promise<T>): Promise<T> {
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
export function checkUnknownTags(model: TierModel, modules: readonly TestModule[]): void {
  for (const module of modules) {
    for (const error of module.errors()) {
      const match = UNDEFINED_TAG.exec(error.message ?? '');
      if (match) {
        throw new TierError(
          `unknown category '${match[1]}' in ${module.relativeModuleId}: expected one of ${model.categories.join(', ')}`,
        );
      }
    }
  }
}

export async function openVitest(selection: TierSelection, tagsFilter?: string[]): Promise<Vitest> {
  return createVitest(
    'test',
    { root: selection.cwd, run: true, watch: false, ...(tagsFilter ? { tagsFilter } : {}) },
    {},
    {},
  );
}

/** Lifts a confirmed category's refusal from the settings every project's workers receive. */
export function allowCategory(vitest: Vitest, category: Category): void {
  for (const project of vitest.projects) {
    const settings = project.getProvidedContext()[WORKER_SETTINGS];
    if (!settings) continue; // a project without the Assay preset
    const { [category]: _confirmed, ...refusals } = settings.refusals;
    project.provide(WORKER_SETTINGS, { ...settings, refusals });
  }
}
