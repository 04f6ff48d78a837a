/**
 * The embedded DuckDB store: one instance per process, a connection per unit of work,
 * versioned schema, and a data version that changes with every committed load so that
 * caches (indicators, HTTP ETags) know when to recompute.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { RegionConfig } from '../region/config.ts';
import { inTransaction, queryableOf, sessionOf, type Queryable, type Session, type SqlParams } from './queryable.ts';
import { seedReference } from './reference.ts';
import { bumpVersion, readVersions } from './versions.ts';

export type { Queryable, Session, SqlParams } from './queryable.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The handle a transaction's work gets: reads inside it see its own writes. */
export type Transaction = Queryable;

/** Each call of `query`/`run` on the store takes a connection of its own and gives it back. */
export interface Store extends Queryable {
  readonly path: string;
  readonly region: RegionConfig;
  /** Runs `fn` on a raw connection of its own, closed after: for store/ itself (backup, check), which needs DuckDB statements beyond `Queryable`. */
  withConnection<T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T>;
  /** Runs `fn` in one transaction on its own connection: all of it or nothing. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` on one connection held for its whole duration, closed after: for work whose
   * temporary tables (per connection in DuckDB) must live across statements, such as the
   * ETL's staging table and the indicator facts.
   */
  session<T>(fn: (session: Session) => Promise<T>): Promise<T>;
  /** Changes with every committed data load (not with duiding writes). */
  dataVersion(): Promise<number>;
  schemaVersion(): Promise<number>;
  /**
   * Refuses new work, waits for the work running on its connections, then closes the file.
   * DuckDB keeps a database open while any connection to it lives, so closing the instance
   * under running work (a background warm-up after an upload) left the file open: its final
   * checkpoint then removed the WAL under the next open of the same file. Resolves once the
   * file is really closed; never rejects.
   */
  close(): Promise<void>;
}

/** Work asked of a store after `close()`. */
export class StoreClosedError extends Error {
  constructor(path: string) {
    super(`De store ${path} is gesloten; er wordt niets meer gelezen of geschreven.`);
  }
}

/** Bumps the data version inside the caller's transaction. */
export const bumpDataVersion = (tx: Pick<Queryable, 'run'>): Promise<void> => bumpVersion(tx, 'data');

function migrations(dir: string): { version: number; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number.parseInt(f, 10), sql: readFileSync(join(dir, f), 'utf8') }));
}

async function currentVersion(conn: DuckDBConnection): Promise<number> {
  const hasMeta = await conn.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'`,
  );
  if ((hasMeta.getRowObjectsJson()[0].n as number) === 0) return 0;
  const row = await conn.runAndReadAll(`SELECT value FROM meta WHERE key = 'schema_version'`);
  return Number(row.getRowObjectsJson()[0]?.value ?? 0);
}

