/** `assay report`'s insights part: the dashboard and the markdown from the history, written to the reports folder. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../analysis/analyze.ts';
import type { InsightsPaths } from '../config.ts';
import { HistoryStore } from '../store/history.ts';
import { type ContractsSummary, dashboardHtml, type TraceabilitySummary } from './dashboard.ts';
import { insightsMarkdown } from './markdown.ts';

export const DASHBOARD_FILE = 'dashboard.html';
export const INSIGHTS_MARKDOWN_FILE = 'insights.md';

/** The traceability report `assay trace` left (schemaVersion 1), summarized; null when there is none. */
export function readTraceability(file: string): TraceabilitySummary | null {
  if (!existsSync(file)) return null;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      schemaVersion?: number;
      active: number;
      coveredPassing: number;
      percent: number;
      requirements: { id: string; status: string; state: string }[];
    };
    if (report.schemaVersion !== 1) return null;
    return {
      covered: report.coveredPassing,
      total: report.active,
      percent: report.percent,
      uncovered: report.requirements
        .filter((r) => r.status === 'active' && r.state !== 'covered-passing')
        .map((r) => `${r.id} (${r.state})`),
    };
  } catch {
    return null;
  }
}

/** The contract check `assay contract verify` left (schemaVersion 1); null when there is none. */
export function readContracts(file: string): ContractsSummary | null {
  try {
    const check = JSON.parse(readFileSync(file, 'utf8')) as ContractsSummary & { schemaVersion?: number };
    return check.schemaVersion === 1 && Array.isArray(check.pacts) ? check : null;
  } catch {
    return null;
  }
}

export interface WrittenReports {
  readonly dashboard: string;
  readonly markdown: string;
  readonly markdownText: string;
}

export async function writeInsightsReports(
  paths: InsightsPaths,
  traceFile: string,
  contractsFile: string,
): Promise<WrittenReports> {
  const store = await HistoryStore.open(paths.history);
  try {
    const { report } = await analyze(store);
    mkdirSync(paths.reports, { recursive: true });
    const dashboard = join(paths.reports, DASHBOARD_FILE);
    const markdown = join(paths.reports, INSIGHTS_MARKDOWN_FILE);
    const markdownText = insightsMarkdown(report);
    writeFileSync(
      dashboard,
      dashboardHtml({
        insights: report,
        traceability: readTraceability(traceFile),
        contracts: readContracts(contractsFile),
      }),
    );
    writeFileSync(markdown, markdownText);
    return { dashboard, markdown, markdownText };
  } finally {
    await store.close();
  }
}
