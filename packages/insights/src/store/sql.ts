/** The little each database must offer the history store: queries returning rows as arrays, and transactions. */
export type Row = unknown[];

export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the history is, for messages (a path, or the URL without its password). */
  readonly location: string;
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs `work` in one write transaction: all of it is stored, or none. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The history cannot be used: corrupt, locked past the wait, unreachable. One line, exit 1. */
export class HistoryError extends Error {
  override name = 'HistoryError';
  readonly exitCode = 1;
}
