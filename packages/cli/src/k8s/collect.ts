/**
 * The shards' artifacts, once copied out of their pods (or their containers' volumes), put where the
 * merge looks: each blob at its own path under this checkout, with the pod's monorepo root in its
 * paths replaced by this one, so the merged report names this checkout's files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { BLOBS_DIR, RESULT_FILE, RESULT_SCHEMA_VERSION, type ShardOutcome } from './pod.ts';

export class ArtifactsError extends Error {
  override name = 'ArtifactsError';
  readonly exitCode = 1;
}

/** Reads one shard's result.json from the folder its artifacts were copied to. */
export function readOutcome(dir: string): ShardOutcome {
  if (!existsSync(dir)) throw new ArtifactsError(`no folder ${dir}`);
  const file = join(dir, RESULT_FILE);
  if (!existsSync(file)) throw new ArtifactsError(`no ${RESULT_FILE} in ${dir}: the shard did not finish`);
  let outcome: ShardOutcome;
  try {
    outcome = JSON.parse(readFileSync(file, 'utf8')) as ShardOutcome;
  } catch (error) {
    throw new ArtifactsError(`${file}: ${(error as Error).message}`);
  }
  if (outcome.schemaVersion !== RESULT_SCHEMA_VERSION) {
    throw new ArtifactsError(`${file}: schemaVersion ${outcome.schemaVersion}, expected ${RESULT_SCHEMA_VERSION}`);
  }
  return outcome;
}

/** Places one shard's blobs of `tier` under `root`; returns its outcome. */
export function placeBlobs(root: string, dir: string, tier: string): ShardOutcome {
  const outcome = readOutcome(dir);
  if (outcome.tier !== tier)
    throw new ArtifactsError(`${dir} holds a shard of the ${outcome.tier} tier, not of ${tier}`);
  // Paths sit in the blob as JSON strings (and file URLs), so the root is replaced as JSON text.
  const from = JSON.stringify(outcome.root).slice(1, -1);
  const to = JSON.stringify(root).slice(1, -1);
  for (const { blob } of outcome.workspaces) {
    const source = join(dir, BLOBS_DIR, blob);
    if (!existsSync(source))
      throw new ArtifactsError(`shard ${outcome.index}: its blob ${blob} is missing from ${dir}`);
    const target = resolve(root, blob);
    if (relative(root, target).startsWith('..'))
      throw new ArtifactsError(`shard ${outcome.index}: blob ${blob} lies outside ${root}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, readFileSync(source, 'utf8').replaceAll(from, to));
  }
  return outcome;
}
