/**
 * The development cells the in-year estimate learns from: per gemeente, reporting row,
 * measure and service month, how much of the month's figure arrived at each lag (delivery
 * `periode` minus service month, in months). Read set-based from the temporary tables that
 * `facts.ts` builds, on the same session, so that a peilmaand's figures and its lag history
 * come from exactly the same deliveries.
 */
import type { Queryable } from '../../store/queryable.ts';
import { NO_PEILMAAND } from '../periods.ts';
import { GEZINSGERICHT_PSEUDO_ROW, TOTAL_PSEUDO_ROW } from '../facts.ts';

/** Lags beyond this are counted at this lag: the claims of a month are in by then (docs/nowcast.md). */
export const MAX_LAG = 12;

export type CellMeasure = 'kosten' | 'instroom' | 'clients';

/** What arrived of one service month of one (gemeente, row, measure) at one lag. */
export interface DevelopmentCell {
  unit: string;
  row: string;
  measure: CellMeasure;
  /** Service month `YYYY-MM` (the trajectory's start month for instroom, the active month for clients). */
  month: string;
  lag: number;
  value: number;
}

const monthNo = (date: string) => `(year(${date}) * 12 + month(${date}) - 1)`;
const periodeNo = (col: string) => `(CAST(substr(${col}, 1, 4) AS INTEGER) * 12 + CAST(substr(${col}, 6, 2) AS INTEGER) - 1)`;
/** A line delivered before its month (an allocation registered ahead) counts at lag 0. */
const lagOf = (periode: string, date: string) => `least(greatest(${periodeNo(periode)} - ${monthNo(date)}, 0), ${MAX_LAG})::INTEGER`;

/**
 * Youths per month as each past peilmaand knew them. A toewijzing is delivered again and again;
 * its versions with the same span, product and youth form a run, known from the run's first
 * delivery until the next run replaces it (the newest run for good). A youth counts in a
 * month from the first delivery whose known state covered it (+1 at that lag); a youth-month
 * that no run of the newest state covers any more (an einddatum moved back, a begindatum moved
 * on) leaves at the delivery that replaced its last run (−1 at that lag). Learning from the
 * newest state alone would miss those departures and make every month look more incomplete
 * than it was. Months run up to the newest delivered toewijzingen month; lags past MAX_LAG
 * count at MAX_LAG, so the cumulative count there is the newest state's.
 */
const clientMonths = `
  WITH versions AS (
    SELECT gemeente_code AS unit, toewijzing_id, client_id, productcode, begindatum, ${periodeNo('periode')} AS p,
           ${monthNo('begindatum')} AS b, ${monthNo(`coalesce(einddatum, DATE '9999-12-31')`)} AS e
    FROM toewijzingen WHERE periode <= $asOf
  ), marked AS (
    SELECT *, CASE WHEN lag(b) OVER w = b AND lag(e) OVER w = e AND lag(productcode) OVER w = productcode AND lag(client_id) OVER w = client_id
                   THEN 0 ELSE 1 END AS starts_run
    FROM versions WINDOW w AS (PARTITION BY unit, toewijzing_id ORDER BY p)
  ), runs AS (
    SELECT unit, toewijzing_id, client_id, productcode, begindatum, b, e, min(p) AS p
    FROM (SELECT *, sum(starts_run) OVER (PARTITION BY unit, toewijzing_id ORDER BY p) AS run FROM marked)
    GROUP BY unit, toewijzing_id, run, client_id, productcode, begindatum, b, e
  ), windows AS (
    -- The next run of the same toewijzing replaces this one, whatever its reporting row.
    SELECT *, lead(p) OVER (PARTITION BY unit, toewijzing_id ORDER BY p) AS np, max(p) OVER () AS newest,
           min(p) OVER (PARTITION BY unit) AS first_delivered
    FROM runs
  ), covered AS (
    -- A replaced run matters only for the months it was known for within MAX_LAG of them. Months
    -- before a gemeente's first delivery are left out: their youths all look late only because
    -- the data starts there (a quarterly deliverer's first two months).
    SELECT w.unit, k.row, w.client_id, w.p, w.np,
           unnest(range(greatest(w.b, $m0::INTEGER, w.first_delivered, CASE WHEN w.np IS NULL THEN w.b ELSE w.p - ${MAX_LAG} END),
                        least(w.e, $m1::INTEGER, coalesce(w.np - 1, w.newest), w.newest) + 1)) AS m
    FROM windows w
    JOIN region_products pr
      ON pr.productcode = w.productcode AND w.begindatum BETWEEN pr.geldig_van AND coalesce(pr.geldig_tot, DATE '9999-12-31')
    JOIN k_rowmap k ON k.segment = pr.segment AND k.subsegment = pr.subsegment
    WHERE k.row NOT IN ('${GEZINSGERICHT_PSEUDO_ROW}', '${TOTAL_PSEUDO_ROW}')
  )
  SELECT unit, row, m, least(min(greatest(p - m, 0)), ${MAX_LAG}) AS first_lag,
         CASE WHEN bool_or(np IS NULL) THEN NULL ELSE least(max(np) - m, ${MAX_LAG}) END AS gone_lag
  FROM covered
  GROUP BY unit, row, client_id, m`;

