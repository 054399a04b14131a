import { HistoryStore, type InsightsPaths, insightsPaths, repoRoot } from '@assay/insights';
import { loadRepoConfig, type RepoConfig } from '@assay/tiers/config';
import { UsageError } from '../errors.ts';

/**
 * Where the repository around `from` keeps its insights: its assay.config.ts names the history
 * (`config`, when the command has loaded it already).
 */
export async function repoPaths(from = process.cwd(), config?: RepoConfig): Promise<InsightsPaths> {
  const root = repoRoot(from);
  return insightsPaths(root, process.env, (config ?? (await loadRepoConfig(root))).history);
}

/** Opens the repository's history for a command and closes it after `work`. */
export async function withHistory<T>(work: (store: HistoryStore) => Promise<T>): Promise<T> {
  const store = await HistoryStore.open((await repoPaths()).history);
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
