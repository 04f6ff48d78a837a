/**
 * Set-based validation of one delivery in DuckDB: the file is read once into a temporary
 * staging table (raw text and typed value side by side, `rowid` in file order), and every
 * rule of the contract is a query that returns its problem rows. All SQL comes from the
 * column definitions in columns.ts.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { expectedFor, type KindSpec } from './columns.ts';
import { looksLikeBsnSql, sqlString } from './formats.ts';
import type { HeaderMapping } from './header.ts';
import type { RawProblem } from './problems.ts';

const q = (name: string) => `"${name}"`;
const typed = (name: string) => `"t_${name}"`;
/** Staging rowid 0 is file line 2 (the header is line 1). */
const FIRST_DATA_LINE = 2;

export interface Staged {
  rows: number;
  /** Lines whose field count differs from the header's: the file cannot be read reliably. */
  structureProblems: RawProblem[];
  structureProblemCount: number;
}

/** Reads the CSV into the connection's temporary table `staging`. */
export async function stage(conn: DuckDBConnection, csvPath: string, mapping: HeaderMapping, spec: KindSpec, maxProblems: number): Promise<Staged> {
  const width = mapping.columns.length;
  const fileColumns = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const raw = spec.columns.map((c) => {
    const i = mapping.columns.findIndex((m) => m.column === c.name);
    return i < 0 ? `NULL::VARCHAR AS ${q(c.name)}` : `nullif(trim(c${i}), '') AS ${q(c.name)}`;
  });
  const typedColumns = spec.columns.map((c) => `${c.format.sql(q(c.name))} AS ${typed(c.name)}`);
  // The delimiter is one of three fixed characters and the column list is generated: only the path is user input.
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE staging AS
     SELECT *, ${typedColumns.join(', ')}
     FROM (SELECT ${raw.join(', ')}
           FROM read_csv($path, auto_detect = false, header = false, skip = 1, delim = ${sqlString(mapping.delimiter)},
                quote = '"', escape = '"', comment = '', store_rejects = true,
                rejects_table = 'etl_rejects', rejects_scan = 'etl_rejects_scan', columns = {${fileColumns}}))`,
    { path: csvPath },
  );
  const [{ rows }] = (await conn.runAndReadAll(`SELECT count(*)::INTEGER AS rows FROM staging`)).getRowObjectsJson() as { rows: number }[];
  const rejects = (
    await conn.runAndReadAll(
      // A short row gets one reject per missing field: one problem per line is enough.
      `SELECT line::INTEGER AS line, min(error_type) AS error_type, arg_min(error_message, column_idx) AS error_message,
              count(*) OVER ()::INTEGER AS total
       FROM etl_rejects GROUP BY line ORDER BY line LIMIT ${maxProblems}`,
    )
  ).getRowObjectsJson() as { line: number; error_type: string; error_message: string; total: number }[];
  // DuckDB's own messages may quote the line; only the field count is passed on.
  const structureProblems = rejects.map((r): RawProblem => {
    const count = /Found: (\d+)/.exec(r.error_message)?.[1];
    if (r.error_type === 'MISSING COLUMNS' || r.error_type === 'TOO MANY COLUMNS') {
      return { line: r.line, column: null, rule: 'column_count', expected: `${width} velden, zoals de kopregel`, found: count ? `${count} velden` : null };
    }
    if (r.error_type === 'UNQUOTED VALUE') {
      return { line: r.line, column: null, rule: 'csv_quote', expected: 'velden met aanhalingstekens die ook weer worden gesloten ("...")', found: null };
    }
    return { line: r.line, column: null, rule: 'csv_structure', expected: 'een leesbare CSV-regel', found: r.error_type.toLowerCase() };
  });
  return { rows, structureProblems, structureProblemCount: rejects[0]?.total ?? 0 };
}

export interface Reference {
  line: number;
  value: string;
}

/** The first valid value of a column (the delivery's gemeente and periode are those of its first row). */
export async function firstValue(conn: DuckDBConnection, column: string): Promise<Reference | null> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT (rowid + ${FIRST_DATA_LINE})::INTEGER AS line, ${typed(column)}::VARCHAR AS value FROM staging
       WHERE ${typed(column)} IS NOT NULL ORDER BY rowid LIMIT 1`,
    )
  ).getRowObjectsJson() as unknown as Reference[];
  return rows[0] ?? null;
}

