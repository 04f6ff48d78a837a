/**
 * Commits a validated delivery from the staging table in one transaction: it replaces the
 * earlier delivery for the same (kind, gemeente, periode) as a whole, records the load in the
 * history and bumps the data version. Killed halfway, DuckDB's WAL holds no commit, so the
 * store reopens in its previous state.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { oneAtATime } from '../store/oneAtATime.ts';
import { bumpDataVersion } from '../store/store.ts';
import type { KindSpec } from './columns.ts';

/**
 * Rows per INSERT: one DuckDB row group (122,880 rows), so that each chunk is written to the
 * file as a whole row group instead of through the WAL, while big files still report progress.
 */
export const INSERT_CHUNK_ROWS = 122_880;

/**
 * Runs `fn` when no other delivery is committing to the same store: concurrent loads (two
 * uploads) would otherwise collide on the data version row, which every commit updates.
 */
export function oneCommitAtATime<T>(store: object, fn: () => Promise<T>): Promise<T> {
  return oneAtATime(store, 'delivery-commit', fn);
}

export interface CommitInput {
  spec: KindSpec;
  rows: number;
  gemeente_code: string | null;
  periode: string | null;
  fileName: string;
  fileHash: string;
  loadedBy: string | null;
  onRows: (rowsDone: number) => void;
}

export interface Committed {
  deliveryId: number;
  replacedDeliveryId: number | null;
}

async function one<T>(conn: DuckDBConnection, sql: string, params: Record<string, string | number | null> = {}): Promise<T | undefined> {
  return (await conn.runAndReadAll(sql, params)).getRowObjectsJson()[0] as T | undefined;
}

export async function commitDelivery(conn: DuckDBConnection, input: CommitInput): Promise<Committed> {
  const { spec } = input;
  const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
  await conn.run('BEGIN TRANSACTION');
  try {
    const { id } = (await one<{ id: number }>(conn, `SELECT nextval('delivery_seq')::INTEGER AS id`))!;
    let replaced: number | null = null;

    if (spec.kind !== 'bevolking') {
      const old = await one<{ id: number }>(
        conn,
        `SELECT delivery_id AS id FROM deliveries WHERE kind = $kind AND gemeente_code = $g AND periode = $p AND status = 'active'`,
        { kind: spec.kind, g: input.gemeente_code, p: input.periode },
      );
      if (old) {
        replaced = old.id;
        await conn.run(`DELETE FROM ${spec.kind} WHERE delivery_id = $old`, { old: old.id });
        await conn.run(`UPDATE deliveries SET status = 'replaced', replaced_by = $id, replaced_at = CAST($now AS TIMESTAMP) WHERE delivery_id = $old`, {
          id,
          old: old.id,
          now,
        });
      }
    } else {
      // A population delivery replaces exactly the (gemeente, jaar) rows it holds.
      const deleted = await conn.runAndReadAll(
        `DELETE FROM bevolking b WHERE EXISTS (SELECT 1 FROM staging s WHERE s.t_gemeente_code = b.gemeente_code AND s.t_jaar = b.jaar)
         RETURNING delivery_id::INTEGER AS id`,
      );
      const ids = (deleted.getRowObjectsJson() as { id: number }[]).map((r) => r.id);
      replaced = ids.length > 0 ? Math.max(...ids) : null;
    }

    await conn.run(
      `INSERT INTO deliveries (delivery_id, kind, gemeente_code, periode, file_name, file_hash, row_count, loaded_at, loaded_by, status)
       VALUES ($id, $kind, $g, $p, $name, $hash, $rows, CAST($now AS TIMESTAMP), $by, 'active')`,
      { id, kind: spec.kind, g: input.gemeente_code, p: input.periode, name: input.fileName, hash: input.fileHash, rows: input.rows, now, by: input.loadedBy },
    );

    const columns = spec.columns.map((c) => c.name);
    for (let lo = 0; lo < input.rows; lo += INSERT_CHUNK_ROWS) {
      await conn.run(
        `INSERT INTO ${spec.kind} (delivery_id, ${columns.join(', ')})
         SELECT $id, ${columns.map((c) => `"t_${c}"`).join(', ')} FROM staging WHERE rowid >= $lo AND rowid < $hi`,
        { id, lo, hi: lo + INSERT_CHUNK_ROWS },
      );
      input.onRows(Math.min(input.rows, lo + INSERT_CHUNK_ROWS));
    }

    if (spec.kind === 'bevolking') {
      await conn.run(
        `UPDATE deliveries SET status = 'replaced', replaced_by = $id, replaced_at = CAST($now AS TIMESTAMP)
         WHERE kind = 'bevolking' AND status = 'active' AND delivery_id <> $id
           AND NOT EXISTS (SELECT 1 FROM bevolking b WHERE b.delivery_id = deliveries.delivery_id)`,
        { id, now },
      );
    }

    await bumpDataVersion(conn);
    await conn.run('COMMIT');
    return { deliveryId: id, replacedDeliveryId: replaced };
  } catch (err) {
    // A COMMIT that failed (a full disk) has already rolled back: ROLLBACK would then fail and
    // hide the real error. Either way nothing of this delivery is in the store.
    await conn.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
