/**
 * One Vitest session for a tier: the Vitest it runs in (the run handed over as values), the tier's
 * checks, and the errors shared by running and listing.
 */
import { type CliOptions, createVitest, type TestModule, type Vitest } from 'vitest/node';
import { type Category, type Tier, TierError, type TierModel } from './model.ts';
import { RUN_CATEGORIES, WORKER_SETTINGS } from './worker-settings.ts';

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

/**
 * A Vitest for one run of a tier. The run travels as values: the tier as Vite's mode, which the
 * preset's config function reads (a bare `vitest run` has mode `test` and reads ASSAY_TIER instead),
 * the --category choice through `provide`. `overrides` are Vitest's command-line options for a shard
 * or a merge (--shard, --reporter, --merge-reports), which win over the preset's as on the command line.
 */
export async function openVitest(
  selection: TierSelection,
  tagsFilter?: string[],
  overrides: CliOptions = {},
): Promise<Vitest> {
  return createVitest(
    'test',
    {
      root: selection.cwd,
      run: true,
      watch: false,
      mode: selection.tier,
      provide: { [RUN_CATEGORIES]: selection.categories?.length ? selection.categories : null },
      ...(tagsFilter ? { tagsFilter } : {}),
      ...overrides,
    },
    {},
    {},
  );
}

export function allowCategory(vitest: Vitest, category: Category): void {
  for (const project of vitest.projects) {
    const settings = project.getProvidedContext()[WORKER_SETTINGS];
    if (!settings) continue; // a project without the Assay preset
    const { [category]: _confirmed, ...refusals } = settings.refusals;
    project.provide(WORKER_SETTINGS, { ...settings, refusals });
  }
}
