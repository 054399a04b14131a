/**
 * Duration baselines and regressions. A test's baseline is the median and MAD of its passing
 * durations before the recent window; in the window, a run is slow when it exceeds the baseline by
 * both a relative threshold and a robust-spread margin (median + k·MAD). `consecutive` slow runs in a
 * row raise the alarm; `consecutive` runs under the (lower) recover thresholds clear it — hysteresis,
 * so one noisy run neither raises nor clears it (Buildkite's alarm/recover thresholds; MAD for noise).
 */
import { mad, median } from '../stats.ts';
import type { TestHistory } from './histories.ts';

export interface BaselineOptions {
  /** Passing runs the baseline is computed from. */
  readonly baselineRuns: number;
  /** Recent passing runs scanned for a regression. */
  readonly windowRuns: number;
  /** Baseline runs needed before judging. */
  readonly minBaselineRuns: number;
  readonly alarm: { readonly relative: number; readonly madMultiple: number };
  readonly recover: { readonly relative: number; readonly madMultiple: number };
  readonly consecutive: number;
  /** Differences under this many ms never count (timer noise on fast tests). */
  readonly minDeltaMs: number;
}

export const DEFAULT_BASELINE_OPTIONS: BaselineOptions = {
  baselineRuns: 20,
  windowRuns: 10,
  minBaselineRuns: 5,
  alarm: { relative: 0.2, madMultiple: 3 },
  recover: { relative: 0.1, madMultiple: 1.5 },
  consecutive: 3,
  minDeltaMs: 5,
};

export interface Baseline {
  readonly key: string;
  readonly project: string;
  readonly file: string;
  readonly name: string;
  readonly medianMs: number;
  readonly madMs: number;
  readonly samples: number;
  /** The latest passing durations, oldest first. */
  readonly recentMs: readonly number[];
  readonly state: 'regressed' | 'ok';
  /** Latest over baseline median. */
  readonly ratio: number;
}

/** Which way a figure improves: durations are better lower, a coverage or mutation score higher. */
export type Better = 'lower' | 'higher';

/** How far `value` is beyond `center`, in the worse direction (positive when worse). */
function worseBy(value: number, center: number, better: Better): number {
  return better === 'lower' ? value - center : center - value;
}

function over(
  value: number,
  center: number,
  spread: number,
  threshold: BaselineOptions['alarm'],
  floor: number,
  better: Better,
) {
  const delta = worseBy(value, center, better);
  return delta > Math.abs(center) * threshold.relative && delta > threshold.madMultiple * spread && delta >= floor;
}

/** A series' baseline (median and MAD of its values before the window) and its state after the window. */
export interface SeriesState {
  readonly median: number;
  readonly mad: number;
  readonly samples: number;
  /** The window's values, oldest first. */
  readonly recent: readonly number[];
  readonly state: 'regressed' | 'ok';
}

/**
 * The alarm/recover hysteresis over one series of figures (oldest first), for durations and for any
 * other figure with a direction; undefined without enough values. `floor` is the smallest difference
 * that counts, in the figure's unit.
 */
export function seriesState(
  values: readonly number[],
  better: Better,
  options: BaselineOptions = DEFAULT_BASELINE_OPTIONS,
  floor = options.minDeltaMs,
): SeriesState | undefined {
  // A short history gives the baseline its minimum first; the window gets the rest.
  const windowSize = Math.min(options.windowRuns, values.length - options.minBaselineRuns);
  if (windowSize < 1) return undefined;
  const recent = values.slice(-windowSize);
  const base = values.slice(0, -windowSize).slice(-options.baselineRuns);
  const center = median(base);
  const spread = mad(base, center);
  let state: SeriesState['state'] = 'ok';
  let streak = 0;
  for (const value of recent) {
    const crossing =
      state === 'ok'
        ? over(value, center, spread, options.alarm, floor, better)
        : !over(value, center, spread, options.recover, floor, better);
    streak = crossing ? streak + 1 : 0;
    if (streak >= options.consecutive) {
      state = state === 'ok' ? 'regressed' : 'ok';
      streak = 0;
    }
  }
  return { median: center, mad: spread, samples: base.length, recent, state };
}

/** The baseline and regression state of one test; undefined without enough passing runs. */
export function baselineOf(
  history: TestHistory,
  options: BaselineOptions = DEFAULT_BASELINE_OPTIONS,
): Baseline | undefined {
  const passing = history.results.filter((r) => r.status === 'passed').map((r) => r.durationMs);
  const series = seriesState(passing, 'lower', options);
  if (!series) return undefined;
  const latest = series.recent.at(-1) as number;
  return {
    key: history.key,
    project: history.project,
    file: history.file,
    name: history.name,
    medianMs: series.median,
    madMs: series.mad,
    samples: series.samples,
    recentMs: series.recent,
    state: series.state,
    ratio: series.median > 0 ? Math.round((latest / series.median) * 100) / 100 : 1,
  };
}
