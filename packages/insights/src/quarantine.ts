/**
 * The quarantine: a committed list (quarantine.yaml at the repository root) of tests whose failures
 * do not fail their tier. They still run and are still recorded. `updateQuarantine` adds tests the
 * history shows flaky — never broken ones — and releases a test after K clean runs in a row.
 *
 *   schemaVersion: 1
 *   tests:
 *     - key: "@app/x › test/a.test.ts › sums"
 *       reason: "flaky: flip rate 0.4; same commit abc1234 passed and failed"
 *       since: 2026-11-22
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { ranTheCode, type TestVerdict } from './analysis/flaky.ts';
import type { TestHistory } from './analysis/histories.ts';

export const QUARANTINE_SCHEMA_VERSION = 1;

export interface QuarantineEntry {
  readonly key: string;
  readonly reason: string;
  /** The date it entered quarantine (YYYY-MM-DD). */
  readonly since: string;
}

export interface QuarantineList {
  readonly schemaVersion: typeof QUARANTINE_SCHEMA_VERSION;
  readonly tests: readonly QuarantineEntry[];
}

export class QuarantineError extends Error {
  override name = 'QuarantineError';
  readonly exitCode = 2;
}

/** The list at `file`; an absent file is an empty list. A malformed one is a one-line error. */
export function readQuarantine(file: string): QuarantineList {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { schemaVersion: QUARANTINE_SCHEMA_VERSION, tests: [] };
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new QuarantineError(`${file}: not valid YAML: ${(error as Error).message.split('\n', 1)[0]}`);
  }
  const list = data as { schemaVersion?: unknown; tests?: unknown } | null;
  if (list?.schemaVersion !== QUARANTINE_SCHEMA_VERSION) {
    throw new QuarantineError(`${file}: schemaVersion must be ${QUARANTINE_SCHEMA_VERSION}`);
  }
  if (!Array.isArray(list.tests)) throw new QuarantineError(`${file}: 'tests' must be a list`);
  list.tests.forEach((entry: { key?: unknown; reason?: unknown; since?: unknown }, index: number) => {
    if (typeof entry?.key !== 'string' || entry.key === '') {
      throw new QuarantineError(`${file}: tests[${index}] needs a 'key' (project › file › full name)`);
    }
  });
  return {
    schemaVersion: QUARANTINE_SCHEMA_VERSION,
    tests: list.tests.map((entry: { key: string; reason?: unknown; since?: unknown }) => ({
      key: entry.key,
      reason: String(entry.reason ?? ''),
      since: String(entry.since ?? ''),
    })),
  };
}

export function writeQuarantine(file: string, list: QuarantineList): void {
  const sorted = { ...list, tests: [...list.tests].sort((a, b) => a.key.localeCompare(b.key)) };
  writeFileSync(file, stringify(sorted, { lineWidth: 0 }));
}

export function quarantinedKeys(file: string): ReadonlySet<string> {
  return new Set(readQuarantine(file).tests.map((entry) => entry.key));
}

export interface QuarantineChange {
  readonly added: readonly QuarantineEntry[];
  readonly released: readonly QuarantineEntry[];
  readonly list: QuarantineList;
}

function reasonFor(verdict: TestVerdict): string {
  const { evidence } = verdict;
  const parts = [`flip rate ${evidence.flipRate}`];
  if (evidence.sameCommit.length > 0) parts.push(`passed and failed on ${evidence.sameCommit[0]?.slice(0, 7)}`);
  if (evidence.passedOnRetry > 0) parts.push(`passed on retry ${evidence.passedOnRetry}×`);
  return `flaky (score ${verdict.score}): ${parts.join('; ')}`;
}

/**
 * The list after the history's verdicts: flaky tests in, and tests with `cleanRuns` clean results in
 * a row (passed, first try) out. Broken tests stay out: quarantine hides flakiness, not breakage.
 */
export function updateQuarantine(
  list: QuarantineList,
  verdicts: readonly TestVerdict[],
  histories: readonly TestHistory[],
  options: { cleanRuns: number; today: string },
): QuarantineChange {
  const historyOf = new Map(histories.map((h) => [h.key, h]));
  const released = list.tests.filter((entry) => {
    const executed = (historyOf.get(entry.key)?.results ?? []).filter(ranTheCode);
    const tail = executed.slice(-options.cleanRuns);
    return (
      tail.length >= options.cleanRuns && tail.every((r) => r.status === 'passed' && !r.flaky && r.retryCount === 0)
    );
  });
  const kept = list.tests.filter((entry) => !released.includes(entry));
  const present = new Set(kept.map((entry) => entry.key));
  const releasedKeys = new Set(released.map((entry) => entry.key));
  const added = verdicts
    .filter((v) => v.status === 'flaky' && !present.has(v.key) && !releasedKeys.has(v.key))
    .map((v) => ({ key: v.key, reason: reasonFor(v), since: options.today }));
  return { added, released, list: { schemaVersion: QUARANTINE_SCHEMA_VERSION, tests: [...kept, ...added] } };
}
