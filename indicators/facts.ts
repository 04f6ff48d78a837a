/**
 * The set-based heart of the engine: from the record tables to one row of raw figures per
 * (scope, reporting row, period), computed by DuckDB in a handful of statements on one
 * connection. Scopes are either areas (each gemeente from its own toewijzingen, plus REGIO
 * from all of them) or providers (each `aanbieder_agb` over the whole region).
 */
import { JUSTICE_ROWS } from '../contract/domain.ts';
import type { Queryable } from '../store/queryable.ts';
import type { Store } from '../store/store.ts';
import { monthKey, NO_PEILMAAND } from './periods.ts';
import { AS_PLANNED, GEZINSGERICHT_ROW, GEZINSGERICHT_SUBSEGMENTS, isJusticeSegment, REFERRER_GROUP_OF_CODE, reportingRowsOf } from './rules.ts';

export type ScopeKind = 'area' | 'provider';

/** Raw figures of one (scope, row, period); absent measures are 0 / null. */
export interface FactRow {
  scope: string;
  row: string;
  /** `YYYY` or `YYYY-MM`. */
  period: string;
  clients: number;
  /** Months only: clients whose first active month of the year this is (year-to-date clients add these up). */
  first_clients: number;
  gezins_clients: number;
  instroom: number;
  crisis_starts: number;
  v_gemeente: number;
  v_huisarts: number;
  v_gi: number;
  v_medisch: number;
  v_overig: number;
  uitstroom: number;
  /** Ended trajectories whose last toewijzing carries a reden_einde, and of those the ones ended volgens plan (31). */
  ended_with_reason: number;
  ended_as_planned: number;
  /** Instroom whose client ended an earlier trajectory of the row, in the scope, within the return window. */
  herinstroom: number;
  dur_mean: number | null;
  dur_median: number | null;
  kosten: number;
}

export const EMPTY_FACT: Omit<FactRow, 'scope' | 'row' | 'period'> = {
  clients: 0,
  first_clients: 0,
  gezins_clients: 0,
  instroom: 0,
  crisis_starts: 0,
  v_gemeente: 0,
  v_huisarts: 0,
  v_gi: 0,
  v_medisch: 0,
  v_overig: 0,
  uitstroom: 0,
  ended_with_reason: 0,
  ended_as_planned: 0,
  herinstroom: 0,
  dur_mean: null,
  dur_median: null,
  kosten: 0,
};

export const factKey = (scope: string, row: string, period: string) => `${scope}\t${row}\t${period}`;

export interface FactOptions {
  kind: ScopeKind;
  years: { from: number; to: number };
  /** Adds the pseudo-row `totaal` (all care, every product): for calibration figures only. */
  withTotal?: boolean;
  /** Peilmaand `YYYY-MM`: only deliveries with `periode` up to it count (the figures as known then). */
  asOf?: string;
}

const OPEN_END = `DATE '9999-12-31'`;

async function exec(conn: Queryable, sql: string, params?: Record<string, string | number>) {
  await conn.run(sql, params);
}

const read = <T>(conn: Queryable, sql: string, params?: Record<string, string | number>): Promise<T[]> => conn.query<T>(sql, params);

/** Pseudo-rows: family-based care (the numerator of gezinsgericht_pct) and all jeugdhulp (calibration). */
export const GEZINSGERICHT_PSEUDO_ROW = '~gezinsgericht';
export const TOTAL_PSEUDO_ROW = 'totaal';
const NOT_A_TRAJECTORY_ROW = `row <> '${GEZINSGERICHT_PSEUDO_ROW}'`;

