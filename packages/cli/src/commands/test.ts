import { runTier } from '@assay/tiers';
import { loadTierModel } from '@assay/tiers/config';
import type { Command } from '../main.ts';
import { readCategories, readTier, tierOptions } from './options.ts';
import { terminalAsk } from './terminal.ts';

export const test: Command = {
  name: 'test',
  usage: `usage: assay test --tier T [--category C]… [--confirm]

Runs the tier's tests in this workspace (pr, nightly, weekly, or a tier of assay.config.ts). Heavy categories outside the tier are deselected;
destructive tests need a yes (a terminal, or ASSAY_CONFIRM_DESTRUCTIVE=yes); --confirm asks
for chaos and operational tests too. Exit 0 when only quarantined tests failed.`,
  options: { ...tierOptions, confirm: { type: 'boolean' } },
  async run(values) {
    const model = await loadTierModel(process.cwd());
    const summary = await runTier({
      cwd: process.cwd(),
      model,
      tier: readTier(values.tier, model),
      categories: readCategories(values.category, model),
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
