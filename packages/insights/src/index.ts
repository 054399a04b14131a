/** `@assay/insights`: test history, flaky detection and quarantine, duration baselines, reports, shards. */
export {
  type AnalyzeOptions,
  analyze,
  DEFAULT_ANALYZE_OPTIONS,
  INSIGHTS_SCHEMA_VERSION,
  type InsightsReport,
  type SlowFile,
  type SlowTest,
  type TierTrend,
  tierTrends,
} from './analysis/analyze.ts';
export {
  type Baseline,
  type BaselineOptions,
  type Better,
  baselineOf,
  DEFAULT_BASELINE_OPTIONS,
  type SeriesState,
  seriesState,
} from './analysis/baselines.ts';
export { DEFAULT_FLAKY_OPTIONS, type FlakyOptions, judge, type TestVerdict } from './analysis/flaky.ts';
export { groupByTest, type TestHistory } from './analysis/histories.ts';
export { type InsightsPaths, insightsPaths, repoRoot } from './config.ts';
export * from './coverage/index.ts';
export {
  type BenchmarkFigure,
  type BenchmarkFigures,
  benchmarkFigures,
  FIGURES_DIR,
  FIGURES_SCHEMA_VERSION,
  FiguresError,
  figuresFiles,
  figuresMeasurements,
  readBenchmarkFigures,
  recordBenchmarkFigures,
  writeBenchmarkFigures,
} from './measurements/figures.ts';
export {
  MEASUREMENT_KINDS,
  type Measurement,
  type MeasurementBatch,
  type MeasurementKind,
  type MeasurementRow,
  seriesKey,
} from './measurements/model.ts';
export { type BenchmarkRun, lastLineFigures, runBenchmark } from './measurements/run-benchmark.ts';
export { type MeasurementPoint, type MeasurementTrend, measurementTrends } from './measurements/trends.ts';
export {
  RECORD_SCHEMA_VERSION,
  type RunError,
  type RunRecord,
  type TestResult,
  type TestStatus,
  testKey,
} from './model.ts';
export * from './mutation/index.ts';
export { flushPending, savePending } from './pending.ts';
export { projectName } from './project.ts';
export {
  QUARANTINE_SCHEMA_VERSION,
  QuarantineError,
  type QuarantineList,
  quarantinedKeys,
  readQuarantine,
  updateQuarantine,
  writeQuarantine,
} from './quarantine.ts';
export {
  errorMessage,
  InsightsRecorder,
  moduleErrors,
  RUN_MARKER_FILE,
  type RunMarker,
  recordReplays,
  runRecord,
  storeRun,
} from './recorder.ts';
export {
  type ContractsSummary,
  type DashboardData,
  dashboardHtml,
  type TraceabilitySummary,
} from './report/dashboard.ts';
export { insightsMarkdown, weekMarkdown } from './report/markdown.ts';
export { DASHBOARD_FILE, readContracts, readTraceability, writeInsightsReports } from './report/write.ts';
export { lpt, makespan } from './shards/lpt.ts';
export { type MergedRun, mergedRun } from './shards/merged.ts';
export {
  assign,
  checkTotal,
  formatShardPlan,
  planShards,
  readShardPlan,
  SHARD_PLAN_FILE,
  type ShardPlan,
  ShardPlanError,
  writeShardPlan,
} from './shards/plan.ts';
export { type FileTimingRow, HistoryStore, type Replay, type ResultRow, type StoredRun } from './store/history.ts';
export { HistoryError } from './store/sql.ts';
