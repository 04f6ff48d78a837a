/**
 * Backup, restore and check of a store file. A backup is a complete DuckDB file written by
 * `COPY FROM DATABASE` in one statement, so it is one consistent snapshot even while the
 * server loads and writes; beside it a manifest (`FILE.json`) holds the file's sha256 and the
 * check of the backup (schema version, rows and a content fingerprint per table). A restore
 * checks the backup against its manifest before it touches the store, refuses a store that a
 * running server holds, and keeps the replaced file beside it.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { queryableOf } from './queryable.ts';
import type { Store } from './store.ts';
import { duckdbErrorClass, storeOpenError } from './store.ts';

export interface TableCheck {
  table: string;
  rows: number;
  /** Order-independent sum of row hashes: equal content, equal fingerprint. */
  fingerprint: string;
}

export interface DeliveryMismatch {
  delivery_id: number;
  file_name: string;
  status: string;
  expected: number;
  found: number;
}

export interface StoreCheck {
  schema_version: number;
  data_version: number;
  region: string | null;
  deliveries: number;
  tables: TableCheck[];
  /** Deliveries whose rows in the record tables do not match the load history. */
  mismatches: DeliveryMismatch[];
  /** Record rows that point to no delivery in the load history. */
  orphan_rows: number;
  /** Load history rows whose file hash is not a sha256. */
  bad_hashes: number;
  /** Empty when the store is sound; else one Dutch sentence per problem. */
  problems: string[];
}

export interface BackupManifest {
  format: 'koersbord-backup';
  created_at: string;
  source: string;
  bytes: number;
  sha256: string;
  check: StoreCheck;
}

const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

const rows = <T>(conn: DuckDBConnection, sql: string, params: Record<string, string> = {}): Promise<T[]> => queryableOf(conn).query<T>(sql, params);

/** Checks the catalog `db` as the connection sees it (one snapshot when called inside a transaction). */
export async function checkCatalog(conn: DuckDBConnection, db: string): Promise<StoreCheck> {
  const c = ident(db);
  const meta = await rows<{ key: string; value: string }>(conn, `SELECT key, value FROM ${c}.main.meta`);
  const metaOf = (k: string) => meta.find((m) => m.key === k)?.value ?? null;
  const tableNames = await rows<{ name: string }>(
    conn,
    `SELECT table_name AS name FROM duckdb_tables() WHERE database_name = $db AND schema_name = 'main' AND NOT temporary ORDER BY table_name`,
    { db },
  );
  const tables: TableCheck[] = [];
  for (const { name } of tableNames) {
    const [t] = await rows<{ n: number; f: string }>(conn, `SELECT count(*)::INTEGER AS n, coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR AS f FROM ${c}.main.${ident(name)} t`);
    tables.push({ table: name, rows: t.n, fingerprint: t.f });
  }
  // Per delivery: the rows carrying its id. Active toewijzingen/declaraties hold exactly their row count;
  // a replaced delivery holds none; a population or budget delivery at most its own (a later one replaces some gemeente-years).
  const mismatches = await rows<DeliveryMismatch>(
    conn,
    `WITH n AS (
       SELECT delivery_id, count(*) AS n FROM ${c}.main.toewijzingen GROUP BY ALL
       UNION ALL SELECT delivery_id, count(*) FROM ${c}.main.declaraties GROUP BY ALL
       UNION ALL SELECT delivery_id, count(*) FROM ${c}.main.bevolking GROUP BY ALL
       UNION ALL SELECT delivery_id, count(*) FROM ${c}.main.begroting GROUP BY ALL)
     SELECT delivery_id, file_name, status, expected, found FROM (
       SELECT d.delivery_id::INTEGER AS delivery_id, d.file_name, d.status, d.kind, d.row_count::INTEGER AS expected,
              coalesce((SELECT sum(n.n) FROM n WHERE n.delivery_id = d.delivery_id), 0)::INTEGER AS found
       FROM ${c}.main.deliveries d)
     WHERE (status = 'active' AND kind NOT IN ('bevolking', 'begroting') AND found <> expected)
        OR (status <> 'active' AND found > 0)
        OR (kind IN ('bevolking', 'begroting') AND found > expected)
     ORDER BY delivery_id`,
  );
  const [counts] = await rows<{ deliveries: number; orphans: number; bad: number }>(
    conn,
    `SELECT (SELECT count(*) FROM ${c}.main.deliveries)::INTEGER AS deliveries,
            (SELECT count(*) FROM (SELECT delivery_id FROM ${c}.main.toewijzingen UNION ALL SELECT delivery_id FROM ${c}.main.declaraties
                                   UNION ALL SELECT delivery_id FROM ${c}.main.bevolking UNION ALL SELECT delivery_id FROM ${c}.main.begroting) r
             WHERE NOT EXISTS (SELECT 1 FROM ${c}.main.deliveries d WHERE d.delivery_id = r.delivery_id))::INTEGER AS orphans,
            (SELECT count(*) FROM ${c}.main.deliveries WHERE NOT regexp_full_match(file_hash, '[0-9a-f]{64}'))::INTEGER AS bad`,
  );
  const problems: string[] = [];
  for (const m of mismatches.slice(0, 20)) {
    problems.push(`levering ${m.delivery_id} (${m.file_name}, ${m.status}): ${m.expected} regels volgens de laadgeschiedenis, ${m.found} in de store`);
  }
  if (mismatches.length > 20) problems.push(`en nog ${mismatches.length - 20} leveringen met een ander aantal regels`);
  if (counts.orphans > 0) problems.push(`${counts.orphans} regels horen bij geen enkele levering in de laadgeschiedenis`);
  if (counts.bad > 0) problems.push(`${counts.bad} leveringen zonder geldige sha256 van het bestand`);
  return {
    schema_version: Number(metaOf('schema_version') ?? 0),
    data_version: Number(metaOf('data_version') ?? 0),
    region: metaOf('region_id'),
    deliveries: counts.deliveries,
    tables,
    mismatches,
    orphan_rows: counts.orphans,
    bad_hashes: counts.bad,
    problems,
  };
}

