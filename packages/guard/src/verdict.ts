/** The run's guard verdict, from each file's record: heap growth, leaks and time against the tier's budgets. */
import type { GuardConfig } from './config.ts';
import { type FileGuardRecord, formatResource, mb } from './file-guards.ts';
import { formatDuration } from './gates.ts';
import type { OpenResource } from './resources.ts';

export const GUARD_SCHEMA_VERSION = 1;

export interface FileRun {
  readonly file: string;
  readonly durationMs: number;
  readonly guard: FileGuardRecord | undefined;
}

export interface GuardVerdict {
  readonly schemaVersion: typeof GUARD_SCHEMA_VERSION;
  readonly tier: string;
  readonly heap: {
    /** Heap growth summed over the files (what would pile up in a worker that ran them all). */
    readonly growthBytes: number;
    readonly budgetBytes: number;
    readonly fileBudgetBytes: number;
    readonly topFiles: readonly { readonly file: string; readonly growthBytes: number }[];
  };
  readonly leaks: readonly ({ readonly file: string } & OpenResource)[];
  readonly time: {
    readonly durationMs: number;
    readonly budgetMs: number;
    readonly slowestFiles: readonly { readonly file: string; readonly durationMs: number }[];
  };
  /** Why the run fails; empty when the guards pass. */
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
  readonly ok: boolean;
}

export function guardVerdict(config: GuardConfig, files: readonly FileRun[], durationMs: number): GuardVerdict {
  const growth = files.map((f) => ({
    file: f.file,
    growthBytes: f.guard ? f.guard.heapAfterBytes - f.guard.heapBeforeBytes : 0,
  }));
  const growthBytes = growth.reduce((sum, f) => sum + Math.max(0, f.growthBytes), 0);
  const topFiles = [...growth]
    .sort((a, b) => b.growthBytes - a.growthBytes)
    .filter((f) => f.growthBytes > 0)
    .slice(0, 5);
  const leaks = files.flatMap((f) => (f.guard?.leaks ?? []).map((leak) => ({ file: f.file, ...leak })));
  const slowestFiles = [...files]
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, 5)
    .map(({ file, durationMs }) => ({ file, durationMs }));

  const problems: string[] = [];
  const warnings: string[] = [];
  if (growthBytes > config.heapBudgetBytes) {
    problems.push(
      `heap grew by ${mb(growthBytes)} over the run, past the ${config.tier} budget of ${mb(config.heapBudgetBytes)}; most: ${topFiles.map((f) => `${f.file} (+${mb(f.growthBytes)})`).join(', ')}`,
    );
  }
  for (const f of growth) {
    if (f.growthBytes > config.fileHeapBudgetBytes)
      problems.push(
        `${f.file} grew the heap by ${mb(f.growthBytes)}, past the per-file budget of ${mb(config.fileHeapBudgetBytes)}`,
      );
  }
  for (const leak of leaks)
    (config.leaks === 'fail' ? problems : warnings).push(
      `${leak.file} left a ${leak.kind} open: ${formatResource(leak)}`,
    );
  if (durationMs > config.runBudgetMs) {
    problems.push(
      `the run took ${formatDuration(Math.round(durationMs / 1000) * 1000)}, past the ${config.tier} budget of ${formatDuration(config.runBudgetMs)}; slowest: ${slowestFiles.map((f) => `${f.file} (${Math.round(f.durationMs / 1000)} s)`).join(', ')}`,
    );
  }
  return {
    schemaVersion: GUARD_SCHEMA_VERSION,
    tier: config.tier,
    heap: { growthBytes, budgetBytes: config.heapBudgetBytes, fileBudgetBytes: config.fileHeapBudgetBytes, topFiles },
    leaks,
    time: { durationMs, budgetMs: config.runBudgetMs, slowestFiles },
    problems,
    warnings,
    ok: problems.length === 0,
  };
}
