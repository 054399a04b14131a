/**
 * One shard of a tier in one workspace: Vitest's --shard i/N, reported as a blob only. A reporter list
 * on Vitest's command line replaces the preset's, so a shard writes no JUnit, no run summary and no
 * history entry of its own: the merge (merge.ts) reports the whole run once.
 */
import { rmSync } from 'node:fs';
import { guardConfig } from '@assay/guard';
import { projectName } from '@assay/insights';
import { BaseSequencer } from 'vitest/node';
import { loadTierModel } from '../repo-config.ts';
import { type RunTierOptions, runSession } from '../runner.ts';
import { type Counts, quarantineOf, summarize, verdictFor } from '../summary.ts';
import { blobFile, checkShard, type Shard } from './blobs.ts';

/**
 * How files go to shards: `plan`, by the shard plan's recorded durations (the preset's sequencer,
 * Vitest's count-based split without a plan); `count`, Vitest's count-based split whatever the plan.
 */
export type ShardSplit = 'plan' | 'count';

export interface ShardRunOptions extends RunTierOptions {
  readonly shard: Shard;
  readonly split?: ShardSplit;
}

export interface ShardResult {
  readonly workspace: string;
  readonly shard: Shard;
  /** The blob the merge reads. */
  readonly blob: string;
  readonly files: number;
  readonly counts: Counts;
  /** Whether the shard's tests pass as the tier judges them; coverage is judged on the merged run. */
  readonly ok: boolean;
  readonly wallMs: number;
}

export async function runShard(options: ShardRunOptions): Promise<ShardResult> {
  const shard = checkShard(options.shard);
  const model = options.model ?? (await loadTierModel(options.cwd));
  const blob = blobFile(options.cwd, options.tier, shard);
  rmSync(blob, { force: true });
  const startedAt = new Date();
  const run = await runSession(
    { ...options, model },
    {
      shard: `${shard.index}/${shard.total}`,
      reporter: ['default', 'blob'],
      outputFile: { blob },
      // Shards of one workspace may run side by side on one machine: each measures into its own
      // folder (the blob carries the coverage to the merge).
      coverage: { reportsDirectory: `.vitest/coverage/${options.tier}-${shard.index}-of-${shard.total}` },
      ...(options.split === 'count' ? { sequence: { sequencer: BaseSequencer } } : {}),
    },
  );
  const wallMs = Date.now() - startedAt.getTime();
  const summary = summarize({
    model,
    workspace: projectName(run.root),
    tier: options.tier,
    categories: options.categories?.length ? options.categories : null,
    startedAt,
    durationMs: wallMs,
    modules: run.modules,
    unhandledErrors: run.unhandledErrors,
    guard: verdictFor(guardConfig(model.tier(options.tier).base), run.modules, wallMs),
    quarantine: quarantineOf(run.root),
    passWithNoTests: true,
  });
  return {
    workspace: summary.workspace,
    shard,
    blob,
    files: run.modules.length,
    counts: summary.counts,
    ok: summary.ok,
    wallMs,
  };
}
