/**
 * Every analysis over the history in one pass: flaky and broken tests, duration regressions, the
 * slowest tests and files, and each tier's wall time and trend. The result is `InsightsReport`
 * (schemaVersion 1, documented in the package README): what `assay insights … --json` prints and
 * what the dashboard shows.
 */
import { type MeasurementTrend, measurementTrends } from '../measurements/trends.ts';
import type { TestFailure } from '../model.ts';
import { median } from '../stats.ts';
import type { HistoryStore, StoredRun } from '../store/history.ts';
import { type Baseline, type BaselineOptions, baselineOf, DEFAULT_BASELINE_OPTIONS } from './baselines.ts';
import { DEFAULT_FLAKY_OPTIONS, type FlakyOptions, judge, type TestVerdict } from './flaky.ts';
import { groupByTest, type TestHistory } from './histories.ts';

export const INSIGHTS_SCHEMA_VERSION = 1;

export interface AnalyzeOptions {
  /** Results per test looked at (the flaky window; the baseline uses the same rows). */
  readonly runs: number;
  readonly flaky: FlakyOptions;
  readonly baseline: BaselineOptions;
  /** Rows in each "slowest" list. */
  readonly top: number;
}

export const DEFAULT_ANALYZE_OPTIONS: AnalyzeOptions = {
  runs: 30,
  flaky: DEFAULT_FLAKY_OPTIONS,
  baseline: DEFAULT_BASELINE_OPTIONS,
  top: 20,
};

export interface SlowTest {
  readonly key: string;
  readonly project: string;
  readonly file: string;
  readonly name: string;
  readonly medianMs: number;
  readonly runs: number;
}

export interface SlowFile {
  readonly project: string;
  readonly file: string;
  readonly medianMs: number;
  readonly runs: number;
}

export interface TierSession {
  readonly session: string;
  readonly startedAt: string;
  /** From the first workspace's start to the last one's end. */
  readonly wallMs: number;
  readonly workspaces: number;
  readonly passed: number;
  readonly failed: number;
  /** Workspaces turbo replayed from its cache (not executed, not counted). */
  readonly replayed: number;
}

export interface TierTrend {
  readonly tier: string;
  /** Oldest first. */
  readonly sessions: readonly TierSession[];
  /** The latest wall time over the median of the ones before it (1 = as usual); null with one session. */
  readonly trend: number | null;
}

/** Each test's latest result, with its verdict. */
export interface LatestResult extends Pick<TestHistory, 'key' | 'project' | 'file' | 'name' | 'requirements'> {
  readonly status: string;
  readonly durationMs: number;
  readonly verdict: TestVerdict['status'];
  /** Its last results, oldest first, a letter each: P passed, F failed, S skipped, R refused. */
  readonly recent: string;
  /** Their durations in ms (to 0.1 ms), in the same order. */
  readonly recentMs: readonly number[];
  /** Its latest failure that the history kept (message and stack), and how many runs ago it was. */
  readonly lastFailure: (TestFailure & { readonly runsAgo: number; readonly gitSha: string | null }) | null;
}

/** How many of a test's results its strip shows. */
const STRIP = 10;
const LETTERS: Readonly<Record<string, string>> = { passed: 'P', failed: 'F', skipped: 'S', refused: 'R' };

function lastFailureOf(results: TestHistory['results']): LatestResult['lastFailure'] {
  for (let i = results.length - 1; i >= 0; i--) {
    const { failure, gitSha } = results[i] as TestHistory['results'][number];
    if (failure) return { ...failure, gitSha, runsAgo: results.length - 1 - i };
  }
  return null;
}

export interface InsightsReport {
  readonly schemaVersion: typeof INSIGHTS_SCHEMA_VERSION;
  readonly generatedAt: string;
  readonly history: {
    readonly location: string;
    readonly executedRuns: number;
    readonly replayedRuns: number;
    readonly tests: number;
    readonly resultsAnalyzed: number;
  };
  readonly flaky: readonly TestVerdict[];
  readonly broken: readonly TestVerdict[];
  readonly regressions: readonly Baseline[];
  readonly slowestTests: readonly SlowTest[];
  readonly slowestFiles: readonly SlowFile[];
  readonly tiers: readonly TierTrend[];
  readonly runs: readonly StoredRun[];
  readonly latest: readonly LatestResult[];
  /** Coverage, mutation scores and benchmark figures: each series' trend and regression state. */
  readonly measurements: readonly MeasurementTrend[];
}

