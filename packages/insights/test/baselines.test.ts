/**
 * @module-tag unit
 *
 * Duration baselines of one series (`seriesState`, `baselineOf`): which values the baseline and the
 * recent window take, and where the README's thresholds lie — a run is slow past both +20 % and
 * median + 3·MAD, and only by at least 5 ms.
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { baselineOf, seriesState, type TestHistory } from '../src/index.ts';

const repeat = (value: number, times: number): number[] => Array.from({ length: times }, () => value);

/** The state after a steady baseline and then `slow` three times in a row (durations: lower is better). */
function afterThree(baseline: readonly number[], slow: number) {
  return seriesState([...baseline, slow, slow, slow], 'lower')?.state;
}

/** A test's history of passed (P) and failed (F) runs with the given durations, oldest first. */
function history(runs: readonly (readonly ['P' | 'F', number])[]): TestHistory {
  const key = '@sample/app › test/a.test.ts › a test';
  return {
    key,
    project: '@sample/app',
    file: 'test/a.test.ts',
    name: 'a test',
    requirements: [],
    results: runs.map(([letter, durationMs], i) => ({
      key,
      project: '@sample/app',
      file: 'test/a.test.ts',
      name: 'a test',
      requirements: [],
      status: letter === 'P' ? 'passed' : 'failed',
      durationMs,
      retryCount: 0,
      flaky: false,
      runSeq: i + 1,
      gitSha: `sha${i}`,
      failure: null,
    })),
  };
}

describe('the baseline and the recent window', { meta: req('INS-005') }, () => {
  test('at least 5 baseline runs: 5 values judge nothing, a 6th is a window of one', () => {
    expect(seriesState([100, 100, 100, 100, 100], 'lower')).toBeUndefined();
    expect(seriesState([100, 100, 100, 100, 100, 101], 'lower')).toMatchObject({
      median: 100,
      samples: 5,
      recent: [101],
      state: 'ok',
    });
  });

  test('the window holds up to the last 10 values, the baseline up to 20 before it', () => {
    const older = repeat(1000, 10); // too old to count
    const base = [...repeat(90, 10), ...repeat(110, 10)];
    const recent = [101, 102, 103, 104, 105, 106, 107, 108, 109, 110];
    const state = seriesState([...older, ...base, ...recent], 'lower');
    expect(state).toMatchObject({ median: 100, samples: 20, recent, state: 'ok' });
    // A shorter history keeps 5 for the baseline and gives the window the rest.
    expect(seriesState([...repeat(100, 5), 1, 2, 3], 'lower')).toMatchObject({ samples: 5, recent: [1, 2, 3] });
  });

  test('a test’s baseline and window take its passing runs only', () => {
    const fastFailures: ['F', number][] = [
      ['F', 2],
      ['F', 3],
      ['F', 2],
      ['F', 3],
    ];
    const runs: ['P' | 'F', number][] = [...repeat(100, 8).map((ms): ['P', number] => ['P', ms]), ...fastFailures];
    expect(baselineOf(history(runs))).toMatchObject({ medianMs: 100, samples: 5, recentMs: [100, 100, 100] });
    // 5 passes and a failure are not yet enough to judge.
    expect(baselineOf(history([...runs.slice(0, 5), ['F', 2]]))).toBeUndefined();
  });

  test('a baseline of 0 ms gives a ratio of 1, not a division by zero', () => {
    const baseline = baselineOf(history(repeat(0, 6).map((ms): ['P', number] => ['P', ms])));
    expect(baseline).toMatchObject({ medianMs: 0, state: 'ok', ratio: 1 });
  });
});

describe('the alarm thresholds', { meta: req('INS-005') }, () => {
  test('with no spread, +20 % decides: 10 % slower is not slow, 20 % exactly is not past it, 21 % is', () => {
    const steady = repeat(100, 5); // median 100, MAD 0
    expect(afterThree(steady, 110)).toBe('ok');
    expect(afterThree(steady, 120)).toBe('ok');
    expect(afterThree(steady, 121)).toBe('regressed');
  });

  test('with a wide spread, median + 3·MAD decides: on the line is not past it', () => {
    // Median 100; absolute deviations 0, 50, 50, 50, 50: MAD = 1.4826 × 50 = 74.13, and 3·MAD = 222.39.
    const spread = [100, 50, 150, 50, 150];
    expect(afterThree(spread, 322.39)).toBe('ok');
    expect(afterThree(spread, 323)).toBe('regressed');
  });

  test('a difference under 5 ms never counts; 5 ms does', () => {
    const fast = repeat(10, 5); // +20 % is only 2 ms
    expect(afterThree(fast, 14)).toBe('ok');
    expect(afterThree(fast, 15)).toBe('regressed');
  });
});
