/** A shared history in PostgreSQL, for teams whose CI runners should see one history. */
import pg from 'pg';
import { HistoryError, type Row, type Sql } from './sql.ts';

/** `?` placeholders numbered for PostgreSQL ($1, $2, …); the queries hold no literal question marks. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export class PostgresSql implements Sql {
  readonly dialect = 'postgres' as const;
  readonly location: string;
  readonly #pool: pg.Pool;
  /** The client of the transaction in progress: queries inside it must use it. */
  #inTransaction: pg.PoolClient | undefined;

  constructor(url: string) {
    const shown = new URL(url);
    shown.password = shown.password ? '***' : '';
    this.location = shown.toString();
    this.#pool = new pg.Pool({ connectionString: url, max: 2 });
    this.#pool.on('error', () => {});
  }

  async all(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    try {
      const runner = this.#inTransaction ?? this.#pool;
      const result = await runner.query({ text: numbered(sql), values: params as unknown[], rowMode: 'array' });
      return result.rows as Row[];
    } catch (error) {
      throw new HistoryError(`the history database ${this.location}: ${(error as Error).message}`);
    }
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const client = await this.#pool.connect().catch((error: Error) => {
      throw new HistoryError(`the history database ${this.location} is unreachable: ${error.message}`);
    });
    this.#inTransaction = client;
    try {
      await client.query('BEGIN');
      const result = await work();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      this.#inTransaction = undefined;
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
