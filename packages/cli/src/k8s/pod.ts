/**
 * The runner pod's side of an in-cluster run (`assay k8s shard`): one shard of the tier in every
 * workspace, its blobs and a result.json copied to the artifacts folder, then — in a Job — a wait
 * until `assay k8s run` has copied that folder out, since a completed pod cannot be exec'd into.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, watch, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { SHARD_PLAN_FILE } from '@assay/insights';
import { type Counts, type MonorepoShardOptions, runShardEverywhere, type Shard } from '@assay/tiers';

export const RESULT_FILE = 'result.json';
/** Written by `assay k8s run` once it has the artifacts: the pod may end. */
export const COLLECTED_FILE = '.collected';
export const BLOBS_DIR = 'blobs';
export const RESULT_SCHEMA_VERSION = 1;

/** result.json: what one shard ran, for the merge and the figures. */
export interface ShardOutcome {
  readonly schemaVersion: typeof RESULT_SCHEMA_VERSION;
  /** The monorepo root inside the pod, which the blobs' paths start with. */
  readonly root: string;
  readonly tier: string;
  readonly index: number;
  readonly total: number;
  readonly ok: boolean;
  readonly wallMs: number;
  readonly workspaces: readonly {
    readonly workspace: string;
    /** The blob under blobs/, by its path relative to the monorepo root. */
    readonly blob: string;
    readonly files: number;
    readonly counts: Counts;
    readonly ok: boolean;
    readonly wallMs: number;
  }[];
}

export interface PodShardOptions extends MonorepoShardOptions {
  readonly shard: Shard;
  /** Where the blobs and result.json go (the pod's /artifacts). */
  readonly artifacts: string;
  /** A shard plan file to split by (the ConfigMap `assay k8s run` made); absent: as the repo has it. */
  readonly plan?: string;
}

export async function runPodShard(options: PodShardOptions): Promise<ShardOutcome> {
  const { root, artifacts, shard } = options;
  if (options.plan && existsSync(options.plan)) {
    mkdirSync(dirname(join(root, SHARD_PLAN_FILE)), { recursive: true });
    copyFileSync(options.plan, join(root, SHARD_PLAN_FILE));
  }
  const began = Date.now();
  const results = await runShardEverywhere({ ...options, split: 'plan' });
  const workspaces = results.map((r) => {
    const blob = relative(root, r.blob);
    const target = join(artifacts, BLOBS_DIR, blob);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(r.blob, target);
    return { workspace: r.workspace, blob, files: r.files, counts: r.counts, ok: r.ok, wallMs: r.wallMs };
  });
  const outcome: ShardOutcome = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    root,
    tier: options.tier,
    index: shard.index,
    total: shard.total,
    ok: workspaces.every((w) => w.ok),
    wallMs: Date.now() - began,
    workspaces,
  };
  // Written whole, then renamed: the readiness probe's `test -f` sees all of it or nothing.
  const file = join(artifacts, RESULT_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(outcome, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return outcome;
}

/** Resolves once `assay k8s run` has marked the artifacts collected. */
export function awaitCollection(artifacts: string): Promise<void> {
  const marker = join(artifacts, COLLECTED_FILE);
  return new Promise((resolve, reject) => {
    const watcher = watch(artifacts, () => check());
    watcher.on('error', reject);
    function check() {
      if (!existsSync(marker)) return;
      watcher.close();
      resolve();
    }
    check();
  });
}
