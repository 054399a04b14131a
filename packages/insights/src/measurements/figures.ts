/**
 * Benchmark figures files: what a package's own benchmark script leaves for the history —
 * `.assay/benchmarks/<name>.json`, one per script, read by `assay insights benchmarks --record`.
 * (Benchmarks written with Vitest's `bench` need none: the recorder stores them with the run.)
 *
 *   { "schemaVersion": 1, "project": "@assay/insights",
 *     "figures": [{ "name": "dashboard10kSeconds", "value": 1.8, "unit": "s", "better": "lower" }] }
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { revision } from '../git.ts';
import { projectFileName } from '../project.ts';
import type { HistoryStore } from '../store/history.ts';
import type { Measurement } from './model.ts';

export const FIGURES_SCHEMA_VERSION = 1;
export const FIGURES_DIR = '.assay/benchmarks';

export interface BenchmarkFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly better: 'lower' | 'higher';
}

export interface BenchmarkFigures {
  readonly schemaVersion: typeof FIGURES_SCHEMA_VERSION;
  readonly project: string;
  readonly figures: readonly BenchmarkFigure[];
}

export class FiguresError extends Error {
  override name = 'FiguresError';
  readonly exitCode = 2;
}

/** The unit a figure's name ends in, by this repository's convention for benchmark figures. */
const UNITS: readonly (readonly [RegExp, string])[] = [
  [/Ms$/, 'ms'],
  [/(^s|S)econds$/, 's'],
  [/MB$/, 'MB'],
  [/(^r|R)atio$/, '×'],
];

/**
 * A benchmark's printed figures (`{ prColdSeconds: 98.2, overheadRatio: 0.86, … }`) as figures with
 * units, by the names' suffixes: `…Ms` ms, `…Seconds` s, `…MB` MB, `…Ratio` ×. All are times, sizes
 * or ratios to a baseline, so lower is better. Entries without a number (not measured on this
 * machine) or without a unit suffix (counts that describe the run) are left out.
 */
export function benchmarkFigures(project: string, values: Readonly<Record<string, unknown>>): BenchmarkFigures {
  const figures = Object.entries(values).flatMap(([name, value]) => {
    const unit = UNITS.find(([suffix]) => suffix.test(name))?.[1];
    return typeof value === 'number' && Number.isFinite(value) && unit
      ? [{ name, value, unit, better: 'lower' as const }]
      : [];
  });
  return { schemaVersion: FIGURES_SCHEMA_VERSION, project, figures };
}

/** Writes a benchmark's figures under the repository's `.assay/benchmarks/`; returns the file. */
export function writeBenchmarkFigures(repoRoot: string, figures: BenchmarkFigures): string {
  const file = join(repoRoot, FIGURES_DIR, `${projectFileName(figures.project)}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads and checks one figures file; a bad one is a FiguresError naming the file and the field. */
export function readBenchmarkFigures(file: string): BenchmarkFigures {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new FiguresError(`${file}: cannot read it: ${(error as Error).message.split('\n', 1)[0]}`);
  }
  const bad = (what: string) => new FiguresError(`${file}: ${what}`);
  if (!isRecord(value)) throw bad('expected an object');
  if (value.schemaVersion !== FIGURES_SCHEMA_VERSION) {
    throw bad(`schemaVersion ${String(value.schemaVersion)}; expected ${FIGURES_SCHEMA_VERSION}`);
  }
  if (typeof value.project !== 'string' || value.project === '') throw bad("'project' must be a non-empty string");
  if (!Array.isArray(value.figures)) throw bad("'figures' must be a list");
  value.figures.forEach((figure: unknown, i) => {
    const at = `figures[${i}]`;
    if (!isRecord(figure)) throw bad(`${at} must be an object`);
    if (typeof figure.name !== 'string' || figure.name === '') throw bad(`${at}.name must be a non-empty string`);
    if (typeof figure.value !== 'number' || !Number.isFinite(figure.value)) throw bad(`${at}.value must be a number`);
    if (typeof figure.unit !== 'string') throw bad(`${at}.unit must be a string`);
    if (figure.better !== 'lower' && figure.better !== 'higher') throw bad(`${at}.better must be 'lower' or 'higher'`);
  });
  return value as unknown as BenchmarkFigures;
}

/** Every figures file in the repository's `.assay/benchmarks/`. */
export function figuresFiles(repoRoot: string): string[] {
  const dir = join(repoRoot, FIGURES_DIR);
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

export function figuresMeasurements(figures: BenchmarkFigures): Measurement[] {
  return figures.figures.map((f) => ({ kind: 'benchmark', project: figures.project, ...f }));
}

/** Stores the figures of these files (every file in `.assay/benchmarks/` by default) at the current commit. */
export async function recordBenchmarkFigures(
  store: HistoryStore,
  repoRoot: string,
  files: readonly string[] = figuresFiles(repoRoot),
): Promise<{ files: number; figures: number }> {
  const measurements = files.flatMap((file) => figuresMeasurements(readBenchmarkFigures(file)));
  const { sha, branch } = revision(repoRoot);
  await store.writeMeasurements({ gitSha: sha, branch, recordedAt: new Date().toISOString(), measurements });
  return { files: files.length, figures: measurements.length };
}
