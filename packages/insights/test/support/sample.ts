/** Helpers for tests of the recorder and the history: private copies of the sample project, synthetic runs. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { RECORD_SCHEMA_VERSION, type RunRecord, type TestFailure, type TestResult, testKey } from '../../src/model.ts';

const PACKAGE = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const SAMPLE = join(PACKAGE, 'test', 'fixtures', 'sample-project');
const RUN_SAMPLE = join(PACKAGE, 'test', 'support', 'run-sample.ts');

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `assay-insights-${prefix}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A private copy of the sample project, resolving vitest through this package. */
export function sampleProject(): string {
  const dir = tempDir('sample');
  cpSync(SAMPLE, dir, { recursive: true });
  symlinkSync(join(PACKAGE, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** Runs the sample project with the recorder in a child process; its history is the project's own. */
export function runSample(dir: string, env: Record<string, string> = {}, tier = 'pr') {
  const result = spawnSync(process.execPath, [RUN_SAMPLE, dir, tier], {
    cwd: dir,
    encoding: 'utf8',
    // The outer run's choices (a mutation run's ASSAY_RECORD=0, say) must not reach the sample's.
    env: { ...process.env, ASSAY_HISTORY_URL: '', ASSAY_SESSION: '', ASSAY_RECORD: '', NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface ResultSpec {
  readonly name: string;
  readonly status?: TestResult['status'];
  readonly durationMs?: number;
  readonly retryCount?: number;
  readonly flaky?: boolean;
  readonly file?: string;
  readonly failure?: TestFailure;
}

let counter = 0;

/** A run record with the given results, as the recorder would write it. */
export function run(results: readonly ResultSpec[], extra: Partial<RunRecord> = {}): RunRecord {
  counter += 1;
  const project = extra.project ?? '@sample/app';
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    runId: `run-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`,
    project,
    tier: 'pr',
    session: `session-${counter}`,
    gitSha: `sha-${counter}`,
    branch: 'main',
    ciRunId: null,
    startedAt: new Date(Date.UTC(2026, 10, 1) + counter * 60_000).toISOString(),
    durationMs: results.reduce((sum, r) => sum + (r.durationMs ?? 10), 0),
    guard: null,
    files: [...new Set(results.map((r) => r.file ?? 'test/a.test.ts'))].map((file) => ({
      file,
      durationMs: results
        .filter((r) => (r.file ?? 'test/a.test.ts') === file)
        .reduce((s, r) => s + (r.durationMs ?? 10), 0),
    })),
    results: results.map((r) => ({
      key: testKey(project, r.file ?? 'test/a.test.ts', r.name),
      project,
      file: r.file ?? 'test/a.test.ts',
      name: r.name,
      status: r.status ?? 'passed',
      durationMs: r.durationMs ?? 10,
      retryCount: r.retryCount ?? 0,
      flaky: r.flaky ?? false,
      heapBytes: null,
      tags: [],
      requirements: [],
      ...(r.failure ? { failure: r.failure } : {}),
    })),
    ...extra,
  };
}
