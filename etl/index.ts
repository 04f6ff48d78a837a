/**
 * The ETL's public API: load delivered files into the store, and read what was loaded.
 * The CLI (etl/cli.ts) and the server's upload route both go through here.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DeliveryRecord, DeliveryReport } from '../contract/deliveries.ts';
import type { DeliveryKind } from '../contract/domain.ts';
import type { SqlParams, Store } from '../store/store.ts';
import { loadFile, type FileInput, type LoadOptions } from './loadFile.ts';

export type { FileInput, LoadOptions, LoadPhase, LoadProgress, LoadWarning } from './loadFile.ts';
export { rowSchema, KINDS, TOEWIJZINGEN, DECLARATIES, BEVOLKING, type ColumnSpec, type KindSpec } from './columns.ts';

/** Files a folder delivers: `.csv` and `.xlsx` in name order, not recursive; `summary.json` and the rest are skipped. */
export function expandInputs(inputs: Array<string | FileInput>): FileInput[] {
  return inputs.flatMap((input) => {
    if (typeof input !== 'string') return [input];
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      // A missing path becomes a refused delivery with its own problem.
    }
    if (!isDir) return [{ path: input, name: basename(input) }];
    return readdirSync(input)
      .filter((f) => /\.(csv|xlsx)$/i.test(f) && statSync(join(input, f)).isFile())
      .sort()
      .map((f) => ({ path: join(input, f), name: f }));
  });
}

/**
 * While a batch loads, DuckDB does not checkpoint after every few deliveries: each checkpoint
 * would rewrite the partly filled last row group of the growing tables (loads ran 2–3 times
 * slower). The committed deliveries are safe in the WAL meanwhile; one checkpoint at the end
 * writes them compactly.
 */
const BATCH_CHECKPOINT_THRESHOLD = '4GB';

/** Batches running per store (the server may load two uploads at once): the first raises the setting, the last restores it. */
const batches = new WeakMap<Store, { running: number; original: string }>();

async function beginBatch(store: Store): Promise<void> {
  const current = batches.get(store);
  if (current) {
    current.running++;
    return;
  }
  const entry = { running: 1, original: '' };
  batches.set(store, entry);
  const [{ threshold }] = await store.query<{ threshold: string }>(`SELECT current_setting('checkpoint_threshold') AS threshold`);
  entry.original = threshold;
  // SET takes no parameters; the value is our constant (and below DuckDB's own setting read back), never file content.
  await store.run(`SET GLOBAL checkpoint_threshold = '${BATCH_CHECKPOINT_THRESHOLD}'`);
}

/** Returns true when this was the last batch running on the store. */
async function endBatch(store: Store): Promise<boolean> {
  const entry = batches.get(store)!;
  if (--entry.running > 0) return false;
  batches.delete(store);
  // A database-wide setting: give back what it was (a size such as '16.0 MiB').
  await store.run(`SET GLOBAL checkpoint_threshold = '${entry.original.replace(/[^0-9A-Za-z. ]/g, '')}'`);
  return true;
}

/**
 * Writes the batch's WAL into the database file. Only an optimisation: when another
 * transaction is still open (a duiding write, an upload that started meanwhile) DuckDB refuses,
 * and its own threshold-driven checkpoint does the work later.
 */
async function checkpointIfIdle(store: Store): Promise<void> {
  try {
    await store.query('CHECKPOINT');
  } catch (err) {
    if (!/Cannot CHECKPOINT: there are other .*transactions/i.test((err as Error).message)) throw err;
  }
}

/** Loads the files in the order given, each delivery in its own transaction; one report per file. */
export async function loadFiles(store: Store, inputs: Array<string | FileInput>, options: LoadOptions = {}): Promise<DeliveryReport[]> {
  const files = expandInputs(inputs);
  const reports: DeliveryReport[] = [];
  let lastBatch = false;
  await beginBatch(store);
  try {
    // Two files in flight: the next one is read and checked (its own connection, its own staging
    // table) while this one commits, so both cores work. Commits stay in the order given.
    const tasks: Promise<DeliveryReport>[] = [];
    for (const [fileIndex, file] of files.entries()) {
      if (fileIndex >= 2) await tasks[fileIndex - 2];
      const turn = fileIndex === 0 ? Promise.resolve() : tasks[fileIndex - 1].then(() => undefined, () => undefined);
      const task = loadFile(store, file, { fileIndex, fileCount: files.length, options, turn });
      // Awaited below; a failure of the one ahead (a full disk) must not leave this one unhandled and end the process.
      task.catch(() => undefined);
      tasks.push(task);
    }
    reports.push(...(await Promise.all(tasks)));
  } finally {
    lastBatch = await endBatch(store);
  }
  if (lastBatch && reports.some((r) => r.outcome === 'loaded' || r.outcome === 'replaced')) await checkpointIfIdle(store);
  return reports;
}

export interface HistoryFilter {
  kind?: DeliveryKind;
  gemeente_code?: string;
  /** Also list deliveries that a correction replaced. */
  includeReplaced?: boolean;
}

/** The load history, oldest first. */
export async function deliveryHistory(store: Store, filter: HistoryFilter = {}): Promise<DeliveryRecord[]> {
  const where: string[] = [];
  const params: SqlParams = {};
  if (filter.kind) {
    where.push('kind = $kind');
    params.kind = filter.kind;
  }
  if (filter.gemeente_code) {
    where.push('gemeente_code = $gemeente');
    params.gemeente = filter.gemeente_code;
  }
  if (!filter.includeReplaced) where.push(`status = 'active'`);
  return store.query<DeliveryRecord>(
    `SELECT delivery_id, kind, gemeente_code, periode, file_name, file_hash, row_count,
            strftime(loaded_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS loaded_at, loaded_by, status, replaced_by
     FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY delivery_id`,
    params,
  );
}

/** What is loaded: per kind and gemeente the delivered periods (years for bevolking and begroting), the latest, and the rows. */
export interface DeliveryStatus {
  kind: DeliveryKind;
  gemeente_code: string;
  periods: string[];
  latest: string;
  rows: number;
}

export async function deliveryStatus(store: Store): Promise<DeliveryStatus[]> {
  return store.query<DeliveryStatus>(
    `SELECT kind, gemeente_code, list(periode ORDER BY periode) AS periods, max(periode) AS latest, sum(row_count)::INTEGER AS rows
     FROM deliveries WHERE status = 'active' AND kind NOT IN ('bevolking', 'begroting') GROUP BY kind, gemeente_code
     UNION ALL
     SELECT 'bevolking', gemeente_code, list(jaar::VARCHAR ORDER BY jaar), max(jaar)::VARCHAR, count(*)::INTEGER
     FROM bevolking GROUP BY gemeente_code
     UNION ALL
     SELECT 'begroting', gemeente_code, list(DISTINCT jaar::VARCHAR ORDER BY jaar::VARCHAR), max(jaar)::VARCHAR, count(*)::INTEGER
     FROM begroting GROUP BY gemeente_code
     ORDER BY kind, gemeente_code`,
  );
}
