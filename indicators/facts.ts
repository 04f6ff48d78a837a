/**
 * The set-based heart of the engine: from the record tables to one row of raw figures per
 * (scope, reporting row, period), computed by DuckDB in a handful of statements on one
 * connection. Scopes are either areas (each gemeente from its own toewijzingen, plus REGIO
 * from all of them) or providers (each `aanbieder_agb` over the whole region).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Store } from '../store/store.ts';
import { GEZINSGERICHT_SUBSEGMENTS, REFERRER_GROUP_OF_CODE, reportingRowsOf } from './rules.ts';

export type ScopeKind = 'area' | 'provider';

/** Raw figures of one (scope, row, period); absent measures are 0 / null. */
export interface FactRow {
  scope: string;
  row: string;
  /** `YYYY`, `YYYY-MM`, or `YTD` + `YYYY-MM` (distinct clients from January up to that month). */
  period: string;
  clients: number;
  gezins_clients: number;
  instroom: number;
  crisis_starts: number;
  v_gemeente: number;
  v_huisarts: number;
  v_gi: number;
  v_medisch: number;
  v_overig: number;
  uitstroom: number;
  dur_mean: number | null;
  dur_median: number | null;
  kosten: number;
}

export const EMPTY_FACT: Omit<FactRow, 'scope' | 'row' | 'period'> = {
  clients: 0,
  gezins_clients: 0,
  instroom: 0,
  crisis_starts: 0,
  v_gemeente: 0,
  v_huisarts: 0,
  v_gi: 0,
  v_medisch: 0,
  v_overig: 0,
  uitstroom: 0,
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
}

const OPEN_END = `DATE '9999-12-31'`;

async function exec(conn: DuckDBConnection, sql: string, params?: Record<string, string | number>) {
  await conn.run(sql, params);
}

async function read<T>(conn: DuckDBConnection, sql: string): Promise<T[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
}

