/**
 * @module-tag unit
 *
 * The flaky and broken verdicts of one test's history (`judge`), each rule of the README's table on
 * its own: the signals, their thresholds, the score's weights, and what does not count as evidence.
 */
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { judge, type TestHistory } from '../src/index.ts';

type Row = TestHistory['results'][number];

/**
 * One result per letter, oldest first: P passed, F failed, R passed on a retry (Vitest's flaky flag
 * and a retry count), S skipped, X refused by a safety gate. Each run has a commit of its own unless
 * `sha` says otherwise.
 */
function history(letters: string, sha: (i: number) => string | null = (i) => `sha${i}`): TestHistory {
  const key = '@sample/app › test/a.test.ts › a test';
  const status = { P: 'passed', F: 'failed', R: 'passed', S: 'skipped', X: 'refused' } as const;
  const results = [...letters].map(
    (letter, i): Row => ({
      key,
      project: '@sample/app',
      file: 'test/a.test.ts',
      name: 'a test',
      requirements: [],
      status: status[letter as keyof typeof status],
      durationMs: 10,
      retryCount: letter === 'R' ? 1 : 0,
      flaky: letter === 'R',
      runSeq: i + 1,
      gitSha: sha(i),
      failure: null,
    }),
  );
  return { key, project: '@sample/app', file: 'test/a.test.ts', name: 'a test', requirements: [], results };
}

/** The same history with one result changed. */
function withResult(base: TestHistory, index: number, change: Partial<Row>): TestHistory {
  return { ...base, results: base.results.map((row, i) => (i === index ? { ...row, ...change } : row)) };
}

describe('flaky signals, each on its own', { meta: req('INS-003') }, () => {
  test('a pass and a fail on one commit is enough, even with a flip rate under 0.2', () => {
    // 11 steady passes, then a fail on the commit of the last pass: 1 flip in 11 chances.
    const verdict = judge(history('PPPPPPPPPPPF', (i) => (i >= 10 ? 'abc1234' : `sha${i}`)));
    expect(verdict).toMatchObject({
      status: 'flaky',
      runs: 12,
      evidence: { sameCommit: ['abc1234'], passedOnRetry: 0, flipRate: 0.091 },
    });
    expect(verdict.score).toBe(0.427); // 0.4 + 0.3 × 0.091
  });

  test('a flip rate of exactly 0.2 is flaky (the threshold is inclusive)', () => {
    const verdict = judge(history('PPPPPF')); // 1 flip in 5 chances
    expect(verdict.evidence.flipRate).toBe(0.2);
    expect(verdict.status).toBe('flaky');
    expect(verdict.score).toBe(0.06); // 0.3 × 0.2
  });

  test('a retry counts whether Vitest’s flaky flag or only a retry count says so', () => {
    const byCount = withResult(history('PPPPP'), 2, { retryCount: 2, flaky: false });
    expect(judge(byCount)).toMatchObject({ status: 'flaky', evidence: { passedOnRetry: 1, sequence: 'PPRPP' } });
    const byFlag = withResult(history('PPPPP'), 2, { retryCount: 0, flaky: true });
    expect(judge(byFlag)).toMatchObject({ status: 'flaky', evidence: { passedOnRetry: 1, sequence: 'PPRPP' } });
  });

  test('a test that failed despite its retries did not pass on a retry', () => {
    const verdict = judge(withResult(history('PPPPPPPPPF'), 9, { retryCount: 2 }));
    expect(verdict.evidence).toMatchObject({ passedOnRetry: 0, sequence: 'PPPPPPPPPF' });
    expect(verdict.status).toBe('healthy'); // flip rate 1/9, no commit with both outcomes
  });

  test('a run without a commit is no same-commit evidence', () => {
    const verdict = judge(history('PF', () => null));
    expect(verdict.evidence.sameCommit).toEqual([]);
    expect(verdict.score).toBe(0.3); // the flip rate (1) alone
  });
});

describe('the flaky score', { meta: req('INS-003') }, () => {
  test('weighs the share of runs passed on a retry by 0.3', () => {
    const verdict = judge(history('PPRPPPPPPP')); // 1 of 10 runs; a retried pass is a pass: no flips
    expect(verdict.evidence).toMatchObject({ passedOnRetry: 1, flipRate: 0 });
    expect(verdict.score).toBe(0.03);
  });

  test('adds up all three signals: 0.4 · same commit + 0.3 · retried share + 0.3 · flip rate', () => {
    const verdict = judge(history('PFRPP', (i) => (i < 2 ? 'abc1234' : `sha${i}`)));
    expect(verdict.evidence).toMatchObject({ sameCommit: ['abc1234'], passedOnRetry: 1, flipRate: 0.5 });
    expect(verdict.score).toBe(0.61); // 0.4 + 0.3 × 1/5 + 0.3 × 0.5
  });
});

describe('what counts as a run', { meta: req('INS-003') }, () => {
  test('skipped and refused results are left out: no runs, no flips, no sequence letters', () => {
    const verdict = judge(history('PSPXP'));
    expect(verdict).toMatchObject({
      status: 'healthy',
      runs: 3,
      score: 0,
      evidence: { sequence: 'PPP', flipRate: 0, passedOnRetry: 0 },
    });
  });

  test('a test that never ran, or ran once, has a flip rate and score of 0', () => {
    const never = judge(history('SSX'));
    expect(never).toMatchObject({ status: 'healthy', runs: 0, evidence: { sequence: '', sameCommit: [] } });
    expect(never.evidence.flipRate).toBe(0);
    expect(never.score).toBe(0);
    const once = judge(history('F'));
    expect(once).toMatchObject({ status: 'healthy', runs: 1 });
    expect(once.evidence.flipRate).toBe(0);
    expect(once.score).toBe(0);
  });
});

describe('broken tests', { meta: req('INS-003') }, () => {
  test('failing all of at least 3 runs is broken, with a score of 0; 2 failures are not enough', () => {
    expect(judge(history('FFF'))).toMatchObject({ status: 'broken', runs: 3, score: 0 });
    expect(judge(history('FF'))).toMatchObject({ status: 'healthy', runs: 2 });
    // Skipped runs in between do not make up the numbers.
    expect(judge(history('FSFS'))).toMatchObject({ status: 'healthy', runs: 2 });
  });
});
