/**
 * The recorder: a Vitest reporter that stores every test case of every run in the history — status,
 * duration, retries, the flaky flag, heap, tier, tags, requirement ids, commit, branch, CI run —
 * with per-file timings and the guards' verdict, in one transaction at the end of the run. A run
 * killed before its end stores nothing; a history that cannot take the run gets it later (pending).
 *
 * Beside the results it records the run's measurements: its code coverage totals, when coverage was
 * on, and every benchmark the tests ran with Vitest's `bench` (the mean latency of each task).
 *
 * It also writes `.vitest/assay/insights.json` (the run's id), which turbo's cache restores on a
 * replay: `assay summary` then records the replay as not executed instead of counting it twice.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';
import { insightsPaths } from './config.ts';
import { COVERAGE_METRICS, type CoverageTotals, coverageTotals, toCoverageMap } from './coverage/model.ts';
import { revision } from './git.ts';
import type { Measurement } from './measurements/model.ts';
import { RECORD_SCHEMA_VERSION, type RunRecord, type TestFailure, type TestResult, testKey } from './model.ts';
import { flushPending, savePending } from './pending.ts';
import { projectName } from './project.ts';
import { type MergedRun, mergedRun } from './shards/merged.ts';
import { HistoryStore } from './store/history.ts';

export const RUN_MARKER_FILE = '.vitest/assay/insights.json';

export interface RunMarker {
  readonly schemaVersion: 1;
  readonly runId: string;
  readonly project: string;
  readonly tier: string;
  readonly gitSha: string | null;
  /** Where the run went: the history, or the pending folder. */
  readonly stored: 'history' | 'pending';
  /** What recording cost the run: building the record and storing it, in ms. */
  readonly recordMs: number;
}

export interface RecorderOptions {
  readonly tier: string;
  /** The guards' verdict for the run, when a tier preset runs them. */
  readonly guard?: (modules: readonly TestModule[], durationMs: number) => { ok: boolean; problems: readonly string[] };
  /** The repository's configured history (assay.config.ts), which ASSAY_HISTORY_URL overrides (see config.ts). */
  readonly history?: string;
}

/**
 * A test failed by a safety gate (the tier preset's refusal, in its meta) is `refused`: the gate,
 * not the code, decided it. The meta is read without depending on the preset.
 */
function statusOf(state: string, test: TestCase): TestResult['status'] {
  if (state === 'passed') return 'passed';
  if (state !== 'failed') return 'skipped';
  return (test.meta() as { assayRefusal?: string }).assayRefusal ? 'refused' : 'failed';
}

/** Room kept for a failure: enough to read it, not a whole page of output per failed test and run. */
const FAILURE_MESSAGE_CHARS = 2_000;
const FAILURE_STACK_LINES = 15;

/** A failed test's first error, trimmed. */
function failureOf(test: TestCase): TestFailure | undefined {
  const error = test.result().errors?.[0];
  if (!error) return undefined;
  const stack = typeof error.stack === 'string' ? error.stack : '';
  return {
    message: errorMessage(error).slice(0, FAILURE_MESSAGE_CHARS),
    stack: stack.split('\n').slice(0, FAILURE_STACK_LINES).join('\n'),
  };
}

function resultOf(test: TestCase, project: string, root: string): TestResult | undefined {
  const state = test.result().state;
  if (state === 'pending') return undefined;
  const file = relative(root, test.module.moduleId);
  const diagnostic = test.diagnostic();
  const status = statusOf(state, test);
  const failure = status === 'failed' ? failureOf(test) : undefined;
  return {
    key: testKey(project, file, test.fullName),
    project,
    file,
    name: test.fullName,
    status,
    durationMs: diagnostic?.duration ?? 0,
    retryCount: diagnostic?.retryCount ?? 0,
    flaky: diagnostic?.flaky ?? false,
    heapBytes: diagnostic?.heap ?? null,
    tags: [...(test.tags ?? [])],
    // Set by @assay/trace's req(); read without depending on it.
    requirements: (test.meta() as { requirements?: string[] }).requirements ?? [],
    ...(failure ? { failure } : {}),
  };
}

