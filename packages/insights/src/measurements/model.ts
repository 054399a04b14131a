/**
 * Measurements: the figures beside test results in the one history — each workspace's code coverage
 * per run, its mutation score, and named benchmark figures. One row is one figure of one workspace
 * at one commit; a series is every row of one (kind, project, name), in the order they arrived.
 */
import type { Better } from '../analysis/baselines.ts';

export const MEASUREMENT_KINDS = ['coverage', 'mutation', 'benchmark'] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

export interface Measurement {
  readonly kind: MeasurementKind;
  /** The workspace it measures (its package name). */
  readonly project: string;
  /** `lines`, `branches`, … for coverage; `score` for mutation; the figure's own name for a benchmark. */
  readonly name: string;
  readonly value: number;
  /** `%`, `s`, `ms`, `ops/s`, … */
  readonly unit: string;
  readonly better: Better;
  /** What a reader needs beside the figure (a mutation run's surviving mutants, say); JSON. */
  readonly details?: unknown;
}

/** Measurements taken together, at one commit. */
export interface MeasurementBatch {
  readonly gitSha: string | null;
  readonly branch: string | null;
  /** ISO 8601, the measuring machine's clock. */
  readonly recordedAt: string;
  readonly measurements: readonly Measurement[];
}

/** One stored measurement, with where and when it was taken. */
export interface MeasurementRow extends Measurement {
  readonly seq: number;
  readonly gitSha: string | null;
  readonly branch: string | null;
  readonly recordedAt: string;
}

/** The identity of a series. */
export function seriesKey(m: Pick<Measurement, 'kind' | 'project' | 'name'>): string {
  return `${m.kind}\u0000${m.project}\u0000${m.name}`;
}
