/**
 * The one way into the store: every module reads and writes through `Queryable`, whether it
 * holds the store itself (a connection per call), a session (one connection for a unit of work
 * that needs its temporary tables to survive between statements) or a transaction. Only store/
 * touches a raw `DuckDBConnection`.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

export type SqlParams = Record<string, DuckDBValue>;

export interface Queryable {
  /** Rows as JSON-safe objects (BIGINT/DECIMAL as strings, DATE as YYYY-MM-DD): cast in SQL for numbers. */
  query<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  /** Runs a statement whose rows nobody reads (DDL, INSERT, UPDATE). */
  run(sql: string, params?: SqlParams): Promise<unknown>;
}

/** One connection held for a unit of work: its temporary tables live until the session ends. */
export interface Session extends Queryable {
  /** Runs `fn` in one transaction on this session's connection: all of it or nothing. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

export const queryableOf = (conn: DuckDBConnection): Queryable => ({
  query: async <T>(sql: string, params?: SqlParams) => (await conn.runAndReadAll(sql, params)).getRowObjectsJson() as T[],
  run: (sql: string, params?: SqlParams) => conn.run(sql, params),
});

/**
 * Commits what `fn` did on `conn`, or rolls it back when `fn` (or the COMMIT) throws. A COMMIT
 * that failed (a full disk) has already rolled back: ROLLBACK would then fail and hide the real
 * error, so its own failure is ignored. Either way nothing of `fn`'s work is in the store.
 */
export async function inTransaction<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const result = await fn();
    await conn.run('COMMIT');
    return result;
  } catch (err) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

export function sessionOf(conn: DuckDBConnection): Session {
  const q = queryableOf(conn);
  return { ...q, transaction: (fn) => inTransaction(conn, () => fn(q)) };
}
