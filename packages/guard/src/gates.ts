/**
 * Safety gates: runs that need a person's yes, and soak runs too long for a workstation.
 * A refusal is an expected outcome, not a crash: it carries a one-line message and exit code 1.
 */

export class GateRefusal extends Error {
  override name = 'GateRefusal';
  readonly exitCode = 1;
}

/** Bad gate input (an unparsable duration): exit code 2, like every usage error. */
export class GateInputError extends Error {
  override name = 'GateInputError';
  readonly exitCode = 2;
}

type Env = Readonly<Record<string, string | undefined>>;

export function isCI(env: Env = process.env): boolean {
  const ci = env.CI?.toLowerCase();
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** The environment variable that confirms a category without a prompt, e.g. ASSAY_CONFIRM_DESTRUCTIVE. */
export function confirmationVariable(category: string): string {
  // A shell cannot export a name with a dash: data-wipe is confirmed by ASSAY_CONFIRM_DATA_WIPE.
  return `ASSAY_CONFIRM_${category.toUpperCase().replaceAll('-', '_')}`;
}

export function isConfirmed(category: string, env: Env = process.env): boolean {
  return env[confirmationVariable(category)] === 'yes';
}

export interface ConfirmRequest {
  /** The category whose tests would run, e.g. `destructive`. */
  readonly category: string;
  /** How many of its tests are selected; unknown before a monorepo run collects them. */
  readonly count?: number;
  readonly env?: Env;
  /**
   * Asks a person on a terminal and resolves to their answer; absent when there is no terminal.
   * The question defaults to No.
   */
  readonly ask?: (question: string) => Promise<boolean>;
}

/**
 * Resolves when the run may go ahead: the category is confirmed by its variable or, on a terminal,
 * by a `y`. Throws a GateRefusal otherwise.
 */
export async function confirmCategory(request: ConfirmRequest): Promise<void> {
  const { category, count, env = process.env, ask } = request;
  const variable = confirmationVariable(category);
  if (count === 0 || isConfirmed(category, env)) return;
  const what = count === undefined ? `the ${category} tests` : `${count} ${category} test${count === 1 ? '' : 's'}`;
  if (ask && (await ask(`Run ${what}? [y/N] `))) return;
  throw new GateRefusal(
    ask
      ? `refused to run ${what}: not confirmed (answer y, or set ${variable}=yes)`
      : `refused to run ${what} without confirmation: set ${variable}=yes, or run on a terminal and answer y`,
  );
}

/** Soak runs longer than this are refused outside CI. */
export const LOCAL_SOAK_LIMIT_MS = 60 * 60 * 1000;

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses durations such as `500ms`, `30s`, `15m`, `1h`, `24h`. */
export function parseDuration(text: string, source = 'duration'): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) {
    throw new GateInputError(`invalid ${source} '${text}': expected a number and a unit, like 30s, 15m, 1h or 24h`);
  }
  return Number(match[1]) * (UNIT_MS[match[2] as string] as number);
}

export function formatDuration(ms: number): string {
  for (const unit of ['h', 'm', 's'] as const) {
    const size = UNIT_MS[unit] as number;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** Throws a GateRefusal when a soak of this length may not run here (longer than 1 h outside CI). */
export function checkSoakDuration(ms: number, env: Env = process.env): void {
  if (ms > LOCAL_SOAK_LIMIT_MS && !isCI(env)) {
    throw new GateRefusal(
      `refused: a ${formatDuration(ms)} soak runs only in CI (CI=true); locally soak runs are limited to ${formatDuration(LOCAL_SOAK_LIMIT_MS)}`,
    );
  }
}
