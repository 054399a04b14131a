import { join, relative } from 'node:path';
import { readWorkspaceCoverage, recordReplays, writeCoverageReport } from '@assay/insights';
import { formatMonorepoSummary, gatherMonorepoSummary, tierModel, writeMonorepoSummary } from '@assay/tiers';
import { loadRepoConfig } from '@assay/tiers/config';
import { UsageError } from '../errors.ts';
import type { Command } from '../main.ts';
import { repoPaths } from './history.ts';
import { readTier } from './options.ts';

export const summary: Command = {
  name: 'summary',
  usage: `usage: assay summary --tier T --since <epoch-ms> [--json]

Run at the monorepo root after 'turbo run test:<tier>': gathers each workspace's
.vitest/assay/summary.json into one table and .assay/reports/<tier>.json, and ends with
'assay: N passed, N failed, N skipped'. Workspaces whose summary predates --since were replayed
from turbo's cache. Exit 1 when any workspace failed or left no summary.`,
  options: { tier: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' } },
  async run(values) {
    const since = Number(values.since);
    if (typeof values.since !== 'string' || !Number.isInteger(since) || since <= 0) {
      throw new UsageError(
        `invalid --since '${values.since ?? ''}': expected the run's start in ms since the epoch (date +%s%3N)`,
      );
    }
    const root = process.cwd();
    const repo = await loadRepoConfig(root);
    const result = await gatherMonorepoSummary({ root, tier: readTier(values.tier, tierModel(repo)), since });
    const file = writeMonorepoSummary(root, result);
    const replayed = result.workspaces.filter((w) => w.status === 'cached').map((w) => join(root, w.path));
    // Replays are marked in the history as not executed, so nothing is counted twice.
    await recordReplays(replayed, since, await repoPaths(root, repo)).catch((error: Error) =>
      console.error(`assay insights: could not record the cache replays: ${error.message}`),
    );
    // Every workspace that measured coverage, the replayed ones by their restored coverage files.
    const measured = result.workspaces.flatMap((w) =>
      w.summary?.coverage ? (readWorkspaceCoverage(join(root, w.path)) ?? []) : [],
    );
    const coverage = measured.length > 0 ? await writeCoverageReport(measured, root) : undefined;
    if (coverage && !values.json) {
      const { lines, branches, functions, statements } = coverage.totals;
      console.log(
        `coverage of ${measured.length} workspaces: lines ${lines.pct} %, branches ${branches.pct} %, functions ${functions.pct} %, statements ${statements.pct} % — ${relative(root, coverage.dir)}/index.html`,
      );
    }
    console.log(values.json ? JSON.stringify(result, null, 2) : formatMonorepoSummary(result, file));
    return result.ok ? 0 : 1;
  },
};
