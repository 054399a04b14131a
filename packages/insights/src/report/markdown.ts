/** The insights as a markdown job summary (e.g. appended to $GITHUB_STEP_SUMMARY). */
import type { InsightsReport } from '../analysis/analyze.ts';

/** Text that cannot break out of a table cell or start markup. */
function cell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

const ms = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);

function tableOf(headers: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['_none_', ''];
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ];
}

/** Duration regressions as a table: each test's baseline, its latest duration and their ratio. */
function regressionsTable(regressions: InsightsReport['regressions']): string[] {
  return tableOf(
    ['test', 'baseline', 'latest', '×'],
    regressions.map((b) => [cell(b.key), ms(b.medianMs), ms(b.recentMs.at(-1) ?? 0), String(b.ratio)]),
  );
}

export function insightsMarkdown(report: InsightsReport, top = 10): string {
  const lines = [
    '## Test insights',
    '',
    `${report.history.executedRuns} runs recorded (${report.history.replayedRuns} cache replays not counted), ${report.history.tests} tests: ` +
      `${report.flaky.length} flaky, ${report.broken.length} broken, ${report.regressions.length} duration regressions.`,
    '',
    '### Tiers',
    '',
    ...tableOf(
      ['tier', 'latest wall time', 'trend', 'passed', 'failed'],
      report.tiers.map((t) => {
        const latest = t.sessions.at(-1);
        return [
          t.tier,
          ms(latest?.wallMs ?? 0),
          t.trend === null ? '–' : `${t.trend}×`,
          String(latest?.passed ?? 0),
          String(latest?.failed ?? 0),
        ];
      }),
    ),
    '### Flaky',
    '',
    ...tableOf(
      ['test', 'score', 'flip rate', 'evidence'],
      report.flaky
        .slice(0, top)
        .map((t) => [
          cell(t.key),
          String(t.score),
          String(t.evidence.flipRate),
          cell(
            `${t.evidence.sequence}${t.evidence.sameCommit.length ? `; same commit ${t.evidence.sameCommit[0]?.slice(0, 7)}` : ''}`,
          ),
        ]),
    ),
    '### Duration regressions',
    '',
    ...regressionsTable(report.regressions.slice(0, top)),
    '### Slowest tests',
    '',
    ...tableOf(
      ['test', 'median'],
      report.slowestTests.slice(0, top).map((t) => [cell(t.key), ms(t.medianMs)]),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The week's status as a markdown job summary (the weekly workflow's): each tier's runs of the last
 * `days` days, how many passed and failed, then the flaky tests and duration regressions now.
 */
export function weekMarkdown(report: InsightsReport, now: Date, days = 7): string {
  const since = now.getTime() - days * DAY_MS;
  const rows = report.tiers.map((t) => {
    const week = t.sessions.filter((s) => Date.parse(s.startedAt) >= since);
    const failed = week.filter((s) => s.failed > 0);
    const last = week.at(-1);
    // The report keeps a tier's latest sessions only: when even the oldest kept is this week's,
    // the week may have had more.
    const oldest = t.sessions[0];
    const more = oldest !== undefined && Date.parse(oldest.startedAt) >= since && week.length > 1 ? '≥ ' : '';
    return [
      t.tier,
      `${more}${week.length}`,
      String(week.length - failed.length),
      String(failed.length),
      last ? `${last.failed > 0 ? 'failed' : 'passed'} (${last.startedAt.slice(0, 10)})` : '–',
    ];
  });
  const lines = [
    `## The week in tests (${new Date(since).toISOString().slice(0, 10)} to ${now.toISOString().slice(0, 10)})`,
    '',
    `${report.flaky.length} flaky, ${report.broken.length} broken, ${report.regressions.length} duration regressions now.`,
    '',
    '### Tier runs',
    '',
    ...tableOf(['tier', 'runs', 'passed', 'failed', 'latest'], rows),
    '### Flaky',
    '',
    ...tableOf(
      ['test', 'score'],
      report.flaky.map((t) => [cell(t.key), String(t.score)]),
    ),
    '### Duration regressions',
    '',
    ...regressionsTable(report.regressions),
  ];
  return `${lines.join('\n')}\n`;
}
