import { CATEGORIES, listTier } from '@assay/tiers';
import type { Command } from '../main.ts';
import { readCategories, readTier, tierOptions } from './options.ts';

export const list: Command = {
  name: 'list',
  usage: `usage: assay list --tier pr|nightly|weekly [--category C]… [--json]

Collects this workspace's tests without running them and prints, per category, how many the tier
selects and deselects. --json prints the listing as JSON (schemaVersion 1).`,
  options: { ...tierOptions, json: { type: 'boolean' } },
  async run(values) {
    const listing = await listTier({
      cwd: process.cwd(),
      tier: readTier(values.tier),
      categories: readCategories(values.category),
    });
    if (values.json) {
      console.log(JSON.stringify(listing, null, 2));
      return 0;
    }
    console.log(`${listing.workspace} · ${listing.tier} tier`);
    for (const category of [...CATEGORIES, 'untagged'] as const) {
      const row = listing.byCategory[category];
      if (!row) continue;
      const total = row.selected + row.deselected;
      console.log(`  ${category.padEnd(12)} ${String(row.selected).padStart(5)}/${total} selected`);
    }
    console.log(`${listing.selected}/${listing.total} selected (${listing.deselected} deselected)`);
    return 0;
  },
};
