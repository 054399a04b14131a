/**
 * @module-tag integration
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { test as fixtures } from '@assay/fixtures';
import { req } from '@assay/trace';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { syntheticRuns } from '../benchmarks/synthetic.ts';
import { analyze, HistoryStore, storeRun } from '../src/index.ts';
import { run, tempDir } from './support/sample.ts';

const WRITER = fileURLToPath(new URL('./support/writer.ts', import.meta.url));

function writer(...args: string[]): {
  child: ChildProcess;
  ready: Promise<unknown>;
  line(text: string): Promise<void>;
} {
  const child = spawn(process.execPath, [WRITER, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const line = (text: string) => new Promise<void>((resolve) => lines.on('line', (seen) => seen === text && resolve()));
  return { child, ready: line('ready'), line };
}

async function counts(history: string) {
  const store = await HistoryStore.open(history);
  try {
    const runs = await store.runs(100_000);
    return { runs: runs.length, results: runs.reduce((sum, r) => sum + r.passed + r.failed, 0) };
  } finally {
    await store.close();
  }
}

describe('the SQLite history', { meta: req('INS-002') }, () => {
  test('four processes writing at once lose nothing', async () => {
    const history = join(tempDir('concurrent'), 'history.db');
    const writers = ['@a/one', '@a/two', '@a/three', '@a/four'].map((project) => writer(history, project, '15', '200'));
    const codes = await Promise.all(writers.map(async ({ child }) => (await once(child, 'exit'))[0]));
    expect(codes).toEqual([0, 0, 0, 0]);
    expect(await counts(history)).toEqual({ runs: 60, results: 60 * 200 });
  }, 60_000);

  test('a writer killed mid-run leaves no half-written run', async () => {
    const history = join(tempDir('killed'), 'history.db');
    const store = await HistoryStore.open(history);
    await store.writeRun(run([{ name: 'kept' }]));
    await store.close();
    // One run of 200,000 results takes long enough to be killed inside its transaction.
    const { child, line } = writer(history, '@a/killed', '1', '200000');
    await line('writing');
    await new Promise((resolve) => setTimeout(resolve, 300)); // the transaction takes over a second
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(await counts(history)).toEqual({ runs: 1, results: 1 });
  }, 60_000);

  test('a history locked past the wait: one clear line, the run waits as pending and is stored later', async () => {
    const root = tempDir('locked');
    const paths = {
      root,
      history: join(root, 'history.db'),
      pending: join(root, 'pending'),
      quarantine: join(root, 'quarantine.yaml'),
      reports: join(root, 'reports'),
    };
    await (await HistoryStore.open(paths.history)).close();
    const locker = writer(paths.history, 'lock', '3000');
    await locker.ready;
    process.env.ASSAY_HISTORY_LOCK_WAIT_MS = '300';
    try {
      const outcome = await storeRun(run([{ name: 'waits' }]), paths);
      expect(outcome.stored).toBe('pending');
      expect(outcome.error).toMatch(/history\.db stayed locked by another process for 0\.3 s \(database is locked\)/);
    } finally {
      delete process.env.ASSAY_HISTORY_LOCK_WAIT_MS;
    }
    await once(locker.child, 'exit');
    expect((await storeRun(run([{ name: 'next' }]), paths)).stored).toBe('history');
    expect(await counts(paths.history)).toEqual({ runs: 2, results: 2 });
  }, 30_000);

  test('a history of schema version 1 is upgraded in place: its runs kept, the new runs’ errors and failures stored', async () => {
    const history = join(tempDir('upgrade'), 'history.db');
    // A version-1 history: the runs table as it was, without the errors column.
    const old = new DatabaseSync(history);
    old.exec(`CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('schemaVersion', '1');
      CREATE TABLE runs (seq INTEGER PRIMARY KEY, run_id TEXT NOT NULL UNIQUE, project TEXT NOT NULL, tier TEXT NOT NULL,
        session TEXT NOT NULL, git_sha TEXT, branch TEXT, ci_run_id TEXT, started_at TEXT NOT NULL,
        duration_ms DOUBLE PRECISION NOT NULL, executed INTEGER NOT NULL, replay_of TEXT, guard_ok INTEGER,
        guard_problems TEXT, passed INTEGER NOT NULL, failed INTEGER NOT NULL, skipped INTEGER NOT NULL);
      CREATE TABLE results (test_id BIGINT NOT NULL, run_seq BIGINT NOT NULL, status INTEGER NOT NULL,
        duration_ms DOUBLE PRECISION NOT NULL, retry_count INTEGER NOT NULL, flaky INTEGER NOT NULL, heap_bytes BIGINT,
        PRIMARY KEY (test_id, run_seq));
      INSERT INTO runs (run_id, project, tier, session, started_at, duration_ms, executed, passed, failed, skipped)
        VALUES ('old-run', '@sample/app', 'pr', 's', '2026-11-01T00:00:00.000Z', 10, 1, 1, 0, 0);`);
    old.close();
    const store = await HistoryStore.open(history);
    try {
      const failure = {
        message: 'expected 1 to be 2',
        stack: 'AssertionError: expected 1 to be 2\n    at test/a.test.ts:3:9',
      };
      const record = run([{ name: 'new', status: 'failed' }], { errors: [{ file: '(unhandled)', message: 'boom' }] });
      await store.writeRun({ ...record, results: record.results.map((r) => ({ ...r, failure })) });
      expect((await store.runs()).map((r) => [r.runId.startsWith('run-') ? 'new' : r.runId, r.errors])).toEqual([
        ['new', [{ file: '(unhandled)', message: 'boom' }]],
        ['old-run', []],
      ]);
      // Version 3: a failed result keeps its message and stack.
      expect((await store.recentResults(5)).map((r) => [r.name, r.failure])).toEqual([['new', failure]]);
    } finally {
      await store.close();
    }
  });

  test('a run stored twice (a retried upload) is kept once', async () => {
    const store = await HistoryStore.open(join(tempDir('twice'), 'history.db'));
    const record = run([{ name: 'once' }]);
    expect(await store.writeRun(record)).toBe(true);
    expect(await store.writeRun(record)).toBe(false);
    expect((await store.runs()).length).toBe(1);
    await store.close();
  });
});

describe('the PostgreSQL history', { meta: req('INS-002') }, () => {
  fixtures(
    'same schema and queries: the same analysis as SQLite for the same runs',
    async ({ postgres }) => {
      const sqlite = await HistoryStore.open(join(tempDir('parity'), 'history.db'));
      const shared = await HistoryStore.open(postgres.url);
      try {
        for (const record of syntheticRuns({ runs: 12, testsPerRun: 40, flakyShare: 0.2, seed: 7 })) {
          await sqlite.writeRun(record);
          await shared.writeRun(record);
        }
        const [a, b] = [(await analyze(sqlite)).report, (await analyze(shared)).report];
        const comparable = (r: typeof a) => ({ ...r, generatedAt: '', history: { ...r.history, location: '' } });
        expect(comparable(b)).toEqual(comparable(a));
        expect(a.flaky.length).toBeGreaterThan(0);
        expect(shared.location).toMatch(/^postgres:\/\/assay:\*\*\*@/);
      } finally {
        await sqlite.close();
        await shared.close();
      }
    },
    60_000,
  );

  fixtures(
    'a version-1 history opened by two processes at once is upgraded once, and both can write',
    async ({ postgres }) => {
      const old = new pg.Client({ connectionString: postgres.url });
      await old.connect();
      await old.query(`CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schemaVersion', '1');
        CREATE TABLE runs (seq BIGSERIAL PRIMARY KEY, run_id TEXT NOT NULL UNIQUE, project TEXT NOT NULL,
          tier TEXT NOT NULL, session TEXT NOT NULL, git_sha TEXT, branch TEXT, ci_run_id TEXT,
          started_at TEXT NOT NULL, duration_ms DOUBLE PRECISION NOT NULL, executed INTEGER NOT NULL,
          replay_of TEXT, guard_ok INTEGER, guard_problems TEXT, passed INTEGER NOT NULL, failed INTEGER NOT NULL,
          skipped INTEGER NOT NULL);
        CREATE TABLE results (test_id BIGINT NOT NULL, run_seq BIGINT NOT NULL, status INTEGER NOT NULL,
          duration_ms DOUBLE PRECISION NOT NULL, retry_count INTEGER NOT NULL, flaky INTEGER NOT NULL, heap_bytes BIGINT,
          PRIMARY KEY (test_id, run_seq))`);
      await old.end();
      // Two stores, two connections: their upgrade transactions overlap, as two CI runners' would.
      const stores = await Promise.all([HistoryStore.open(postgres.url), HistoryStore.open(postgres.url)]);
      try {
        for (const store of stores)
          await store.writeRun(run([{ name: 'after' }], { errors: [{ file: 'x', message: 'y' }] }));
        expect((await stores[0].runs()).map((r) => r.errors)).toEqual([
          [{ file: 'x', message: 'y' }],
          [{ file: 'x', message: 'y' }],
        ]);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    },
    60_000,
  );

  test('an unreachable PostgreSQL history is one clear line', async () => {
    await expect(HistoryStore.open('postgres://assay:secret@127.0.0.1:1/history')).rejects.toThrow(
      /^the history database postgres:\/\/assay:\*\*\*@127\.0\.0\.1:1\/history is unreachable: connect ECONNREFUSED/,
    );
  });
});