export function tierTrends(runs: readonly StoredRun[], sessionsPerTier = 20): TierTrend[] {
  const byTier = new Map<string, Map<string, StoredRun[]>>();
  for (const run of [...runs].reverse()) {
    const sessions = byTier.get(run.tier) ?? new Map<string, StoredRun[]>();
    sessions.set(run.session, [...(sessions.get(run.session) ?? []), run]);
    byTier.set(run.tier, sessions);
  }
  return [...byTier].map(([tier, sessions]) => {
    const list = [...sessions].slice(-sessionsPerTier).map(([session, members]): TierSession => {
      const executed = members.filter((m) => m.executed);
      const starts = executed.map((m) => Date.parse(m.startedAt));
      const ends = executed.map((m) => Date.parse(m.startedAt) + m.durationMs);
      return {
        session,
        startedAt: (members[0] as StoredRun).startedAt,
        wallMs: executed.length > 0 ? Math.max(...ends) - Math.min(...starts) : 0,
        workspaces: members.length,
        passed: executed.reduce((sum, m) => sum + m.passed, 0),
        failed: executed.reduce((sum, m) => sum + m.failed, 0),
        replayed: members.length - executed.length,
      };
    });
    const walls = list.filter((s) => s.wallMs > 0).map((s) => s.wallMs);
    const before = median(walls.slice(0, -1));
    const trend = walls.length > 1 && before > 0 ? Math.round(((walls.at(-1) as number) / before) * 100) / 100 : null;
    return { tier, sessions: list, trend };
  });
}

function slowestTests(histories: readonly TestHistory[], top: number): SlowTest[] {
  return histories
    .map((h) => {
      const passing = h.results.filter((r) => r.status === 'passed').map((r) => r.durationMs);
      return {
        key: h.key,
        project: h.project,
        file: h.file,
        name: h.name,
        medianMs: median(passing),
        runs: passing.length,
      };
    })
    .filter((t) => t.runs > 0)
    .sort((a, b) => b.medianMs - a.medianMs)
    .slice(0, top);
}

async function slowestFiles(store: HistoryStore, runs: number, top: number): Promise<SlowFile[]> {
  const byFile = new Map<string, { project: string; file: string; durations: number[] }>();
  for (const row of await store.recentFileTimings(runs)) {
    const id = `${row.project}\u0000${row.file}`;
    const entry = byFile.get(id) ?? { project: row.project, file: row.file, durations: [] };
    entry.durations.push(row.durationMs);
    byFile.set(id, entry);
  }
  return [...byFile.values()]
    .map((f) => ({ project: f.project, file: f.file, medianMs: median(f.durations), runs: f.durations.length }))
    .sort((a, b) => b.medianMs - a.medianMs)
    .slice(0, top);
}

export interface Analysis {
  readonly report: InsightsReport;
  readonly histories: readonly TestHistory[];
}

export async function analyze(
  store: HistoryStore,
  options: AnalyzeOptions = DEFAULT_ANALYZE_OPTIONS,
): Promise<Analysis> {
  const rows = await store.recentResults(options.runs);
  const histories = groupByTest(rows);
  const verdicts = histories.map((h) => judge(h, options.flaky));
  const baselines = histories.map((h) => baselineOf(h, options.baseline)).filter((b): b is Baseline => !!b);
  const runs = await store.runs(5_000);
  const verdictOf = new Map(verdicts.map((v) => [v.key, v.status]));
  const report: InsightsReport = {
    schemaVersion: INSIGHTS_SCHEMA_VERSION,
    generatedAt: new Date().toISOString(),
    history: {
      location: store.location,
      executedRuns: runs.filter((r) => r.executed).length,
      replayedRuns: runs.filter((r) => !r.executed).length,
      tests: histories.length,
      resultsAnalyzed: rows.length,
    },
    flaky: verdicts.filter((v) => v.status === 'flaky').sort((a, b) => b.score - a.score),
    broken: verdicts.filter((v) => v.status === 'broken'),
    regressions: baselines.filter((b) => b.state === 'regressed').sort((a, b) => b.ratio - a.ratio),
    slowestTests: slowestTests(histories, options.top),
    slowestFiles: await slowestFiles(store, options.runs, options.top),
    tiers: tierTrends(runs),
    runs: runs.slice(0, 100),
    latest: histories.map((h) => {
      const last = h.results.at(-1) as TestHistory['results'][number];
      return {
        key: h.key,
        project: h.project,
        file: h.file,
        name: h.name,
        status: last.status,
        durationMs: last.durationMs,
        requirements: h.requirements,
        verdict: verdictOf.get(h.key) ?? 'healthy',
        recent: h.results
          .slice(-STRIP)
          .map((r) => LETTERS[r.status] ?? '?')
          .join(''),
        recentMs: h.results.slice(-STRIP).map((r) => Math.round(r.durationMs * 10) / 10),
        lastFailure: lastFailureOf(h.results),
      };
    }),
    measurements: measurementTrends(await store.recentMeasurements(options.runs), options.baseline),
  };
  return { report, histories };
}