/** Each migration is one transaction with its version stamp: one that fails halfway leaves the store at the version before it. */
async function migrate(conn: DuckDBConnection, dir: string, current: number): Promise<void> {
  for (const m of migrations(dir).filter((m) => m.version > current)) {
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(m.sql);
      await conn.run(
        `INSERT INTO meta VALUES ('schema_version', $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        { v: String(m.version) },
      );
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK');
      throw new Error(`migratie ${m.version} mislukt: ${(err as Error).message}`);
    }
  }
}

/** Mirrors the region's reference data into the store, so SQL can join on it. */
async function syncRegion(conn: DuckDBConnection, region: RegionConfig): Promise<void> {
  const stored = await conn.runAndReadAll(`SELECT value FROM meta WHERE key = 'region_id'`);
  const storedId = stored.getRowObjectsJson()[0]?.value as string | undefined;
  if (storedId && storedId !== region.id) {
    throw new Error(`deze store hoort bij regio '${storedId}', niet bij '${region.id}'`);
  }
  await conn.run('BEGIN TRANSACTION');
  try {
    await conn.run(`INSERT INTO meta VALUES ('region_id', $id) ON CONFLICT (key) DO NOTHING`, { id: region.id });
    await conn.run('DELETE FROM region_gemeenten');
    await conn.run('DELETE FROM region_products');
    await conn.run(
      `INSERT INTO region_gemeenten SELECT g.code, g.name FROM (SELECT unnest(CAST($g AS JSON)::STRUCT(code VARCHAR, name VARCHAR)[]) AS g)`,
      { g: JSON.stringify(region.gemeenten.map(({ code, name }) => ({ code, name }))) },
    );
    await conn.run(
      `INSERT INTO region_products
       SELECT p.productcode, p.productcategorie, p.segment, p.subsegment, p.omschrijving,
              CAST(p.geldig_van AS DATE), CAST(p.geldig_tot AS DATE)
       FROM (SELECT unnest(CAST($p AS JSON)::STRUCT(productcode VARCHAR, productcategorie VARCHAR, segment VARCHAR,
              subsegment VARCHAR, omschrijving VARCHAR, geldig_van VARCHAR, geldig_tot VARCHAR)[]) AS p)`,
      { p: JSON.stringify(region.products) },
    );
    await seedReference(queryableOf(conn), region.reference);
    await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  }
}

/** A store file that cannot be opened: named, with what to do; the file itself is left exactly as it was. */
export class StoreOpenError extends Error {
  constructor(
    message: string,
    /** DuckDB's error class ("IO", "Catalog"), never its message: that may quote file content. */
    readonly errorClass: string | null,
    /** DuckDB's own error, kept for tests and debuggers; never logged or shown. */
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

/** The class of a DuckDB error ("IO Error: ..." gives "IO"), for logs and problems. */
export function duckdbErrorClass(err: unknown): string | null {
  const m = /^([A-Z][A-Za-z ]{1,40}?) Error:/.exec(err instanceof Error ? err.message : String(err));
  return m ? m[1] : null;
}

/** A write that failed for lack of room (DuckDB's WAL or file, or the upload's own file). */
export function isDiskFull(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'ENOSPC' || /No space left on device|disk is full|not enough space/i.test(err instanceof Error ? err.message : String(err));
}

/** DuckDB's words for a file it cannot read as a database: at open, or at the first read of a damaged block. */
const UNREADABLE_STORE = /not a valid DuckDB database file|Could not read enough bytes|database file.*(corrupt|invalid)|checksum/i;

export function storeOpenError(path: string, err: unknown): StoreOpenError {
  const message = err instanceof Error ? err.message : String(err);
  const errorClass = duckdbErrorClass(err);
  if (/Could not set lock on file/i.test(message)) {
    const pid = /PID (\d+)/.exec(message)?.[1];
    return new StoreOpenError(
      `De store ${path} is in gebruik door een ander proces${pid ? ` (pid ${pid})` : ''}; DuckDB staat één proces per bestand toe. Stop dat proces, of gebruik een opdracht die via de draaiende server werkt.`,
      errorClass,
    );
  }
  if (UNREADABLE_STORE.test(message)) {
    return new StoreOpenError(
      `De store ${path} is geen leesbaar DuckDB-bestand (afgekapt, beschadigd of een ander soort bestand). Koersbord start niet en laat het bestand ongemoeid; zet een backup terug met npm run store -- restore BACKUP.`,
      errorClass,
    );
  }
  return new StoreOpenError(`De store ${path} kon niet worden geopend (DuckDB-fout van klasse ${errorClass ?? 'onbekend'}).`, errorClass, err);
}

export interface OpenStoreOptions {
  /** Folder of the numbered migrations (tests: a migration that fails halfway). */
  migrationsDir?: string;
  /**
   * Before migrating a store that already holds a schema, write a backup beside it
   * (`<store>.voor-migratie-v<from>-<time>.duckdb`, with its manifest): an upgrade whose
   * migration turns out wrong can then be undone with `npm run store -- restore`.
   */
  backupBeforeMigration?: boolean;
  /** Told the path of the backup taken before a migration. */
  onMigrationBackup?: (path: string, fromVersion: number, toVersion: number) => void;
}

/** Where the backup before a migration goes: beside the store, named by version and time (never overwriting). */
export const migrationBackupPath = (path: string, fromVersion: number, at = new Date()) =>
  `${path}.voor-migratie-v${fromVersion}-${at.toISOString().replace(/[:.]/g, '-')}.duckdb`;

export async function openStore(path: string, region: RegionConfig, options: OpenStoreOptions = {}): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (err) {
    throw storeOpenError(path, err);
  }
  const setup = await instance.connect();
  try {
    const dir = options.migrationsDir ?? MIGRATIONS_DIR;
    const current = await currentVersion(setup);
    const latest = Math.max(0, ...migrations(dir).map((m) => m.version));
    if (options.backupBeforeMigration && path !== ':memory:' && current > 0 && latest > current) {
      // backup.ts imports this module; loaded when needed, the cycle never runs at load time.
      const { backupStore } = await import('./backup.ts');
      const out = migrationBackupPath(path, current);
      await backupStore({ path, withConnection: (fn) => fn(setup) }, out);
      options.onMigrationBackup?.(out, current, latest);
    }
    await migrate(setup, dir, current);
    await syncRegion(setup, region);
  } catch (err) {
    // Release the file: a failed migration must not keep the lock (the next attempt, a restore).
    setup.closeSync();
    instance.closeSync();
    // A truncated file can open and fail only when a migration or the region sync reads a
    // block past its end: the same unreadable store, told the same way.
    throw UNREADABLE_STORE.test(err instanceof Error ? err.message : String(err)) ? storeOpenError(path, err) : err;
  }
  setup.closeSync();

  // The work running on a connection of this store; close() waits for it.
  const running = new Set<Promise<unknown>>();
  let closed: Promise<void> | null = null;
  const withConnection = <T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new StoreClosedError(path));
    const work = (async () => {
      const conn = await instance.connect();
      try {
        return await fn(conn);
      } finally {
        conn.closeSync();
      }
    })();
    running.add(work);
    const forget = () => running.delete(work);
    work.then(forget, forget);
    return work;
  };

  const once = (): Queryable => ({
    query: <T>(sql: string, params?: SqlParams) => withConnection((c) => queryableOf(c).query<T>(sql, params)),
    run: (sql: string, params?: SqlParams) => withConnection((c) => c.run(sql, params)),
  });
  const store = once();

  return {
    ...store,
    path,
    region,
    withConnection,
    transaction: <T>(fn: (tx: Transaction) => Promise<T>) =>
      withConnection((c) => {
        return inTransaction(c, () => fn(queryableOf(c)));
      }),
    session: <T>(fn: (session: Session) => Promise<T>) => withConnection((c) => fn(sessionOf(c))),
    dataVersion: async () => (await readVersions(store)).data,
    schemaVersion: async () => {
      const [row] = await store.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema_version'`);
      return Number(row?.value ?? 0);
    },
    close: () => {
      closed ??= (async () => {
        // Work may start more work on its way out (a finally that writes); wait until none is left.
        while (running.size > 0) await Promise.allSettled([...running]);
        instance.closeSync();
      })();
      return closed;
    },
  };
}
