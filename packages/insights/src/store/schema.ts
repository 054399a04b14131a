/**
 * The history's tables, for SQLite and PostgreSQL alike (only the auto-numbered key differs), and
 * the queries both stores run. Queries use `?` placeholders; the PostgreSQL store numbers them.
 *
 * Runs are ordered by `seq`, the order they reached the store, never by the runners' clocks (which
 * can disagree). A test's row is keyed by its stable key; a renamed test is a new key.
 */
export const HISTORY_SCHEMA_VERSION = 4;

export type Dialect = 'sqlite' | 'postgres';

export function schema(dialect: Dialect): string[] {
  const serial = dialect === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'BIGSERIAL PRIMARY KEY';
  const clustered = dialect === 'sqlite' ? ' WITHOUT ROWID' : '';
  return [
    'CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
    `CREATE TABLE IF NOT EXISTS runs (
      seq ${serial},
      run_id TEXT NOT NULL UNIQUE,
      project TEXT NOT NULL,
      tier TEXT NOT NULL,
      session TEXT NOT NULL,
      git_sha TEXT,
      branch TEXT,
      ci_run_id TEXT,
      started_at TEXT NOT NULL,
      duration_ms DOUBLE PRECISION NOT NULL,
      executed INTEGER NOT NULL,
      replay_of TEXT,
      guard_ok INTEGER,
      guard_problems TEXT,
      passed INTEGER NOT NULL,
      failed INTEGER NOT NULL,
      skipped INTEGER NOT NULL,
      errors TEXT
    )`,
    `CREATE TABLE IF NOT EXISTS tests (
      id ${serial},
      key TEXT NOT NULL UNIQUE,
      project TEXT NOT NULL,
      file TEXT NOT NULL,
      name TEXT NOT NULL,
      tags TEXT NOT NULL,
      requirements TEXT NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS results (
      test_id BIGINT NOT NULL,
      run_seq BIGINT NOT NULL,
      status INTEGER NOT NULL,
      duration_ms DOUBLE PRECISION NOT NULL,
      retry_count INTEGER NOT NULL,
      flaky INTEGER NOT NULL,
      heap_bytes BIGINT,
      failure TEXT,
      PRIMARY KEY (test_id, run_seq)
    )${clustered}`,
    'CREATE INDEX IF NOT EXISTS results_by_run ON results (run_seq)',
    `CREATE TABLE IF NOT EXISTS file_timings (
      run_seq BIGINT NOT NULL,
      file TEXT NOT NULL,
      duration_ms DOUBLE PRECISION NOT NULL,
      PRIMARY KEY (run_seq, file)
    )${clustered}`,
    `CREATE TABLE IF NOT EXISTS measurements (
      seq ${serial},
      kind TEXT NOT NULL,
      project TEXT NOT NULL,
      name TEXT NOT NULL,
      value DOUBLE PRECISION NOT NULL,
      unit TEXT NOT NULL,
      better TEXT NOT NULL,
      git_sha TEXT,
      branch TEXT,
      recorded_at TEXT NOT NULL,
      details TEXT
    )`,
    'CREATE INDEX IF NOT EXISTS measurements_by_series ON measurements (kind, project, name, seq)',
  ];
}

/**
 * Upgrades from each earlier schema version, in order. Version 2 keeps each run's errors outside any
 * test (unhandled errors, files that failed to load), so a run that ended badly still says why.
 * Version 3 keeps a failed result's message and stack (JSON), for the dashboard's latest failures.
 * Version 4 adds the measurements table (coverage, mutation scores, benchmarks), made by `schema`.
 */
export const UPGRADES: Readonly<Record<number, readonly string[]>> = {
  1: ['ALTER TABLE runs ADD COLUMN errors TEXT'],
  2: ['ALTER TABLE results ADD COLUMN failure TEXT'],
  3: [],
};

/**
 * Taken first in the creating and upgrading transaction, so two processes opening a history at once
 * do it one after the other. SQLite's BEGIN IMMEDIATE already does; on PostgreSQL, at READ
 * COMMITTED, two CREATE TABLE IF NOT EXISTS can collide, and the second would upgrade again.
 */
export const MIGRATION_LOCK: Readonly<Record<Dialect, string | null>> = {
  sqlite: null,
  postgres: 'SELECT pg_advisory_xact_lock(2026120101)',
};

/** Status codes in the results table. */
export const STATUS_CODES = { passed: 0, failed: 1, skipped: 2, refused: 3 } as const;

export const QUERIES = {
  schemaVersion: `SELECT value FROM meta WHERE name = 'schemaVersion'`,
  setSchemaVersion: `INSERT INTO meta (name, value) VALUES ('schemaVersion', ?) ON CONFLICT (name) DO NOTHING`,
  upgradeSchemaVersion: `UPDATE meta SET value = ? WHERE name = 'schemaVersion'`,
  runExists: 'SELECT seq FROM runs WHERE run_id = ?',
  insertRun: `INSERT INTO runs (run_id, project, tier, session, git_sha, branch, ci_run_id, started_at, duration_ms,
      executed, replay_of, guard_ok, guard_problems, passed, failed, skipped, errors)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
  upsertTest: `INSERT INTO tests (key, project, file, name, tags, requirements) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET tags = excluded.tags, requirements = excluded.requirements
    RETURNING id`,
  insertResult: `INSERT INTO results (test_id, run_seq, status, duration_ms, retry_count, flaky, heap_bytes, failure)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  insertFileTiming: 'INSERT INTO file_timings (run_seq, file, duration_ms) VALUES (?, ?, ?)',
  /** Executed and replayed runs, newest first. */
  runs: `SELECT seq, run_id, project, tier, session, git_sha, branch, ci_run_id, started_at, duration_ms, executed,
      replay_of, guard_ok, passed, failed, errors
    FROM runs ORDER BY seq DESC LIMIT ?`,
  /**
   * Each test's last N results (by arrival), oldest first, one row per result: per test, one index
   * seek finds its Nth-latest run, then a range of its own rows — no sort over the whole table.
   */
  recentResults: `SELECT t.key, t.project, t.file, t.name, t.requirements, r.run_seq, u.git_sha, r.status, r.duration_ms,
      r.retry_count, r.flaky, r.failure
    FROM tests t
    JOIN results r ON r.test_id = t.id AND r.run_seq >= COALESCE(
      (SELECT x.run_seq FROM results x WHERE x.test_id = t.id ORDER BY x.run_seq DESC LIMIT 1 OFFSET ?), 0)
    JOIN runs u ON u.seq = r.run_seq
    ORDER BY t.id, r.run_seq`,
  insertMeasurement: `INSERT INTO measurements (kind, project, name, value, unit, better, git_sha, branch, recorded_at, details)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  /** Each series' last N measurements, oldest first. */
  recentMeasurements: `SELECT seq, kind, project, name, value, unit, better, git_sha, branch, recorded_at, details
    FROM (SELECT m.*, ROW_NUMBER() OVER (PARTITION BY kind, project, name ORDER BY seq DESC) AS recent
          FROM measurements m) ranked
    WHERE recent <= ?
    ORDER BY kind, project, name, seq`,
  /** Each file's timings in the last N executed runs of its project. */
  recentFileTimings: `SELECT u.project, f.file, f.duration_ms
    FROM file_timings f
    JOIN (SELECT seq, project, ROW_NUMBER() OVER (PARTITION BY project ORDER BY seq DESC) AS recent
          FROM runs WHERE executed = 1) u ON u.seq = f.run_seq
    WHERE u.recent <= ?
    ORDER BY u.project, f.file, f.run_seq`,
} as const;
