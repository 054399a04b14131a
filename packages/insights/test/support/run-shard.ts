/**
 * Runs one shard of a folder of tests with the shard sequencer and prints the files it ran (JSON):
 *   node run-shard.ts <dir> <i/N>
 */
import { relative } from 'node:path';
import { startVitest } from 'vitest/node';
import { ShardSequencer } from '../../src/shards/sequencer.ts';

const [root, shard] = process.argv.slice(2) as [string, string];
const vitest = await startVitest('test', [], {
  root,
  config: false,
  watch: false,
  shard,
  reporters: [{}],
  sequence: { sequencer: ShardSequencer },
});
const files = vitest.state
  .getTestModules()
  .map((m) => relative(root, m.moduleId))
  .sort();
await vitest.close();
console.log(JSON.stringify(files));
