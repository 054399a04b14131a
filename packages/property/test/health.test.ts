import { req } from '@assay/trace';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assertProperty, FailureDatabase, PROFILES } from '../src/index.ts';
import { tempDir } from './support/workspace.ts';

const database = () => new FailureDatabase(tempDir('health'));

describe('statistics and health checks', { meta: req('PROP-003') }, () => {
  test('statistics: runs, shrinks, time and the share filtered out, in the test’s meta and an annotation', async (context) => {
    const stats = await assertProperty(
      fc.property(fc.integer({ min: 0, max: 99 }), (n) => {
        fc.pre(n % 5 !== 0); // about a fifth filtered out
      }),
      { profile: PROFILES.default, database: database(), context },
    );
    expect(stats).toMatchObject({ profile: 'default', runs: 100, shrinks: 0, replayed: 0 });
    expect(stats.filtered).toBeGreaterThan(5);
    expect(stats.filteredShare).toBeGreaterThan(0.05);
    expect(stats.filteredShare).toBeLessThan(0.4);
    expect(context.task.meta.property).toEqual(stats);
    expect(context.task.annotations.at(-1)?.message).toMatch(
      /^property \(default\): 100 runs, 0 shrinks, \d+% filtered, \d+ ms, slowest case \d+ ms$/,
    );
  });

  test('a generator whose values are mostly filtered out fails with what to change', async () => {
    await expect(
      assertProperty(
        fc.property(fc.integer({ min: 0, max: 99 }), (n) => {
          fc.pre(n === 7);
        }),
        { profile: PROFILES.quick, database: database() },
      ),
    ).rejects.toThrow(
      // About 99% by design; the seed decides whether it rounds to 98, 99 or 100.
      /^health check: the generator's values are filtered out (9\d|100)% of the time \(limit 50%\): generate what the property needs instead of rejecting it with fc\.pre$/,
    );
  });

  test('a case that computes longer than the profile allows fails the property', async () => {
    await expect(
      assertProperty(
        fc.property(fc.integer(), () => {
          const until = process.threadCpuUsage().user + 30_000; // 30 ms of this thread's CPU time
          while (process.threadCpuUsage().user < until) {}
        }),
        { profile: { ...PROFILES.quick, numRuns: 3, maxCaseMs: 10 }, database: database() },
      ),
    ).rejects.toThrow(
      /^health check: one case computed for \d+ ms of CPU time \(limit 10 ms in the quick profile\): make the property faster or its inputs smaller$/,
    );
  });

  test('a case that only waits is not too slow, however long the wait: a busy machine cannot fail it', async () => {
    const stats = await assertProperty(
      fc.asyncProperty(fc.integer(), async () => {
        await new Promise((resolve) => setTimeout(resolve, 60));
      }),
      { profile: { ...PROFILES.quick, numRuns: 3, maxCaseMs: 25 }, database: database() },
    );
    expect(stats.slowestCaseMs).toBeGreaterThanOrEqual(59);
    expect(stats.slowestCaseCpuMs).toBeLessThan(25);
  });

  test('a failure whose shrinking the time limit interrupts still fails, with the counterexample as far as it was shrunk', async () => {
    const db = database();
    await expect(
      assertProperty(
        // Every case fails, and the first takes longer than the time limit: shrinking is interrupted.
        fc.property(fc.integer({ min: 500, max: 1000 }), (n) => {
          const until = performance.now() + 150;
          while (performance.now() < until) {}
          return n < 500;
        }),
        { profile: { ...PROFILES.quick, timeLimitMs: 100 }, database: db },
      ),
    ).rejects.toThrow(
      /^property failed after 1 runs \(seed -?\d+, path "0", shrunk 0 times before the 100 ms time limit interrupted the shrinking; saved to .*\)\ncounterexample: \[(\d+)\]\nProperty failed by returning false$/,
    );
    expect(db.list()).toHaveLength(1);
  });

  test('a failing property reports the seed, path and the shrunk counterexample', async () => {
    await expect(
      assertProperty(
        fc.property(fc.integer({ min: 0, max: 1000 }), (n) => n < 500),
        { profile: PROFILES.default, database: database() },
      ),
    ).rejects.toThrow(
      /^property failed after \d+ runs \(seed -?\d+, path "[\d:]+", shrunk \d+ times; saved to .*\)\ncounterexample: \[500\]\nProperty failed by returning false$/,
    );
  });
});
