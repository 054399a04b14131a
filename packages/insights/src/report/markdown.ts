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
    ...tableOf(
      ['test', 'baseline', 'latest', '×'],
      report.regressions
        .slice(0, top)
        .map((b) => [cell(b.key), ms(b.medianMs), ms(b.recentMs.at(-1) ?? 0), String(b.ratio)]),
    ),
    '### Slowest tests',
    '',
    ...tableOf(
      ['test', 'median'],
      report.slowestTests.slice(0, top).map((t) => [cell(t.key), ms(t.medianMs)]),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
