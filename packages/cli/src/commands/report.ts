import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatMonorepoMarkdown, monorepoSummaryPath, readMonorepoSummary } from '@assay/tiers';
import type { Command } from '../main.ts';
import { readTier } from './options.ts';

export const report: Command = {
  name: 'report',
  usage: `usage: assay report --tier pr|nightly|weekly [--stdout]

Run at the monorepo root after a tier run: turns .assay/reports/<tier>.json into a markdown job
summary, .assay/reports/<tier>.md (or prints it with --stdout, e.g. >> "$GITHUB_STEP_SUMMARY").`,
  options: { tier: { type: 'string' }, stdout: { type: 'boolean' } },
  async run(values) {
    const root = process.cwd();
    const tier = readTier(values.tier);
    const markdown = formatMonorepoMarkdown(readMonorepoSummary(root, tier));
    if (values.stdout) {
      process.stdout.write(markdown);
      return 0;
    }
    const file = monorepoSummaryPath(tier).replace(/\.json$/, '.md');
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), markdown);
    console.log(`assay: wrote ${file}`);
    return 0;
  },
};
