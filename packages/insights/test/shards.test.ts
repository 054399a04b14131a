/**
 * @module-tag integration
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { describe, expect, test } from 'vitest';
import { BaseSequencer, type TestSpecification, type Vitest } from 'vitest/node';
import { skewedSuite } from '../benchmarks/synthetic.ts';
import {
  assign,
  checkTotal,
  formatShardPlan,
  HistoryStore,
  lpt,
  makespan,
  planShards,
  readShardPlan,
  writeShardPlan,
} from '../src/index.ts';
import { run, tempDir } from './support/sample.ts';

/** Vitest's own count-based split of the same files, through its BaseSequencer. */
async function vitestShards(files: readonly { id: string; ms: number }[], total: number) {
  const ms = new Map(files.map((f) => [`/suite/${f.id}`, f.ms]));
  const shards = [];
  for (let index = 1; index <= total; index++) {
    const ctx = { config: { root: '/suite', shard: { index, count: total } } } as unknown as Vitest;
    const specs = files.map((f) => ({ moduleId: `/suite/${f.id}` }) as TestSpecification);
    const picked = await new BaseSequencer(ctx).shard(specs);
    shards.push({ predictedMs: picked.reduce((sum, s) => sum + (ms.get(s.moduleId) ?? 0), 0) });
  }
  return shards;
}

describe('shard plans', { meta: req('INS-007') }, () => {
  test('longest-first stays within 1.10 of the ideal on a skewed suite, where count-based slicing does not', async () => {
    const files = skewedSuite(200, 1);
    const ideal = files.reduce((sum, f) => sum + f.ms, 0) / 4;
    const planned = makespan(lpt(files, 4)) / ideal;
    const counted = makespan(await vitestShards(files, 4)) / ideal;
    expect(planned).toBeLessThanOrEqual(1.1);
    expect(counted).toBeGreaterThan(planned);
  });

  test('a plan from recorded file timings; a file the history does not know counts as the median', async () => {
    const store = await HistoryStore.open(join(tempDir('plan'), 'history.db'));
    const timings = {
      'test/big.test.ts': 900,
      'test/mid.test.ts': 500,
      'test/small.test.ts': 100,
      'test/tiny.test.ts': 50,
    };
    for (let i = 0; i < 3; i++) {
      await store.writeRun(run(Object.entries(timings).map(([file, durationMs]) => ({ name: 'x', file, durationMs }))));
    }
    const plan = await planShards(store, 2);
    await store.close();
    const project = plan.projects['@sample/app'];
    expect(project?.fileMs).toEqual(timings);
    expect(project?.unknownFileMs).toBe(300);
    expect(project?.shards).toEqual([
      { index: 1, files: ['test/big.test.ts'], predictedMs: 900 },
      { index: 2, files: ['test/mid.test.ts', 'test/small.test.ts', 'test/tiny.test.ts'], predictedMs: 650 },
    ]);
    // A new file weighs the median: 900 | 500 + 300 (new) + 100, then the 50 evens it out.
    const bins = assign([...Object.keys(timings), 'test/new.test.ts'], project?.fileMs ?? {}, 300, 2);
    expect(bins.map((b) => [b.jobs, b.predictedMs])).toEqual([
      [['test/big.test.ts', 'test/tiny.test.ts'], 950],
      [['test/mid.test.ts', 'test/new.test.ts', 'test/small.test.ts'], 900],
    ]);
  });

  test('bad input: a shard total that is not a whole number from 1 to 256, a malformed plan', () => {
    expect(() => checkTotal(0)).toThrow("invalid shard total '0': expected a whole number from 1 to 256");
    expect(() => checkTotal(2.5)).toThrow("invalid shard total '2.5'");
    const file = join(tempDir('bad-plan'), 'plan.json');
    writeFileSync(file, '{ not json');
    expect(() => readShardPlan(file)).toThrow(`${file}: not valid JSON; run 'assay shard plan --total N' again`);
    writeFileSync(file, '{"schemaVersion": 9}');
    expect(() => readShardPlan(file)).toThrow(`${file}: not a shard plan of schema version 1`);
    expect(readShardPlan(join(tempDir('no-plan'), 'absent.json'))).toBeUndefined();
  });

  test('the sequencer applies the plan under --shard i/N: every file in exactly one shard, as planned', () => {
    const dir = tempDir('sequencer');
    const names = ['a', 'b', 'c', 'd', 'e'];
    for (const name of names)
      writeFileSync(join(dir, `${name}.test.ts`), "import { test } from 'vitest';\ntest('ok', () => {});\n");
    writeFileSync(join(dir, 'package.json'), '{ "name": "@sample/sharded", "type": "module" }');
    const fileMs = { 'a.test.ts': 1000, 'b.test.ts': 10, 'c.test.ts': 10, 'd.test.ts': 10 }; // e: unknown
    // Another workspace left 500 ms in shard 1: the slow file goes to shard 2, the rest to shard 1.
    const baseMs = [500, 0];
    const shards = assign([...names.map((n) => `${n}.test.ts`)], fileMs, 10, 2, baseMs);
    const planFile = join(dir, 'plan.json');
    writeShardPlan(planFile, {
      schemaVersion: 1,
      total: 2,
      generatedAt: '',
      runs: 1,
      projects: { '@sample/sharded': { fileMs, unknownFileMs: 10, baseMs, shards: [] } },
    });
    const ran = [1, 2].map((index) => {
      const result = spawnSync(
        process.execPath,
        [new URL('./support/run-shard.ts', import.meta.url).pathname, dir, `${index}/2`],
        { encoding: 'utf8', env: { ...process.env, ASSAY_SHARD_PLAN: planFile, ASSAY_RECORD: '0' } },
      );
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as string[];
    });
    expect(ran).toEqual(shards.map((bin) => [...bin.jobs].sort()));
    expect(ran).toEqual([['b.test.ts', 'c.test.ts', 'd.test.ts', 'e.test.ts'], ['a.test.ts']]);
  }, 60_000);

  test('a leg runs its shard of every workspace: each project is planned onto what the larger ones left', async () => {
    const store = await HistoryStore.open(join(tempDir('monorepo-plan'), 'history.db'));
    const files = (big: number, small: number) => [
      { name: 'x', file: 'test/big.test.ts', durationMs: big },
      { name: 'x', file: 'test/small.test.ts', durationMs: small },
    ];
    await store.writeRun(run(files(900, 100), { project: '@sample/api' }));
    await store.writeRun(run(files(600, 200), { project: '@sample/web' }));
    const plan = await planShards(store, 2);
    await store.close();
    // api (1000 ms) first: 900 | 100; then web onto it: both its files beside api's 100, 900 | 900.
    // Planned alone, each would put its big file in shard 1: 1500 | 300.
    expect(plan.projects['@sample/api']?.baseMs).toEqual([0, 0]);
    expect(plan.projects['@sample/web']?.baseMs).toEqual([900, 100]);
    expect(plan.projects['@sample/web']?.shards).toEqual([
      { index: 1, files: [], predictedMs: 0 },
      { index: 2, files: ['test/big.test.ts', 'test/small.test.ts'], predictedMs: 800 },
    ]);
    expect(formatShardPlan(plan).split('\n').slice(-3)).toEqual([
      'all workspaces: 1.8 s in all, ideal 0.9 s per shard',
      '  shard 1/2: 0.9 s',
      '  shard 2/2: 0.9 s',
    ]);
  });
});
