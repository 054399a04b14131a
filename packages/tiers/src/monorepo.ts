/**
 * The whole monorepo's view of a tier run: every workspace's RunSummary, gathered after
 * `turbo run test:<tier>` into one table, one JSON file and one closing count line.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { glob } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { COVERAGE_METRICS, formatShortfall } from '@assay/insights';
import { parse as parseYaml } from 'yaml';
import { type Tier, TierError } from './model.ts';
import {
  addCounts,
  type Counts,
  emptyCounts,
  type RunSummary,
  SUMMARY_FILE,
  SUMMARY_SCHEMA_VERSION,
} from './summary.ts';

export const MONOREPO_SUMMARY_SCHEMA_VERSION = 1;

export interface WorkspaceResult {
  /** Folder relative to the monorepo root. */
  readonly path: string;
  readonly name: string;
  /**
   * `ran`: executed in this run; `cached`: its summary predates the run (turbo replayed the task
   * from its cache, so nothing executed); `missing`: no summary (the run failed before Vitest reported).
   */
  readonly status: 'ran' | 'cached' | 'missing';
  readonly summary: RunSummary | null;
}

export interface MonorepoSummary {
  readonly schemaVersion: typeof MONOREPO_SUMMARY_SCHEMA_VERSION;
  readonly tier: Tier;
  readonly wallMs: number;
  readonly workspaces: readonly WorkspaceResult[];
  readonly totals: Counts;
  readonly ok: boolean;
}

export interface Workspace {
  /** The folder, relative to the monorepo root. */
  readonly path: string;
  /** The package name (the folder when the manifest has none). */
  readonly name: string;
  readonly scripts: Readonly<Record<string, string>>;
}

/** The monorepo's workspaces, from pnpm-workspace.yaml and each package.json, sorted by folder. */
export async function listWorkspaces(root: string): Promise<Workspace[]> {
  const file = join(root, 'pnpm-workspace.yaml');
  if (!existsSync(file)) throw new Error(`no pnpm-workspace.yaml in ${root}: run assay summary at the monorepo root`);
  const config = parseYaml(readFileSync(file, 'utf8')) as { packages?: string[] } | null;
  const folders: string[] = [];
  for (const pattern of config?.packages ?? []) {
    for await (const entry of glob(`${pattern}/package.json`, { cwd: root })) folders.push(dirname(entry));
  }
  return [...new Set(folders)].sort().map((path) => {
    const manifest = JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8')) as {
      name?: string;
      scripts?: Record<string, string>;
    };
    return { path, name: manifest.name ?? path, scripts: manifest.scripts ?? {} };
  });
}

/** A workspace's run summary, or null when the file is not one of this schema version. */
export function readRunSummary(file: string): RunSummary | null {
  try {
    const summary = JSON.parse(readFileSync(file, 'utf8')) as RunSummary;
    return summary.schemaVersion === SUMMARY_SCHEMA_VERSION ? summary : null;
  } catch {
    return null;
  }
}

export interface GatherOptions {
  readonly root: string;
  readonly tier: Tier;
  /** When the turbo run began (ms since the epoch); older summaries were replayed from its cache. */
  readonly since: number;
  readonly now?: number;
}

export async function gatherMonorepoSummary(options: GatherOptions): Promise<MonorepoSummary> {
  const { root, tier, since } = options;
  const workspaces: WorkspaceResult[] = [];
  for (const { path, name, scripts } of await listWorkspaces(root)) {
    if (!scripts[`test:${tier}`]) continue;
    const file = join(root, path, SUMMARY_FILE);
    const summary = existsSync(file) ? readRunSummary(file) : null;
    const fresh = summary !== null && summary.tier === tier;
    const status = !fresh ? 'missing' : Date.parse(summary.startedAt) < since ? 'cached' : 'ran';
    workspaces.push({ path, name, status, summary: fresh ? summary : null });
  }
  const totals = emptyCounts();
  for (const w of workspaces) if (w.summary) addCounts(totals, w.summary.counts);
  return {
    schemaVersion: MONOREPO_SUMMARY_SCHEMA_VERSION,
    tier,
    wallMs: Math.max(0, (options.now ?? Date.now()) - since),
    workspaces,
    totals,
    ok: workspaces.every((w) => w.status !== 'missing' && w.summary?.ok === true),
  };
}

/** Where the monorepo summary of a tier is kept, relative to the root. */
export function monorepoSummaryPath(tier: Tier): string {
  return join('.assay', 'reports', `${tier}.json`);
}

export function writeMonorepoSummary(root: string, summary: MonorepoSummary): string {
  const file = join(root, monorepoSummaryPath(summary.tier));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
  return relative(root, file);
}

/** Reads back what writeMonorepoSummary wrote; a TierError (exit 2) when it is missing or not ours. */
export function readMonorepoSummary(root: string, tier: Tier): MonorepoSummary {
  const path = monorepoSummaryPath(tier);
  let summary: MonorepoSummary;
  try {
    summary = JSON.parse(readFileSync(join(root, path), 'utf8')) as MonorepoSummary;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : 'not valid JSON';
    throw new TierError(`no summary of the ${tier} tier at ${path} (${reason}): run make test-${tier} first`);
  }
  if (summary.schemaVersion !== MONOREPO_SUMMARY_SCHEMA_VERSION || summary.tier !== tier) {
    throw new TierError(
      `${path} is not a ${tier} tier summary of schemaVersion ${MONOREPO_SUMMARY_SCHEMA_VERSION}: run make test-${tier} again`,
    );
  }
  return summary;
}

