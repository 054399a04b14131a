export { applyInit } from './init/apply.ts';
export { type InitAction, type InitChange, InitError, type InitOptions, planInit } from './init/plan.ts';
export { type CategoryListing, type CollectedTest, collectTests, listTier, type TierListing } from './listing.ts';
export {
  BUILT_IN_TIERS,
  type BuiltInTier,
  type Category,
  type CategoryConfig,
  type CategorySpec,
  DEFAULT_MODEL,
  PROPERTY_PROFILES,
  type PropertyProfileName,
  type Tier,
  type TierConfig,
  TierError,
  TierModel,
  type TierSpec,
  tierModel,
} from './model.ts';
export {
  formatMonorepoMarkdown,
  formatMonorepoSummary,
  type GatherOptions,
  gatherMonorepoSummary,
  listWorkspaces,
  MONOREPO_SUMMARY_SCHEMA_VERSION,
  type MonorepoSummary,
  monorepoSummaryPath,
  readMonorepoSummary,
  seconds,
  type Workspace,
  type WorkspaceResult,
  writeMonorepoSummary,
} from './monorepo.ts';
export { currentTier, defineAssayConfig, refusalsFor, tagDefinitions } from './preset.ts';
export {
  type CoverageConfig,
  coverageOn,
  coverageThresholds,
  DEFAULT_COVERAGE,
  DEFAULT_MUTATION_MARGIN,
  defineRepoConfig,
  findRepoConfig,
  loadRepoConfig,
  loadTierModel,
  type MutationConfig,
  REPO_CONFIG_FILE,
  type RepoConfig,
  RepoConfigError,
  type ServiceSettings,
  validateRepoConfig,
} from './repo-config.ts';
export { TierReporter } from './reporter.ts';
export { type RunTierOptions, runTier } from './runner.ts';
export { RunError, type TierSelection } from './session.ts';
export * from './shards/index.ts';
export { DEFAULT_SOAK_DURATION, soakDuration } from './soak.ts';
export {
  addCounts,
  type Counts,
  emptyCounts,
  type FailedTest,
  JSON_FILE,
  JUNIT_FILE,
  type RunCoverage,
  type RunSummary,
  SUMMARY_FILE,
  SUMMARY_SCHEMA_VERSION,
  summarize,
} from './summary.ts';
export { WORKER_SETTINGS, type WorkerSettings } from './worker-settings.ts';
