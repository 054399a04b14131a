/**
 * Each measurement series' trend: its points, and the same baseline rules as test durations (median
 * and MAD before a recent window, alarm and recover thresholds with hysteresis), in the figure's own
 * direction — so a benchmark that got slower, or a score that fell, is flagged, and cleared once it
 * recovers.
 */
import { type BaselineOptions, DEFAULT_BASELINE_OPTIONS, seriesState } from '../analysis/baselines.ts';
import { type Measurement, type MeasurementRow, seriesKey } from './model.ts';

export interface MeasurementPoint {
  readonly value: number;
  readonly gitSha: string | null;
  readonly recordedAt: string;
}

export interface MeasurementTrend extends Omit<Measurement, 'value' | 'details'> {
  /** Oldest first. */
  readonly points: readonly MeasurementPoint[];
  readonly latest: number;
  /** The latest point's details (a mutation run's survivors, say), when it has any. */
  readonly details?: unknown;
  /** The median of the values before the recent window; null while the series is too short. */
  readonly baseline: number | null;
  /** `regressed` while the alarm is raised; `new` while there are too few points to judge. */
  readonly state: 'regressed' | 'ok' | 'new';
}

/** Trends of every series in `rows` (as HistoryStore.recentMeasurements returns them). */
export function measurementTrends(
  rows: readonly MeasurementRow[],
  options: BaselineOptions = DEFAULT_BASELINE_OPTIONS,
): MeasurementTrend[] {
  const bySeries = new Map<string, MeasurementRow[]>();
  for (const row of rows) {
    const key = seriesKey(row);
    bySeries.set(key, [...(bySeries.get(key) ?? []), row]);
  }
  return [...bySeries.values()].map((series) => {
    const last = series.at(-1) as MeasurementRow;
    // Figures of any unit: only the relative and spread thresholds decide, no floor in ms.
    const state = seriesState(
      series.map((r) => r.value),
      last.better,
      options,
      0,
    );
    return {
      kind: last.kind,
      project: last.project,
      name: last.name,
      unit: last.unit,
      better: last.better,
      points: series.map((r) => ({ value: r.value, gitSha: r.gitSha, recordedAt: r.recordedAt })),
      latest: last.value,
      ...(last.details === undefined ? {} : { details: last.details }),
      baseline: state ? state.median : null,
      state: state ? state.state : 'new',
    };
  });
}