/** Each benchmark task a test ran (not one read back from a stored result), as a figure. */
function benchmarksOf(test: TestCase, project: string, file: string): Measurement[] {
  return test.benchmarks().flatMap((benchmark) =>
    benchmark.tasks
      .filter((task) => !task.fromStore)
      .map((task) => ({
        kind: 'benchmark' as const,
        project,
        // A benchmark is named after its test unless it is one of several in the test.
        name: [file, test.fullName, benchmark.name === test.name ? '' : benchmark.name, task.name]
          .filter(Boolean)
          .join(' › '),
        value: Math.round(task.latency.mean * 1e6) / 1e6,
        unit: 'ms',
        better: 'lower' as const,
      })),
  );
}

function coverageMeasurements(project: string, totals: CoverageTotals): Measurement[] {
  return COVERAGE_METRICS.map((metric) => ({
    kind: 'coverage',
    project,
    name: metric,
    value: totals[metric].pct,
    unit: '%',
    better: 'higher',
  }));
}

/** The run's record from Vitest's modules: what the recorder stores. */
export function runRecord(
  modules: readonly TestModule[],
  options: {
    root: string;
    tier: string;
    startedAt: Date;
    durationMs: number;
    guard: RunRecord['guard'];
    unhandledErrors?: readonly unknown[];
    /** The run's coverage totals, when coverage was on. */
    coverage?: CoverageTotals;
  },
): RunRecord {
  const project = projectName(options.root);
  const results: TestResult[] = [];
  const measurements: Measurement[] = options.coverage ? coverageMeasurements(project, options.coverage) : [];
  for (const module of modules) {
    for (const test of module.children.allTests()) {
      const result = resultOf(test, project, options.root);
      if (result) results.push(result);
      measurements.push(...benchmarksOf(test, project, relative(options.root, module.moduleId)));
    }
  }
  const runId = randomUUID();
  const git = revision(options.root);
  return {
    schemaVersion: RECORD_SCHEMA_VERSION,
    runId,
    project,
    tier: options.tier,
    session: process.env.ASSAY_SESSION || runId,
    gitSha: git.sha,
    branch: git.branch,
    ciRunId: git.ciRunId,
    startedAt: options.startedAt.toISOString(),
    durationMs: options.durationMs,
    guard: options.guard,
    files: modules.map((module) => ({
      file: relative(options.root, module.moduleId),
      durationMs: module.diagnostic().duration,
    })),
    results,
    errors: [
      ...modules.flatMap((module) =>
        moduleErrors(module).map((message) => ({ file: relative(options.root, module.moduleId), message })),
      ),
      ...(options.unhandledErrors ?? []).map((error) => ({ file: '(unhandled)', message: firstLine(error) })),
    ],
    ...(measurements.length ? { measurements } : {}),
  };
}

const firstLine = (error: unknown) => errorMessage(error).split('\n', 1)[0] as string;

/**
 * A test file's errors outside its tests, a first line each: its own (collection, its hooks) and
 * each describe's failed hook, named by the describe — whose tests were skipped, not failed.
 */
export function moduleErrors(module: TestModule): string[] {
  return [
    ...module.errors().map(firstLine),
    ...[...module.children.allSuites()].flatMap((suite) =>
      suite.errors().map((error) => `${suite.fullName}: ${firstLine(error)}`),
    ),
  ];
}

/**
 * An error's message. Vitest hands reporters serialized errors — plain objects, some without a
 * prototype, which String() cannot convert — so read the message, never convert the object.
 */
export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return message;
  try {
    return typeof error === 'string' ? error : JSON.stringify(error);
  } catch {
    return 'an error that cannot be shown';
  }
}

