/**
 * `assertProperty`: runs a fast-check property the Assay way, inside any Vitest test —
 *   1. replays the failures saved for it (failures.ts) before anything new;
 *   2. runs new cases under the run's profile (profiles.ts);
 *   3. saves a new failure, then fails the test with the seed, path and shrunk counterexample;
 *   4. keeps statistics (runs, shrinks, time, share filtered out) in the test's meta and as an
 *      annotation, and fails a degenerate property (health checks: filters out too much, one case
 *      computes too long) with a message saying what to change.
 */

import { relative } from 'node:path';
import fc from 'fast-check';
import { expect, type TestContext } from 'vitest';
import { FailureDatabase as Database, type FailureDatabase, type SavedFailure, workspaceOf } from './failures.ts';
import { currentProfile, type Profile } from './profiles.ts';

export interface PropertyStats {
  readonly profile: Profile['name'];
  /** Cases that ran the predicate (replays included). */
  readonly runs: number;
  readonly shrinks: number;
  /** Generated values rejected by fc.pre. */
  readonly filtered: number;
  readonly filteredShare: number;
  readonly timeMs: number;
  /** The slowest case's wall time: what it cost this run, waiting and a busy machine included. */
  readonly slowestCaseMs: number;
  /** The slowest case's CPU time on the thread that ran it: what the too-slow health check judges. */
  readonly slowestCaseCpuMs: number;
  readonly replayed: number;
}

declare module 'vitest' {
  interface TaskMeta {
    /** Set by assertProperty. */
    property?: PropertyStats;
  }
}

export class PropertyFailure extends Error {
  override name = 'PropertyFailure';
}

type AnyProperty = fc.IProperty<unknown> | fc.IAsyncProperty<unknown>;

export interface AssertOptions {
  readonly profile?: Profile;
  /** Where failures are saved; by default the workspace's property-failures/. */
  readonly database?: FailureDatabase;
  /** The test's context (or its task and annotate), for the statistics in its meta and an annotation. */
  readonly context?: Pick<TestContext, 'task' | 'annotate'>;
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n', 1)[0] as string;
}

/**
 * Times each execution of the predicate, through fast-check's life-cycle plugins: its wall time,
 * and the CPU time of the thread that runs it (not the garbage collector's or the compiler's
 * threads). The health check judges that CPU time, because wall time
 * grows with the machine's load (the reason Hypothesis turns its deadline off on CI) and with
 * waits on services, neither of which a faster property would change.
 */
function caseTimer() {
  let started = 0;
  let cpuStarted = process.threadCpuUsage();
  let slowest = 0;
  let slowestCpu = 0;
  return {
    plugins: [
      fc.beforeEach(() => {
        started = performance.now();
        cpuStarted = process.threadCpuUsage();
      }),
      fc.afterEach(() => {
        slowest = Math.max(slowest, performance.now() - started);
        const cpu = process.threadCpuUsage(cpuStarted);
        slowestCpu = Math.max(slowestCpu, (cpu.user + cpu.system) / 1000);
      }),
    ],
    slowest: () => slowest,
    slowestCpu: () => slowestCpu,
  };
}

