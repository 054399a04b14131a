/**
 * Runs in every test worker (a setupFiles entry of the preset). It holds the gates for runs that
 * bypass the `assay` command, such as `ASSAY_TIER=weekly vitest run`.
 */
import { confirmationVariable, isConfirmed } from '@assay/guard';
import { beforeEach } from 'vitest';
import { soakDuration } from './soak.ts';

beforeEach(({ task }) => {
  const tags = task.tags ?? [];
  if (tags.includes('destructive') && !isConfirmed('destructive')) {
    throw new Error(
      `refused to run a destructive test without confirmation: set ${confirmationVariable('destructive')}=yes, or use 'assay test' on a terminal`,
    );
  }
  if (tags.includes('soak')) soakDuration();
});
