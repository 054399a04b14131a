import { resolve } from 'node:path';
import {
  analyze,
  DEFAULT_ANALYZE_OPTIONS,
  type InsightsReport,
  type MeasurementKind,
  type MeasurementTrend,
  readQuarantine,
  recordBenchmarkFigures,
  updateQuarantine,
  weekMarkdown,
  writeQuarantine,
} from '@assay/insights';
import { UsageError } from '../errors.ts';
import type { Command } from '../main.ts';
import { progress, readCount, repoPaths, withHistory } from './history.ts';

const VIEWS = [
  'flaky',
  'slow',
  'regressions',
  'quarantine',
  'runs',
  'benchmarks',
  'coverage',
  'mutation',
  'week',
] as const;
type View = (typeof VIEWS)[number];

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);

function empty(report: InsightsReport): string | undefined {
  return report.history.executedRuns === 0
    ? `no runs recorded yet in ${report.history.location}: run a tier (make test-pr) and they will be`
    : undefined;
}

/** The views over measurements, by the kind they list. */
const MEASURED: Partial<Record<View, MeasurementKind>> = {
  benchmarks: 'benchmark',
  coverage: 'coverage',
  mutation: 'mutation',
};

const figure = (value: number, unit: string) => `${Number(value.toPrecision(6))} ${unit}`;

function formatMeasurements(kind: MeasurementKind, trends: readonly MeasurementTrend[]): string {
  const mine = trends.filter((t) => t.kind === kind);
  if (mine.length === 0) return `no ${kind} figures recorded yet`;
  const regressed = mine.filter((t) => t.state === 'regressed').length;
  return [
    `${mine.length} ${kind} figures, ${regressed} regressed (${kind === 'benchmark' ? 'lower' : 'higher'} is better unless marked)`,
    ...mine.map((t) => {
      const baseline = t.baseline === null ? 'no baseline yet' : `baseline ${figure(t.baseline, t.unit)}`;
      const mark = t.state === 'regressed' ? 'REGRESSED' : t.state;
      return `  ${mark.padEnd(9)}  ${t.project} › ${t.name}: ${figure(t.latest, t.unit)} (${baseline}, ${t.points.length} runs${t.better === 'higher' && kind === 'benchmark' ? ', higher is better' : ''})`;
    }),
  ].join('\n');
}

