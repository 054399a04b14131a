/**
 * What a merged run (`vitest --merge-reports` over the shards' blobs) knows only from its blobs.
 * Vitest replays the shards' test events to every reporter, but not their coverage (it merges that
 * for its own coverage reports only), and the merge's own clock measures the replay, not the run.
 */
import type { CoverageMap } from '@vitest/istanbul-lib-coverage';
import type { Vitest } from 'vitest/node';
import { toCoverageMap } from '../coverage/model.ts';

export interface MergedRun {
  /** The sharded run's wall time: its longest shard's, which the CI matrix waited for. */
  readonly durationMs: number;
  /** The shards' coverage merged, when they measured it. */
  readonly coverage?: CoverageMap;
}

// Each reporter of the merge asks (the tier reporter and the recorder): the blobs' coverage is merged once.
const runs = new WeakMap<Vitest, MergedRun | undefined>();

/** The merged run's duration and coverage; undefined for a run that is not a merge. */
export function mergedRun(vitest: Vitest): MergedRun | undefined {
  if (!runs.has(vitest)) runs.set(vitest, readMergedRun(vitest));
  return runs.get(vitest);
}

function readMergedRun(vitest: Vitest): MergedRun | undefined {
  // Set before the merge reports onInit; Vitest's own reporters read it the same way.
  const blobs = vitest.state.blobs;
  if (!blobs) return undefined;
  const measured = blobs.coverages.filter((coverage) => coverage != null);
  const coverage = measured.map(toCoverageMap).reduce<CoverageMap | undefined>((merged, map) => {
    if (!merged) return map;
    merged.merge(map);
    return merged;
  }, undefined);
  return { durationMs: Math.round(Math.max(0, ...blobs.executionTimes)), ...(coverage ? { coverage } : {}) };
}
