/**
 * Flaky and broken tests from their recent results. Three signals, as the analytics tools use them:
 * a pass and a fail on the same commit (Google, Buildkite, Trunk), passed on a retry within a run
 * (Develocity, Vitest's own flag), and the flip rate — status changes over the last N runs (Allure
 * TestOps, Buildkite's transition count). A test failing every one of its recent runs is broken, not
 * flaky (Trunk: broken is never auto-quarantined).
 */
import type { TestHistory } from './histories.ts';

export interface FlakyOptions {
  /** A flip rate at or above this makes a test flaky on its own. */
  readonly flipRateThreshold: number;
  /** Results needed before a test can be called broken. */
  readonly minRunsForBroken: number;
}

export const DEFAULT_FLAKY_OPTIONS: FlakyOptions = { flipRateThreshold: 0.2, minRunsForBroken: 3 };

export interface FlakyEvidence {
  /** Commits with both a pass and a fail. */
  readonly sameCommit: readonly string[];
  /** Runs in which the test passed only on a retry. */
  readonly passedOnRetry: number;
  /** Status changes divided by the chances to change (runs − 1), over the executed results. */
  readonly flipRate: number;
  /** The recent results, oldest first: P passed, F failed, R passed on retry. */
  readonly sequence: string;
}

export interface TestVerdict {
  readonly key: string;
  readonly project: string;
  readonly file: string;
  readonly name: string;
  readonly status: 'flaky' | 'broken' | 'healthy';
  /** 0–1: how flaky (see `score`). */
  readonly score: number;
  readonly runs: number;
  readonly evidence: FlakyEvidence;
}

/**
 * 0–1. Each signal weighs in: a same-commit disagreement is the strongest proof (0.4), the share of
 * runs passed on retry (0.3), and the flip rate (0.3).
 */
export function score(evidence: FlakyEvidence, runs: number): number {
  const sameCommit = evidence.sameCommit.length > 0 ? 1 : 0;
  const retried = runs > 0 ? evidence.passedOnRetry / runs : 0;
  return Math.round((0.4 * sameCommit + 0.3 * retried + 0.3 * evidence.flipRate) * 1000) / 1000;
}

/** Results that say something about the code: not skipped, not refused by a gate. */
export function ranTheCode(result: { readonly status: string }): boolean {
  return result.status === 'passed' || result.status === 'failed';
}

export function judge(history: TestHistory, options: FlakyOptions = DEFAULT_FLAKY_OPTIONS): TestVerdict {
  const executed = history.results.filter(ranTheCode);
  const outcomesBySha = new Map<string, Set<string>>();
  let passedOnRetry = 0;
  let flips = 0;
  let sequence = '';
  let previous: string | undefined;
  for (const result of executed) {
    if (result.gitSha) {
      const outcomes = outcomesBySha.get(result.gitSha) ?? new Set();
      outcomes.add(result.status);
      outcomesBySha.set(result.gitSha, outcomes);
    }
    const retried = result.status === 'passed' && (result.flaky || result.retryCount > 0);
    if (retried) passedOnRetry += 1;
    sequence += result.status === 'failed' ? 'F' : retried ? 'R' : 'P';
    if (previous !== undefined && previous !== result.status) flips += 1;
    previous = result.status;
  }
  const evidence: FlakyEvidence = {
    sameCommit: [...outcomesBySha].filter(([, outcomes]) => outcomes.size > 1).map(([sha]) => sha),
    passedOnRetry,
    flipRate: executed.length > 1 ? Math.round((flips / (executed.length - 1)) * 1000) / 1000 : 0,
    sequence,
  };
  const broken = executed.length >= options.minRunsForBroken && executed.every((r) => r.status === 'failed');
  const flaky =
    !broken && (evidence.sameCommit.length > 0 || passedOnRetry > 0 || evidence.flipRate >= options.flipRateThreshold);
  return {
    key: history.key,
    project: history.project,
    file: history.file,
    name: history.name,
    status: broken ? 'broken' : flaky ? 'flaky' : 'healthy',
    score: broken ? 0 : score(evidence, executed.length),
    runs: executed.length,
    evidence,
  };
}
