/** Synthetic histories for the benchmarks and tests: deterministic (a seeded generator), shaped like real runs. */
import { RECORD_SCHEMA_VERSION, type RunRecord, type TestResult, testKey } from '../src/model.ts';

/** A small seeded generator (mulberry32): the same seed, the same history. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticOptions {
  readonly runs: number;
  readonly testsPerRun: number;
  readonly filesPerRun?: number;
  readonly project?: string;
  readonly seed?: number;
  /** Share of tests that fail now and then. */
  readonly flakyShare?: number;
}

export function* syntheticRuns(options: SyntheticOptions): Generator<RunRecord> {
  const next = random(options.seed ?? 1);
  const project = options.project ?? '@bench/app';
  const files = options.filesPerRun ?? Math.max(1, Math.round(options.testsPerRun / 20));
  const tests = Array.from({ length: options.testsPerRun }, (_, i) => {
    const file = `test/file-${i % files}.test.ts`;
    const name = `suite ${i % 7} > case ${i}`;
    return {
      key: testKey(project, file, name),
      file,
      name,
      base: 1 + next() * 50,
      flaky: next() < (options.flakyShare ?? 0.02),
    };
  });
  for (let run = 0; run < options.runs; run++) {
    const results: TestResult[] = tests.map((t) => {
      const failed = t.flaky && next() < 0.3;
      return {
        key: t.key,
        project,
        file: t.file,
        name: t.name,
        status: failed ? 'failed' : 'passed',
        durationMs: t.base * (0.9 + next() * 0.2),
        retryCount: 0,
        flaky: false,
        heapBytes: null,
        tags: ['unit'],
        requirements: [],
      };
    });
    const byFile = new Map<string, number>();
    for (const r of results) byFile.set(r.file, (byFile.get(r.file) ?? 0) + r.durationMs);
    yield {
      schemaVersion: RECORD_SCHEMA_VERSION,
      runId: `${project}-${options.seed ?? 1}-${run}`,
      project,
      tier: 'pr',
      session: `session-${run}`,
      gitSha: `sha${Math.floor(run / 3)}`,
      branch: 'main',
      ciRunId: null,
      startedAt: new Date(Date.UTC(2026, 0, 1) + run * 60_000).toISOString(),
      durationMs: [...byFile.values()].reduce((a, b) => a + b, 0),
      guard: null,
      files: [...byFile].map(([file, durationMs]) => ({ file, durationMs })),
      results,
    };
  }
}

/**
 * A skewed suite of test files, like real ones: most files take a second or two, a few take a
 * minute (the integration and e2e files), and Vitest's hash order scatters them.
 */
export function skewedSuite(files: number, seed: number): { id: string; ms: number }[] {
  const next = random(seed);
  return Array.from({ length: files }, (_, i) => {
    const heavy = next() < 0.05;
    const ms = heavy ? 30_000 + next() * 60_000 : 500 + next() * 2_500;
    return { id: `test/file-${String(i).padStart(4, '0')}.test.ts`, ms: Math.round(ms) };
  });
}
