/**
 * Where a shard's blob report goes: `.vitest/blob/<tier>/<i>-of-<N>.json` in its workspace. One folder
 * per tier, since Vitest's merge reads every file of the folder it is given.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkTotal } from '@assay/insights';
import type { Tier } from '../model.ts';
import { RunError } from '../session.ts';

export const BLOB_DIR = '.vitest/blob';

/** Shard `index` (1-based) of `total`, as Vitest's --shard i/N. */
export interface Shard {
  readonly index: number;
  readonly total: number;
}

export function checkShard(shard: Shard): Shard {
  checkTotal(shard.total);
  if (!Number.isInteger(shard.index) || shard.index < 1 || shard.index > shard.total) {
    throw new RunError(`invalid shard index '${shard.index}': expected a whole number from 1 to ${shard.total}`, 2);
  }
  return shard;
}

export function blobFolder(root: string, tier: Tier): string {
  return join(root, BLOB_DIR, tier);
}

export function blobFile(root: string, tier: Tier, { index, total }: Shard): string {
  return join(blobFolder(root, tier), `${index}-of-${total}.json`);
}

/** Removes a tier's blobs, so a local run of all shards never merges one left by an earlier run. */
export function clearBlobs(root: string, tier: Tier): void {
  rmSync(blobFolder(root, tier), { recursive: true, force: true });
}

const BLOB_NAME = /^(\d+)-of-(\d+)\.json$/;

/**
 * The shards whose blobs a workspace holds for a tier: none, or exactly shards 1…N of one N. A
 * missing shard or blobs of two totals would merge into a run that is not the suite, so they are
 * refused, naming the folder.
 */
export function blobShards(root: string, tier: Tier): Shard[] {
  const folder = blobFolder(root, tier);
  if (!existsSync(folder)) return [];
  const shards = readdirSync(folder).map((name) => {
    const match = BLOB_NAME.exec(name);
    if (!match) throw new RunError(`${join(folder, name)}: not a shard's blob (expected <i>-of-<N>.json)`, 1);
    return { index: Number(match[1]), total: Number(match[2]) };
  });
  const totals = [...new Set(shards.map((s) => s.total))];
  if (totals.length > 1) {
    throw new RunError(`${folder} holds blobs of ${totals.join(' and ')} shards: remove the stale ones`, 1);
  }
  const total = totals[0] ?? 0;
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !shards.some((s) => s.index === i));
  if (missing.length > 0) {
    throw new RunError(`${folder}: no blob of shard ${missing.map((i) => `${i}/${total}`).join(', ')}`, 1);
  }
  return shards.sort((a, b) => a.index - b.index);
}
