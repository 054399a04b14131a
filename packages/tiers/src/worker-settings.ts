/**
 * What a test worker needs from the run, resolved once in the main process by the preset and handed
 * to every worker through Vitest's `provide`/`inject` — so the setup file that Vitest evaluates for
 * each test file loads only the file guards, not the preset, its reporters or the history.
 */
import type { GuardConfig } from '@assay/guard';
import type { Category, Tier } from './model.ts';

export interface WorkerSettings {
  readonly tier: Tier;
  readonly guards: GuardConfig;
  /** Categories whose tests must not run, with the one-line reason the test fails with (an unconfirmed destructive test, a soak too long for this machine). */
  readonly refusals: Readonly<Partial<Record<Category, string>>>;
}

export const WORKER_SETTINGS = 'assay';

/**
 * The categories `assay test --category` narrowed the run to (null: the whole tier), handed to the
 * reporter through `provide` along with the run; a bare `vitest run` has none.
 */
export const RUN_CATEGORIES = 'assayCategories';

declare module 'vitest' {
  interface ProvidedContext {
    assay: WorkerSettings;
    assayCategories: readonly Category[] | null;
  }
  interface TaskMeta {
    /** Why a gate refused to run this test: the history records it as refused, not failed. */
    assayRefusal?: string;
  }
}