/** Builds the temporary tables the figure queries (and `computeSubsegmentFacts`) read from. */
export async function prepare(conn: Queryable, store: Store, opts: FactOptions): Promise<void> {
  const region = store.region;
  const pairs = new Map<string, { segment: string; subsegment: string }>();
  for (const p of region.products) pairs.set(`${p.segment}\t${p.subsegment}`, p);
  const rowMap = [...pairs.values()].flatMap(({ segment, subsegment }) => {
    const rows: string[] = reportingRowsOf(segment as never, subsegment);
    if (opts.kind === 'area' && (GEZINSGERICHT_SUBSEGMENTS as readonly string[]).includes(subsegment)) rows.push(GEZINSGERICHT_PSEUDO_ROW);
    // All care means jeugdhulp: the measures of the gecertificeerde instellingen are reported beside it.
    if (opts.withTotal && !isJusticeSegment(segment)) rows.push(TOTAL_PSEUDO_ROW);
    return rows.map((row) => ({ segment, subsegment, row }));
  });
  await exec(
    conn,
    `CREATE OR REPLACE TEMP TABLE k_rowmap AS
     SELECT m.segment, m.subsegment, m.row
     FROM (SELECT unnest(CAST($m AS JSON)::STRUCT(segment VARCHAR, subsegment VARCHAR, row VARCHAR)[]) AS m)`,
    { m: JSON.stringify(rowMap) },
  );
  await exec(
    conn,
    `CREATE OR REPLACE TEMP TABLE k_vgroup AS
     SELECT v.code, v.grp FROM (SELECT unnest(CAST($v AS JSON)::STRUCT(code VARCHAR, grp VARCHAR)[]) AS v)`,
    { v: JSON.stringify(Object.entries(REFERRER_GROUP_OF_CODE).map(([code, grp]) => ({ code, grp }))) },
  );

  // Current state: the row of the newest delivery (highest periode, then latest load) per
  // toewijzing; the product row valid on its begindatum decides segment and subsegment.
  await exec(
    conn,
    `CREATE OR REPLACE TEMP TABLE k_tw AS
     WITH newest AS (
       SELECT gemeente_code, toewijzing_id,
              arg_max({client_id: client_id, aanbieder_agb: aanbieder_agb, productcode: productcode, begindatum: begindatum,
                       einddatum: einddatum, reden_einde: reden_einde, verwijzer: verwijzer},
                      CAST(replace(periode, '-', '') AS BIGINT) * 1000000000 + delivery_id) AS r,
              min(periode) AS first_periode
       FROM toewijzingen WHERE periode <= $asOf GROUP BY gemeente_code, toewijzing_id
     )
     SELECT n.gemeente_code, n.toewijzing_id, n.r.client_id AS client_id, n.r.aanbieder_agb AS aanbieder_agb,
            n.r.begindatum AS begindatum, coalesce(n.r.einddatum, ${OPEN_END}) AS end_eff, n.r.verwijzer AS verwijzer,
            n.r.reden_einde AS reden_einde,
            n.first_periode, p.segment, p.subsegment
     FROM newest n
     JOIN region_products p
       ON p.productcode = n.r.productcode AND n.r.begindatum BETWEEN p.geldig_van AND coalesce(p.geldig_tot, ${OPEN_END})`,
    { asOf: opts.asOf ?? NO_PEILMAAND },
  );
  const columns = 't.gemeente_code, t.toewijzing_id, t.client_id, t.begindatum, t.end_eff, t.verwijzer, t.first_periode, t.reden_einde, t.subsegment, m.row';
  const unit = opts.kind === 'area' ? 't.gemeente_code' : 't.aanbieder_agb';
  // Per unit (gemeente or provider) once; REGIO figures that are not sums come from grouping sets.
  await exec(conn, `CREATE OR REPLACE TEMP TABLE k_twr AS SELECT ${unit} AS unit, ${columns} FROM k_tw t JOIN k_rowmap m USING (segment, subsegment)`);
  // Trajectories are built per scope: a gemeente from its own toewijzingen, the region from all.
  const scoped =
    opts.kind === 'area'
      ? `SELECT unit AS scope, * EXCLUDE (unit) FROM k_twr WHERE ${NOT_A_TRAJECTORY_ROW}
         UNION ALL SELECT 'REGIO' AS scope, * EXCLUDE (unit) FROM k_twr WHERE ${NOT_A_TRAJECTORY_ROW}`
      : `SELECT unit AS scope, * EXCLUDE (unit) FROM k_twr WHERE ${NOT_A_TRAJECTORY_ROW}`;

  // Active months as a 12-bit mask per unit, row, youth and year (bit 0 = January): a youth
  // counts once however many toewijzingen overlap, and the region ORs the masks across units
  // (a youth who moved counts once). Far cheaper than one row per month.
  await exec(
    conn,
    `CREATE OR REPLACE TEMP TABLE k_mask AS
     WITH spans AS (
       SELECT unit, row, client_id, begindatum, end_eff,
              unnest(range(greatest(year(begindatum), $y0::INTEGER), least(year(end_eff), $y1::INTEGER) + 1)) AS year
       FROM k_twr WHERE begindatum <= $p1::DATE AND end_eff >= $p0::DATE
     ), bits AS (
       SELECT unit, row, client_id, year,
              CASE WHEN year(begindatum) < year THEN 0 ELSE month(begindatum) - 1 END AS a,
              CASE WHEN year(end_eff) > year THEN 11 ELSE month(end_eff) - 1 END AS b
       FROM spans
     )
     SELECT ${opts.kind === 'area' ? `coalesce(unit, 'REGIO')` : 'unit'} AS scope, row, client_id, year,
            bit_or((2 << b) - (1 << a)) AS mask
     FROM bits
     GROUP BY GROUPING SETS ((unit, row, client_id, year)${opts.kind === 'area' ? ', (row, client_id, year)' : ''})`,
    { y0: opts.years.from, y1: opts.years.to, p0: `${opts.years.from}-01-01`, p1: `${opts.years.to}-12-31` },
  );

  // Trajectories: per scope, row and client in date order; a toewijzing starting more than
  // the gap after the latest end so far (open = far future) starts a new one.
  await exec(
    conn,
    `CREATE OR REPLACE TEMP TABLE k_traj AS
     WITH k_tws AS (${scoped}), ordered AS (
       SELECT scope, row, client_id, gemeente_code, toewijzing_id, begindatum, end_eff, verwijzer, first_periode, reden_einde,
              max(end_eff) OVER w_prev AS prev_end
       FROM k_tws
       WINDOW w_prev AS (PARTITION BY scope, row, client_id ORDER BY begindatum, end_eff, gemeente_code, toewijzing_id
                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
     ), numbered AS (
       SELECT *, sum(CASE WHEN prev_end IS NULL OR begindatum > prev_end + $gap::INTEGER THEN 1 ELSE 0 END)
                   OVER (PARTITION BY scope, row, client_id ORDER BY begindatum, end_eff, gemeente_code, toewijzing_id
                         ROWS UNBOUNDED PRECEDING) AS traj_no
       FROM ordered
     )
     SELECT scope, row, client_id, traj_no, min(begindatum) AS start, max(end_eff) AS end_eff,
            -- The first delivery that held any of its toewijzingen: how late the trajectory became known (nowcast).
            min(first_periode) AS first_periode,
            first(verwijzer ORDER BY begindatum, end_eff, gemeente_code, toewijzing_id) AS verwijzer,
            -- The reason of the last toewijzing (latest einddatum); '' keeps a missing reason from being skipped.
            nullif(arg_max(coalesce(reden_einde, ''), (end_eff, begindatum, gemeente_code, toewijzing_id)), '') AS reden_einde
     FROM numbered GROUP BY scope, row, client_id, traj_no`,
    { gap: region.trajectoryGapDays },
  );
  // A return (herinstroom): the client's previous trajectory of the row in the scope ended at
  // most the return window before this one started. Trajectories of a client and row never
  // overlap (a start within the gap continues the same one), so the previous is the latest before.
  await exec(
    conn,
    `CREATE OR REPLACE TEMP TABLE k_trajr AS
     SELECT *, coalesce(start - lag(end_eff) OVER (PARTITION BY scope, row, client_id ORDER BY traj_no) <= $window::INTEGER, false) AS herinstroom
     FROM k_traj`,
    { window: region.returnWindowDays },
  );
  // A start "after crisis": the client had a crisis trajectory in the same scope active on the
  // start date or ended at most the gap before it. A crisis trajectory is not its own cause.
  await exec(
    conn,
    `CREATE OR REPLACE TEMP TABLE k_trajx AS
     WITH after_crisis AS (
       SELECT DISTINCT t.scope, t.row, t.client_id, t.traj_no
       FROM k_trajr t JOIN k_trajr c
         ON c.scope = t.scope AND c.client_id = t.client_id AND c.row = 'crisis'
        AND c.start <= t.start AND c.end_eff >= t.start - $gap::INTEGER
        AND NOT (t.row = 'crisis' AND c.traj_no = t.traj_no)
     )
     SELECT t.*, coalesce(v.grp, 'overig') AS vgroup, a.traj_no IS NOT NULL AS crisis_start
     FROM k_trajr t
     LEFT JOIN k_vgroup v ON v.code = t.verwijzer
     LEFT JOIN after_crisis a USING (scope, row, client_id, traj_no)`,
    { gap: region.trajectoryGapDays },
  );

  // Claim lines: the segment of the product valid on the service month's first day; the
  // provider scope takes the lines on that provider's toewijzingen.
  const provider = opts.kind === 'provider';
  await exec(
    conn,
    `CREATE OR REPLACE TEMP TABLE k_decl AS
     SELECT ${provider ? 't.aanbieder_agb' : 'd.gemeente_code'} AS unit, m.row, p.subsegment,
            date_trunc('month', d.prestatie_begin)::DATE AS m, sum(d.bedrag) AS bedrag
     FROM declaraties d
     JOIN region_products p
       ON p.productcode = d.productcode AND d.prestatie_begin BETWEEN p.geldig_van AND coalesce(p.geldig_tot, ${OPEN_END})
     JOIN k_rowmap m ON m.segment = p.segment AND m.subsegment = p.subsegment AND m.row <> '${GEZINSGERICHT_PSEUDO_ROW}'
     ${provider ? 'JOIN k_tw t ON t.gemeente_code = d.gemeente_code AND t.toewijzing_id = d.toewijzing_id' : ''}
     WHERE d.prestatie_begin BETWEEN $p0::DATE AND $p1::DATE AND d.periode <= $asOf
     GROUP BY ALL`,
    { p0: `${opts.years.from}-01-01`, p1: `${opts.years.to}-12-31`, asOf: opts.asOf ?? NO_PEILMAAND },
  );
}

