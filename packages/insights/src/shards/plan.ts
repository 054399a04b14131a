/**
 * Shard plans from recorded durations. `planShards` gives each project's files to N shards
 * (longest-first, see lpt.ts), using each file's median time over its recent runs; a file the history
 * does not know counts as the median file. The plan file (`.assay/shard-plan.json`, schemaVersion 1)
 * holds the expected time of every file; the sequencer reads it and assigns the files of the run at
 * hand the same way, so a file added since the plan still lands in exactly one shard.
 *
 * A shard of a CI matrix runs its part of every workspace, one after another, so the shards are
 * balanced across the monorepo: the projects are planned in turn, largest first, each onto the work
 * the projects before it left in each shard (`baseMs`), which the sequencer starts from too.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { median } from '../stats.ts';
import type { HistoryStore } from '../store/history.ts';
import { type Bin, lpt } from './lpt.ts';

export const SHARD_PLAN_SCHEMA_VERSION = 1;
export const SHARD_PLAN_FILE = '.assay/shard-plan.json';

export interface ProjectPlan {
  /** Expected ms per file (relative to the project root). */
  readonly fileMs: Readonly<Record<string, number>>;
  /** The expected time of a file the plan does not know: the median file. */
  readonly unknownFileMs: number;
  /** Each shard's expected time from the projects planned before this one (absent: none). */
  readonly baseMs?: readonly number[];
  readonly shards: readonly {
    readonly index: number;
    readonly files: readonly string[];
    readonly predictedMs: number;
  }[];
}

export interface ShardPlan {
  readonly schemaVersion: typeof SHARD_PLAN_SCHEMA_VERSION;
  readonly total: number;
  readonly generatedAt: string;
  /** Runs per file the medians come from. */
  readonly runs: number;
  readonly projects: Readonly<Record<string, ProjectPlan>>;
}

export class ShardPlanError extends Error {
  override name = 'ShardPlanError';
  readonly exitCode = 2;
}

export function checkTotal(total: number): number {
  if (!Number.isInteger(total) || total < 1 || total > 256) {
    throw new ShardPlanError(`invalid shard total '${total}': expected a whole number from 1 to 256`);
  }
  return total;
}

/** Assigns files to `total` shards by expected time; files missing from `fileMs` count `unknownFileMs`. */
export function assign(
  files: readonly string[],
  fileMs: Readonly<Record<string, number>>,
  unknownFileMs: number,
  total: number,
  baseMs: readonly number[] = [],
): Bin[] {
  return lpt(
    files.map((file) => ({ id: file, ms: fileMs[file] ?? unknownFileMs })),
    total,
    baseMs,
  );
}

export async function planShards(store: HistoryStore, total: number, runs = 10): Promise<ShardPlan> {
  checkTotal(total);
  const durations = new Map<string, Map<string, number[]>>();
  for (const row of await store.recentFileTimings(runs)) {
    const files = durations.get(row.project) ?? new Map<string, number[]>();
    files.set(row.file, [...(files.get(row.file) ?? []), row.durationMs]);
    durations.set(row.project, files);
  }
  const medians = [...durations].map(([project, files]) => {
    const fileMs = Object.fromEntries([...files].map(([file, ms]) => [file, Math.round(median(ms))]));
    return { project, fileMs, totalMs: Object.values(fileMs).reduce((sum, ms) => sum + ms, 0) };
  });
  // Largest first, as longest-first does with files; by name on a tie, so every shard agrees.
  medians.sort((a, b) => b.totalMs - a.totalMs || a.project.localeCompare(b.project));
  const projects: Record<string, ProjectPlan> = {};
  let baseMs: number[] = Array.from({ length: total }, () => 0);
  for (const { project, fileMs } of medians) {
    const unknownFileMs = Math.round(median(Object.values(fileMs)));
    const bins = assign(Object.keys(fileMs), fileMs, unknownFileMs, total, baseMs);
    projects[project] = {
      fileMs,
      unknownFileMs,
      baseMs,
      shards: bins.map((bin, i) => ({
        index: bin.index,
        files: bin.jobs,
        predictedMs: Math.round(bin.predictedMs - (baseMs[i] ?? 0)),
      })),
    };
    baseMs = bins.map((bin) => bin.predictedMs);
  }
  const sorted = Object.fromEntries(Object.entries(projects).sort(([a], [b]) => a.localeCompare(b)));
  return {
    schemaVersion: SHARD_PLAN_SCHEMA_VERSION,
    total,
    generatedAt: new Date().toISOString(),
    runs,
    projects: sorted,
  };
}

export function writeShardPlan(file: string, plan: ShardPlan): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
}

/** The plan at `file`, or undefined when there is none; a malformed plan is a one-line error. */
export function readShardPlan(file: string): ShardPlan | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let plan: ShardPlan;
  try {
    plan = JSON.parse(text) as ShardPlan;
  } catch {
    throw new ShardPlanError(`${file}: not valid JSON; run 'assay shard plan --total N' again`);
  }
  if (plan?.schemaVersion !== SHARD_PLAN_SCHEMA_VERSION || typeof plan.projects !== 'object') {
    throw new ShardPlanError(`${file}: not a shard plan of schema version ${SHARD_PLAN_SCHEMA_VERSION}`);
  }
  return plan;
}

export function formatShardPlan(plan: ShardPlan): string {
  const lines: string[] = [];
  for (const [project, projectPlan] of Object.entries(plan.projects)) {
    const total = projectPlan.shards.reduce((sum, s) => sum + s.predictedMs, 0);
    lines.push(
      `${project}: ${Object.keys(projectPlan.fileMs).length} files, ${(total / 1000).toFixed(1)} s in all, ideal ${(total / plan.total / 1000).toFixed(1)} s per shard`,
    );
    for (const shard of projectPlan.shards) {
      lines.push(
        `  shard ${shard.index}/${plan.total}: ${(shard.predictedMs / 1000).toFixed(1)} s, ${shard.files.length} files`,
      );
    }
  }
  if (lines.length === 0)
    lines.push('no file timings recorded yet: run a tier first (every file gets the same weight until then)');
  else if (Object.keys(plan.projects).length > 1) lines.push(...monorepoLines(plan));
  return lines.join('\n');
}

/** What each shard runs across the workspaces: what a CI matrix leg takes. */
function monorepoLines(plan: ShardPlan): string[] {
  const perShard = Array.from({ length: plan.total }, (_, i) =>
    Object.values(plan.projects).reduce((sum, project) => sum + (project.shards[i]?.predictedMs ?? 0), 0),
  );
  const ideal = perShard.reduce((sum, ms) => sum + ms, 0) / plan.total;
  return [
    `all workspaces: ${((ideal * plan.total) / 1000).toFixed(1)} s in all, ideal ${(ideal / 1000).toFixed(1)} s per shard`,
    ...perShard.map((ms, i) => `  shard ${i + 1}/${plan.total}: ${(ms / 1000).toFixed(1)} s`),
  ];
}
