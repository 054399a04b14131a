/**
 * The merge of a tier's shards in one workspace: `vitest --merge-reports` over their blobs with the
 * preset's reporters, so the sharded run yields one JUnit report, one run summary and one history
 * entry, as an unsharded run does.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { readSummary } from '../runner.ts';
import { openVitest, type TierSelection } from '../session.ts';
import { type RunSummary, SUMMARY_FILE } from '../summary.ts';
import { blobFolder, blobShards } from './blobs.ts';

/** Merges the workspace's blobs of the tier; undefined when it has none. */
export async function mergeShards(selection: TierSelection): Promise<RunSummary | undefined> {
  if (blobShards(selection.cwd, selection.tier).length === 0) return undefined;
  // An earlier run's summary must not stand for the merge if it fails before reporting.
  rmSync(join(selection.cwd, SUMMARY_FILE), { force: true });
  const folder = blobFolder(selection.cwd, selection.tier);
  const vitest = await openVitest(selection, undefined, { mergeReports: folder });
  try {
    await vitest.mergeReports(folder);
  } finally {
    await vitest.close();
  }
  return readSummary(vitest.config.root);
}
