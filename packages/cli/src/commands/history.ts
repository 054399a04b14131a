import { HistoryStore, insightsPaths } from '@assay/insights';
import { UsageError } from '../errors.ts';

/** Opens the repository's history for a command and closes it after `work`. */
export async function withHistory<T>(work: (store: HistoryStore) => Promise<T>): Promise<T> {
  const store = await HistoryStore.open(insightsPaths().history);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export function readCount(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1)
    throw new UsageError(`invalid --${option} '${value}': expected a whole number above 0`);
  return count;
}

/** Prints a line about progress on stderr, so --json output stays clean. */
export function progress(line: string): void {
  if (process.stderr.isTTY || process.env.CI) process.stderr.write(`assay: ${line}\n`);
}
