export {
  type CheckOptions,
  checkTraceability,
  formatPercent,
  type IdReference,
  parseThreshold,
  REPORT_SCHEMA_VERSION,
  type RequirementResult,
  type RequirementState,
  STATES,
  type StateCounts,
  type TestRef,
  type TraceReport,
  type WorkspaceCoverage,
} from './check.ts';
export { TraceInputError } from './errors.ts';
export { formatTraceMarkdown, formatTraceReport } from './format.ts';
export { req } from './link.ts';
export { loadRequirements, loadResults, type Workspace } from './load.ts';
export {
  checkUniqueIds,
  DEFAULT_ID_PATTERN,
  parseRegistry,
  REGISTRY_FILE,
  REGISTRY_SCHEMA_VERSION,
  type Requirement,
  type RequirementStatus,
  readRegistry,
  STATUSES,
} from './registry.ts';
export { readVitestReport, type TestOutcome, type TestRecord } from './results.ts';
