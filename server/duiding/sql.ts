/**
 * What the three duiding repositories share: timestamps as ISO text, optional filters as a
 * WHERE clause, reads inside a write's transaction, and the one write queue.
 */
import { oneAtATime } from '../../store/oneAtATime.ts';
import type { Queryable, SqlParams, Store } from '../../store/store.ts';
import { InvalidInputError } from '../domainErrors.ts';
import { bumpDuidingVersion } from '../versions.ts';

export const TS = (col: string) => `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%gZ')`;

export const nowIso = () => new Date().toISOString();

/** Builds `WHERE a = $a AND ...` from the filters that were given. */
export function where(conditions: [string, unknown][]): { sql: string; params: SqlParams } {
  const given = conditions.filter(([, v]) => v !== undefined);
  const params: SqlParams = {};
  const clauses = given.map(([clause, value], i) => {
    params[`p${i}`] = value as SqlParams[string];
    return clause.replaceAll('$?', `$p${i}`);
  });
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** `afterWrite` runs after every committed write (the server drops its cached versions there). */
export type AfterWrite = () => void;

/**
 * Writes of duiding, duidingssessies and actions go one at a time, in one lane for all three:
 * each bumps the same version row, and DuckDB refuses concurrent updates of one row (a
 * transaction conflict) instead of waiting. They are small, so a queue costs milliseconds,
 * where twenty people saving at once would otherwise get errors.
 */
export function duidingWriter(store: Store, afterWrite: AfterWrite) {
  return async <T>(fn: (conn: Queryable) => Promise<T>): Promise<T> => {
    const result = await oneAtATime(store, 'duiding-write', () =>
      store.transaction(async (conn) => {
        const value = await fn(conn);
        await bumpDuidingVersion(conn);
        return value;
      }),
    );
    afterWrite();
    return result;
  };
}

/** Duiding and agenda items name a gemeente of the region, or REGIO. */
export function scopeChecker(store: Store) {
  const gemeenten = new Set(store.region.gemeenten.map((g) => g.code));
  return (code: string | null | undefined) => {
    if (code !== undefined && code !== null && code !== 'REGIO' && !gemeenten.has(code)) {
      throw new InvalidInputError(`Gemeente ${code} hoort niet bij regio ${store.region.name}; kies een gemeente van de regio of REGIO.`);
    }
  };
}

/** The first row of a read, or the domain error `missing` makes. */
export async function firstOr<T>(rows: Promise<T[]>, missing: () => Error): Promise<T> {
  const [row] = await rows;
  if (!row) throw missing();
  return row;
}
