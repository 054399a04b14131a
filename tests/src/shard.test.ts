/**
 * Sharding a sample monorepo as a CI matrix does, on one machine: `assay shard run --total 3` runs
 * the three legs side by side, merges their blobs and summarises the monorepo. The shards together
 * run the suite exactly once, and the merged reports and history are those of an unsharded run.
 * Whole tiers of sample monorepos are slow: this repository's `monorepo-e2e` category.
 *
 * @module-tag monorepo-e2e
 */
import { cpSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { HistoryStore } from '@assay/insights';
import { req } from '@assay/trace';
import { expect, test } from 'vitest';
import { assay, TESTS_DIR, tempDir } from './support/repo.ts';

const WORKSPACES = ['app', 'lib'];

/** A private copy of fixtures/shard-monorepo: two workspaces, one of them with a file four times as slow as the others. */
function monorepo(): string {
  const root = tempDir('shard');
  cpSync(join(TESTS_DIR, 'fixtures', 'shard-monorepo'), root, { recursive: true });
  symlinkSync(join(TESTS_DIR, 'node_modules'), join(root, 'node_modules'));
  return root;
}

/** The test cases of a workspace's JUnit report, `file › name`, sorted. */
function junitCases(root: string, workspace: string): string[] {
  const xml = readFileSync(join(root, 'packages', workspace, '.vitest/junit/output.xml'), 'utf8');
  return [...xml.matchAll(/<testcase classname="([^"]+)" name="([^"]+)"/g)].map((m) => `${m[1]} › ${m[2]}`).sort();
}

/** Which test files each leg ran, per workspace, from the legs' `[i/N]`-prefixed Vitest output. */
function filesByShard(stdout: string): Map<string, string[]> {
  const workspaceOf = new Map<string, string>();
  const files = new Map<string, string[]>();
  for (const [, leg, line] of stdout.matchAll(/^\[(\d+)\/3\] (.*)$/gm) as IterableIterator<string[]>) {
    const run = /RUN +v\S+ +\S+\/packages\/(\w+)$/.exec(line as string);
    if (run) workspaceOf.set(leg as string, run[1] as string);
    const file = /^ +✓ (test\/\S+\.test\.ts) /.exec(line as string);
    if (file) {
      const key = `${leg}:${workspaceOf.get(leg as string)}`;
      files.set(key, [...(files.get(key) ?? []), file[1] as string]);
    }
  }
  return files;
}

async function runsOf(root: string) {
  const store = await HistoryStore.open(join(root, '.assay/insights/history.db'));
  try {
    return await store.runs();
  } finally {
    await store.close();
  }
}

test('three shards run the suite once, and their merge reports and records it as one run', {
  meta: req('TIER-011', 'INS-007'),
}, async () => {
  const root = monorepo();
  // An unsharded run first: the reports to compare with, and the timings the plan is made from.
  const unsharded = await Promise.all(
    WORKSPACES.map((w) => assay(['test', '--tier', 'pr'], join(root, 'packages', w))),
  );
  for (const run of unsharded) expect(run.status, run.stdout + run.stderr).toBe(0);
  const expected = Object.fromEntries(WORKSPACES.map((w) => [w, junitCases(root, w)]));
  expect(expected.app).toHaveLength(12);
  expect(await runsOf(root)).toHaveLength(2);
  expect((await assay(['shard', 'plan', '--total', '3'], root)).status).toBe(0);

  const sharded = await assay(['shard', 'run', '--total', '3'], root);
  expect(sharded.status, sharded.stdout + sharded.stderr).toBe(0);

  // Every file in exactly one shard: the union is the suite, no file twice.
  const shards = filesByShard(sharded.stdout);
  for (const workspace of WORKSPACES) {
    const ran = [1, 2, 3].flatMap((leg) => shards.get(`${leg}:${workspace}`) ?? []);
    const suite = [...new Set(expected[workspace]?.map((c) => c.split(' › ')[0]))].sort();
    expect(ran.sort(), workspace).toEqual(suite);
  }
  // The plan gives the slow file a shard of its own.
  expect([...shards.values()].filter((f) => f.includes('test/checkout.test.ts'))).toEqual([['test/checkout.test.ts']]);

  // The merge: one JUnit report per workspace with the unsharded run's cases, one monorepo summary.
  for (const workspace of WORKSPACES) expect(junitCases(root, workspace), workspace).toEqual(expected[workspace]);
  expect(sharded.stdout).toContain('assay: 16 passed, 0 failed, 0 skipped');
  const summary = await assay(['summary', '--tier', 'pr', '--since', '1'], root);
  expect(summary.stdout).toMatch(/@shard\/app +12 +0 +0 +0 /);

  // One history entry per workspace for the merged run, none for the shards.
  const runs = await runsOf(root);
  expect(runs.map((r) => [r.project, r.passed]).sort()).toEqual([
    ['@shard/app', 12],
    ['@shard/app', 12],
    ['@shard/lib', 4],
    ['@shard/lib', 4],
  ]);

  const figures =
    /assay shard: plan split: shards [\d.]+ s, [\d.]+ s, [\d.]+ s; makespan ([\d.]+) s, ideal ([\d.]+) s, makespan ÷ ideal ([\d.]+)/.exec(
      sharded.stdout,
    );
  expect(figures, sharded.stdout).not.toBeNull();
  expect(Number(figures?.[1])).toBeGreaterThanOrEqual(Number(figures?.[2]));
  expect(Number(figures?.[3])).toBeGreaterThanOrEqual(1);
});