/** Month and year of one date column, as grouping sets: `period` is `YYYY-MM` or `YYYY`. */
const byMonthAndYear = (scope: string, date: string) => `
  ${scope} AS scope, row, coalesce(strftime(${date}, '%Y-%m'), CAST(year(${date}) AS VARCHAR)) AS period`;

/**
 * All raw figures, keyed by `factKey`. `alongside` runs on the same session after the
 * temporary tables are built (the nowcast reads its development cells from them), so they
 * are built once.
 */
export async function computeFacts(store: Store, opts: FactOptions, alongside?: (conn: Queryable) => Promise<void>): Promise<Map<string, FactRow>> {
  // One session: prepare's temporary tables live on its connection.
  return store.session(async (conn) => {
    await prepare(conn, store, opts);
    if (alongside) await alongside(conn);
    const area = opts.kind === 'area';
    // Per scope, row and year: youths in the year, in each month, and up to each month.
    const masks = await read<{ scope: string; row: string; year: number; clients: number } & Record<string, number>>(
      conn,
      `SELECT scope, row, year::INTEGER AS year, count(*)::INTEGER AS clients,
              sum((mask >> 0) & 1)::INTEGER AS m1,
              sum((mask >> 1) & 1)::INTEGER AS m2,
              sum((mask >> 2) & 1)::INTEGER AS m3,
              sum((mask >> 3) & 1)::INTEGER AS m4,
              sum((mask >> 4) & 1)::INTEGER AS m5,
              sum((mask >> 5) & 1)::INTEGER AS m6,
              sum((mask >> 6) & 1)::INTEGER AS m7,
              sum((mask >> 7) & 1)::INTEGER AS m8,
              sum((mask >> 8) & 1)::INTEGER AS m9,
              sum((mask >> 9) & 1)::INTEGER AS m10,
              sum((mask >> 10) & 1)::INTEGER AS m11,
              sum((mask >> 11) & 1)::INTEGER AS m12,
              count(*) FILTER (WHERE mask & 1 <> 0)::INTEGER AS ytd1,
              count(*) FILTER (WHERE mask & 3 <> 0)::INTEGER AS ytd2,
              count(*) FILTER (WHERE mask & 7 <> 0)::INTEGER AS ytd3,
              count(*) FILTER (WHERE mask & 15 <> 0)::INTEGER AS ytd4,
              count(*) FILTER (WHERE mask & 31 <> 0)::INTEGER AS ytd5,
              count(*) FILTER (WHERE mask & 63 <> 0)::INTEGER AS ytd6,
              count(*) FILTER (WHERE mask & 127 <> 0)::INTEGER AS ytd7,
              count(*) FILTER (WHERE mask & 255 <> 0)::INTEGER AS ytd8,
              count(*) FILTER (WHERE mask & 511 <> 0)::INTEGER AS ytd9,
              count(*) FILTER (WHERE mask & 1023 <> 0)::INTEGER AS ytd10,
              count(*) FILTER (WHERE mask & 2047 <> 0)::INTEGER AS ytd11,
              count(*) FILTER (WHERE mask & 4095 <> 0)::INTEGER AS ytd12
       FROM k_mask GROUP BY scope, row, year`,
    );
    const monthly: Pick<FactRow, 'scope' | 'row' | 'period' | 'clients' | 'first_clients'>[] = [];
    const yearly: Pick<FactRow, 'scope' | 'row' | 'period' | 'clients'>[] = [];
    for (const r of masks) {
      yearly.push({ scope: r.scope, row: r.row, period: String(r.year), clients: r.clients });
      for (let i = 1; i <= 12; i++) {
        const firsts = r[`ytd${i}`] - (i > 1 ? r[`ytd${i - 1}`] : 0);
        if (r[`m${i}`] || firsts) monthly.push({ scope: r.scope, row: r.row, period: monthKey(r.year, i), clients: r[`m${i}`], first_clients: firsts });
      }
    }
    const inflow = await read<FactRow>(
      conn,
      `SELECT ${byMonthAndYear('t.scope', 't.start')}, count(*)::INTEGER AS instroom,
              count(*) FILTER (WHERE t.crisis_start)::INTEGER AS crisis_starts,
              count(*) FILTER (WHERE t.vgroup = 'gemeente')::INTEGER AS v_gemeente,
              count(*) FILTER (WHERE t.vgroup = 'huisarts')::INTEGER AS v_huisarts,
              count(*) FILTER (WHERE t.vgroup = 'gi')::INTEGER AS v_gi,
              count(*) FILTER (WHERE t.vgroup = 'medisch')::INTEGER AS v_medisch,
              count(*) FILTER (WHERE t.vgroup = 'overig')::INTEGER AS v_overig,
              count(*) FILTER (WHERE t.herinstroom)::INTEGER AS herinstroom
       FROM k_trajx t WHERE t.start BETWEEN $p0::DATE AND $p1::DATE
       GROUP BY GROUPING SETS ((t.scope, t.row, strftime(t.start, '%Y-%m')), (t.scope, t.row, year(t.start)))`,
      { p0: `${opts.years.from}-01-01`, p1: `${opts.years.to}-12-31` },
    );
    const outflow = await read<FactRow>(
      conn,
      `SELECT ${byMonthAndYear('t.scope', 't.end_eff')}, count(*)::INTEGER AS uitstroom,
              avg(t.end_eff - t.start + 1)::DOUBLE AS dur_mean,
              median((t.end_eff - t.start + 1)::DOUBLE)::DOUBLE AS dur_median,
              count(t.reden_einde)::INTEGER AS ended_with_reason,
              count(*) FILTER (WHERE t.reden_einde = '${AS_PLANNED}')::INTEGER AS ended_as_planned
       FROM k_trajx t WHERE t.end_eff BETWEEN $p0::DATE AND $p1::DATE
       GROUP BY GROUPING SETS ((t.scope, t.row, strftime(t.end_eff, '%Y-%m')), (t.scope, t.row, year(t.end_eff)))`,
      { p0: `${opts.years.from}-01-01`, p1: `${opts.years.to}-12-31` },
    );
    // Euro sums stay DECIMAL (exact to the cent) until the last step.
    const costs = await read<FactRow>(
      conn,
      `SELECT ${area ? `coalesce(unit, 'REGIO')` : 'unit'} AS scope, row,
              coalesce(strftime(m, '%Y-%m'), CAST(year(m) AS VARCHAR)) AS period, sum(bedrag)::DOUBLE AS kosten
       FROM k_decl
       GROUP BY GROUPING SETS ((unit, row, strftime(m, '%Y-%m')), (unit, row, year(m))${area ? ', (row, strftime(m, \'%Y-%m\')), (row, year(m))' : ''})`,
    );
    const facts = new Map<string, FactRow>();
    const merge = (part: Partial<FactRow> & Pick<FactRow, 'scope' | 'row' | 'period'>) => {
      const key = factKey(part.scope, part.row, part.period);
      const current = facts.get(key);
      if (current) Object.assign(current, part);
      else facts.set(key, { ...EMPTY_FACT, ...part });
    };
    for (const part of [monthly, yearly, inflow, outflow, costs]) for (const r of part) merge(r);
    // Family-based care is counted as a pseudo-row; it is the numerator of wonen_verblijf's share.
    for (const [key, f] of facts) {
      if (f.row !== GEZINSGERICHT_PSEUDO_ROW) continue;
      facts.delete(key);
      merge({ scope: f.scope, row: GEZINSGERICHT_ROW, period: f.period, gezins_clients: f.clients });
    }
    return facts;
  });
}

