/**
 * Commits a validated delivery from the staging table in one transaction: it replaces the
 * earlier delivery for the same (kind, gemeente, periode) as a whole, records the load in the
 * history and bumps the data version. Killed halfway, DuckDB's WAL holds no commit, so the
 * store reopens in its previous state.
 */
import { oneAtATime } from '../store/oneAtATime.ts';
import type { Queryable, Session } from '../store/queryable.ts';
import { bumpDataVersion } from '../store/store.ts';
import { isYearlyKind } from '../contract/domain.ts';
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

async function one<T>(q: Queryable, sql: string, params: Record<string, string | number | null> = {}): Promise<T | undefined> {
  return (await q.query<T>(sql, params))[0];
}

/** `session` is the one that staged the delivery: the staging table is its temporary table. */
export async function commitDelivery(session: Session, input: CommitInput): Promise<Committed> {
  const { spec } = input;
  const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
  // Killed or failed halfway (a full disk at COMMIT), nothing of this delivery is in the store.
  return session.transaction(async (conn) => {
    const { id } = (await one<{ id: number }>(conn, `SELECT nextval('delivery_seq')::INTEGER AS id`))!;
    let replaced: number | null = null;

    const yearly = isYearlyKind(spec.kind);
    if (!yearly) {
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
      // A population or budget delivery replaces exactly the (gemeente, jaar) it holds: for a budget,
      // that gemeente's whole budget of that year (a row left out of a corrected budget is gone).
      const deleted = await conn.query<{ id: number }>(
        `DELETE FROM ${spec.kind} b WHERE EXISTS (SELECT 1 FROM staging s WHERE s.t_gemeente_code = b.gemeente_code AND s.t_jaar = b.jaar)
         RETURNING delivery_id::INTEGER AS id`,
      );
      const ids = deleted.map((r) => r.id);
      replaced = ids.length > 0 ? Math.max(...ids) : null;
    }

    await conn.run(
      `INSERT INTO deliveries (delivery_id, kind, gemeente_code, periode, file_name, file_hash, row_count, loaded_at, loaded_by, status)
       VALUES ($id, $kind, $g, $p, $name, $hash, $rows, CAST($now AS TIMESTAMP), $by, 'active')`,
      { id, kind: spec.kind, g: input.gemeente_code, p: input.periode, name: input.fileName, hash: input.fileHash, rows: input.rows, now, by: input.loadedBy },
    );

    // Table and column names come from our own column definitions (columns.ts), never from the file.
    const columns = spec.columns.map((c) => c.name);
    for (let lo = 0; lo < input.rows; lo += INSERT_CHUNK_ROWS) {
      await conn.run(
        `INSERT INTO ${spec.kind} (delivery_id, ${columns.join(', ')})
         SELECT $id, ${columns.map((c) => `"t_${c}"`).join(', ')} FROM staging WHERE rowid >= $lo AND rowid < $hi`,
        { id, lo, hi: lo + INSERT_CHUNK_ROWS },
      );
      input.onRows(Math.min(input.rows, lo + INSERT_CHUNK_ROWS));
    }

    if (yearly) {
      // An earlier delivery of the kind with none of its rows left is replaced as a whole.
      await conn.run(
        `UPDATE deliveries SET status = 'replaced', replaced_by = $id, replaced_at = CAST($now AS TIMESTAMP)
         WHERE kind = $kind AND status = 'active' AND delivery_id <> $id
           AND NOT EXISTS (SELECT 1 FROM ${spec.kind} b WHERE b.delivery_id = deliveries.delivery_id)`,
        { id, now, kind: spec.kind },
      );
    }

    await bumpDataVersion(conn);
    return { deliveryId: id, replacedDeliveryId: replaced };
  });
}
