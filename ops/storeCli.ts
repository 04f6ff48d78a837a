/**
 * The store's operations from the command line:
 *   npm run store -- backup --out FILE [--db PATH]   a consistent copy, also while the server runs and writes
 *   npm run store -- restore FILE [--db PATH]        checks the backup, refuses a store in use, keeps the old file
 *   npm run store -- check [--db PATH] [--json]      schema version, rows per delivery against the load history, hashes
 * While a server holds the store (DuckDB: one process per file), backup and check go through
 * the server's local admin channel (server/localAdmin.ts). Problems in Dutch on stderr, exit 2;
 * `check` exits 1 when it finds a problem.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadRegion } from '../region/config.ts';
import { callLocalAdmin } from '../server/localAdmin.ts';
import { backupStore, checkFile, restoreStore, storeInUse, type BackupManifest, type StoreCheck } from '../store/backup.ts';
import { resolveDbPath } from '../store/paths.ts';
import { openStore } from '../store/store.ts';

const USAGE = 'gebruik: npm run store -- backup --out BESTAND | restore BESTAND | check [--json]   (steeds optioneel --db PAD)';

function fail(message: string): never {
  process.stderr.write(`fout: ${message}\n`);
  process.exit(2);
}

function describeCheck(check: StoreCheck): string {
  const lines = [
    `schemaversie ${check.schema_version}, dataversie ${check.data_version}, regio ${check.region ?? 'onbekend'}, ${check.deliveries} leveringen in de laadgeschiedenis`,
    ...check.tables.map((t) => `  ${t.table.padEnd(24)} ${String(t.rows).padStart(9)} regels  vingerafdruk ${t.fingerprint}`),
  ];
  lines.push(check.problems.length === 0 ? 'In orde: elke levering heeft de regels die de laadgeschiedenis noemt.' : `PROBLEMEN:\n${check.problems.map((p) => `  - ${p}`).join('\n')}`);
  return lines.join('\n');
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { db: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  } catch (err) {
    fail(`${(err as Error).message}; ${USAGE}`);
  }
  const { values: o, positionals } = parsed;
  const db = resolveDbPath(o.db);
  if (command === 'backup') {
    if (!o.out) fail(`--out BESTAND ontbreekt; ${USAGE}`);
    if (!existsSync(db)) fail(`de store ${db} bestaat niet`);
    const out = resolve(o.out);
    let manifest: BackupManifest;
    if (await storeInUse(db)) {
      manifest = await callLocalAdmin<BackupManifest>(db, 'backup', { out });
    } else {
      const store = await openStore(db, loadRegion());
      try {
        manifest = await backupStore(store, out);
      } finally {
        await store.close();
      }
    }
    console.log(`Backup geschreven: ${out} (${(manifest.bytes / 1024 / 1024).toFixed(1)} MB, sha256 ${manifest.sha256.slice(0, 16)}…), manifest ${out}.json`);
    console.log(describeCheck(manifest.check));
  } else if (command === 'restore') {
    const [file] = positionals;
    if (!file || positionals.length > 1) fail(`geef precies één backupbestand; ${USAGE}`);
    const { manifest, keptAs } = await restoreStore(resolve(file), db);
    console.log(`Teruggezet: ${db} is nu de backup van ${manifest.created_at} (${manifest.check.deliveries} leveringen, schemaversie ${manifest.check.schema_version}).`);
    if (keptAs) console.log(`De vorige store staat ernaast als ${keptAs}.`);
  } else if (command === 'check') {
    if (!existsSync(db)) fail(`de store ${db} bestaat niet`);
    const check = (await storeInUse(db)) ? await callLocalAdmin<StoreCheck>(db, 'check') : await checkFile(db);
    console.log(o.json ? JSON.stringify(check, null, 2) : describeCheck(check));
    if (check.problems.length > 0) process.exit(1);
  } else {
    fail(USAGE);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
