/**
 * @module-tag unit
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { type FileRun, GateInputError, guardConfig, guardVerdict, type OpenResource } from '../src/index.ts';

const MB = 1024 * 1024;
const file = (name: string, growthMb: number, durationMs = 100, leaks: OpenResource[] = []): FileRun => ({
  file: name,
  durationMs,
  guard: { heapBeforeBytes: 50 * MB, heapAfterBytes: (50 + growthMb) * MB, gcForced: true, leaks },
});
const interval = { kind: 'interval' as const, detail: 'setInterval every 50 ms', stack: ['test/a.test.ts:3:1'] };

describe('settings per tier', { meta: req('GRD-006', 'GRD-008') }, () => {
  test('the defaults follow the tier', () => {
    expect(guardConfig('pr', {})).toMatchObject({
      heapBudgetBytes: 500 * MB,
      fileHeapBudgetBytes: 200 * MB,
      leaks: 'warn',
      runBudgetMs: 300_000,
    });
    expect(guardConfig('nightly', {}).leaks).toBe('fail');
    expect(guardConfig('weekly', {}).heapBudgetBytes).toBe(1000 * MB);
  });

  test('environment variables override them', () => {
    expect(
      guardConfig('pr', {
        ASSAY_HEAP_BUDGET_MB: '64',
        ASSAY_LEAKS: 'off',
        ASSAY_RUN_BUDGET: '90s',
        ASSAY_MAX_WORKERS: '2',
      }),
    ).toMatchObject({
      heapBudgetBytes: 64 * MB,
      leaks: 'off',
      runBudgetMs: 90_000,
      maxWorkers: 2,
    });
  });

  test('an unknown tier is a usage error', () => {
    expect(() => guardConfig('hourly', {})).toThrow(
      new GateInputError("unknown tier 'hourly' for the guards: expected one of pr, nightly, weekly"),
    );
  });
});

describe('the verdict', { meta: req('GRD-004', 'GRD-005', 'GRD-007') }, () => {
  test('heap growth is summed over files and compared with the run budget, naming the largest', () => {
    const verdict = guardVerdict(
      guardConfig('pr', {}),
      [file('a', 150), file('b', 190), file('c', 180), file('d', -20)],
      1000,
    );
    expect(verdict.heap.growthBytes).toBe(520 * MB);
    expect(verdict.heap.topFiles.map((f) => f.file)).toEqual(['b', 'c', 'a']);
    expect(verdict.problems).toEqual([
      'heap grew by 520 MB over the run, past the pr budget of 500 MB; most: b (+190 MB), c (+180 MB), a (+150 MB)',
    ]);
    expect(verdict.ok).toBe(false);
  });

  test('a leak warns in pr and fails in nightly', () => {
    const files = [file('test/a.test.ts', 1, 100, [interval])];
    const pr = guardVerdict(guardConfig('pr', {}), files, 1000);
    expect(pr).toMatchObject({
      ok: true,
      warnings: ['test/a.test.ts left a interval open: setInterval every 50 ms, created at test/a.test.ts:3:1'],
    });
    expect(guardVerdict(guardConfig('nightly', {}), files, 1000).ok).toBe(false);
  });

  test('a run past its time budget names its slowest files', () => {
    const verdict = guardVerdict(
      guardConfig('pr', { ASSAY_RUN_BUDGET: '1m' }),
      [file('fast', 0, 2_000), file('slow', 0, 61_000)],
      62_000,
    );
    expect(verdict.problems).toEqual(['the run took 62s, past the pr budget of 1m; slowest: slow (61 s), fast (2 s)']);
  });

  test('a clean run passes with nothing to say', () => {
    expect(guardVerdict(guardConfig('nightly', {}), [file('a', 1)], 1000)).toMatchObject({
      schemaVersion: 1,
      ok: true,
      problems: [],
      warnings: [],
    });
  });
});
