/**
 * @module-tag unit
 *
 * The pieces of a sharded run that need no Vitest: where blobs go, which sets of blobs a merge
 * accepts, and the balance figures. The whole flow runs on a sample monorepo in tests/src/shard.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { req } from '@assay/trace';
import { afterEach, describe, expect, test } from 'vitest';
import { blobFile, blobShards, checkShard, clearBlobs, formatShardFigures, shardFigures } from '../src/index.ts';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function blobs(...names: string[]): string {
  root = mkdtempSync(join(tmpdir(), 'assay-blobs-'));
  mkdirSync(join(root, '.vitest/blob/pr'), { recursive: true });
  for (const name of names) writeFileSync(join(root, '.vitest/blob/pr', name), '[]');
  return root;
}

describe('shard blobs', { meta: req('TIER-011') }, () => {
  test('one folder per tier, one file per shard', () => {
    expect(blobFile('/ws', 'pr', { index: 2, total: 3 })).toBe('/ws/.vitest/blob/pr/2-of-3.json');
  });

  test('a merge takes shards 1…N of one N, in order', () => {
    const dir = blobs('2-of-3.json', '1-of-3.json', '3-of-3.json');
    expect(blobShards(dir, 'pr')).toEqual([1, 2, 3].map((index) => ({ index, total: 3 })));
    expect(blobShards(dir, 'nightly')).toEqual([]);
    clearBlobs(dir, 'pr');
    expect(blobShards(dir, 'pr')).toEqual([]);
  });

  test('a missing shard, blobs of two totals or a stray file refuse the merge', () => {
    expect(() => blobShards(blobs('1-of-3.json', '3-of-3.json'), 'pr')).toThrow(/no blob of shard 2\/3$/);
    expect(() => blobShards(blobs('1-of-2.json', '2-of-2.json', '1-of-3.json'), 'pr')).toThrow(
      /holds blobs of 2 and 3 shards: remove the stale ones$/,
    );
    expect(() => blobShards(blobs('1-of-1.json', 'notes.txt'), 'pr')).toThrow(
      /notes\.txt: not a shard's blob \(expected <i>-of-<N>\.json\)$/,
    );
  });

  test('a shard index is a whole number from 1 to the total', () => {
    expect(checkShard({ index: 3, total: 3 })).toEqual({ index: 3, total: 3 });
    expect(() => checkShard({ index: 4, total: 3 })).toThrow(
      "invalid shard index '4': expected a whole number from 1 to 3",
    );
    expect(() => checkShard({ index: 1, total: 0 })).toThrow("invalid shard total '0'");
  });
});

describe('balance figures', { meta: req('TIER-011') }, () => {
  test('the makespan against the ideal', () => {
    const figures = shardFigures([9_000, 12_000, 9_000]);
    expect(figures).toEqual({
      schemaVersion: 1,
      wallMs: [9_000, 12_000, 9_000],
      makespanMs: 12_000,
      idealMs: 10_000,
      ratio: 1.2,
    });
    expect(formatShardFigures('plan split', figures)).toBe(
      'plan split: shards 9.0 s, 12.0 s, 9.0 s; makespan 12.0 s, ideal 10.0 s, makespan ÷ ideal 1.20',
    );
    expect(shardFigures([]).ratio).toBe(1);
  });
});
