export { coverageBadge } from './badge.ts';
export {
  type ChangedLines,
  type ChangedLinesCoverage,
  ChangedLinesError,
  changedLines,
  changedLinesCoverage,
  changedLinesMarkdown,
  lineRanges,
  parseDiff,
  type UncoveredChange,
} from './changed-lines.ts';
export {
  COVERAGE_METRICS,
  COVERAGE_SCHEMA_VERSION,
  type CoverageMetric,
  type CoverageThresholds,
  type CoverageTotal,
  type CoverageTotals,
  coverageTotals,
  formatShortfall,
  type Shortfall,
  shortfalls,
  toCoverageMap,
  WORKSPACE_COVERAGE_FILE,
  type WorkspaceCoverage,
} from './model.ts';
export {
  COVERAGE_REPORT_DIR,
  type CoverageReport,
  mergeCoverage,
  readCoverageReport,
  writeCoverageReport,
} from './report.ts';
export {
  absoluteFiles,
  clearWorkspaceCoverage,
  readWorkspaceCoverage,
  workspaceCoverage,
  writeWorkspaceCoverage,
} from './workspace.ts';
