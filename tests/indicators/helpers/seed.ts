/**
 * Writes deliveries straight into the record tables, with the ETL's semantics: one delivery
 * per (kind, gemeente, periode) is active; a new one replaces the earlier one (its rows leave
 * the record tables, its ledger entry stays as `replaced`). Every call is one committed load
 * and bumps the data version, so the engine's cache sees it.
 */
import { bumpDataVersion, type Queryable, type Store } from '../../../store/store.ts';

export interface TwRow {
  id: string;
  client: string;
  begin: string;
  end?: string | null;
  product: string;
  verwijzer?: string;
  agb?: string;
  naam?: string;
  categorie?: string;
  /** iJw JZ588 reden_einde; none when left out. */
  reden?: string;
}

export interface DeclRow {
  id: string;
  toewijzing: string;
  client: string;
  product: string;
  /** Service month `YYYY-MM`: the line covers its first to last day. */
  month: string;
  bedrag: number;
}

async function newDelivery(
  store: Store,
  kind: string,
  gemeente: string | null,
  periode: string | null,
  rowCount: number,
  conn: Queryable,
): Promise<number> {
  const [{ id }] = await conn.query<{ id: number }>(`SELECT coalesce(max(delivery_id), 0)::INTEGER + 1 AS id FROM deliveries`);
  if (gemeente !== null) {
    const old = await conn.query<{ id: number }>(
      `SELECT delivery_id::INTEGER AS id FROM deliveries WHERE kind = $kind AND gemeente_code = $g AND periode = $p AND status = 'active'`,
      { kind, g: gemeente, p: periode! },
    );
    for (const o of old) {
      await conn.run(`DELETE FROM ${kind === 'toewijzingen' ? 'toewijzingen' : 'declaraties'} WHERE delivery_id = $id`, { id: o.id });
      await conn.run(`UPDATE deliveries SET status = 'replaced', replaced_by = $new, replaced_at = now() WHERE delivery_id = $id`, {
        id: o.id,
        new: id,
      });
    }
  }
  await conn.run(
    `INSERT INTO deliveries VALUES ($id, $kind, $g, $p, $file, $hash, $n, now(), 'test', 'active', NULL, NULL)`,
    { id, kind, g: gemeente, p: periode, file: `${kind}_${gemeente ?? 'all'}_${periode ?? ''}.csv`, hash: `h${id}`, n: rowCount },
  );
  return id;
}

export async function deliverToewijzingen(store: Store, gemeente: string, periode: string, rows: TwRow[]): Promise<number> {
  return store.transaction(async (conn) => {
    const id = await newDelivery(store, 'toewijzingen', gemeente, periode, rows.length, conn);
    const json = rows.map((r) => ({
      toewijzing_id: r.id,
      client_id: r.client,
      aanbieder_agb: r.agb ?? '12345678',
      aanbieder_naam: r.naam ?? 'Zorg BV',
      productcategorie: r.categorie ?? r.product.slice(0, 2),
      productcode: r.product,
      begindatum: r.begin,
      einddatum: r.end ?? null,
      verwijzer: r.verwijzer ?? '01',
      reden_einde: r.reden ?? null,
    }));
    if (rows.length) {
      await conn.run(
        `INSERT INTO toewijzingen
         SELECT $id, $g, $p, r.toewijzing_id, r.client_id, 2012, r.aanbieder_agb, r.aanbieder_naam, r.productcategorie,
                r.productcode, CAST(r.begindatum AS DATE), CAST(r.einddatum AS DATE), r.reden_einde, r.verwijzer
         FROM (SELECT unnest(CAST($rows AS JSON)::STRUCT(toewijzing_id VARCHAR, client_id VARCHAR, aanbieder_agb VARCHAR,
               aanbieder_naam VARCHAR, productcategorie VARCHAR, productcode VARCHAR, begindatum VARCHAR, einddatum VARCHAR,
               verwijzer VARCHAR, reden_einde VARCHAR)[]) AS r)`,
        { id, g: gemeente, p: periode, rows: JSON.stringify(json) },
      );
    }
    await bumpDataVersion(conn);
    return id;
  });
}

export async function deliverDeclaraties(store: Store, gemeente: string, periode: string, rows: DeclRow[]): Promise<number> {
  return store.transaction(async (conn) => {
    const id = await newDelivery(store, 'declaraties', gemeente, periode, rows.length, conn);
    if (rows.length) {
      await conn.run(
        `INSERT INTO declaraties
         SELECT $id, $g, $p, r.id, r.toewijzing, r.client, r.product, CAST(r.month || '-01' AS DATE),
                last_day(CAST(r.month || '-01' AS DATE)), 1, '83', CAST(r.bedrag AS DECIMAL(14, 2))
         FROM (SELECT unnest(CAST($rows AS JSON)::STRUCT(id VARCHAR, toewijzing VARCHAR, client VARCHAR, product VARCHAR,
               month VARCHAR, bedrag DOUBLE)[]) AS r)`,
        { id, g: gemeente, p: periode, rows: JSON.stringify(rows) },
      );
    }
    await bumpDataVersion(conn);
    return id;
  });
}

export async function deliverBevolking(store: Store, rows: { gemeente: string; jaar: number; jeugd: number }[]): Promise<number> {
  return store.transaction(async (conn) => {
    const id = await newDelivery(store, 'bevolking', null, null, rows.length, conn);
    await conn.run(
      `INSERT OR REPLACE INTO bevolking
       SELECT r.gemeente, r.jaar, r.jeugd, $id
       FROM (SELECT unnest(CAST($rows AS JSON)::STRUCT(gemeente VARCHAR, jaar INTEGER, jeugd INTEGER)[]) AS r)`,
      { id, rows: JSON.stringify(rows) },
    );
    await bumpDataVersion(conn);
    return id;
  });
}

/** Every month from `from` to `to` (inclusive) as `YYYY-MM`. */
export function months(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** A gemeente that delivers every month the same allocations (as the extract asks: those active in the month). */
export async function deliverMonthly(store: Store, gemeente: string, from: string, to: string, rows: TwRow[]): Promise<void> {
  for (const m of months(from, to)) {
    const start = `${m}-01`;
    const active = rows.filter((r) => r.begin <= lastDay(m) && (r.end == null || r.end >= start));
    await deliverToewijzingen(store, gemeente, m, active);
  }
}

export function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}
