import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { analyze, HistoryStore, type RunRecord } from '../src/index.ts';
import { type ResultSpec, run, tempDir } from './support/sample.ts';

async function historyOf(runs: readonly RunRecord[]) {
  const store = await HistoryStore.open(join(tempDir('analysis'), 'history.db'));
  for (const record of runs) await store.writeRun(record);
  const analysis = await analyze(store);
  await store.close();
  return analysis.report;
}

/** One run per letter: P passed, F failed, R passed on retry; `sha` groups runs by commit. */
function sequence(name: string, letters: string, sha?: (i: number) => string): RunRecord[] {
  return [...letters].map((letter, i) => {
    const spec: ResultSpec = {
      name,
      status: letter === 'F' ? 'failed' : 'passed',
      retryCount: letter === 'R' ? 1 : 0,
      flaky: letter === 'R',
    };
    return run([spec], sha ? { gitSha: sha(i) } : {});
  });
}

describe('flaky and broken tests', { meta: req('INS-003') }, () => {
  test('a pass and a fail on the same commit make a test flaky, with that commit as evidence', async () => {
    const report = await historyOf(sequence('same commit', 'PPPPFP', (i) => (i >= 4 ? 'abc1234' : `sha${i}`)));
    expect(report.flaky).toHaveLength(1);
    expect(report.flaky[0]).toMatchObject({
      name: 'same commit',
      status: 'flaky',
      evidence: { sameCommit: ['abc1234'], passedOnRetry: 0, flipRate: 0.4, sequence: 'PPPPFP' },
    });
    expect(report.flaky[0]?.score).toBe(0.52); // 0.4 same commit + 0.3 × 0.4 flip rate
  });

  test('passing on a retry makes a test flaky', async () => {
    const report = await historyOf(sequence('retried', 'PPRPPPPPPP', (i) => `sha${i}`));
    expect(report.flaky[0]).toMatchObject({ name: 'retried', evidence: { passedOnRetry: 1, sequence: 'PPRPPPPPPP' } });
  });

  test('a high flip rate alone makes a test flaky; a steady one does not', async () => {
    const report = await historyOf([
      ...sequence('flips', 'PFPFPP', (i) => `sha${i}`),
      ...sequence('steady', 'PPPPPP', (i) => `sha${i}`),
      ...sequence('fixed once', 'FFPPPPPPPPPP', (i) => `sha${i}`),
    ]);
    expect(report.flaky.map((t) => t.name)).toEqual(['flips']);
    expect(report.flaky[0]?.evidence.flipRate).toBe(0.8);
  });

  test('a test failing every run is broken, never flaky', async () => {
    const report = await historyOf(sequence('broken', 'FFFFF', (i) => `sha${i % 2}`));
    expect(report.flaky).toEqual([]);
    expect(report.broken.map((t) => [t.name, t.status, t.runs])).toEqual([['broken', 'broken', 5]]);
  });
});

function durations(name: string, values: readonly number[]): RunRecord[] {
  return values.map((durationMs) => run([{ name, durationMs }]));
}

describe('duration baselines', { meta: req('INS-005') }, () => {
  const steady = [100, 102, 98, 101, 99, 103, 97, 100, 102, 98];

  test('three slow runs in a row past both thresholds raise a regression', async () => {
    const report = await historyOf(durations('slower', [...steady, 100, 140, 142, 139]));
    expect(report.regressions).toHaveLength(1);
    expect(report.regressions[0]).toMatchObject({ name: 'slower', state: 'regressed', ratio: 1.39, samples: 5 });
    expect(report.regressions[0]?.medianMs).toBe(100);
  });

  test('one slow run, or slow runs within the noise, raise nothing', async () => {
    const report = await historyOf([
      ...durations('one spike', [...steady, 100, 300, 101, 99]),
      // 20% slower, but this test's spread is wide: within median + 3 × MAD
      ...durations('noisy', [100, 60, 140, 80, 120, 70, 130, 90, 110, 100, 125, 125, 125]),
    ]);
    expect(report.regressions).toEqual([]);
  });

  test('hysteresis: an alarm clears only after consecutive runs under the lower recover threshold', async () => {
    // 115 ms is under the alarm line (120) but over the recover line (110): the alarm stays.
    const stays = await historyOf(durations('stays', [...steady, 140, 140, 140, 115, 115, 115]));
    expect(stays.regressions.map((r) => r.name)).toEqual(['stays']);
    const clears = await historyOf(durations('clears', [...steady, 140, 140, 140, 101, 102, 100]));
    expect(clears.regressions).toEqual([]);
  });

  test('the slowest tests and files, and the tier’s wall time with its trend', async () => {
    const report = await historyOf([
      run([
        { name: 'quick', durationMs: 5 },
        { name: 'slow', durationMs: 500, file: 'test/b.test.ts' },
      ]),
      run([
        { name: 'quick', durationMs: 7 },
        { name: 'slow', durationMs: 520, file: 'test/b.test.ts' },
      ]),
    ]);
    expect(report.slowestTests.map((t) => [t.name, t.medianMs])).toEqual([
      ['slow', 510],
      ['quick', 6],
    ]);
    expect(report.slowestFiles.map((f) => [f.file, f.medianMs])).toEqual([
      ['test/b.test.ts', 510],
      ['test/a.test.ts', 6],
    ]);
    expect(report.tiers).toHaveLength(1);
    expect(report.tiers[0]?.sessions.map((s) => s.wallMs)).toEqual([505, 527]);
    expect(report.tiers[0]?.trend).toBe(1.04);
  });
});

describe('history edge cases', { meta: req('INS-008') }, () => {
  test('an empty history answers with zeros, not errors', async () => {
    const report = await historyOf([]);
    expect(report).toMatchObject({
      schemaVersion: 1,
      history: { executedRuns: 0, replayedRuns: 0, tests: 0, resultsAnalyzed: 0 },
      flaky: [],
      broken: [],
      regressions: [],
      slowestTests: [],
      slowestFiles: [],
      tiers: [],
      latest: [],
    });
  });

  test('clock skew: history follows the order runs arrive, not the runners’ clocks', async () => {
    // The second runner's clock is an hour behind: its run still counts as the latest.
    const first = run([{ name: 'skewed', status: 'passed' }], { startedAt: '2026-11-22T10:00:00.000Z' });
    const second = run([{ name: 'skewed', status: 'failed' }], { startedAt: '2026-11-22T09:00:00.000Z' });
    const report = await historyOf([first, second]);
    expect(report.latest[0]).toMatchObject({ name: 'skewed', status: 'failed' });
    expect(report.runs.map((r) => r.runId)).toEqual([second.runId, first.runId]);
  });

  test('a renamed test starts a fresh history; the old key keeps its own', async () => {
    const report = await historyOf([
      ...sequence('old name', 'PFPF', (i) => `sha${i}`),
      ...sequence('new name', 'PP', (i) => `sha${i + 4}`),
    ]);
    const byName = Object.fromEntries(report.latest.map((t) => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual(['new name', 'old name']);
    expect(byName['new name']?.verdict).toBe('healthy');
    expect(byName['old name']?.verdict).toBe('flaky');
  });
});
