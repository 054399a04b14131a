/**
 * @module-tag unit
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import {
  analyze,
  DEFAULT_BASELINE_OPTIONS,
  FiguresError,
  figuresFiles,
  figuresMeasurements,
  HistoryStore,
  type MeasurementRow,
  measurementTrends,
  readBenchmarkFigures,
  writeBenchmarkFigures,
} from '../src/index.ts';
import { run, tempDir } from './support/sample.ts';

/** A series of one figure, oldest first, as the store returns it. */
function series(values: readonly number[], better: 'lower' | 'higher' = 'lower'): MeasurementRow[] {
  return values.map((value, i) => ({
    seq: i + 1,
    kind: 'benchmark',
    project: '@sample/app',
    name: 'render',
    value,
    unit: 's',
    better,
    gitSha: `sha-${i}`,
    branch: 'main',
    recordedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
  }));
}

const stateAfter = (values: readonly number[], better: 'lower' | 'higher' = 'lower') =>
  measurementTrends(series(values, better), { ...DEFAULT_BASELINE_OPTIONS, windowRuns: 6, minBaselineRuns: 5 })[0]
    ?.state;

describe('measurement trends', { meta: req('INS-009') }, () => {
  const steady = [1.0, 1.02, 0.98, 1.01, 0.99, 1.0, 1.01];

  test('a benchmark that got slower for three runs is flagged, and cleared after three runs back at its baseline', () => {
    expect(stateAfter([...steady, 1.0, 1.01, 0.99])).toBe('ok');
    // Two slow runs are noise; the third in a row raises the alarm.
    expect(stateAfter([...steady, 1.5, 1.52])).toBe('ok');
    expect(stateAfter([...steady, 1.5, 1.52, 1.49])).toBe('regressed');
    // One run back at the baseline does not clear it; three do.
    expect(stateAfter([...steady, 1.5, 1.52, 1.49, 1.0])).toBe('regressed');
    expect(stateAfter([...steady, 1.5, 1.5, 1.5, 1.0, 1.01, 0.99])).toBe('ok');
  });

  test('a figure that is better higher (a coverage or mutation score) regresses when it falls', () => {
    const scores = [82, 82.5, 81.8, 82.1, 82, 82.2, 81.9];
    expect(stateAfter([...scores, 60, 59, 60], 'higher')).toBe('regressed');
    expect(stateAfter([...scores, 95, 96, 95], 'higher')).toBe('ok');
    // The same fall is an improvement for a figure that is better lower.
    expect(stateAfter([...scores, 60, 59, 60], 'lower')).toBe('ok');
  });

  test('a short series is new: no baseline, no verdict', () => {
    const [trend] = measurementTrends(series([1, 2, 3]));
    expect(trend).toMatchObject({ state: 'new', baseline: null, latest: 3 });
    expect(trend?.points.map((p) => p.value)).toEqual([1, 2, 3]);
  });
});

describe('measurements in the history', { meta: req('INS-009') }, () => {
  test("a run's coverage and a batch of figures are stored, read back per series, and reach the report", async () => {
    const store = await HistoryStore.open(join(tempDir('measurements'), 'history.db'));
    try {
      await store.writeRun(
        run([{ name: 'a' }], {
          measurements: [
            { kind: 'coverage', project: '@sample/app', name: 'lines', value: 81.5, unit: '%', better: 'higher' },
          ],
        }),
      );
      for (const value of [2, 3]) {
        await store.writeMeasurements({
          gitSha: `sha-${value}`,
          branch: 'main',
          recordedAt: '2026-11-02T00:00:00.000Z',
          measurements: [
            { kind: 'benchmark', project: '@sample/app', name: 'render', value, unit: 's', better: 'lower' },
            {
              kind: 'mutation',
              project: '@sample/app',
              name: 'score',
              value: 80 + value,
              unit: '%',
              better: 'higher',
              details: { survived: [{ file: 'src/a.ts', line: value }] },
            },
          ],
        });
      }
      const rows = await store.recentMeasurements(1);
      expect(rows.map((r) => [r.kind, r.name, r.value])).toEqual([
        ['benchmark', 'render', 3],
        ['coverage', 'lines', 81.5],
        ['mutation', 'score', 83],
      ]);
      expect(rows[2]?.details).toEqual({ survived: [{ file: 'src/a.ts', line: 3 }] });
      const { report } = await analyze(store);
      expect(report.measurements.map((m) => [m.kind, m.name, m.points.length, m.latest])).toEqual([
        ['benchmark', 'render', 2, 3],
        ['coverage', 'lines', 1, 81.5],
        ['mutation', 'score', 2, 83],
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('benchmark figures files', { meta: req('INS-009') }, () => {
  test('written by a benchmark, found and read back as measurements', () => {
    const root = tempDir('figures');
    const file = writeBenchmarkFigures(root, {
      schemaVersion: 1,
      project: '@assay/insights',
      figures: [{ name: 'dashboard10kSeconds', value: 1.8, unit: 's', better: 'lower' }],
    });
    expect(figuresFiles(root)).toEqual([file]);
    expect(figuresMeasurements(readBenchmarkFigures(file))).toEqual([
      {
        kind: 'benchmark',
        project: '@assay/insights',
        name: 'dashboard10kSeconds',
        value: 1.8,
        unit: 's',
        better: 'lower',
      },
    ]);
  });

  test.each([
    ['not JSON', '{', /cannot read it/],
    ['another schema', '{"schemaVersion":2,"project":"p","figures":[]}', /schemaVersion 2; expected 1$/],
    ['no project', '{"schemaVersion":1,"figures":[]}', /'project' must be a non-empty string$/],
    [
      'a figure without a direction',
      '{"schemaVersion":1,"project":"p","figures":[{"name":"x","value":1,"unit":"s"}]}',
      /figures\[0\]\.better must be 'lower' or 'higher'$/,
    ],
    [
      'a value that is not a number',
      '{"schemaVersion":1,"project":"p","figures":[{"name":"x","value":"1","unit":"s","better":"lower"}]}',
      /figures\[0\]\.value must be a number$/,
    ],
  ])('%s: one line naming the file and the field', (_, text, message) => {
    const file = join(tempDir('bad-figures'), 'bad.json');
    writeFileSync(file, text);
    expect(() => readBenchmarkFigures(file)).toThrow(FiguresError);
    expect(() => readBenchmarkFigures(file)).toThrow(message);
  });
});
