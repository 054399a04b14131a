/**
 * Runs in every test worker (a setupFiles entry of the preset): the file guards (heap, leaked
 * resources), and the gates for runs that bypass the `assay` command, such as `ASSAY_TIER=weekly vitest run`.
 */
import { confirmationVariable, guardConfig, installFileGuards, isConfirmed } from '@assay/guard';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { currentTier } from './preset.ts';
import { soakDuration } from './soak.ts';

installFileGuards(guardConfig(currentTier()), { beforeAll, afterAll });

beforeEach(({ task }) => {
  const tags = task.tags ?? [];
  if (tags.includes('destructive') && !isConfirmed('destructive')) {
    throw new Error(
      `refused to run a destructive test without confirmation: set ${confirmationVariable('destructive')}=yes, or use 'assay test' on a terminal`,
    );
  }
  if (tags.includes('soak')) soakDuration();
});
