/**
 * Shards across a monorepo: a CI matrix leg runs one shard in every workspace that has the tier's
 * tests, the merge job merges every workspace's blobs. `assay shard` is a thin layer over these.
 */
import { join } from 'node:path';
import type { Category, Tier, TierModel } from '../model.ts';
import { listWorkspaces, type Workspace } from '../monorepo.ts';
import type { RunSummary } from '../summary.ts';
import { clearBlobs, type Shard } from './blobs.ts';
import { mergeShards } from './merge.ts';
import { runShard, type ShardResult, type ShardSplit } from './run.ts';

export interface MonorepoShardOptions {
  /** The monorepo root (where pnpm-workspace.yaml is). */
  readonly root: string;
  readonly tier: Tier;
  readonly model: TierModel;
  readonly categories?: readonly Category[];
}

/** The workspaces with the tier's tests (a `test:<tier>` script), the ones `assay summary` gathers. */
export async function tierWorkspaces(root: string, tier: Tier): Promise<Workspace[]> {
  return (await listWorkspaces(root)).filter((w) => w.scripts[`test:${tier}`]);
}

/**
 * Each workspace in turn, from its own folder as turbo runs its tests: a test may read files
 * relative to the working directory.
 */
async function inEach<T>(root: string, tier: Tier, work: (workspace: Workspace, dir: string) => Promise<T>) {
  const done: T[] = [];
  const before = process.cwd();
  try {
    for (const workspace of await tierWorkspaces(root, tier)) {
      const dir = join(root, workspace.path);
      process.chdir(dir);
      done.push(await work(workspace, dir));
    }
  } finally {
    process.chdir(before);
  }
  return done;
}

/** One shard (a CI matrix leg) in every workspace with the tier's tests. */
export function runShardEverywhere(
  options: MonorepoShardOptions & { readonly shard: Shard; readonly split?: ShardSplit },
): Promise<ShardResult[]> {
  const { root, tier, model, categories, shard, split } = options;
  return inEach(root, tier, (_, cwd) =>
    runShard({ cwd, tier, model, shard, ...(categories ? { categories } : {}), ...(split ? { split } : {}) }),
  );
}

export interface MergedWorkspace {
  readonly workspace: Workspace;
  readonly summary: RunSummary;
}

/** Merges the shards' blobs in every workspace that has them. */
export async function mergeShardsEverywhere(options: MonorepoShardOptions): Promise<MergedWorkspace[]> {
  const { root, tier, model, categories } = options;
  const merged = await inEach(root, tier, async (workspace, cwd) => {
    const summary = await mergeShards({ cwd, tier, model, ...(categories ? { categories } : {}) });
    return summary ? [{ workspace, summary }] : [];
  });
  return merged.flat();
}

/** Removes the tier's blobs everywhere, before a local run of all shards. */
export async function clearShardBlobs(root: string, tier: Tier): Promise<void> {
  for (const workspace of await tierWorkspaces(root, tier)) clearBlobs(join(root, workspace.path), tier);
}
