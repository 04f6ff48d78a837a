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
 * A youth counts in a month from the first delivery that holds one of their toewijzingen
 * active in it: one row per (gemeente, row, youth, active month) with that lag. Months run up
 * to the newest delivered toewijzingen month (an open end is not yet known beyond it).
 */
const clientMonths = `
  SELECT unit, row, client_id, m, min(${lagOf('first_periode', 'm')}) AS lag
  FROM (
    SELECT unit, row, client_id, first_periode,
           unnest(generate_series(date_trunc('month', greatest(begindatum, $p0::DATE)),
                                  date_trunc('month', least(end_eff, $p1::DATE, (SELECT last_day(strptime(max(first_periode), '%Y-%m')) FROM k_twr))),
                                  INTERVAL 1 MONTH))::DATE AS m
    FROM k_twr
    WHERE row NOT IN ('${GEZINSGERICHT_PSEUDO_ROW}', '${TOTAL_PSEUDO_ROW}') AND begindatum <= $p1::DATE AND end_eff >= $p0::DATE
  )
  GROUP BY ALL`;

export interface CellOptions {
  years: { from: number; to: number };
  asOf?: string;
}

/** Claims by lag, trajectories by the lag of their first delivery and youths per month by the lag of theirs, per gemeente (the region adds them up). */
export async function developmentCells(conn: Queryable, opts: CellOptions): Promise<DevelopmentCell[]> {
  const params = { p0: `${opts.years.from}-01-01`, p1: `${opts.years.to}-12-31`, asOf: opts.asOf ?? NO_PEILMAAND };
  return conn.query<DevelopmentCell>(
    `SELECT d.gemeente_code AS unit, m.row, 'kosten' AS measure, strftime(d.prestatie_begin, '%Y-%m') AS month,
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
     SELECT unit, row, 'clients' AS measure, strftime(m, '%Y-%m') AS month, lag, count(*)::DOUBLE AS value
     FROM (${clientMonths})
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
