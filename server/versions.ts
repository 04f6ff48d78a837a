/**
 * The two versions HTTP caching hangs on (kept by store/versions.ts: the data version, bumped
 * by every committed load, and the duiding version, bumped by every write of duiding, sessions
 * or actions). Reading them is one small query; concurrent requests share one read so a crowd
 * of 100 does not queue 100 DuckDB connections.
 */
import type { Queryable } from '../store/queryable.ts';
import type { Store } from '../store/store.ts';
import { bumpVersion, readVersions, type VersionPair } from '../store/versions.ts';

export type { VersionPair } from '../store/versions.ts';

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

  const load = (): Promise<VersionPair> => readVersions(store);

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
export const bumpDuidingVersion = (tx: Pick<Queryable, 'run'>): Promise<void> => bumpVersion(tx, 'duiding');
