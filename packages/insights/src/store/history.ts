/** The history of test runs: written by the recorder, read by the analyses, over SQLite or PostgreSQL. */
import type { Better } from '../analysis/baselines.ts';
import type { MeasurementBatch, MeasurementKind, MeasurementRow } from '../measurements/model.ts';
import { RECORD_SCHEMA_VERSION, type RunError, type RunRecord, type TestFailure, type TestResult } from '../model.ts';
import { PostgresSql } from './postgres.ts';
import { HISTORY_SCHEMA_VERSION, MIGRATION_LOCK, QUERIES, STATUS_CODES, schema, UPGRADES } from './schema.ts';
import { HistoryError, type Sql } from './sql.ts';
import { SqliteSql } from './sqlite.ts';

/** One result of a test, as the analyses read it (oldest first per test). */
export interface ResultRow
  extends Pick<
    TestResult,
    'key' | 'project' | 'file' | 'name' | 'requirements' | 'status' | 'durationMs' | 'retryCount' | 'flaky'
  > {
  readonly runSeq: number;
  readonly gitSha: string | null;
  /** A failed result's message and stack, when the run kept them. */
  readonly failure: TestFailure | null;
}

export interface StoredRun
  extends Pick<
    RunRecord,
    'runId' | 'project' | 'tier' | 'session' | 'gitSha' | 'branch' | 'ciRunId' | 'startedAt' | 'durationMs'
  > {
  readonly seq: number;
  /** False for a turbo cache replay: its results are the earlier run's, not counted again. */
  readonly executed: boolean;
  readonly replayOf: string | null;
  readonly guardOk: boolean | null;
  readonly passed: number;
  readonly failed: number;
  /** Errors outside any test: unhandled errors, files that failed to load. */
  readonly errors: readonly RunError[];
}

export interface FileTimingRow {
  readonly project: string;
  readonly file: string;
  readonly durationMs: number;
}

/** A replay of an earlier run by turbo's cache: recorded so the run shows, never counted. */
export interface Replay {
  readonly runId: string;
  readonly replayOf: string;
  readonly project: string;
  readonly tier: string;
  readonly session: string;
  readonly gitSha: string | null;
  readonly startedAt: string;
}

const STATUS_BY_CODE = ['passed', 'failed', 'skipped', 'refused'] as const;

export class HistoryStore {
  readonly #sql: Sql;

  private constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Opens (and creates, the first time) the history at a SQLite path or a postgres:// URL. */
  static async open(location: string): Promise<HistoryStore> {
    const sql = /^postgres(ql)?:\/\//.test(location) ? new PostgresSql(location) : new SqliteSql(location);
    const store = new HistoryStore(sql);
    try {
      await store.#migrate();
    } catch (error) {
      await sql.close();
      throw error;
    }
    return store;
  }

  get location(): string {
    return this.#sql.location;
  }

  async #migrate(): Promise<void> {
    // One transaction at a time: two processes opening an old history at once upgrade it once.
    const lock = MIGRATION_LOCK[this.#sql.dialect];
    const version = await this.#sql.transaction(async () => {
      if (lock) await this.#sql.all(lock);
      for (const statement of schema(this.#sql.dialect)) await this.#sql.all(statement);
      await this.#sql.all(QUERIES.setSchemaVersion, [String(HISTORY_SCHEMA_VERSION)]);
      const [[found] = []] = await this.#sql.all(QUERIES.schemaVersion);
      let current = Number(found);
      for (; current < HISTORY_SCHEMA_VERSION && UPGRADES[current]; current += 1) {
        for (const statement of UPGRADES[current] ?? []) await this.#sql.all(statement);
        await this.#sql.all(QUERIES.upgradeSchemaVersion, [String(current + 1)]);
      }
      return current;
    });
    if (version !== HISTORY_SCHEMA_VERSION) {
      throw new HistoryError(
        `the history database ${this.location} has schema version ${version}; this Assay reads version ${HISTORY_SCHEMA_VERSION}`,
      );
    }
  }

