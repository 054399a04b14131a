export { checkOpenFiles, openFileLimit } from './caps.ts';
export { type GuardConfig, guardConfig, type LeakMode } from './config.ts';
export { type FileGuardRecord, formatResource, installFileGuards } from './file-guards.ts';
export {
  type ConfirmRequest,
  checkSoakDuration,
  confirmationVariable,
  confirmCategory,
  formatDuration,
  GateInputError,
  GateRefusal,
  isCI,
  isConfirmed,
  LOCAL_SOAK_LIMIT_MS,
  parseDuration,
} from './gates.ts';
export { HangWatch } from './hang-watch.ts';
export type { OpenResource, ResourceKind } from './resources.ts';
export { type FileRun, GUARD_SCHEMA_VERSION, type GuardVerdict, guardVerdict } from './verdict.ts';
