/**
 * Guard settings per tier, overridable by environment variables (a bad value is one line, exit 2):
 *
 *   ASSAY_HEAP_BUDGET_MB        heap a run may grow, summed over its test files   (pr 500, nightly 500, weekly 1000)
 *   ASSAY_FILE_HEAP_BUDGET_MB   heap one test file may grow                        (200 in every tier)
 *   ASSAY_LEAKS                 fail | warn | off: resources a test file leaves open (pr warn, nightly and weekly fail)
 *   ASSAY_RUN_BUDGET            a whole run's wall time, e.g. 5m                   (pr 5m, nightly 60m, weekly 6h)
 *   ASSAY_MAX_WORKERS           test workers at once                               (Vitest's default unless set)
 *   ASSAY_WORKER_MEMORY_MB      each worker's heap cap (--max-old-space-size)      (pr 2048, nightly and weekly 4096)
 *   ASSAY_MIN_OPEN_FILES        the open-file limit a run needs                    (pr 1024, nightly and weekly 4096)
 *   ASSAY_HANG_AFTER            a test file still running this long is named as hanging (pr 2m, nightly 15m, weekly 30m:
 *                               past the longest category timeout of the tier)
 *   ASSAY_GUARDS                on | off: the per-file guards (heap, leaks) at all (on)
 */
import { GateInputError, parseDuration } from './gates.ts';

export type LeakMode = 'fail' | 'warn' | 'off';

export interface GuardConfig {
  readonly tier: string;
  /** Whether the per-file guards (heap, leaks) run at all. */
  readonly enabled: boolean;
  readonly heapBudgetBytes: number;
  readonly fileHeapBudgetBytes: number;
  readonly leaks: LeakMode;
  readonly runBudgetMs: number;
  /** A test file still running after this long is named as hanging. */
  readonly hangAfterMs: number;
  readonly maxWorkers: number | undefined;
  readonly workerMemoryMb: number;
  readonly minOpenFiles: number;
}

const MB = 1024 * 1024;

const DEFAULTS: Readonly<Record<string, Omit<GuardConfig, 'tier' | 'enabled'>>> = {
  pr: {
    heapBudgetBytes: 500 * MB,
    fileHeapBudgetBytes: 200 * MB,
    leaks: 'warn',
    runBudgetMs: 5 * 60_000,
    hangAfterMs: 2 * 60_000,
    maxWorkers: undefined,
    workerMemoryMb: 2048,
    minOpenFiles: 1024,
  },
  nightly: {
    heapBudgetBytes: 500 * MB,
    fileHeapBudgetBytes: 200 * MB,
    leaks: 'fail',
    runBudgetMs: 60 * 60_000,
    hangAfterMs: 15 * 60_000,
    maxWorkers: undefined,
    workerMemoryMb: 4096,
    minOpenFiles: 4096,
  },
  weekly: {
    heapBudgetBytes: 1000 * MB,
    fileHeapBudgetBytes: 200 * MB,
    leaks: 'fail',
    runBudgetMs: 6 * 60 * 60_000,
    hangAfterMs: 30 * 60_000,
    maxWorkers: undefined,
    workerMemoryMb: 4096,
    minOpenFiles: 4096,
  },
};

type Env = Readonly<Record<string, string | undefined>>;

function positive(env: Env, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new GateInputError(`invalid ${name} '${text}': expected a positive number`);
  }
  return value;
}

function whole(env: Env, name: string): number | undefined {
  const value = positive(env, name);
  if (value !== undefined && !Number.isInteger(value)) {
    throw new GateInputError(`invalid ${name} '${env[name]}': expected a whole number`);
  }
  return value;
}

export function guardConfig(tier: string, env: Env = process.env): GuardConfig {
  const defaults = DEFAULTS[tier];
  if (!defaults)
    throw new GateInputError(
      `unknown tier '${tier}' for the guards: expected one of ${Object.keys(DEFAULTS).join(', ')}`,
    );
  const leaks = env.ASSAY_LEAKS || defaults.leaks;
  if (leaks !== 'fail' && leaks !== 'warn' && leaks !== 'off') {
    throw new GateInputError(`invalid ASSAY_LEAKS '${leaks}': expected fail, warn or off`);
  }
  const guards = env.ASSAY_GUARDS || 'on';
  if (guards !== 'on' && guards !== 'off')
    throw new GateInputError(`invalid ASSAY_GUARDS '${guards}': expected on or off`);
  const heap = positive(env, 'ASSAY_HEAP_BUDGET_MB');
  const fileHeap = positive(env, 'ASSAY_FILE_HEAP_BUDGET_MB');
  return {
    tier,
    enabled: guards === 'on',
    heapBudgetBytes: heap === undefined ? defaults.heapBudgetBytes : heap * MB,
    fileHeapBudgetBytes: fileHeap === undefined ? defaults.fileHeapBudgetBytes : fileHeap * MB,
    leaks,
    runBudgetMs: env.ASSAY_RUN_BUDGET ? parseDuration(env.ASSAY_RUN_BUDGET, 'ASSAY_RUN_BUDGET') : defaults.runBudgetMs,
    hangAfterMs: env.ASSAY_HANG_AFTER ? parseDuration(env.ASSAY_HANG_AFTER, 'ASSAY_HANG_AFTER') : defaults.hangAfterMs,
    maxWorkers: whole(env, 'ASSAY_MAX_WORKERS') ?? defaults.maxWorkers,
    workerMemoryMb: whole(env, 'ASSAY_WORKER_MEMORY_MB') ?? defaults.workerMemoryMb,
    minOpenFiles: whole(env, 'ASSAY_MIN_OPEN_FILES') ?? defaults.minOpenFiles,
  };
}