export interface SubsegmentFact {
  scope: string;
  row: string;
  subsegment: string;
  period: string;
  clients: number;
  kosten: number;
}

/** Clients and costs per subsegment within each reporting row (area scopes). */
export async function computeSubsegmentFacts(store: Store, years: { from: number; to: number }, asOf?: string): Promise<SubsegmentFact[]> {
  // One session: prepare's temporary tables live on its connection.
  return store.session(async (conn) => {
    await prepare(conn, store, { kind: 'area', years, asOf });
    return await read<SubsegmentFact>(
      conn,
      `WITH c AS (
         SELECT coalesce(unit, 'REGIO') AS scope, row, subsegment, coalesce(strftime(m, '%Y-%m'), CAST(year(m) AS VARCHAR)) AS period,
                count(DISTINCT client_id)::INTEGER AS clients
         FROM (SELECT unit, row, subsegment, client_id,
                      unnest(generate_series(date_trunc('month', greatest(begindatum, $p0::DATE)),
                                             date_trunc('month', least(end_eff, $p1::DATE)), INTERVAL 1 MONTH))::DATE AS m
               FROM k_twr WHERE begindatum <= $p1::DATE AND end_eff >= $p0::DATE AND row <> '${GEZINSGERICHT_PSEUDO_ROW}')
         GROUP BY GROUPING SETS ((unit, row, subsegment, strftime(m, '%Y-%m')), (unit, row, subsegment, year(m)),
                                 (row, subsegment, strftime(m, '%Y-%m')), (row, subsegment, year(m)))
       ), k AS (
         SELECT coalesce(unit, 'REGIO') AS scope, row, subsegment,
                coalesce(strftime(m, '%Y-%m'), CAST(year(m) AS VARCHAR)) AS period, sum(bedrag)::DOUBLE AS kosten
         FROM k_decl
         GROUP BY GROUPING SETS ((unit, row, subsegment, strftime(m, '%Y-%m')), (unit, row, subsegment, year(m)),
                                 (row, subsegment, strftime(m, '%Y-%m')), (row, subsegment, year(m)))
       )
       SELECT scope, row, subsegment, period, coalesce(c.clients, 0)::INTEGER AS clients, coalesce(k.kosten, 0)::DOUBLE AS kosten
       FROM c FULL JOIN k USING (scope, row, subsegment, period)`,
      { p0: `${years.from}-01-01`, p1: `${years.to}-12-31` },
    );
  });
}

