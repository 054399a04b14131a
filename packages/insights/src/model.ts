/**
 * What the recorder stores for each run of one workspace (a Vitest project) — the schema of the
 * history, and of the pending files a run leaves when the store cannot take it. Documented in the
 * package README.
 */
import type { Measurement } from './measurements/model.ts';

export const RECORD_SCHEMA_VERSION = 1;

/**
 * `refused`: a safety gate would not run the test (an unconfirmed destructive test, a soak too long
 * for the machine). It says nothing about the code, so flaky, broken and baseline analysis leave it out.
 */
export const STATUSES = ['passed', 'failed', 'skipped', 'refused'] as const;
export type TestStatus = (typeof STATUSES)[number];

export interface TestResult {
  /** project + file + full name: stable across runs, unlike Vitest's order-based ids. */
  readonly key: string;
  readonly project: string;
  /** Relative to the project's root. */
  readonly file: string;
  readonly name: string;
  readonly status: TestStatus;
  readonly durationMs: number;
  readonly retryCount: number;
  /** Passed on a retry within this run. */
  readonly flaky: boolean;
  /** Heap in use after the test, when Vitest measured it (logHeapUsage). */
  readonly heapBytes: number | null;
  readonly tags: readonly string[];
  readonly requirements: readonly string[];
  /** A failed test's first error; absent for other results, and in records written before it was kept. */
  readonly failure?: TestFailure;
}

/** What a failed test said: its error's message and stack, both trimmed (see the recorder). */
export interface TestFailure {
  readonly message: string;
  readonly stack: string;
}

/** An error outside any test: unhandled (after a test, in a hook of no test), or a file that failed to load. */
export interface RunError {
  /** The test file it came from, or `(unhandled)` when Vitest could not tell. */
  readonly file: string;
  readonly message: string;
}

export interface FileTiming {
  readonly file: string;
  readonly durationMs: number;
}

export interface RunRecord {
  readonly schemaVersion: typeof RECORD_SCHEMA_VERSION;
  /** A UUID, made by the recorder. */
  readonly runId: string;
  readonly project: string;
  readonly tier: string;
  /** Groups the workspaces one tier run started together (ASSAY_SESSION), for the tier's wall time. */
  readonly session: string;
  readonly gitSha: string | null;
  readonly branch: string | null;
  readonly ciRunId: string | null;
  /** The runner's clock (ISO 8601); history is ordered by arrival in the store, not by this. */
  readonly startedAt: string;
  readonly durationMs: number;
  /** The guards' verdict for the run, when they ran. */
  readonly guard: { readonly ok: boolean; readonly problems: readonly string[] } | null;
  readonly files: readonly FileTiming[];
  readonly results: readonly TestResult[];
  /** Errors outside any test; absent in records written before they were kept. */
  readonly errors?: readonly RunError[];
  /** Figures the run measured (its code coverage); absent when it measured none. */
  readonly measurements?: readonly Measurement[];
}

/** The key a test's history is filed under. */
export function testKey(project: string, file: string, fullName: string): string {
  return `${project} › ${file} › ${fullName}`;
}
