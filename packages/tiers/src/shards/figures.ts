/**
 * How well a sharded run was balanced: the makespan (its longest shard, what a CI matrix waits for)
 * against the ideal (all the shards' time shared evenly); 1.00 is a perfect split.
 */
import { seconds } from '../monorepo.ts';

export const SHARD_FIGURES_SCHEMA_VERSION = 1;

export interface ShardFigures {
  readonly schemaVersion: typeof SHARD_FIGURES_SCHEMA_VERSION;
  /** Each shard's wall time, shard 1 first. */
  readonly wallMs: readonly number[];
  readonly makespanMs: number;
  readonly idealMs: number;
  /** makespan ÷ ideal, two decimals. */
  readonly ratio: number;
}

export function shardFigures(wallMs: readonly number[]): ShardFigures {
  const makespanMs = Math.max(0, ...wallMs);
  const idealMs = wallMs.length === 0 ? 0 : Math.round(wallMs.reduce((sum, ms) => sum + ms, 0) / wallMs.length);
  const ratio = idealMs === 0 ? 1 : Math.round((makespanMs / idealMs) * 100) / 100;
  return { schemaVersion: SHARD_FIGURES_SCHEMA_VERSION, wallMs, makespanMs, idealMs, ratio };
}

/** One line, e.g. `planned split: shards 9.1 s, 8.7 s, 9.4 s; makespan 9.4 s, ideal 9.1 s, makespan ÷ ideal 1.03`. */
export function formatShardFigures(label: string, figures: ShardFigures): string {
  return `${label}: shards ${figures.wallMs.map(seconds).join(', ')}; makespan ${seconds(figures.makespanMs)}, ideal ${seconds(figures.idealMs)}, makespan ÷ ideal ${figures.ratio.toFixed(2)}`;
}