/** Youths with jeugdbescherming or jeugdreclassering in the year who also had jeugdhulp in it (region). */
export async function justiceAlsoInCare(store: Store, year: number): Promise<number> {
  return store.session(async (conn) => {
    await prepare(conn, store, { kind: 'area', years: { from: year, to: year }, withTotal: true });
    const [{ n }] = await read<{ n: number }>(
      conn,
      `SELECT count(DISTINCT client_id)::INTEGER AS n FROM k_mask
       WHERE scope = 'REGIO' AND year = $y AND list_contains(CAST($rows AS JSON)::VARCHAR[], row)
         AND client_id IN (SELECT client_id FROM k_mask WHERE scope = 'REGIO' AND year = $y AND row = '${TOTAL_PSEUDO_ROW}')`,
      { y: year, rows: JSON.stringify(JUSTICE_ROWS) },
    );
    return n;
  });
}

/** Each provider's name: the newest one a toewijzing carried (by periode, then load, up to the peilmaand), null if none did. */
export async function providerNames(store: Store, asOf: string = NO_PEILMAAND): Promise<Map<string, string | null>> {
  const names = await store.query<{ agb: string; naam: string | null }>(
    `SELECT aanbieder_agb AS agb,
            arg_max(aanbieder_naam, periode || lpad(delivery_id::VARCHAR, 12, '0')) FILTER (WHERE aanbieder_naam IS NOT NULL) AS naam
     FROM toewijzingen WHERE periode <= $asOf GROUP BY aanbieder_agb`,
    { asOf },
  );
  return new Map(names.map((n) => [n.agb, n.naam]));
}
