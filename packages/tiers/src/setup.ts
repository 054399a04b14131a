/**
 * Runs in every test worker, once per test file (a setupFiles entry of the preset): the file guards
 * (heap, leaked resources), and the refusals for runs that bypass the `assay` command, such as
 * `ASSAY_TIER=weekly vitest run`. It imports only what those need; the run's settings arrive
 * resolved, through `inject`.
 */
import { installFileGuards } from '@assay/guard/file-guards';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { WORKER_SETTINGS } from './worker-settings.ts';

const settings = inject(WORKER_SETTINGS);

if (settings.guards.enabled) installFileGuards(settings.guards, { beforeAll, afterAll });

beforeEach(({ task }) => {
  for (const tag of task.tags ?? []) {
    const refusal = settings.refusals[tag as keyof typeof settings.refusals];
    if (refusal) {
      task.meta.assayRefusal = refusal;
      throw new Error(refusal);
    }
  }
});