/** Every row-level problem of the staged delivery: the first `maxProblems` in file order, and the full count. */
export async function rowProblems(
  conn: DuckDBConnection,
  spec: KindSpec,
  references: Record<string, Reference>,
  maxProblems: number,
): Promise<{ problems: RawProblem[]; count: number }> {
  const parts: string[] = [];
  const order = (column: string) => spec.columns.findIndex((c) => c.name === column);
  const select = (column: string, rule: string, expected: string, found: string, hidden: boolean, from: string) =>
    `SELECT rowid AS r, ${order(column)} AS ord, ${sqlString(column)} AS col, ${sqlString(rule)} AS rule,
            ${sqlString(expected)} AS expected, ${found} AS found, ${hidden} AS hidden FROM ${from}`;
  const foundOf = (column: string) => (spec.columns.find((c) => c.name === column)?.secret ? 'NULL::VARCHAR' : q(column));
  const secret = (column: string) => Boolean(spec.columns.find((c) => c.name === column)?.secret);

  for (const c of spec.columns) {
    const col = q(c.name);
    if (c.required) parts.push(select(c.name, 'required', expectedFor(c, 'required'), 'NULL::VARCHAR', false, `staging WHERE ${col} IS NULL`));
    const bsn = c.bsnGuard ? looksLikeBsnSql(col) : 'false';
    if (c.bsnGuard) {
      parts.push(select(c.name, 'bsn', expectedFor(c, 'bsn'), 'NULL::VARCHAR', true, `staging WHERE ${col} IS NOT NULL AND ${bsn}`));
    }
    const ambiguous = c.format.ambiguous ? `regexp_full_match(${col}, ${sqlString(c.format.ambiguous.pattern)})` : 'false';
    if (c.format.ambiguous) {
      const rule = c.format.ambiguous.rule;
      parts.push(select(c.name, rule, expectedFor(c, rule), foundOf(c.name), secret(c.name), `staging WHERE ${col} IS NOT NULL AND ${ambiguous}`));
    }
    parts.push(
      select(c.name, c.format.rule, expectedFor(c, c.format.rule), foundOf(c.name), secret(c.name), `staging WHERE ${col} IS NOT NULL AND ${typed(c.name)} IS NULL AND NOT ${ambiguous} AND NOT ${bsn}`),
    );
  }

  for (const r of spec.rowRules) {
    const valid = r.uses.map((c) => `${typed(c)} IS NOT NULL`).join(' AND ');
    parts.push(select(r.column, r.rule, r.expected, foundOf(r.column), secret(r.column), `staging WHERE ${valid} AND (${r.sql(typed)})`));
  }

  for (const column of spec.sharedColumns) {
    const ref = references[column];
    if (!ref) continue;
    parts.push(
      select(column, `${column}_mismatch`, `dezelfde ${column} als regel ${ref.line} (${ref.value}): één levering is één gemeente en één periode`, foundOf(column), secret(column),
        `staging WHERE ${typed(column)} IS NOT NULL AND ${typed(column)}::VARCHAR <> ${sqlString(ref.value)}`),
    );
  }

  if (spec.uniqueKey.length > 0) {
    const key = spec.uniqueKey.map(typed).join(', ');
    const column = spec.uniqueKey[spec.uniqueKey.length - 1];
    const what = spec.uniqueKey.join(' en ');
    parts.push(
      `SELECT rowid AS r, ${order(column)} AS ord, ${sqlString(column)} AS col, 'duplicate_key' AS rule,
              'een unieke ' || ${sqlString(what)} || ' binnen de levering (dezelfde staat al op regel ' || (first + ${FIRST_DATA_LINE}) || ')' AS expected,
              ${foundOf(column)} AS found, ${secret(column)} AS hidden
       FROM (SELECT rowid, ${q(column)}, min(rowid) OVER (PARTITION BY ${key}) AS first FROM staging
             WHERE ${spec.uniqueKey.map((c) => `${typed(c)} IS NOT NULL`).join(' AND ')})
       WHERE rowid <> first`,
    );
  }

  const rows = (
    await conn.runAndReadAll(
      `WITH problems AS (${parts.join('\nUNION ALL\n')})
       SELECT (r + ${FIRST_DATA_LINE})::INTEGER AS line, col, rule, expected, found::VARCHAR AS found, hidden, count(*) OVER ()::INTEGER AS total
       FROM problems ORDER BY r, ord, rule LIMIT ${Math.max(1, maxProblems)}`,
    )
  ).getRowObjectsJson() as { line: number; col: string; rule: string; expected: string; found: string | null; hidden: boolean; total: number }[];
  return {
    problems: rows.slice(0, maxProblems).map((p) => ({ line: p.line, column: p.col, rule: p.rule, expected: p.expected, found: p.found, hidden: p.hidden })),
    count: rows[0]?.total ?? 0,
  };
}