  /** Stores a run in one transaction. A run already there (by its id) is left alone: returns false. */
  async writeRun(run: RunRecord): Promise<boolean> {
    if (run.schemaVersion !== RECORD_SCHEMA_VERSION) {
      throw new HistoryError(
        `run ${run.runId} has schema version ${run.schemaVersion}; expected ${RECORD_SCHEMA_VERSION}`,
      );
    }
    const sql = this.#sql;
    return sql.transaction(async () => {
      if ((await sql.all(QUERIES.runExists, [run.runId])).length > 0) return false;
      const [[seq] = []] = await sql.all(QUERIES.insertRun, [
        run.runId,
        run.project,
        run.tier,
        run.session,
        run.gitSha,
        run.branch,
        run.ciRunId,
        run.startedAt,
        run.durationMs,
        1,
        null,
        run.guard ? Number(run.guard.ok) : null,
        run.guard ? JSON.stringify(run.guard.problems) : null,
        run.results.filter((r) => r.status === 'passed').length,
        run.results.filter((r) => r.status === 'failed').length,
        run.results.filter((r) => r.status === 'skipped').length,
        run.errors?.length ? JSON.stringify(run.errors) : null,
      ]);
      for (const result of run.results) {
        const [[testId] = []] = await sql.all(QUERIES.upsertTest, [
          result.key,
          result.project,
          result.file,
          result.name,
          JSON.stringify(result.tags),
          JSON.stringify(result.requirements),
        ]);
        await sql.all(QUERIES.insertResult, [
          testId,
          seq,
          STATUS_CODES[result.status],
          result.durationMs,
          result.retryCount,
          Number(result.flaky),
          result.heapBytes,
          result.failure ? JSON.stringify(result.failure) : null,
        ]);
      }
      for (const file of run.files) await sql.all(QUERIES.insertFileTiming, [seq, file.file, file.durationMs]);
      await this.#insertMeasurements({
        gitSha: run.gitSha,
        branch: run.branch,
        recordedAt: run.startedAt,
        measurements: run.measurements ?? [],
      });
      return true;
    });
  }

  /** Stores measurements taken outside a test run (a mutation run, benchmarks), in one transaction. */
  async writeMeasurements(batch: MeasurementBatch): Promise<void> {
    await this.#sql.transaction(() => this.#insertMeasurements(batch));
  }

  async #insertMeasurements(batch: MeasurementBatch): Promise<void> {
    for (const m of batch.measurements) {
      await this.#sql.all(QUERIES.insertMeasurement, [
        m.kind,
        m.project,
        m.name,
        m.value,
        m.unit,
        m.better,
        batch.gitSha,
        batch.branch,
        batch.recordedAt,
        m.details === undefined ? null : JSON.stringify(m.details),
      ]);
    }
  }

  /** Each series' last `perSeries` measurements, grouped by series, oldest first. */
  async recentMeasurements(perSeries: number): Promise<MeasurementRow[]> {
    const rows = await this.#sql.all(QUERIES.recentMeasurements, [perSeries]);
    return rows.map((r) => ({
      seq: Number(r[0]),
      kind: r[1] as MeasurementKind,
      project: r[2] as string,
      name: r[3] as string,
      value: Number(r[4]),
      unit: r[5] as string,
      better: r[6] as Better,
      gitSha: r[7] as string | null,
      branch: r[8] as string | null,
      recordedAt: r[9] as string,
      ...(r[10] ? { details: JSON.parse(r[10] as string) as unknown } : {}),
    }));
  }

  async recordReplay(replay: Replay): Promise<void> {
    await this.#sql.transaction(async () => {
      if ((await this.#sql.all(QUERIES.runExists, [replay.runId])).length > 0) return;
      await this.#sql.all(QUERIES.insertRun, [
        replay.runId,
        replay.project,
        replay.tier,
        replay.session,
        replay.gitSha,
        null,
        null,
        replay.startedAt,
        0,
        0,
        replay.replayOf,
        null,
        null,
        0,
        0,
        0,
      ]);
    });
  }

  /** The latest runs, newest first. */
  async runs(limit = 1_000): Promise<StoredRun[]> {
    const rows = await this.#sql.all(QUERIES.runs, [limit]);
    return rows.map((r) => ({
      seq: Number(r[0]),
      runId: r[1] as string,
      project: r[2] as string,
      tier: r[3] as string,
      session: r[4] as string,
      gitSha: r[5] as string | null,
      branch: r[6] as string | null,
      ciRunId: r[7] as string | null,
      startedAt: r[8] as string,
      durationMs: Number(r[9]),
      executed: Number(r[10]) === 1,
      replayOf: r[11] as string | null,
      guardOk: r[12] === null ? null : Number(r[12]) === 1,
      passed: Number(r[13]),
      failed: Number(r[14]),
      errors: r[15] ? (JSON.parse(r[15] as string) as RunError[]) : [],
    }));
  }

  /** Every test's last `perTest` results, grouped by test, oldest first. */
  async recentResults(perTest: number): Promise<ResultRow[]> {
    const rows = await this.#sql.all(QUERIES.recentResults, [perTest - 1]);
    const requirements = new Map<string, readonly string[]>();
    return rows.map((r) => {
      const json = r[4] as string;
      let parsed = requirements.get(json);
      if (!parsed) {
        parsed = JSON.parse(json) as string[];
        requirements.set(json, parsed);
      }
      return {
        key: r[0] as string,
        project: r[1] as string,
        file: r[2] as string,
        name: r[3] as string,
        requirements: parsed,
        runSeq: Number(r[5]),
        gitSha: r[6] as string | null,
        status: STATUS_BY_CODE[Number(r[7])] ?? 'skipped',
        durationMs: Number(r[8]),
        retryCount: Number(r[9]),
        flaky: Number(r[10]) === 1,
        failure: r[11] ? (JSON.parse(r[11] as string) as TestFailure) : null,
      };
    });
  }

  /** Each file's timings in the last `perProject` executed runs of its project, oldest first. */
  async recentFileTimings(perProject: number): Promise<FileTimingRow[]> {
    const rows = await this.#sql.all(QUERIES.recentFileTimings, [perProject]);
    return rows.map((r) => ({ project: r[0] as string, file: r[1] as string, durationMs: Number(r[2]) }));
  }

  async close(): Promise<void> {
    await this.#sql.close();
  }
}
