import { join, resolve } from 'node:path';
import { formatShardPlan, planShards, SHARD_PLAN_FILE, writeShardPlan } from '@assay/insights';
import { UsageError } from '../errors.ts';
import type { Command } from '../main.ts';
import { readCount, repoPaths, withHistory } from './history.ts';

export const shard: Command = {
  name: 'shard',
  positionals: true,
  usage: `usage: assay shard plan --total N [--runs R] [--out FILE] [--json]

Plans N balanced shards per workspace from recorded file timings (the median of the last R runs,
default 10; a file without history counts as the median file), longest first. Writes the plan
(schemaVersion 1) to ${SHARD_PLAN_FILE}; each shard of a CI matrix then runs
'turbo run test:pr -- --shard i/N' and the preset's sequencer applies the plan. Prints each shard's
predicted time.`,
  options: { total: { type: 'string' }, runs: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, positionals) {
    if (positionals[0] !== 'plan' || positionals.length > 1) {
      throw new UsageError(`expected 'assay shard plan --total N', got 'assay shard ${positionals.join(' ')}'`);
    }
    if (values.total === undefined) throw new UsageError('missing --total: how many shards the CI matrix has');
    const total = readCount(values.total, 'total', 1);
    const runs = readCount(values.runs, 'runs', 10);
    const paths = await repoPaths();
    const plan = await withHistory((store) => planShards(store, total, runs));
    const file = typeof values.out === 'string' ? resolve(values.out) : join(paths.root, SHARD_PLAN_FILE);
    writeShardPlan(file, plan);
    console.log(values.json ? JSON.stringify(plan, null, 2) : `${formatShardPlan(plan)}\nassay: wrote ${file}`);
    return 0;
  },
};
