/**
 * Runs the history could not take (locked past the wait, corrupt, unreachable) wait as JSON files in
 * the pending folder, and are stored the next time the history opens: nothing recorded is lost.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from './model.ts';
import type { HistoryStore } from './store/history.ts';

export function savePending(dir: string, run: RunRecord): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${run.runId}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(run));
  renameSync(`${file}.tmp`, file); // whole or absent
  return file;
}

/** Stores every pending run, removing each file once its run is committed. Returns how many. */
export async function flushPending(dir: string, store: HistoryStore): Promise<number> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return 0;
  }
  for (const name of names) {
    const file = join(dir, name);
    await store.writeRun(JSON.parse(readFileSync(file, 'utf8')) as RunRecord);
    rmSync(file, { force: true });
  }
  return names.length;
}
