import { appendFileSync } from 'node:fs';
import {
  changedLines,
  changedLinesCoverage,
  changedLinesMarkdown,
  lineRanges,
  readCoverageReport,
  repoRoot,
} from '@assay/insights';
import { loadRepoConfig } from '@assay/tiers/config';
import { UsageError } from '../errors.ts';
import type { Command } from '../main.ts';

function readPercent(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const pct = Number(value);
  if (typeof value !== 'string' || value === '' || !(pct >= 0 && pct <= 100)) {
    throw new UsageError(`invalid --threshold '${String(value)}': expected a percentage, 0 to 100`);
  }
  return pct;
}

export const coverage: Command = {
  name: 'coverage',
  positionals: true,
  usage: `usage: assay coverage changed [--base REF] [--threshold PCT] [--json]

Changed-lines coverage over the merged report of the last tier run (.assay/reports/coverage/):
of the executable lines changed since the merge base of HEAD and REF (default origin/<GITHUB_BASE_REF>
on a GitHub pull request, else origin/main), the share that tests ran, and the uncovered lines per
file. The threshold is --threshold or assay.config.ts coverage.changedLines; below it, exit 1. On
GitHub Actions the result is also added to the job summary.`,
  options: { base: { type: 'string' }, threshold: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals) {
    if (positionals[0] !== 'changed' || positionals.length > 1) {
      throw new UsageError(`expected 'assay coverage changed', got 'assay coverage ${positionals.join(' ')}'`);
    }
    const root = repoRoot();
    const config = await loadRepoConfig(root);
    const threshold = readPercent(values.threshold) ?? config.coverage?.changedLines;
    const base =
      typeof values.base === 'string'
        ? values.base
        : process.env.GITHUB_BASE_REF
          ? `origin/${process.env.GITHUB_BASE_REF}`
          : 'origin/main';
    const map = readCoverageReport(root);
    const result = changedLinesCoverage(map, root, { base, ...changedLines(root, base) });
    if (process.env.GITHUB_STEP_SUMMARY)
      appendFileSync(process.env.GITHUB_STEP_SUMMARY, changedLinesMarkdown(result, threshold));
    const passed = threshold === undefined || result.pct === null || result.pct >= threshold;
    if (values.json)
      console.log(JSON.stringify({ schemaVersion: 1, threshold: threshold ?? null, passed, ...result }, null, 2));
    else {
      for (const u of result.uncovered) console.log(`  not run: ${u.file}: ${lineRanges(u.lines)}`);
      console.log(
        result.pct === null
          ? `assay coverage: no executable line changed since ${base}`
          : `assay coverage: ${result.pct} % of ${result.total} changed lines ran in tests${threshold === undefined ? '' : ` (threshold ${threshold} %)`}${passed ? '' : ': FAILED'}`,
      );
    }
    return passed ? 0 : 1;
  },
};
