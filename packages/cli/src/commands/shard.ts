import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatShardPlan, planShards, SHARD_PLAN_FILE, writeShardPlan } from '@assay/insights';
import {
  checkShard,
  clearShardBlobs,
  formatShardFigures,
  type Leg,
  type MonorepoShardOptions,
  mergeShardsEverywhere,
  RunError,
  runLegs,
  runShardEverywhere,
  type Shard,
  type ShardSplit,
  seconds,
  shardFigures,
} from '@assay/tiers';
import { loadTierModel } from '@assay/tiers/config';
import { UsageError } from '../errors.ts';
import type { Command } from '../main.ts';
import { readCount, repoPaths, withHistory } from './history.ts';
import { readCategories, readTier, tierOptions } from './options.ts';
import { summary } from './summary.ts';

type Values = Parameters<Command['run']>[0];

export const shard: Command = {
  name: 'shard',
  positionals: true,
  usage: `usage: assay shard plan --total N [--runs R] [--out FILE] [--json]
       assay shard run --total N [--index i] [--tier T] [--category C]… [--split plan|count] [--compare]
       assay shard merge [--tier T] [--category C]…

plan: plans N balanced shards per workspace from recorded file timings (the median of the last R
runs, default 10; a file without history counts as the median file), longest first. Writes the plan
(schemaVersion 1) to ${SHARD_PLAN_FILE} and prints each shard's predicted time.

run --index i: a CI matrix leg. Runs shard i of N of the tier (default pr) in every workspace with
a test:<tier> script, each Vitest with --shard i/N and only the blob reporter, to
<workspace>/.vitest/blob/<tier>/<i>-of-<N>.json; no JUnit, summary or history entry of its own. The
preset's sequencer applies the plan (--split count: Vitest's split by file count instead). Prints
the shard's wall time; exit 1 when a test failed outside quarantine.

run without --index: all N legs at once as N processes on this machine, then the merge and the
monorepo summary, then each shard's wall time, the makespan (longest shard), the ideal (sum ÷ N)
and makespan ÷ ideal. --compare runs the N legs again split by file count and prints both ratios.

merge: the merge job. In every workspace with blobs, 'vitest --merge-reports' over them with the
preset's reporters: one JUnit report, one run summary and one history entry per workspace, as
after an unsharded run; then 'assay summary'. Run at the monorepo root.`,
  options: {
    total: { type: 'string' },
    runs: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    index: { type: 'string' },
    split: { type: 'string' },
    compare: { type: 'boolean' },
    ...tierOptions,
  },
  async run(values, positionals) {
    const [action, ...rest] = positionals;
    if (rest.length > 0 || (action !== 'plan' && action !== 'run' && action !== 'merge')) {
      throw new UsageError(`expected 'assay shard plan|run|merge', got 'assay shard ${positionals.join(' ')}'`);
    }
    if (action === 'plan') return plan(values);
    if (values.json) throw new UsageError(`--json is an option of 'assay shard plan', not of 'assay shard ${action}'`);
    const options = await monorepoOptions(values, `assay shard ${action}`);
    if (action === 'merge') return merge(options, Date.now());
    const total = readTotal(values);
    const split = readSplit(values.split);
    if (values.index !== undefined)
      return leg(options, checkShard({ index: readCount(values.index, 'index', 1), total }), split);
    return allLegs(options, values, total, split);
  },
};

/** The monorepo at the working directory, its tier model, and --tier (default pr) and --category. */
export async function monorepoOptions(values: Values, command: string): Promise<MonorepoShardOptions> {
  const root = process.cwd();
  if (!existsSync(join(root, 'pnpm-workspace.yaml'))) {
    throw new UsageError(`no pnpm-workspace.yaml in ${root}: run '${command}' at the monorepo root`);
  }
  const model = await loadTierModel(root);
  return {
    root,
    tier: values.tier === undefined ? model.parseTier('pr') : readTier(values.tier, model),
    model,
    categories: readCategories(values.category, model),
  };
}