/** Stores a run, first storing what earlier runs left pending; on failure the run itself waits as pending. */
export async function storeRun(
  run: RunRecord,
  paths = insightsPaths(),
): Promise<{ stored: 'history' | 'pending'; error?: string }> {
  let store: HistoryStore | undefined;
  try {
    store = await HistoryStore.open(paths.history);
    await flushPending(paths.pending, store);
    await store.writeRun(run);
    return { stored: 'history' };
  } catch (error) {
    savePending(paths.pending, run);
    return { stored: 'pending', error: (error as Error).message };
  } finally {
    await store?.close();
  }
}

export class InsightsRecorder implements Reporter {
  readonly #options: RecorderOptions;
  #root = process.cwd();
  #startedAt = new Date();
  #coverage: CoverageTotals | undefined;
  #merged: MergedRun | undefined;

  constructor(options: RecorderOptions) {
    this.#options = options;
  }

  onInit(vitest: Vitest): void {
    this.#root = vitest.config.root;
    this.#merged = mergedRun(vitest);
  }

  onTestRunStart(): void {
    this.#startedAt = new Date();
    this.#coverage = undefined;
  }

  /** Called before onTestRunEnd when coverage is on. */
  onCoverage(coverage: unknown): void {
    this.#coverage = coverageTotals(toCoverageMap(coverage));
  }

  async onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): Promise<void> {
    if (process.env.ASSAY_RECORD === '0') return;
    const began = performance.now();
    // A merge of shards records the sharded run, once: its coverage and wall time come from the blobs.
    if (this.#merged?.coverage) this.onCoverage(this.#merged.coverage);
    const durationMs = this.#merged?.durationMs ?? Date.now() - this.#startedAt.getTime();
    const run = runRecord(modules, {
      root: this.#root,
      tier: this.#options.tier,
      startedAt: this.#startedAt,
      durationMs,
      guard: this.#options.guard ? this.#options.guard(modules, durationMs) : null,
      unhandledErrors,
      ...(this.#coverage ? { coverage: this.#coverage } : {}),
    });
    const paths = insightsPaths(undefined, process.env, this.#options.history);
    const outcome = await storeRun(run, paths);
    if (outcome.error) {
      process.stderr.write(`assay insights: ${outcome.error}; the run waits in ${paths.pending}\n`);
    }
    const marker: RunMarker = {
      schemaVersion: 1,
      runId: run.runId,
      project: run.project,
      tier: run.tier,
      gitSha: run.gitSha,
      stored: outcome.stored,
      recordMs: Math.round((performance.now() - began) * 100) / 100,
    };
    const file = join(this.#root, RUN_MARKER_FILE);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(marker, null, 2)}\n`);
  }
}

/**
 * Records that turbo replayed these workspaces from its cache in the session that began at
 * `sessionStart`: each restored run marker names the run whose results were replayed, which the
 * history already holds; the replay is stored as a run not executed, with no results of its own.
 */
export async function recordReplays(
  roots: readonly string[],
  sessionStart: number,
  paths = insightsPaths(),
): Promise<number> {
  const markers = roots.flatMap((root) => {
    try {
      return [JSON.parse(readFileSync(join(root, RUN_MARKER_FILE), 'utf8')) as RunMarker];
    } catch {
      return []; // a workspace recorded before insights existed, or with recording off
    }
  });
  if (markers.length === 0) return 0;
  const store = await HistoryStore.open(paths.history);
  try {
    const sha = revision(paths.root).sha;
    for (const marker of markers) {
      await store.recordReplay({
        runId: `${marker.runId}@${sessionStart}`,
        replayOf: marker.runId,
        project: marker.project,
        tier: marker.tier,
        session: String(sessionStart),
        gitSha: sha,
        startedAt: new Date(sessionStart).toISOString(),
      });
    }
  } finally {
    await store.close();
  }
  return markers.length;
}
