/**
 * Code coverage as Assay keeps it: each workspace's run leaves `.vitest/assay/coverage.json` (its
 * files' istanbul coverage, paths relative to the repository root, so the file still holds when
 * turbo replays the workspace from its cache in another checkout), which the monorepo's merged report
 * reads; its totals go to the history as measurements.
 */
import { type CoverageMap, type CoverageMapData, createCoverageMap } from '@vitest/istanbul-lib-coverage';

export const COVERAGE_METRICS = ['lines', 'branches', 'functions', 'statements'] as const;
export type CoverageMetric = (typeof COVERAGE_METRICS)[number];

/** Minimum percentages, per metric; a metric left out is not checked. */
export type CoverageThresholds = Partial<Readonly<Record<CoverageMetric, number>>>;

export interface CoverageTotal {
  readonly covered: number;
  readonly total: number;
  /** 0–100, two decimals; 100 when there is nothing to cover. */
  readonly pct: number;
}
export type CoverageTotals = Readonly<Record<CoverageMetric, CoverageTotal>>;

export const WORKSPACE_COVERAGE_FILE = '.vitest/assay/coverage.json';
export const COVERAGE_SCHEMA_VERSION = 1;

export interface WorkspaceCoverage {
  readonly schemaVersion: typeof COVERAGE_SCHEMA_VERSION;
  readonly workspace: string;
  readonly totals: CoverageTotals;
  /** istanbul's file coverage, keyed (and `path`ed) relative to the repository root. */
  readonly files: CoverageMapData;
}

/** A metric below its threshold. */
export interface Shortfall {
  readonly metric: CoverageMetric;
  readonly pct: number;
  readonly threshold: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function coverageTotals(map: CoverageMap): CoverageTotals {
  const summary = map.getCoverageSummary();
  const total = (t: { covered: number; total: number }): CoverageTotal => ({
    covered: t.covered,
    total: t.total,
    pct: t.total === 0 ? 100 : round2((t.covered / t.total) * 100),
  });
  return {
    lines: total(summary.lines),
    branches: total(summary.branches),
    functions: total(summary.functions),
    statements: total(summary.statements),
  };
}

export function shortfalls(totals: CoverageTotals, thresholds: CoverageThresholds): Shortfall[] {
  return COVERAGE_METRICS.flatMap((metric) => {
    const threshold = thresholds[metric];
    const { pct } = totals[metric];
    return threshold !== undefined && pct < threshold ? [{ metric, pct, threshold }] : [];
  });
}

export function formatShortfall(workspace: string, { metric, pct, threshold }: Shortfall): string {
  return `coverage of ${workspace}: ${metric} ${pct} % is below its threshold of ${threshold} %`;
}

/**
 * Vitest's coverage map, handed to reporters as `unknown`, as this package's CoverageMap: through its
 * JSON, since the provider's copy of istanbul's classes need not be this one.
 */
export function toCoverageMap(coverage: unknown): CoverageMap {
  const json = (coverage as { toJSON?: () => CoverageMapData } | null)?.toJSON;
  return createCoverageMap(typeof json === 'function' ? json.call(coverage) : (coverage as CoverageMapData));
}