/** Builds the temporary tables the figure queries (and `subsegmentFacts`) read from. */
export async function prepare(conn: DuckDBConnection, store: Store, opts: FactOptions): Promise<void> {
  const region = store.region;
  const pairs = new Map<string, { segment: string; subsegment: string }>();
  for (const p of region.products) pairs.set(`${p.segment}\t${p.subsegment}`, p);
  const rowMap = [...pairs.values()].flatMap(({ segment, subsegment }) =>
    [...reportingRowsOf(segment as never, subsegment), ...(opts.withTotal ? ['totaal'] : [])].map((row) => ({
      segment,
      subsegment,
      row,
      gezinsgericht: (GEZINSGERICHT_SUBSEGMENTS as readonly string[]).includes(subsegment),
    })),
  );
  await exec(
    conn,
    `CREATE OR REPLACE TEMP TABLE k_rowmap AS
     SELECT m.segment, m.subsegment, m.row, m.gezinsgericht
     FROM (SELECT unnest(CAST($m AS JSON)::STRUCT(segment VARCHAR, subsegment VARCHAR, row VARCHAR, gezinsgericht BOOLEAN)[]) AS m)`,
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
     SELECT t.gemeente_code, t.toewijzing_id, t.client_id, t.aanbieder_agb, t.begindatum,
            coalesce(t.einddatum, ${OPEN_END}) AS end_eff, t.verwijzer, p.segment, p.subsegment
     FROM (SELECT * FROM toewijzingen
           QUALIFY row_number() OVER (PARTITION BY gemeente_code, toewijzing_id ORDER BY periode DESC, delivery_id DESC) = 1) t
     JOIN region_products p
       ON p.productcode = t.productcode AND t.begindatum BETWEEN p.geldig_van AND coalesce(p.geldig_tot, ${OPEN_END})`,
  );
  const scopeSql =
    opts.kind === 'area'
      ? `SELECT t.gemeente_code AS scope, t.*, m.row, m.gezinsgericht FROM k_tw t JOIN k_rowmap m USING (segment, subsegment)
         UNION ALL
         SELECT 'REGIO' AS scope, t.*, m.row, m.gezinsgericht FROM k_tw t JOIN k_rowmap m USING (segment, subsegment)`
      : `SELECT t.aanbieder_agb AS scope, t.*, m.row, m.gezinsgericht FROM k_tw t JOIN k_rowmap m USING (segment, subsegment)`;
  await exec(conn, `CREATE OR REPLACE TEMP TABLE k_tws AS ${scopeSql}`);

  // Trajectories: per scope, row and client in date order; a toewijzing starting more than
  // the gap after the latest end so far (open = far future) starts a new one.
  await exec(
    conn,
    `CREATE OR REPLACE TEMP TABLE k_traj AS
     WITH ordered AS (
       SELECT scope, row, client_id, gemeente_code, toewijzing_id, begindatum, end_eff, verwijzer,
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
            first(verwijzer ORDER BY begindatum, end_eff, gemeente_code, toewijzing_id) AS verwijzer
     FROM numbered GROUP BY scope, row, client_id, traj_no`,
    { gap: region.trajectoryGapDays },
  );
  // A start "after crisis": the client had a crisis trajectory in the same scope active on the
  // start date or ended at most the gap before it. A crisis trajectory is not its own cause.
  await exec(
    conn,
    `CREATE OR REPLACE TEMP TABLE k_trajx AS
     WITH after_crisis AS (
       SELECT DISTINCT t.scope, t.row, t.client_id, t.traj_no
       FROM k_traj t JOIN k_traj c
         ON c.scope = t.scope AND c.client_id = t.client_id AND c.row = 'crisis'
        AND c.start <= t.start AND c.end_eff >= t.start - $gap::INTEGER
        AND NOT (t.row = 'crisis' AND c.traj_no = t.traj_no)
     )
     SELECT t.*, coalesce(v.grp, 'overig') AS vgroup, a.traj_no IS NOT NULL AS crisis_start
     FROM k_traj t
     LEFT JOIN k_vgroup v ON v.code = t.verwijzer
     LEFT JOIN after_crisis a USING (scope, row, client_id, traj_no)`,
    { gap: region.trajectoryGapDays },
  );

  await exec(
    conn,
    `CREATE OR REPLACE TEMP TABLE k_periods AS
     WITH y AS (SELECT unnest(range($y0::INTEGER, $y1::INTEGER + 1)) AS year),
          m AS (SELECT year, make_date(year, mm, 1) AS first_day FROM y, range(1, 13) r(mm))
     SELECT CAST(year AS VARCHAR) AS period, 'year' AS grain, make_date(year, 1, 1) AS p_start, make_date(year, 12, 31) AS p_end FROM y
     UNION ALL SELECT strftime(first_day, '%Y-%m'), 'month', first_day, last_day(first_day) FROM m
     UNION ALL SELECT 'YTD' || strftime(first_day, '%Y-%m'), 'ytd', make_date(year, 1, 1), last_day(first_day) FROM m`,
    { y0: opts.years.from, y1: opts.years.to },
  );

  // Claim lines: the segment of the product valid on the service month's first day; the
  // provider scope takes the lines on that provider's toewijzingen.
  const claimScope =
    opts.kind === 'area'
      ? `SELECT d.gemeente_code AS scope, d.* FROM d UNION ALL SELECT 'REGIO' AS scope, d.* FROM d`
      : `SELECT t.aanbieder_agb AS scope, d.* FROM d JOIN k_tw t USING (gemeente_code, toewijzing_id)`;
  await exec(
    conn,
    `CREATE OR REPLACE TEMP TABLE k_decl AS
     WITH d AS (
       SELECT d.gemeente_code, d.toewijzing_id, d.prestatie_begin, d.bedrag, p.subsegment, m.row
       FROM declaraties d
       JOIN region_products p
         ON p.productcode = d.productcode AND d.prestatie_begin BETWEEN p.geldig_van AND coalesce(p.geldig_tot, ${OPEN_END})
       JOIN k_rowmap m ON m.segment = p.segment AND m.subsegment = p.subsegment
     )
     ${claimScope}`,
  );
}

/** All raw figures, keyed by `factKey`. */
export async function computeFacts(store: Store, opts: FactOptions): Promise<Map<string, FactRow>> {
  const conn = await store.connect();
  try {
    await prepare(conn, store, opts);
    const clients = await read<Pick<FactRow, 'scope' | 'row' | 'period' | 'clients' | 'gezins_clients'>>(
      conn,
      `SELECT s.scope, s.row, p.period, count(DISTINCT s.client_id)::INTEGER AS clients,
              count(DISTINCT s.client_id) FILTER (WHERE s.gezinsgericht)::INTEGER AS gezins_clients
       FROM k_tws s JOIN k_periods p ON s.begindatum <= p.p_end AND s.end_eff >= p.p_start
       GROUP BY ALL`,
    );
    const inflow = await read<FactRow>(
      conn,
      `SELECT t.scope, t.row, p.period, count(*)::INTEGER AS instroom,
              count(*) FILTER (WHERE t.crisis_start)::INTEGER AS crisis_starts,
              count(*) FILTER (WHERE t.vgroup = 'gemeente')::INTEGER AS v_gemeente,
              count(*) FILTER (WHERE t.vgroup = 'huisarts')::INTEGER AS v_huisarts,
              count(*) FILTER (WHERE t.vgroup = 'gi')::INTEGER AS v_gi,
              count(*) FILTER (WHERE t.vgroup = 'medisch')::INTEGER AS v_medisch,
              count(*) FILTER (WHERE t.vgroup = 'overig')::INTEGER AS v_overig
       FROM k_trajx t JOIN k_periods p ON t.start BETWEEN p.p_start AND p.p_end AND p.grain <> 'ytd'
       GROUP BY ALL`,
    );
    const outflow = await read<FactRow>(
      conn,
      `SELECT t.scope, t.row, p.period, count(*)::INTEGER AS uitstroom,
              avg(t.end_eff - t.start + 1)::DOUBLE AS dur_mean,
              median((t.end_eff - t.start + 1)::DOUBLE)::DOUBLE AS dur_median
       FROM k_trajx t JOIN k_periods p ON t.end_eff BETWEEN p.p_start AND p.p_end AND p.grain <> 'ytd'
       GROUP BY ALL`,
    );
    const costs = await read<FactRow>(
      conn,
      `SELECT d.scope, d.row, p.period, sum(d.bedrag)::DOUBLE AS kosten
       FROM k_decl d JOIN k_periods p ON d.prestatie_begin BETWEEN p.p_start AND p.p_end AND p.grain <> 'ytd'
       GROUP BY ALL`,
    );
    const facts = new Map<string, FactRow>();
    const merge = (part: Partial<FactRow> & Pick<FactRow, 'scope' | 'row' | 'period'>) => {
      const key = factKey(part.scope, part.row, part.period);
      const current = facts.get(key);
      if (current) Object.assign(current, part);
      else facts.set(key, { ...EMPTY_FACT, ...part });
    };
    for (const part of [clients, inflow, outflow, costs]) for (const r of part) merge(r);
    return facts;
  } finally {
    conn.closeSync();
  }
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
export async function computeSubsegmentFacts(store: Store, years: { from: number; to: number }): Promise<SubsegmentFact[]> {
  const conn = await store.connect();
  try {
    await prepare(conn, store, { kind: 'area', years });
    return await read<SubsegmentFact>(
      conn,
      `WITH c AS (
         SELECT s.scope, s.row, s.subsegment, p.period, count(DISTINCT s.client_id)::INTEGER AS clients
         FROM k_tws s JOIN k_periods p ON s.begindatum <= p.p_end AND s.end_eff >= p.p_start AND p.grain <> 'ytd'
         GROUP BY ALL
       ), k AS (
         SELECT d.scope, d.row, d.subsegment, p.period, sum(d.bedrag)::DOUBLE AS kosten
         FROM k_decl d JOIN k_periods p ON d.prestatie_begin BETWEEN p.p_start AND p.p_end AND p.grain <> 'ytd'
         GROUP BY ALL
       )
       SELECT scope, row, subsegment, period, coalesce(c.clients, 0)::INTEGER AS clients, coalesce(k.kosten, 0)::DOUBLE AS kosten
       FROM c FULL JOIN k USING (scope, row, subsegment, period)`,
    );
  } finally {
    conn.closeSync();
  }
}
