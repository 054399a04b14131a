export { BLOB_DIR, blobFile, blobFolder, blobShards, checkShard, clearBlobs, type Shard } from './blobs.ts';
export {
  formatShardFigures,
  SHARD_FIGURES_SCHEMA_VERSION,
  type ShardFigures,
  shardFigures,
} from './figures.ts';
export { type Leg, type LegCommand, runLegs } from './legs.ts';
export { mergeShards } from './merge.ts';
export {
  clearShardBlobs,
  type MergedWorkspace,
  type MonorepoShardOptions,
  mergeShardsEverywhere,
  runShardEverywhere,
  tierWorkspaces,
} from './monorepo.ts';
export { runShard, type ShardResult, type ShardRunOptions, type ShardSplit } from './run.ts';
