/**
 * @module-tag integration
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { HistoryStore, insightsPaths, RUN_MARKER_FILE, type RunMarker, recordReplays } from '../src/index.ts';
import { runSample, sampleProject } from './support/sample.ts';

async function history(dir: string) {
  const store = await HistoryStore.open(insightsPaths(dir, {}).history);
  try {
    return { runs: await store.runs(), results: await store.recentResults(30) };
  } finally {
    await store.close();
  }
}

describe('the recorder', { meta: req('INS-001') }, () => {
  test('stores every test case of a run with its key, status, retries, tags, requirements and file timings', async () => {
    const dir = sampleProject();
    const outcome = runSample(dir, { ASSAY_SESSION: 'session-1', ASSAY_CI_RUN_ID: 'ci-42' });
    expect(outcome.status, outcome.stderr).toBe(0);

    const { runs, results } = await history(dir);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      project: '@sample/recorded',
      tier: 'pr',
      session: 'session-1',
      ciRunId: 'ci-42',
      executed: true,
      guardOk: true,
      passed: 4,
      failed: 0,
    });
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual([
      'orders > fails',
      'orders > not yet',
      'orders > passes on retry',
      'orders > totals',
      'waits a little',
    ]);
    expect(byName['orders > totals']).toMatchObject({
      key: '@sample/recorded › test/sample.test.ts › orders > totals',
      status: 'passed',
      requirements: ['ORD-001'],
    });
    expect(byName['orders > passes on retry']).toMatchObject({ status: 'passed', retryCount: 1, flaky: true });
    expect(byName['orders > not yet']?.status).toBe('skipped');
    expect(byName['waits a little']?.durationMs).toBeGreaterThanOrEqual(25);

    const marker = JSON.parse(readFileSync(join(dir, RUN_MARKER_FILE), 'utf8')) as RunMarker;
    expect(marker).toMatchObject({ schemaVersion: 1, project: '@sample/recorded', stored: 'history' });
  }, 60_000);

  test("stores the run's coverage totals and each Vitest bench task as measurements", {
    meta: req('INS-009'),
    timeout: 60_000,
  }, async () => {
    const dir = sampleProject();
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src/total.ts'),
      'export function total(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0);\n}\n\nexport function unused(): number {\n  return 1;\n}\n',
    );
    writeFileSync(
      join(dir, 'test/total.test.ts'),
      "import { expect, test } from 'vitest';\nimport { total } from '../src/total.ts';\n\ntest('sums', () => {\n  expect(total([1, 2])).toBe(3);\n});\n",
    );
    // A benchmark written with Vitest's `bench`, in a file of its own as Vitest requires.
    writeFileSync(
      join(dir, 'test/total.bench.ts'),
      "import { test } from 'vitest';\nimport { total } from '../src/total.ts';\n\ntest('sums', async ({ bench }) => {\n  await bench('total of three', { iterations: 20, time: 0 }, () => total([1, 2, 3])).run();\n});\n",
    );
    const outcome = runSample(dir, { SAMPLE_QUALITY: '1' });
    expect(outcome.status, outcome.stderr).toBe(0);
    const store = await HistoryStore.open(insightsPaths(dir, {}).history);
    try {
      const rows = await store.recentMeasurements(5);
      expect(rows.filter((r) => r.kind === 'coverage').map((r) => [r.name, r.value, r.unit, r.better])).toEqual([
        ['branches', 100, '%', 'higher'],
        // total and its arrow ran, unused did not: 2 of 3 functions, 2 of 3 statements, 2 of 4 lines.
        ['functions', 66.67, '%', 'higher'],
        ['lines', 50, '%', 'higher'],
        ['statements', 66.67, '%', 'higher'],
      ]);
      const benchmarks = rows.filter((r) => r.kind === 'benchmark');
      expect(benchmarks.map((r) => [r.project, r.name, r.unit, r.better])).toEqual([
        ['@sample/recorded', 'test/total.bench.ts › sums › total of three', 'ms', 'lower'],
      ]);
      expect(benchmarks[0]?.value).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  test('a failing run is recorded with its failures; runs follow each other under the same keys', async () => {
    const dir = sampleProject();
    expect(runSample(dir).status).toBe(0);
    expect(runSample(dir, { SAMPLE_FAIL: '1' }).status).toBe(1);
    const { runs, results } = await history(dir);
    expect(runs.map((r) => [r.passed, r.failed])).toEqual([
      [3, 1],
      [4, 0],
    ]);
    const fails = results.filter((r) => r.name === 'orders > fails');
    expect(fails.map((r) => r.status)).toEqual(['passed', 'failed']);
    // The failed result keeps what it said: the assertion's message and the stack down to the test file.
    expect(fails.map((r) => r.failure?.message ?? null)).toEqual([null, 'expected 1 to be 2 // Object.is equality']);
    expect(fails[1]?.failure?.stack).toMatch(/test\/sample\.test\.ts:\d+:\d+/);
  });

  test('a replay from turbo’s cache is recorded as not executed and adds no results', async () => {
    const dir = sampleProject();
    expect(runSample(dir).status).toBe(0);
    const marker = JSON.parse(readFileSync(join(dir, RUN_MARKER_FILE), 'utf8')) as RunMarker;
    expect(await recordReplays([dir], Date.now(), insightsPaths(dir, {}))).toBe(1);
    const { runs, results } = await history(dir);
    expect(runs.map((r) => [r.executed, r.replayOf])).toEqual([
      [false, marker.runId],
      [true, null],
    ]);
    expect(results).toHaveLength(5); // the replay counted nothing again
  }, 60_000);
});

describe('where the history is', { meta: req('INS-001') }, () => {
  test('the repository’s configured history, which ASSAY_HISTORY_URL overrides; relative paths from the root', () => {
    expect(insightsPaths('/repo', {}).history).toBe('/repo/.assay/insights/history.db');
    expect(insightsPaths('/repo', {}, 'ci/history.db').history).toBe('/repo/ci/history.db');
    expect(insightsPaths('/repo', { ASSAY_HISTORY_URL: 'postgres://h/db' }, 'ci/history.db').history).toBe(
      'postgres://h/db',
    );
  });
});

describe('a history that cannot take the run', { meta: req('INS-002') }, () => {
  test('a corrupt history: one clear line, the run waits as pending, and is stored once the history is usable', async () => {
    const dir = sampleProject();
    const paths = insightsPaths(dir, {});
    expect(runSample(dir).status).toBe(0);
    renameSync(paths.history, `${paths.history}.good`);
    for (const suffix of ['-wal', '-shm'])
      if (existsSync(paths.history + suffix)) renameSync(paths.history + suffix, `${paths.history}.good${suffix}`);
    writeFileSync(paths.history, 'this is not a database, it is a text file of more than a few bytes'.repeat(100));

    const outcome = runSample(dir);
    expect(outcome.status).toBe(0); // recording never fails the tests
    expect(outcome.stderr).toMatch(
      /assay insights: the history database .*history\.db is corrupt \(file is not a database\)/,
    );
    expect(readdirSync(paths.pending)).toHaveLength(1);
    await expect(HistoryStore.open(paths.history)).rejects.toThrow(/is corrupt/);

    // Moved aside, as the message says: the next run stores the pending one too.
    renameSync(paths.history, `${paths.history}.corrupt`);
    expect(runSample(dir).status).toBe(0);
    expect(readdirSync(paths.pending)).toHaveLength(0);
    expect((await history(dir)).runs).toHaveLength(2);
  }, 60_000);
});