async function currentDatabase(conn: DuckDBConnection): Promise<string> {
  return (await rows<{ db: string }>(conn, 'SELECT current_database() AS db'))[0].db;
}

export function checkStore(store: Store): Promise<StoreCheck> {
  return store.withConnection(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      return await checkCatalog(conn, await currentDatabase(conn));
    } finally {
      await conn.run('ROLLBACK');
    }
  });
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export const manifestPathOf = (backup: string) => `${backup}.json`;

/** Writes a consistent copy of the open store to `out` (which must not exist) and its manifest. */
export async function backupStore(store: Pick<Store, 'path' | 'withConnection'>, out: string): Promise<BackupManifest> {
  if (existsSync(out)) throw new Error(`Het backupbestand ${out} bestaat al; kies een nieuwe naam (een backup overschrijft niets).`);
  if (!existsSync(dirname(out))) throw new Error(`De map ${dirname(out)} voor de backup bestaat niet.`);
  const partial = `${out}.bezig`;
  rmSync(partial, { force: true });
  const alias = `koersbord_backup_${process.pid}_${Date.now()}`;
  const check = await store
    .withConnection(async (conn) => {
      const source = await currentDatabase(conn);
      // ATTACH takes no parameters; the path is the operator's backup name (a CLI argument), not delivery content.
      await conn.run(`ATTACH ${sqlText(partial)} AS ${ident(alias)}`);
      try {
        // One statement, one transaction: the copy is the store as it was at one moment.
        await conn.run(`COPY FROM DATABASE ${ident(source)} TO ${ident(alias)}`);
        return await checkCatalog(conn, alias);
      } finally {
        await conn.run(`DETACH ${ident(alias)}`);
      }
    })
    .catch((err: unknown) => {
      rmSync(partial, { force: true });
      rmSync(`${partial}.wal`, { force: true });
      throw new Error(`De backup is mislukt (DuckDB-fout van klasse ${duckdbErrorClass(err) ?? 'onbekend'}); er is geen backup geschreven.`);
    });
  fsyncPath(partial);
  renameSync(partial, out);
  const manifest: BackupManifest = {
    format: 'koersbord-backup',
    created_at: new Date().toISOString(),
    source: store.path,
    bytes: statSync(out).size,
    sha256: await sha256File(out),
    check,
  };
  writeFileSync(manifestPathOf(out), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Opens a store file read-only in its own instance and checks it. */
export async function checkFile(path: string): Promise<StoreCheck> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  } catch (err) {
    throw storeOpenError(path, err);
  }
  try {
    const conn = await instance.connect();
    try {
      return await checkCatalog(conn, await currentDatabase(conn));
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** Checks a backup against its manifest; returns the manifest, or throws one Dutch sentence. */
export async function verifyBackup(backup: string): Promise<BackupManifest> {
  if (!existsSync(backup)) throw new Error(`Het backupbestand ${backup} bestaat niet.`);
  const manifestPath = manifestPathOf(backup);
  if (!existsSync(manifestPath)) throw new Error(`Bij ${backup} hoort ${manifestPath} (de controlegegevens van de backup); die ontbreekt.`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
  } catch {
    throw new Error(`${manifestPath} is geen leesbaar JSON-bestand.`);
  }
  if (manifest.format !== 'koersbord-backup') throw new Error(`${manifestPath} is geen Koersbord-backupmanifest.`);
  const sha = await sha256File(backup);
  if (sha !== manifest.sha256) throw new Error(`De backup ${backup} is veranderd of beschadigd sinds ze is gemaakt (sha256 klopt niet met het manifest).`);
  let check: StoreCheck;
  try {
    check = await checkFile(backup);
  } catch (err) {
    throw new Error(`De backup ${backup} is geen leesbaar DuckDB-bestand (DuckDB-fout van klasse ${duckdbErrorClass(err) ?? 'onbekend'}).`);
  }
  if (check.problems.length > 0) throw new Error(`De backup ${backup} klopt niet: ${check.problems.join('; ')}.`);
  if (JSON.stringify(check.tables) !== JSON.stringify(manifest.check.tables)) {
    throw new Error(`De inhoud van de backup ${backup} wijkt af van het manifest (aantallen of vingerafdrukken per tabel).`);
  }
  return manifest;
}

/** True when another process holds the store file (DuckDB's file lock). */
export async function storeInUse(path: string): Promise<boolean> {
  if (!existsSync(path)) return false;
  try {
    const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    instance.closeSync();
    return false;
  } catch (err) {
    return /Could not set lock on file/i.test((err as Error).message);
  }
}

export interface Restored {
  manifest: BackupManifest;
  /** Where the replaced store was kept (null when there was none). */
  keptAs: string | null;
}

/**
 * Replaces the store at `target` by the backup: verified first, refused while the store is in
 * use, the old file (and its WAL) kept as `<target>.voor-herstel-<time>`, the new one put in
 * place by a rename so that a crash leaves either the old or the new store, never half of one.
 */
export async function restoreStore(backup: string, target: string): Promise<Restored> {
  const manifest = await verifyBackup(backup);
  if (await storeInUse(target)) {
    throw new Error(`De store ${target} is in gebruik (een draaiende server?); stop de server eerst. Er is niets veranderd.`);
  }
  const staged = `${target}.herstel-bezig`;
  copyFileSync(backup, staged);
  fsyncPath(staged);
  if ((await sha256File(staged)) !== manifest.sha256) {
    rmSync(staged, { force: true });
    throw new Error(`Het kopiëren van de backup naar ${staged} is mislukt (sha256 klopt niet); er is niets veranderd.`);
  }
  let keptAs: string | null = null;
  if (existsSync(target)) {
    keptAs = `${target}.voor-herstel-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, keptAs);
    // An old WAL replayed onto the restored file would mix two stores.
    if (existsSync(`${target}.wal`)) renameSync(`${target}.wal`, `${keptAs}.wal`);
  }
  renameSync(staged, target);
  return { manifest, keptAs };
}
