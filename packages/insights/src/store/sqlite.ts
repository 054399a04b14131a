/** The default history: a SQLite file (node:sqlite) in a git-ignored folder of the repository. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { HistoryError, type Row, type Sql } from './sql.ts';

/** How long a writer waits for another (turbo runs workspaces in parallel) before giving up. */
export function lockWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.ASSAY_HISTORY_LOCK_WAIT_MS ?? 15_000);
}

function explain(path: string, error: unknown): HistoryError {
  const message = (error as Error).message;
  if (/not a database|malformed|corrupt/i.test(message)) {
    return new HistoryError(
      `the history database ${path} is corrupt (${message}): move it aside to start a new history; runs that could not be stored wait in its pending folder`,
    );
  }
  if (/locked|busy/i.test(message)) {
    return new HistoryError(
      `the history database ${path} stayed locked by another process for ${lockWaitMs() / 1000} s (${message})`,
    );
  }
  return new HistoryError(`the history database ${path}: ${message}`);
}

export class SqliteSql implements Sql {
  readonly dialect = 'sqlite' as const;
  readonly location: string;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();

  constructor(path: string) {
    this.location = path;
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.#db = new DatabaseSync(path, { timeout: lockWaitMs() });
      // WAL: readers never block the writer, and a killed writer's transaction is simply not there.
      this.#db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
    } catch (error) {
      throw explain(path, error);
    }
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      statement.setReturnArrays(true);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async all(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      return this.#prepare(sql).all(...(params as never[])) as unknown as Row[];
    } catch (error) {
      throw explain(this.location, error);
    }
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    try {
      this.#db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      throw explain(this.location, error);
    }
    try {
      const result = await work();
      this.#db.exec('COMMIT');
      return result;
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}
