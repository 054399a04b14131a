/** The trace report for people: a terminal table and a markdown job summary. */
import { formatPercent, STATES, type TestRef, type TraceReport } from './check.ts';

const LISTED = 20;
const testLine = (t: TestRef) =>
  `${t.workspace}: ${t.file} > ${t.name}${t.outcome === 'passed' ? '' : ` (${t.outcome})`}`;

function headline(report: TraceReport): string {
  const scope = report.filter ? ` · ${report.filter}` : '';
  const source = report.source === 'static' ? ' · static (collected, not run)' : '';
  return `requirement traceability${scope}${source}: ${report.coveredPassing}/${report.active} active requirements covered by passing tests (${formatPercent(report.percent)})`;
}

export function formatTraceReport(report: TraceReport): string {
  const header = ['workspace', 'active', ...STATES, 'coverage'];
  const rows = report.workspaces.map((w) => [
    w.workspace,
    String(w.active),
    ...STATES.map((s) => String(w.counts[s])),
    formatPercent(w.percent),
  ]);
  const table = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((r) => (r[i] as string).length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  ');

  const out = [headline(report), ...table.map(line)];
  const gaps = report.requirements.filter((r) => r.status === 'active' && r.state !== 'covered-passing');
  if (gaps.length > 0) {
    out.push('', 'not proven by a passing test:');
    for (const r of gaps) {
      out.push(`  ${r.id} ${r.state}: ${r.title} (${r.source})`);
      for (const t of r.tests.filter((t) => t.outcome !== 'passed')) out.push(`      ${testLine(t)}`);
    }
  }
  if (report.deferred.length > 0) {
    out.push(
      '',
      `proven by a later tier than ${report.tier}, so not expected of this run: ${report.deferred.join(', ')}`,
    );
  }
  if (report.unknownIds.length > 0) {
    out.push('', 'unknown requirement ids (not in any requirements.yaml):');
    for (const u of report.unknownIds) out.push(`  ${u.id} ← ${u.tests.map(testLine).join('; ')}`);
  }
  if (report.retiredReferences.length > 0) {
    out.push('', 'retired requirements still linked from tests:');
    for (const u of report.retiredReferences) out.push(`  ${u.id} ← ${u.tests.map(testLine).join('; ')}`);
  }
  if (report.orphans.length > 0) {
    out.push('', `tests linked to no requirement: ${report.orphans.length}`);
    for (const t of report.orphans.slice(0, LISTED)) out.push(`  ${testLine(t)}`);
    if (report.orphans.length > LISTED) out.push(`  … and ${report.orphans.length - LISTED} more (see --json)`);
  }
  out.push(
    '',
    report.ok
      ? `traceability: passed (${report.tests} tests${report.threshold === null ? '' : `, threshold ${report.threshold}%`})`
      : `traceability: FAILED: ${report.problems.join('; ')}`,
  );
  return out.join('\n');
}

const escapeMarkdown = (text: string) => text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);

export function formatTraceMarkdown(report: TraceReport): string {
  const out = [
    `## ${report.ok ? '✅' : '❌'} ${escapeMarkdown(headline(report))}`,
    '',
    `| workspace | active | ${STATES.join(' | ')} | coverage |`,
    `|---|--:|${STATES.map(() => '--:').join('|')}|--:|`,
    ...report.workspaces.map(
      (w) =>
        `| ${w.workspace} | ${w.active} | ${STATES.map((s) => w.counts[s]).join(' | ')} | ${formatPercent(w.percent)} |`,
    ),
  ];
  const gaps = report.requirements.filter((r) => r.status === 'active' && r.state !== 'covered-passing');
  if (gaps.length > 0) {
    out.push('', '| requirement | state | title |', '|---|---|---|');
    for (const r of gaps) out.push(`| ${r.id} | ${r.state} | ${escapeMarkdown(r.title)} |`);
  }
  if (!report.ok) out.push('', ...report.problems.map((p) => `- ${escapeMarkdown(p)}`));
  out.push('');
  return out.join('\n');
}
