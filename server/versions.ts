/**
 * The two versions HTTP caching hangs on: the data version (bumped by every committed load)
 * and the duiding version (bumped by every write of duiding, sessions or actions). Reading
 * them is one small query; concurrent requests share one read so a crowd of 100 does not
 * queue 100 DuckDB connections.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Store } from '../store/store.ts';

export interface VersionPair {
  data: number;
  duiding: number;
}

export interface Versions {
  read(): Promise<VersionPair>;
  /** After a write in this process: the next read must go to the store. */
  invalidate(): void;
}

/**
 * This server holds the DuckDB file open for writing, so no other process can load into it:
 * every change comes through this process, which calls `invalidate`. The short lifetime is a
 * safety net for writes in this process that bypass the routes (a script calling the ETL on
 * the same store object), not the mechanism.
 */
export function createVersions(store: Store, maxAgeMs = 250): Versions {
  let cached: { value: VersionPair; at: number } | null = null;
  let inFlight: Promise<VersionPair> | null = null;
  // Bumped by invalidate: a read that started before a write must not be remembered after it.
  let generation = 0;

  const load = async (): Promise<VersionPair> => {
    const rows = await store.query<{ key: string; value: string }>(
      `SELECT key, value FROM meta WHERE key IN ('data_version', 'duiding_version')`,
    );
    const get = (key: string) => Number(rows.find((r) => r.key === key)?.value ?? 0);
    return { data: get('data_version'), duiding: get('duiding_version') };
  };

  return {
    read() {
      if (cached && Date.now() - cached.at < maxAgeMs) return Promise.resolve(cached.value);
      if (!inFlight) {
        const started = generation;
        const mine: Promise<VersionPair> = load()
          .then((value) => {
            if (generation === started) cached = { value, at: Date.now() };
            return value;
          })
          .finally(() => {
            if (inFlight === mine) inFlight = null;
          });
        inFlight = mine;
      }
      return inFlight;
    },
    invalidate() {
      generation++;
      cached = null;
      inFlight = null;
    },
  };
}

/** Bumps the duiding version inside the caller's transaction. */
export async function bumpDuidingVersion(conn: DuckDBConnection): Promise<void> {
  await conn.run(
    `INSERT INTO meta VALUES ('duiding_version', '1')
     ON CONFLICT (key) DO UPDATE SET value = (CAST(meta.value AS INTEGER) + 1)::VARCHAR`,
  );
}
