/**
 * A process writing to a history, for the concurrency and crash tests:
 *   node writer.ts <history> <project> <runs> <tests-per-run>   writes that many runs
 *   node writer.ts <history> lock <ms>                           holds the write lock that long
 * Prints "ready" once started, and "writing" as each run's transaction begins.
 */
import { DatabaseSync } from 'node:sqlite';
import { syntheticRuns } from '../../benchmarks/synthetic.ts';
import { HistoryStore } from '../../src/store/history.ts';

const [history, project, runs, tests] = process.argv.slice(2) as [string, string, string, string];
if (project === 'lock') {
  const db = new DatabaseSync(history);
  db.exec('BEGIN EXCLUSIVE');
  console.log('ready');
  setTimeout(() => {
    db.exec('COMMIT');
    db.close();
  }, Number(runs));
} else {
  const store = await HistoryStore.open(history);
  console.log('ready');
  for (const run of syntheticRuns({ runs: Number(runs), testsPerRun: Number(tests), project, seed: process.pid })) {
    console.log('writing');
    await store.writeRun({ ...run, runId: `${project}-${run.runId}` });
  }
  await store.close();
}
