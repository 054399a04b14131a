/**
 * The mutation gate: a workspace's score may not fall below its baseline — the median of its last
 * scores in the history, so one bad run does not become the new normal at once — by more than the
 * margin (percentage points). The run that fell names the mutants that lived.
 */
import { median } from '../stats.ts';
import type { MutationResult } from './report.ts';

/** Scores kept for a workspace's baseline. */
export const BASELINE_RUNS = 5;
/** Survivors kept with a score in the history, and listed by a failure. */
export const SURVIVORS_SHOWN = 20;

export interface MutationVerdict {
  readonly result: MutationResult;
  /** null on a workspace's first run: nothing to compare with. */
  readonly baseline: number | null;
  readonly ok: boolean;
  readonly message: string;
}

export function mutationVerdict(result: MutationResult, previous: readonly number[], margin: number): MutationVerdict {
  const recent = previous.slice(-BASELINE_RUNS);
  const baseline = recent.length > 0 ? median(recent) : null;
  const ok = baseline === null || result.score >= baseline - margin;
  const counts = `${result.detected} detected, ${result.survived} survived, ${result.noCoverage} not covered`;
  if (ok) {
    const against = baseline === null ? 'its first recorded score' : `baseline ${baseline} %`;
    return {
      result,
      baseline,
      ok,
      message: `mutation score of ${result.workspace}: ${result.score} % (${counts}; ${against})`,
    };
  }
  const shown = result.survivors
    .slice(0, SURVIVORS_SHOWN)
    .map((s) => `${s.file}:${s.line} ${s.mutator}${s.status === 'NoCoverage' ? ' (no test ran it)' : ''}`);
  const more = result.survivors.length > shown.length ? `, and ${result.survivors.length - shown.length} more` : '';
  return {
    result,
    baseline,
    ok,
    message: `mutation score of ${result.workspace} fell to ${result.score} %, more than ${margin} points below its baseline of ${baseline} % (${counts}); surviving mutants: ${shown.join('; ')}${more}`,
  };
}