function formatView(view: Exclude<View, 'quarantine' | 'week'>, report: InsightsReport): string {
  const kind = MEASURED[view];
  if (kind) return formatMeasurements(kind, report.measurements);
  const lines: string[] = [];
  if (view === 'flaky') {
    lines.push(
      `${report.flaky.length} flaky and ${report.broken.length} broken of ${report.history.tests} tests (last ${DEFAULT_ANALYZE_OPTIONS.runs} runs each)`,
    );
    for (const t of report.flaky) {
      const e = t.evidence;
      lines.push(`  flaky  ${t.score.toFixed(3)}  ${t.key}`);
      lines.push(
        `         ${e.sequence} · flip rate ${e.flipRate}${e.sameCommit.length ? ` · passed and failed on ${e.sameCommit.map((s) => s.slice(0, 7)).join(', ')}` : ''}${e.passedOnRetry ? ` · passed on retry ${e.passedOnRetry}×` : ''}`,
      );
    }
    for (const t of report.broken) lines.push(`  broken  ${t.key} (failed all ${t.runs} recent runs)`);
  } else if (view === 'slow') {
    lines.push('slowest tests (median of recent passing runs):');
    for (const t of report.slowestTests) lines.push(`  ${ms(t.medianMs).padStart(10)}  ${t.key}`);
    lines.push('slowest files:');
    for (const f of report.slowestFiles) lines.push(`  ${ms(f.medianMs).padStart(10)}  ${f.project} › ${f.file}`);
    lines.push('tiers (wall time, oldest → latest):');
    for (const t of report.tiers) {
      lines.push(
        `  ${t.tier}: ${t.sessions.map((s) => ms(s.wallMs)).join(' → ')}${t.trend === null ? '' : ` (latest ${t.trend}× the usual)`}`,
      );
    }
  } else if (view === 'regressions') {
    lines.push(`${report.regressions.length} duration regressions`);
    for (const b of report.regressions) {
      lines.push(
        `  ${b.ratio}×  ${b.key}: baseline ${ms(b.medianMs)} ± ${ms(b.madMs)} (${b.samples} runs), recent ${b.recentMs.map(ms).join(', ')}`,
      );
    }
  } else {
    for (const run of report.runs) {
      lines.push(
        `  ${run.startedAt}  ${run.tier.padEnd(8)} ${run.project}  ${run.executed ? `${run.passed} passed, ${run.failed} failed` : `replay of ${run.replayOf} (not executed)`}${run.gitSha ? `  ${run.gitSha.slice(0, 7)}` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

export const insights: Command = {
  name: 'insights',
  positionals: true,
  usage: `usage: assay insights flaky|slow|regressions|runs [--json] [--runs N]
       assay insights quarantine [--update] [--clean-runs K] [--json]
       assay insights benchmarks [--record [FILE…]] [--check] [--json]
       assay insights coverage|mutation [--check] [--json]
       assay insights week

Reads the test history every tier run records (.assay/insights/history.db, or the postgres:// URL
in ASSAY_HISTORY_URL). flaky: a pass and a fail on one commit, passed on retry, flip rate — with a
score and the evidence; broken tests apart. slow: slowest tests and files, tier wall times.
regressions: tests slower than their median/MAD baseline for several runs in a row. runs: the
latest runs. quarantine: the committed quarantine.yaml; --update adds flaky tests (never broken
ones) and releases tests clean for K runs in a row (default 10). benchmarks, coverage, mutation:
each figure's latest value, its baseline and whether it regressed (the duration baselines' rules,
in the figure's direction); --record first stores benchmark figures files (.assay/benchmarks/*.json
by default); --check exits 1 when a figure regressed. week: the last 7 days as a markdown job summary
(each tier's runs passed and failed, flaky tests, duration regressions). --json prints the InsightsReport (schemaVersion 1).`,
  options: {
    json: { type: 'boolean' },
    runs: { type: 'string' },
    update: { type: 'boolean' },
    'clean-runs': { type: 'string' },
    record: { type: 'boolean' },
    check: { type: 'boolean' },
  },
  async run(values, positionals) {
    const [view, ...extra] = positionals;
    if (!view || !(VIEWS as readonly string[]).includes(view)) {
      throw new UsageError(`${view ? `unknown view '${view}'` : 'missing view'}: expected one of ${VIEWS.join(', ')}`);
    }
    if (extra.length > 0 && !(view === 'benchmarks' && values.record)) {
      throw new UsageError(`unexpected argument '${extra[0]}'`);
    }
    if (values.record && view !== 'benchmarks') throw new UsageError('--record goes with the benchmarks view');
    const runs = readCount(values.runs, 'runs', DEFAULT_ANALYZE_OPTIONS.runs);
    const cleanRuns = readCount(values['clean-runs'], 'clean-runs', 10);
    const paths = await repoPaths();
    if (view === 'quarantine' && !values.update) {
      // Listing the committed file needs no history.
      const list = readQuarantine(paths.quarantine);
      console.log(
        values.json
          ? JSON.stringify(list, null, 2)
          : list.tests.map((t) => `${t.key}  (${t.since}: ${t.reason})`).join('\n') || 'quarantine is empty',
      );
      return 0;
    }
    progress(`analyzing ${paths.history}…`);
    return withHistory(async (store) => {
      if (values.record) {
        const recorded = await recordBenchmarkFigures(
          store,
          paths.root,
          extra.length > 0 ? extra.map((file) => resolve(file)) : undefined,
        );
        progress(`recorded ${recorded.figures} benchmark figures from ${recorded.files} files`);
      }
      const { report, histories } = await analyze(store, { ...DEFAULT_ANALYZE_OPTIONS, runs });
      if (view === 'quarantine') {
        const list = readQuarantine(paths.quarantine);
        const change = updateQuarantine(list, [...report.flaky, ...report.broken], histories, {
          cleanRuns,
          today: new Date().toISOString().slice(0, 10),
        });
        writeQuarantine(paths.quarantine, change.list);
        if (values.json) console.log(JSON.stringify(change, null, 2));
        else {
          for (const t of change.added) console.log(`quarantined: ${t.key} — ${t.reason}`);
          for (const t of change.released) console.log(`released after ${cleanRuns} clean runs: ${t.key}`);
          console.log(
            `quarantine.yaml: ${change.list.tests.length} tests (${change.added.length} added, ${change.released.length} released)`,
          );
        }
        return 0;
      }
      const shown = view as Exclude<View, 'quarantine'>;
      const kind = MEASURED[shown];
      // Measurements can be recorded before any test run; the other views need runs.
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else if (shown === 'week') console.log(weekMarkdown(report, new Date()));
      else console.log((kind ? undefined : empty(report)) ?? formatView(shown, report));
      const regressed = kind && report.measurements.some((t) => t.kind === kind && t.state === 'regressed');
      return values.check && regressed ? 1 : 0;
    });
  },
};