/** The run as a markdown job summary (GitHub's $GITHUB_STEP_SUMMARY). */
export function formatMonorepoMarkdown(summary: MonorepoSummary): string {
  const t = summary.totals;
  const rows = summary.workspaces.map((w) => {
    const c = w.summary?.counts;
    const time =
      w.status === 'ran' ? seconds(w.summary?.durationMs ?? 0) : w.status === 'cached' ? 'cached' : 'no report';
    const mark = w.status === 'missing' || w.summary?.ok === false ? '❌' : '✅';
    return `| ${mark} ${w.name} | ${c?.passed ?? '-'} | ${c?.failed ?? '-'} | ${c?.skipped ?? '-'} | ${c?.deselected ?? '-'} | ${time} |`;
  });
  const failures = summary.workspaces.flatMap((w) => [
    ...(w.summary?.failures ?? []).map(
      (f) =>
        `- ${f.quarantined ? '(quarantined) ' : ''}\`${w.path}/${f.file}\` › ${escapeMarkdown(f.name)}: ${escapeMarkdown(f.message)}`,
    ),
    ...(w.summary?.fileErrors ?? []).map((e) => `- error \`${w.path}/${e.file}\`: ${escapeMarkdown(e.message)}`),
    ...(w.summary?.coverage?.shortfalls ?? []).map((f) => `- ${escapeMarkdown(formatShortfall(w.name, f))}`),
  ]);
  const coverage = summary.workspaces.flatMap((w) => {
    const totals = w.summary?.coverage?.totals;
    return totals ? [`| ${w.name} | ${COVERAGE_METRICS.map((m) => `${totals[m].pct} %`).join(' | ')} |`] : [];
  });
  const properties = summary.workspaces.flatMap((w) =>
    (w.summary?.properties ?? []).map(
      (p) =>
        `| \`${w.path}/${p.file}\` › ${escapeMarkdown(p.name)} | ${p.profile} | ${p.runs} | ${p.shrinks} | ${Math.round(p.filteredShare * 100)}% | ${p.timeMs} ms | ${p.slowestCaseMs} ms |`,
    ),
  );
  return [
    `## ${summary.ok ? '✅' : '❌'} ${summary.tier} tier: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped, ${t.deselected} deselected`,
    '',
    '| workspace | passed | failed | skipped | deselected | time |',
    '|---|--:|--:|--:|--:|--:|',
    ...rows,
    `| **total** | **${t.passed}** | **${t.failed}** | **${t.skipped}** | **${t.deselected}** | ${seconds(summary.wallMs)} wall |`,
    ...(failures.length > 0 ? ['', '### Failures', '', ...failures] : []),
    ...(coverage.length > 0
      ? [
          '',
          '### Coverage',
          '',
          `| workspace | ${COVERAGE_METRICS.join(' | ')} |`,
          '|---|--:|--:|--:|--:|',
          ...coverage,
        ]
      : []),
    ...(properties.length > 0
      ? [
          '',
          '### Properties',
          '',
          '| property | profile | runs | shrinks | filtered | time | slowest case |',
          '|---|---|--:|--:|--:|--:|--:|',
          ...properties,
        ]
      : []),
    '',
  ].join('\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

/** A duration as the summaries print it: `12.3 s`. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The human table; the last line is the `assay: N passed, N failed, N skipped` line CI reads. */
export function formatMonorepoSummary(summary: MonorepoSummary, jsonPath: string): string {
  const rows = summary.workspaces.map((w) => {
    const c = w.summary?.counts;
    const note =
      w.status === 'cached'
        ? 'cached'
        : w.status === 'missing'
          ? 'no report: run failed'
          : seconds(w.summary?.durationMs ?? 0);
    return [w.name, c?.passed ?? '-', c?.failed ?? '-', c?.skipped ?? '-', c?.deselected ?? '-', note].map(String);
  });
  const t = summary.totals;
  const header = ['workspace', 'passed', 'failed', 'skipped', 'deselected', 'time'];
  const total = ['total', t.passed, t.failed, t.skipped, t.deselected, `${seconds(summary.wallMs)} wall`].map(String);
  const table = [header, ...rows, total];
  const widths = header.map((_, i) => Math.max(...table.map((r) => (r[i] as string).length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i === 0 || i === 5 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd();
  const failures = summary.workspaces.flatMap((w) => [
    ...(w.summary?.failures ?? []).map(
      (f) => `  ${f.quarantined ? 'quarantined ' : ''}FAIL ${w.path}/${f.file} > ${f.name}: ${f.message}`,
    ),
    ...(w.summary?.fileErrors ?? []).map((e) => `  ERROR ${w.path}/${e.file}: ${e.message}`),
    ...(w.summary?.coverage?.shortfalls ?? []).map((f) => `  COVERAGE ${formatShortfall(w.name, f)}`),
  ]);
  return [
    `assay · ${summary.tier} tier · ${summary.workspaces.length} workspaces · ${summary.ok ? 'passed' : 'FAILED'}`,
    ...table.map(line),
    ...(failures.length > 0 ? ['failures:', ...failures] : []),
    `reports: <workspace>/.vitest/junit/output.xml (JUnit), <workspace>/.vitest/json/output.json (Vitest JSON), ${jsonPath} (this summary)`,
    `assay: ${t.passed} passed, ${t.failed} failed, ${t.skipped + t.deselected} skipped`,
  ].join('\n');
}