async function plan(values: Values): Promise<number> {
  const total = readTotal(values);
  const runs = readCount(values.runs, 'runs', 10);
  const paths = await repoPaths();
  const planned = await withHistory((store) => planShards(store, total, runs));
  const file = typeof values.out === 'string' ? resolve(values.out) : join(paths.root, SHARD_PLAN_FILE);
  writeShardPlan(file, planned);
  console.log(values.json ? JSON.stringify(planned, null, 2) : `${formatShardPlan(planned)}\nassay: wrote ${file}`);
  return 0;
}

function readTotal(values: Values): number {
  if (values.total === undefined) throw new UsageError('missing --total: how many shards the CI matrix has');
  return readCount(values.total, 'total', 1);
}

function readSplit(value: unknown): ShardSplit {
  if (value === undefined || value === 'plan' || value === 'count') return value ?? 'plan';
  throw new UsageError(`invalid --split '${value}': expected plan or count`);
}

/** One leg: shard `index` of `total` in every workspace. */
async function leg(options: MonorepoShardOptions, shard: Shard, split: ShardSplit): Promise<number> {
  const { index, total } = shard;
  const began = performance.now();
  const results = await runShardEverywhere({ ...options, shard, split });
  const failed = results.filter((r) => !r.ok);
  for (const r of results) {
    console.log(
      `assay shard ${index}/${total}: ${r.workspace}: ${r.files} files, ${r.counts.passed} passed, ${r.counts.failed} failed, ${seconds(r.wallMs)}`,
    );
  }
  console.log(
    `assay shard ${index}/${total} (${options.tier}, ${split} split): ${results.length} workspaces in ${seconds(performance.now() - began)} wall${failed.length ? `; FAILED in ${failed.map((r) => r.workspace).join(', ')}` : ''}`,
  );
  return failed.length === 0 ? 0 : 1;
}

/** The merge, then the monorepo summary of the run that began at `since` (also `assay k8s run`'s). */
export async function merge(options: MonorepoShardOptions, since: number): Promise<number> {
  const merged = await mergeShardsEverywhere(options);
  if (merged.length === 0) throw new RunError(`no workspace holds blobs of the ${options.tier} tier to merge`, 1);
  return summary.run({ tier: options.tier, since: String(since) }, []);
}

/** The N legs as N processes of this command, side by side. */
async function legs(options: MonorepoShardOptions, total: number, split: ShardSplit): Promise<Leg[]> {
  await clearShardBlobs(options.root, options.tier);
  const categories = (options.categories ?? []).flatMap((c) => ['--category', c]);
  const args = ['shard', 'run', '--total', String(total), '--tier', options.tier, '--split', split, ...categories];
  // This same command, through the same Node and script: `process.argv[1]` is the assay script.
  const script = [...process.execArgv, process.argv[1] as string];
  return runLegs(total, (index) => ({
    command: process.execPath,
    args: [...script, ...args, '--index', String(index)],
  }));
}

/** All legs, the merge and the summary, then the figures; --compare runs the legs again with the other split. */
async function allLegs(options: MonorepoShardOptions, values: Values, total: number, split: ShardSplit) {
  const began = Date.now();
  const planned = await legs(options, total, split);
  const status = await merge(options, began);
  const wallMs = Date.now() - began;
  const lines = [formatShardFigures(`${split} split`, shardFigures(planned.map((l) => l.wallMs)))];
  if (values.compare) {
    const other: ShardSplit = split === 'plan' ? 'count' : 'plan';
    const compared = await legs(options, total, other);
    // The merged run above is the one reported; the comparison's blobs would only be merged by mistake.
    await clearShardBlobs(options.root, options.tier);
    lines.push(formatShardFigures(`${other} split`, shardFigures(compared.map((l) => l.wallMs))));
  }
  for (const line of lines) console.log(`assay shard: ${line}`);
  console.log(`assay shard: ${total} shards, their merge and the summary in ${seconds(wallMs)} wall`);
  return planned.every((l) => l.exitCode === 0) ? status : Math.max(status, 1);
}
