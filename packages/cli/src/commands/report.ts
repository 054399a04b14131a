import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONTRACT_REPORT_FILE } from '@assay/contract';
import { writeInsightsReports } from '@assay/insights';
import { formatMonorepoMarkdown, JUNIT_FILE, monorepoSummaryPath, readMonorepoSummary, tierModel } from '@assay/tiers';
import { loadRepoConfig } from '@assay/tiers/config';
import type { Command } from '../main.ts';
import { progress, repoPaths } from './history.ts';
import { readTier } from './options.ts';
import { TRACE_REPORT_FILE } from './trace.ts';

/** Vitest's JUnit XML of every workspace in the run, kept side by side for CI's test-report tools. */
function keepJunit(root: string, workspaces: readonly { name: string; path: string }[]): string[] {
  const kept: string[] = [];
  for (const w of workspaces) {
    const source = join(root, w.path, JUNIT_FILE);
    if (!existsSync(source)) continue;
    const target = join(root, '.assay/reports/junit', `${w.name.replace(/[^a-zA-Z0-9.-]+/g, '_')}.xml`);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
    kept.push(target);
  }
  return kept;
}

export const report: Command = {
  name: 'report',
  usage: `usage: assay report --tier T [--stdout]

Run at the monorepo root after a tier run. Writes to .assay/reports/:
  <tier>.md        the run as a markdown job summary, with the test insights (or prints it with
                   --stdout, e.g. >> "$GITHUB_STEP_SUMMARY")
  dashboard.html   one self-contained page: tier trends, flaky, regressions, slowest, traceability, contracts
  junit/*.xml      each workspace's JUnit XML`,
  options: { tier: { type: 'string' }, stdout: { type: 'boolean' } },
  async run(values) {
    const root = process.cwd();
    const repo = await loadRepoConfig(root);
    const tier = readTier(values.tier, tierModel(repo));
    const summary = readMonorepoSummary(root, tier);
    progress('reading the test history…');
    const insights = await writeInsightsReports(
      await repoPaths(root, repo),
      join(root, TRACE_REPORT_FILE),
      join(root, CONTRACT_REPORT_FILE),
    );
    const markdown = `${formatMonorepoMarkdown(summary)}\n${insights.markdownText}`;
    const junit = keepJunit(root, summary.workspaces);
    if (values.stdout) {
      process.stdout.write(markdown);
      return 0;
    }
    const file = monorepoSummaryPath(tier).replace(/\.json$/, '.md');
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), markdown);
    console.log(`assay: wrote ${file}, ${insights.dashboard.slice(root.length + 1)} and ${junit.length} JUnit files`);
    return 0;
  },
};
