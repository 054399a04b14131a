export { BASELINE_RUNS, type MutationVerdict, mutationVerdict, SURVIVORS_SHOWN } from './gate.ts';
export { MutationError, type MutationResult, readMutationReport, type Survivor } from './report.ts';
export { MUTATION_DIR, type MutateOptions, type MutationTarget, mutate } from './run.ts';
export { findStryker, strykerConfig } from './stryker.ts';
