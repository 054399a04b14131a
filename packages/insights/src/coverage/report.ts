/**
 * The monorepo's merged coverage report, from every workspace's coverage file — fresh or restored by
 * turbo's cache alike — under `.assay/reports/coverage/`: HTML (index.html), lcov.info,
 * coverage-final.json, coverage-summary.json and badge.svg.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CoverageMap, type CoverageMapData, createCoverageMap } from '@vitest/istanbul-lib-coverage';
import { coverageBadge } from './badge.ts';
import { ChangedLinesError } from './changed-lines.ts';
import { type CoverageTotals, coverageTotals, type WorkspaceCoverage } from './model.ts';
import { absoluteFiles } from './workspace.ts';

export const COVERAGE_REPORT_DIR = '.assay/reports/coverage';

export function mergeCoverage(workspaces: readonly WorkspaceCoverage[], repoRoot: string): CoverageMap {
  const map = createCoverageMap({});
  for (const coverage of workspaces) map.merge(absoluteFiles(coverage, repoRoot));
  return map;
}

export interface CoverageReport {
  readonly dir: string;
  readonly totals: CoverageTotals;
  readonly workspaces: number;
  readonly files: number;
}

/**
 * Writes the merged report (replacing the last one) and returns its totals. istanbul's reports are
 * loaded here, not with the package: every Vitest run loads this package, few write reports.
 */
export async function writeCoverageReport(
  workspaces: readonly WorkspaceCoverage[],
  repoRoot: string,
): Promise<CoverageReport> {
  const { create, createContext } = await import('@vitest/istanbul-lib-report');
  const dir = join(repoRoot, COVERAGE_REPORT_DIR);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const map = mergeCoverage(workspaces, repoRoot);
  const context = createContext({ coverageMap: map, dir });
  create('html', { subdir: '' }).execute(context);
  create('lcovonly', { file: 'lcov.info', projectRoot: repoRoot }).execute(context);
  create('json', { file: 'coverage-final.json' }).execute(context);
  create('json-summary', { file: 'coverage-summary.json' }).execute(context);
  const totals = coverageTotals(map);
  writeFileSync(join(dir, 'badge.svg'), coverageBadge(totals.lines.pct));
  return { dir, totals, workspaces: workspaces.length, files: map.files().length };
}

/** The merged coverage the last tier run wrote; a ChangedLinesError (exit 2) when there is none. */
export function readCoverageReport(repoRoot: string): CoverageMap {
  const file = join(repoRoot, COVERAGE_REPORT_DIR, 'coverage-final.json');
  let data: CoverageMapData;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as CoverageMapData;
  } catch {
    throw new ChangedLinesError(
      `no merged coverage at ${COVERAGE_REPORT_DIR}/coverage-final.json: run a tier that measures coverage (make test-pr) first`,
    );
  }
  return createCoverageMap(data);
}
