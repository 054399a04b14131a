/** `@assay/property/node`: the parts for tools outside a test run (the CLI). */
export {
  FAILURES_DIR,
  FAILURES_SCHEMA_VERSION,
  FailureDatabase,
  FailureDatabaseError,
  type FailureFile,
  type SavedFailure,
  workspaceOf,
} from './failures.ts';
export {
  currentProfile,
  PROFILE_NAMES,
  PROFILES,
  type Profile,
  type ProfileName,
  PropertyConfigError,
  parseProfile,
} from './profiles.ts';
