import { runTier } from '@assay/tiers';
import type { Command } from '../main.ts';
import { readCategories, readTier, tierOptions } from './options.ts';
import { terminalAsk } from './terminal.ts';

export const test: Command = {
  name: 'test',
  usage: `usage: assay test --tier pr|nightly|weekly [--category C]… [--confirm]

Runs the tier's tests in this workspace. Heavy categories outside the tier are deselected;
destructive tests need a yes (a terminal, or ASSAY_CONFIRM_DESTRUCTIVE=yes); --confirm asks
for chaos and operational tests too. Exit 0 when only quarantined tests failed.`,
  options: { ...tierOptions, confirm: { type: 'boolean' } },
  async run(values) {
    const summary = await runTier({
      cwd: process.cwd(),
      tier: readTier(values.tier),
      categories: readCategories(values.category),
      confirm: values.confirm === true,
      ...terminalAsk(),
    });
    const { passed, failed, skipped, deselected } = summary.counts;
    const quarantined = summary.failures.filter((f) => f.quarantined).length;
    console.log(
      `assay ${summary.tier}: ${summary.workspace}: ${passed} passed, ${failed} failed${quarantined ? ` (${quarantined} quarantined)` : ''}, ${skipped} skipped, ${deselected} deselected by tier`,
    );
    return summary.ok ? 0 : 1;
  },
};
