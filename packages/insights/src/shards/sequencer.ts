/**
 * A Vitest sequencer that applies the shard plan: with `--shard i/N`, this shard runs the files the
 * plan's durations give it (longest-first over the files at hand). Without a plan for the project,
 * or a plan made for another N, it is Vitest's own count-based split.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { repoRoot } from '../config.ts';
import { projectName } from '../project.ts';
import { assign, readShardPlan, SHARD_PLAN_FILE } from './plan.ts';

export class ShardSequencer extends BaseSequencer {
  override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { root, shard } = this.ctx.config;
    if (!shard) return files;
    const planFile = process.env.ASSAY_SHARD_PLAN ?? `${repoRoot(root)}/${SHARD_PLAN_FILE}`;
    const plan = readShardPlan(planFile);
    const project = plan?.projects[projectName(root)];
    if (!plan || !project || plan.total !== shard.count) return super.shard(files);
    const byPath = new Map(files.map((spec) => [relative(root, spec.moduleId), spec]));
    const bins = assign([...byPath.keys()], project.fileMs, project.unknownFileMs, shard.count, project.baseMs);
    const mine = bins[shard.index - 1]?.jobs ?? [];
    return mine.map((file) => byPath.get(file) as TestSpecification);
  }
}