export async function assertProperty(property: AnyProperty, options: AssertOptions = {}): Promise<PropertyStats> {
  const state = expect.getState();
  const testFile = state.testPath ?? 'unknown';
  const name = state.currentTestName ?? 'property';
  const profile = options.profile ?? currentProfile();
  const database = options.database ?? Database.forTest(testFile);
  const file = database.fileFor(testFile, name);
  const saved = database.read(file);
  const timer = caseTimer();
  const began = performance.now();
  let runs = 0;
  let replayed = 0;

  // 1. Saved failures first: the exact case, no shrinking.
  const failures: SavedFailure[] = [...(saved?.failures ?? [])];
  for (const [index, failure] of failures.entries()) {
    if (failure.fixedAt !== null) continue;
    const replay = await fc.check(property, {
      seed: failure.seed,
      path: failure.path,
      endOnFailure: true,
      plugins: timer.plugins,
    });
    replayed += 1;
    runs += replay.numRuns;
    if (replay.failed) {
      throw new PropertyFailure(
        `saved failure still fails (replayed first from ${database.dir}): seed ${failure.seed}, path "${failure.path}"\n` +
          `counterexample: ${failure.counterexample}\n${firstLine(replay.errorInstance)}`,
      );
    }
    failures[index] = { ...failure, fixedAt: new Date().toISOString() };
  }
  if (saved && replayed > 0) database.write(file, { ...saved, failures });

  // 2. New cases under the profile.
  const details = await fc.check(property, {
    numRuns: profile.numRuns,
    maxSkipsPerRun: 1_000, // the health check below judges filtering, with a clearer message
    plugins: [...timer.plugins, fc.interruptAfterTimeLimit(profile.timeLimitMs)],
  });
  runs += details.numRuns;
  const stats: PropertyStats = {
    profile: profile.name,
    runs,
    shrinks: details.numShrinks,
    filtered: details.numSkips,
    filteredShare: Math.round((details.numSkips / Math.max(1, details.numRuns + details.numSkips)) * 1000) / 1000,
    timeMs: Math.round(performance.now() - began),
    slowestCaseMs: Math.round(timer.slowest()),
    slowestCaseCpuMs: Math.round(timer.slowestCpu()),
    replayed,
  };
  if (options.context) {
    options.context.task.meta.property = stats;
    await options.context.annotate(
      `property (${stats.profile}): ${stats.runs} runs, ${stats.shrinks} shrinks, ${Math.round(stats.filteredShare * 100)}% filtered, ${stats.timeMs} ms, slowest case ${stats.slowestCaseMs} ms${replayed ? `, ${replayed} saved failures replayed` : ''}`,
      'property',
    );
  }

  // 3. A new failure: saved, then reported.
  // A failure found before the time limit interrupted (the shrinking, say) is still a failure: its
  // counterexample is reported as far as it was shrunk.
  if (details.failed && details.counterexamplePath !== null) {
    const counterexample = fc.stringify(details.counterexample);
    if (!failures.some((f) => f.counterexample === counterexample && f.fixedAt === null)) {
      failures.push({
        seed: details.seed,
        path: details.counterexamplePath,
        counterexample,
        error: firstLine(details.errorInstance),
        savedAt: new Date().toISOString(),
        fixedAt: null,
      });
      database.write(file, {
        schemaVersion: 1,
        file: saved?.file ?? relative(workspaceOf(testFile), testFile),
        property: name,
        failures,
      });
    }
    throw new PropertyFailure(
      `property failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath}", shrunk ${details.numShrinks} times${details.interrupted ? ` before the ${profile.timeLimitMs} ms time limit interrupted the shrinking` : ''}; saved to ${file})\n` +
        `counterexample: ${counterexample}\n${firstLine(details.errorInstance)}`,
    );
  }
  if (details.failed && details.numRuns === 0) {
    throw new PropertyFailure(`property could not run a single case: ${firstLine(details.errorInstance)}`);
  }

  // 4. Health checks.
  if (stats.filteredShare > profile.maxFilteredShare && stats.filtered >= 10) {
    throw new PropertyFailure(
      `health check: the generator's values are filtered out ${Math.round(stats.filteredShare * 100)}% of the time (limit ${profile.maxFilteredShare * 100}%): generate what the property needs instead of rejecting it with fc.pre`,
    );
  }
  if (stats.slowestCaseCpuMs > profile.maxCaseMs) {
    throw new PropertyFailure(
      `health check: one case computed for ${stats.slowestCaseCpuMs} ms of CPU time (limit ${profile.maxCaseMs} ms in the ${profile.name} profile): make the property faster or its inputs smaller`,
    );
  }
  return stats;
}
