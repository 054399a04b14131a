import { listTier } from '@assay/tiers';
import { loadTierModel } from '@assay/tiers/config';
import type { Command } from '../main.ts';
import { readCategories, readTier, tierOptions } from './options.ts';

export const list: Command = {
  name: 'list',
  usage: `usage: assay list --tier T [--category C]… [--json]

Collects this workspace's tests without running them and prints, per category, how many the tier
selects and deselects. The tiers and categories are the built-in ones (pr, nightly, weekly) and
those of the repository's assay.config.ts. --json prints the listing as JSON (schemaVersion 1).`,
  options: { ...tierOptions, json: { type: 'boolean' } },
  async run(values) {
    const model = await loadTierModel(process.cwd());
    const listing = await listTier({
      cwd: process.cwd(),
      model,
      tier: readTier(values.tier, model),
      categories: readCategories(values.category, model),
    });
    if (values.json) {
      console.log(JSON.stringify(listing, null, 2));
      return 0;
    }
    console.log(`${listing.workspace} · ${listing.tier} tier`);
    for (const category of [...model.categories, 'untagged']) {
      const row = listing.byCategory[category];
      if (!row) continue;
      const total = row.selected + row.deselected;
      console.log(`  ${category.padEnd(12)} ${String(row.selected).padStart(5)}/${total} selected`);
    }
    console.log(`${listing.selected}/${listing.total} selected (${listing.deselected} deselected)`);
    return 0;
  },
};