/** 'YYYY-MM' of a month number (year × 12 + month − 1). */
const monthText = (n: string) => `printf('%04d-%02d', ${n} // 12, ${n} % 12 + 1)`;

export interface CellOptions {
  years: { from: number; to: number };
  asOf?: string;
}

/** Claims by lag, trajectories by the lag of their first delivery and youths per month by the lag of theirs, per gemeente (the region adds them up). */
export async function developmentCells(conn: Queryable, opts: CellOptions): Promise<DevelopmentCell[]> {
  const params = { p0: `${opts.years.from}-01-01`, p1: `${opts.years.to}-12-31`, m0: opts.years.from * 12, m1: opts.years.to * 12 + 11, asOf: opts.asOf ?? NO_PEILMAAND };
  return conn.query<DevelopmentCell>(
    `WITH youth_months AS (${clientMonths})
     SELECT d.gemeente_code AS unit, m.row, 'kosten' AS measure, strftime(d.prestatie_begin, '%Y-%m') AS month,
            ${lagOf('d.periode', 'd.prestatie_begin')} AS lag, sum(d.bedrag)::DOUBLE AS value
     FROM declaraties d
     JOIN region_products p
       ON p.productcode = d.productcode AND d.prestatie_begin BETWEEN p.geldig_van AND coalesce(p.geldig_tot, DATE '9999-12-31')
     JOIN k_rowmap m ON m.segment = p.segment AND m.subsegment = p.subsegment
                    AND m.row NOT IN ('${GEZINSGERICHT_PSEUDO_ROW}', '${TOTAL_PSEUDO_ROW}')
     WHERE d.prestatie_begin BETWEEN $p0::DATE AND $p1::DATE AND d.periode <= $asOf
     GROUP BY ALL
     UNION ALL
     SELECT t.scope AS unit, t.row, 'instroom' AS measure, strftime(t.start, '%Y-%m') AS month,
            ${lagOf('t.first_periode', 't.start')} AS lag, count(*)::DOUBLE AS value
     FROM k_trajx t
     WHERE t.scope <> 'REGIO' AND t.start BETWEEN $p0::DATE AND $p1::DATE AND t.row <> '${TOTAL_PSEUDO_ROW}'
     GROUP BY ALL
     UNION ALL
     SELECT unit, row, 'clients' AS measure, ${monthText('m')} AS month, lag::INTEGER AS lag, sum(value)::DOUBLE AS value
     FROM (SELECT unit, row, m, first_lag AS lag, 1 AS value FROM youth_months
           UNION ALL SELECT unit, row, m, gone_lag AS lag, -1 AS value FROM youth_months WHERE gone_lag IS NOT NULL)
     GROUP BY ALL`,
    params,
  );
}

/**
 * Gemeenten that deliver per quarter, read from their deliveries: every `declaraties`
 * delivery is for a quarter's last month. Their claims of the quarter's three months arrive
 * together, so their lag depends on the month within the quarter and they learn a pattern of
 * their own per month of the quarter.
 */
export async function quarterlyUnits(conn: Queryable, asOf?: string): Promise<Set<string>> {
  const rows = await conn.query<{ unit: string }>(
    `SELECT gemeente_code AS unit FROM deliveries
     WHERE kind = 'declaraties' AND status = 'active' AND periode <= $asOf
     GROUP BY gemeente_code
     HAVING count(*) >= 2 AND bool_and(CAST(substr(periode, 6, 2) AS INTEGER) % 3 = 0)`,
    { asOf: asOf ?? NO_PEILMAAND },
  );
  return new Set(rows.map((r) => r.unit));
}
