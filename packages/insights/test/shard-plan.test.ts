/**
 * @module-tag unit
 *
 * The shard plan without a real history: its medians and its order, its bounds, the plan file
 * (`.assay/shard-plan.json`, schemaVersion 1) written and read back, and what `assay shard plan`
 * prints.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import {
  checkTotal,
  type FileTimingRow,
  formatShardPlan,
  type HistoryStore,
  lpt,
  planShards,
  readShardPlan,
  SHARD_PLAN_FILE,
  type ShardPlan,
  ShardPlanError,
  writeShardPlan,
} from '../src/index.ts';
import { tempDir } from './support/sample.ts';

/** A history that answers the plan's one question, the recent file timings, with `rows` as they are. */
function timings(rows: readonly FileTimingRow[]): HistoryStore {
  return { recentFileTimings: async () => rows } as unknown as HistoryStore;
}

/** Every order of `items`. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

const plan: ShardPlan = {
  schemaVersion: 1,
  total: 2,
  generatedAt: '2026-11-22T10:00:00.000Z',
  runs: 10,
  projects: {
    '@sample/app': {
      fileMs: { 'test/big.test.ts': 900, 'test/mid.test.ts': 500, 'test/small.test.ts': 150, 'test/tiny.test.ts': 50 },
      unknownFileMs: 325,
      shards: [
        { index: 1, files: ['test/big.test.ts'], predictedMs: 900 },
        { index: 2, files: ['test/mid.test.ts', 'test/small.test.ts', 'test/tiny.test.ts'], predictedMs: 700 },
      ],
    },
  },
};

describe('planning from file timings', { meta: req('INS-007') }, () => {
  test('each file weighs the median of its recorded times, even with only one or two of them', async () => {
    const planned = await planShards(
      timings([
        { project: '@sample/app', file: 'test/a.test.ts', durationMs: 100 },
        { project: '@sample/app', file: 'test/a.test.ts', durationMs: 200 },
        { project: '@sample/app', file: 'test/b.test.ts', durationMs: 80 },
        { project: '@sample/app', file: 'test/c.test.ts', durationMs: 40 },
        { project: '@sample/app', file: 'test/c.test.ts', durationMs: 60 },
        { project: '@sample/app', file: 'test/c.test.ts', durationMs: 500 },
      ]),
      2,
    );
    expect(planned.projects['@sample/app']?.fileMs).toEqual({
      'test/a.test.ts': 150,
      'test/b.test.ts': 80,
      'test/c.test.ts': 60,
    });
    expect(planned.projects['@sample/app']?.unknownFileMs).toBe(80);
  });

  test('projects are listed by name, whatever order the history gives them in', async () => {
    const planned = await planShards(
      timings([
        { project: '@z/web', file: 'test/w.test.ts', durationMs: 10 },
        { project: '@a/api', file: 'test/a.test.ts', durationMs: 10 },
        { project: '@m/lib', file: 'test/m.test.ts', durationMs: 10 },
      ]),
      1,
    );
    expect(Object.keys(planned.projects)).toEqual(['@a/api', '@m/lib', '@z/web']);
  });

  test('files of equal time go by path: the same shards whatever order they come in', () => {
    const files = ['d.test.ts', 'a.test.ts', 'c.test.ts', 'b.test.ts'];
    for (const order of permutations(files)) {
      const bins = lpt(
        order.map((id) => ({ id, ms: 10 })),
        2,
      );
      expect(bins.map((bin) => bin.jobs)).toEqual([
        ['a.test.ts', 'c.test.ts'],
        ['b.test.ts', 'd.test.ts'],
      ]);
    }
    // Longest first still comes before the path.
    const mixed = lpt(
      [
        { id: 'a.test.ts', ms: 1 },
        { id: 'z.test.ts', ms: 5 },
        { id: 'b.test.ts', ms: 1 },
      ],
      1,
    );
    expect(mixed[0]?.jobs).toEqual(['z.test.ts', 'a.test.ts', 'b.test.ts']);
  });

  test('a shard total is a whole number from 1 to 256', async () => {
    expect(checkTotal(1)).toBe(1);
    expect(checkTotal(256)).toBe(256);
    expect(() => checkTotal(257)).toThrow("invalid shard total '257': expected a whole number from 1 to 256");
    let error: unknown;
    try {
      checkTotal(-1);
    } catch (caught) {
      error = caught;
    }
    // The CLI prints a ShardPlanError as one line and exits 2.
    expect(error).toBeInstanceOf(ShardPlanError);
    expect(error).toMatchObject({ name: 'ShardPlanError', exitCode: 2 });
    const store = timings([{ project: '@sample/app', file: 'test/a.test.ts', durationMs: 10 }]);
    await expect(planShards(store, 0)).rejects.toThrow("invalid shard total '0'");
    await expect(planShards(store, 257)).rejects.toThrow(ShardPlanError);
  });
});

describe('the plan file', { meta: req('INS-007') }, () => {
  test('lives at .assay/shard-plan.json by default', () => {
    expect(SHARD_PLAN_FILE).toBe('.assay/shard-plan.json');
  });

  test('is written (folders and all) and read back as it was', () => {
    const file = join(tempDir('plan-file'), 'nested', 'shard-plan.json');
    writeShardPlan(file, plan);
    expect(readShardPlan(file)).toEqual(plan);
  });

  test('anything but a plan of schema version 1 with its projects is a one-line error', () => {
    const file = join(tempDir('plan-file'), 'shard-plan.json');
    const wrong = `${file}: not a shard plan of schema version 1`;
    for (const text of [
      'null',
      '{"schemaVersion": 1}',
      '{"schemaVersion": 1, "projects": "none"}',
      '{"schemaVersion": 2, "projects": {}}',
      '{"projects": {}}',
    ]) {
      writeFileSync(file, text);
      expect(() => readShardPlan(file), text).toThrow(new ShardPlanError(wrong));
    }
  });
});

describe('the printed plan', { meta: req('INS-007') }, () => {
  test('each project’s files and total, the ideal per shard, and each shard’s predicted time', () => {
    expect(formatShardPlan(plan).split('\n')).toEqual([
      '@sample/app: 4 files, 1.6 s in all, ideal 0.8 s per shard',
      '  shard 1/2: 0.9 s, 1 files',
      '  shard 2/2: 0.7 s, 3 files',
    ]);
  });

  test('one block per project, one line each, then the shards across all workspaces', () => {
    const two: ShardPlan = {
      ...plan,
      total: 1,
      projects: {
        '@a/api': {
          fileMs: { 'a.test.ts': 2500 },
          unknownFileMs: 2500,
          shards: [{ index: 1, files: ['a.test.ts'], predictedMs: 2500 }],
        },
        '@b/web': {
          fileMs: { 'b.test.ts': 40 },
          unknownFileMs: 40,
          shards: [{ index: 1, files: ['b.test.ts'], predictedMs: 40 }],
        },
      },
    };
    expect(formatShardPlan(two)).toBe(
      [
        '@a/api: 1 files, 2.5 s in all, ideal 2.5 s per shard',
        '  shard 1/1: 2.5 s, 1 files',
        '@b/web: 1 files, 0.0 s in all, ideal 0.0 s per shard',
        '  shard 1/1: 0.0 s, 1 files',
        'all workspaces: 2.5 s in all, ideal 2.5 s per shard',
        '  shard 1/1: 2.5 s',
      ].join('\n'),
    );
  });

  test('an empty history says so instead of printing nothing', () => {
    expect(formatShardPlan({ ...plan, projects: {} })).toMatch(/^no file timings recorded yet: run a tier first/);
  });
});
