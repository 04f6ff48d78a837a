/**
 * Set-based validation of one delivery in DuckDB: the file is read once into a temporary
 * staging table (raw text and typed value side by side, `rowid` in file order), and every
 * rule of the contract is a query that returns its problem rows. All SQL text comes from the
 * column definitions in columns.ts (identifiers and patterns of our own); every value read from
 * the delivery file (the path, the delimiter, a reference value) is bound as a parameter.
 */
import type { Queryable, SqlParams } from '../store/queryable.ts';
import { expectedFor, type KindSpec } from './columns.ts';
import { looksLikeBsnSql, sqlString } from './formats.ts';
import type { HeaderMapping } from './header.ts';
import type { RawProblem } from './problems.ts';

const q = (name: string) => `"${name}"`;
const typed = (name: string) => `"t_${name}"`;
/** Staging rowid 0 is file line 2 (the header is line 1). */
const FIRST_DATA_LINE = 2;

/**
 * DuckDB keeps the bookkeeping of a `read_csv` rejects table (its counters and a write lock) in a
 * cache shared by every connection of a database, keyed by the table names, while the tables
 * themselves are per connection. Two files staged at once on one store (the look-ahead, two
 * uploads) under the same names shared that bookkeeping, which DuckDB resets without its lock.
 * So each staging read leases names of its own; released names are reused, which keeps DuckDB's
 * cache (it never evicts these entries) as small as the number of reads ever in flight at once.
 */
const freeRejectSlots: number[] = [];
let rejectSlots = 0;

async function withRejectsTable<T>(fn: (errors: string, scans: string) => Promise<T>): Promise<T> {
  const slot = freeRejectSlots.pop() ?? rejectSlots++;
  try {
    return await fn(`etl_rejects_${slot}`, `etl_rejects_scan_${slot}`);
  } finally {
    freeRejectSlots.push(slot);
  }
}

export interface Staged {
  /** Lines whose field count differs from the header's: the file cannot be read reliably. */
  structureProblems: RawProblem[];
  structureProblemCount: number;
}

/**
 * Reads the CSV into the connection's temporary table `staging`, in file order. The lean form
 * (the usual pass) keeps the typed values and a `bad` flag per row (any single-row check
 * failed); the detailed form, read only for a faulty delivery, keeps the trimmed raw text as
 * well, for the problem report.
 */
export async function stage(
  conn: Queryable,
  csvPath: string,
  mapping: HeaderMapping,
  spec: KindSpec,
  maxProblems: number,
  form: 'lean' | 'detailed' = 'lean',
): Promise<Staged> {
  const width = mapping.columns.length;
  const fileColumns = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const raw = spec.columns.map((c) => {
    const i = mapping.columns.findIndex((m) => m.column === c.name);
    return i < 0 ? `NULL::VARCHAR AS ${q(c.name)}` : `nullif(trim(c${i}), '') AS ${q(c.name)}`;
  });
  const typedColumns = spec.columns.map((c) => `${c.format.sql(q(c.name))} AS ${typed(c.name)}`);
  const kept = form === 'lean' ? `${spec.columns.map((c) => typed(c.name)).join(', ')}, ${rowChecks(spec).map((c) => `(${c.where})`).join('\n OR ')} AS bad` : '*';
  // The column list is generated; the path and the delimiter (found in the file's header) are bound.
  const read = (rejectOptions: string) =>
    conn.run(
      `CREATE OR REPLACE TEMP TABLE staging AS
       SELECT ${kept} FROM (
         SELECT *, ${typedColumns.join(', ')}
         FROM (SELECT ${raw.join(', ')}
               FROM read_csv($path, auto_detect = false, header = false, skip = 1, delim = $delim,
                    quote = '"', escape = '"', comment = ''${rejectOptions}, columns = {${fileColumns}})))`,
      { path: csvPath, delim: mapping.delimiter },
    );
  // Rejected lines are collected on the first (lean) read; the detailed read follows only for a sound structure.
  if (form === 'detailed') {
    await read('');
    return { structureProblems: [], structureProblemCount: 0 };
  }
  const rejects = await withRejectsTable(async (errors, scans) => {
    // The rejects table names are our own (etl_rejects_N), never from the file.
    await read(`, store_rejects = true, rejects_table = '${errors}', rejects_scan = '${scans}'`);
    const rows = await conn.query<{ line: number; error_type: string; error_message: string; total: number }>(
      // A short row gets one reject per missing field: one problem per line is enough.
      `SELECT line::INTEGER AS line, min(error_type) AS error_type, arg_min(error_message, column_idx) AS error_message,
              count(*) OVER ()::INTEGER AS total
       FROM ${errors} GROUP BY line ORDER BY line LIMIT $limit`,
      { limit: maxProblems },
    );
    // The names go back to the pool: a later read on this same connection must start from empty tables.
    await conn.run(`DROP TABLE IF EXISTS ${errors}`);
    await conn.run(`DROP TABLE IF EXISTS ${scans}`);
    return rows;
  });
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
  return { structureProblems, structureProblemCount: rejects[0]?.total ?? 0 };
}

export interface Reference {
  line: number;
  value: string;
}

/** One row-level check: the rows where `where` holds have this problem. */
export interface RowCheck {
  column: string;
  rule: string;
  expected: string;
  /** SQL for the `found` text (NULL for secret columns). */
  found: string;
  hidden: boolean;
  where: string;
}

/** The checks of single rows (columns and row rules); the rules across rows come apart. */
export function rowChecks(spec: KindSpec): RowCheck[] {
  const checks: RowCheck[] = [];
  const columnOf = (name: string) => spec.columns.find((c) => c.name === name)!;
  const foundOf = (name: string) => (columnOf(name).secret ? 'NULL::VARCHAR' : q(name));
  const check = (column: string, rule: string, expected: string, where: string, found = foundOf(column), hidden = Boolean(columnOf(column).secret)) =>
    checks.push({ column, rule, expected, found, hidden, where });

  for (const c of spec.columns) {
    const col = q(c.name);
    if (c.required) check(c.name, 'required', expectedFor(c, 'required'), `${col} IS NULL`, 'NULL::VARCHAR', false);
    const bsn = c.bsnGuard ? looksLikeBsnSql(col) : 'false';
    if (c.bsnGuard) check(c.name, 'bsn', expectedFor(c, 'bsn'), `${col} IS NOT NULL AND ${bsn}`, 'NULL::VARCHAR', true);
    // The pattern is a constant of formats.ts, not file content: a quoted literal is safe here.
    const ambiguous = c.format.ambiguous ? `regexp_full_match(${col}, ${sqlString(c.format.ambiguous.pattern)})` : 'false';
    // An ambiguous or malformed value never has a typed value: that cheap test goes first.
    if (c.format.ambiguous) check(c.name, c.format.ambiguous.rule, expectedFor(c, c.format.ambiguous.rule), `${typed(c.name)} IS NULL AND ${col} IS NOT NULL AND ${ambiguous}`);
    check(c.name, c.format.rule, expectedFor(c, c.format.rule), `${typed(c.name)} IS NULL AND ${col} IS NOT NULL AND NOT ${ambiguous} AND NOT ${bsn}`);
  }
  for (const r of spec.rowRules) {
    check(r.column, r.rule, r.expected, `${r.uses.map((c) => `${typed(c)} IS NOT NULL`).join(' AND ')} AND (${r.sql(typed)})`);
  }
  return checks;
}

export interface Summary {
  rows: number;
  /** Rows with at least one single-row problem. */
  badRows: number;
  /** The first valid value of each shared column (the delivery's gemeente and periode). */
  references: Record<string, Reference>;
  /** Shared columns holding more than one value. */
  mixedColumns: string[];
  duplicateKeys: number;
}

/**
 * One pass over the lean staged rows that tells whether anything is wrong at all. A sound delivery,
 * the usual case, needs nothing more; only a faulty one gets the detailed problem query.
 */
export async function summarise(conn: Queryable, spec: KindSpec): Promise<Summary> {
  const select = [`count(*)::INTEGER AS "rows"`, `count(*) FILTER (WHERE bad)::INTEGER AS bad`];
  spec.sharedColumns.forEach((column, i) => {
    const t = typed(column);
    select.push(
      `count(DISTINCT ${t})::INTEGER AS distinct_${i}`,
      `arg_min(${t}::VARCHAR, rowid) FILTER (WHERE ${t} IS NOT NULL) AS ref_${i}`,
      `(min(rowid) FILTER (WHERE ${t} IS NOT NULL) + ${FIRST_DATA_LINE})::INTEGER AS line_${i}`,
    );
  });
  if (spec.uniqueKey.length > 0) {
    const complete = spec.uniqueKey.map((c) => `${typed(c)} IS NOT NULL`).join(' AND ');
    const key = spec.uniqueKey.length === 1 ? typed(spec.uniqueKey[0]) : `row(${spec.uniqueKey.map(typed).join(', ')})`;
    select.push(`(count(*) FILTER (WHERE ${complete}) - count(DISTINCT ${key}) FILTER (WHERE ${complete}))::INTEGER AS dup`);
  }
  const [row] = await conn.query<Record<string, string | number | null>>(`SELECT ${select.join(',\n')} FROM staging`);
  const references: Record<string, Reference> = {};
  const mixedColumns: string[] = [];
  spec.sharedColumns.forEach((column, i) => {
    if (row[`ref_${i}`] !== null) references[column] = { line: row[`line_${i}`] as number, value: row[`ref_${i}`] as string };
    if ((row[`distinct_${i}`] as number) > 1) mixedColumns.push(column);
  });
  return { rows: row.rows as number, badRows: row.bad as number, references, mixedColumns, duplicateKeys: (row.dup as number | undefined) ?? 0 };
}

/** Every row-level problem of the staged delivery: the first `maxProblems` in file order, and the full count. */
export async function rowProblems(
  conn: Queryable,
  spec: KindSpec,
  references: Record<string, Reference>,
  maxProblems: number,
): Promise<{ problems: RawProblem[]; count: number }> {
  const order = (column: string) => spec.columns.findIndex((c) => c.name === column);
  const foundOf = (column: string) => (spec.columns.find((c) => c.name === column)?.secret ? 'NULL::VARCHAR' : q(column));
  const secret = (column: string) => Boolean(spec.columns.find((c) => c.name === column)?.secret);
  // Texts go in as parameters: an expectation may quote a value from the file (the reference gemeente).
  const params: SqlParams = {};
  const bind = (value: string) => {
    const name = `v${Object.keys(params).length}`;
    params[name] = value;
    return `$${name}::VARCHAR`;
  };
  const select = (c: Omit<RowCheck, 'where'>, from: string) =>
    `SELECT rowid AS r, ${order(c.column)} AS ord, ${bind(c.column)} AS col, ${bind(c.rule)} AS rule,
            ${bind(c.expected)} AS expected, ${c.found} AS found, ${c.hidden} AS hidden FROM ${from}`;
  const parts = rowChecks(spec).map((c) => select(c, `staging WHERE ${c.where}`));

  for (const column of spec.sharedColumns) {
    const ref = references[column];
    if (!ref) continue;
    const expected = `dezelfde ${column} als regel ${ref.line} (${ref.value}): één levering is één gemeente en één periode`;
    parts.push(
      select({ column, rule: `${column}_mismatch`, expected, found: foundOf(column), hidden: secret(column) },
        `staging WHERE ${typed(column)} IS NOT NULL AND ${typed(column)}::VARCHAR <> ${bind(ref.value)}`),
    );
  }

  if (spec.uniqueKey.length > 0) {
    const key = spec.uniqueKey.map(typed).join(', ');
    const column = spec.uniqueKey[spec.uniqueKey.length - 1];
    const what = spec.uniqueKey.join(' en ');
    parts.push(
      `SELECT rowid AS r, ${order(column)} AS ord, ${bind(column)} AS col, 'duplicate_key' AS rule,
              'een unieke ' || ${bind(what)} || ' binnen de levering (dezelfde staat al op regel ' || (first + ${FIRST_DATA_LINE}) || ')' AS expected,
              ${foundOf(column)} AS found, ${secret(column)} AS hidden
       FROM (SELECT rowid, ${q(column)}, min(rowid) OVER (PARTITION BY ${key}) AS first FROM staging
             WHERE ${spec.uniqueKey.map((c) => `${typed(c)} IS NOT NULL`).join(' AND ')})
       WHERE rowid <> first`,
    );
  }

  const rows = await conn.query<{ line: number; col: string; rule: string; expected: string; found: string | null; hidden: boolean; total: number }>(
    `WITH problems AS (${parts.join('\nUNION ALL\n')})
     SELECT (r + ${FIRST_DATA_LINE})::INTEGER AS line, col, rule, expected, found::VARCHAR AS found, hidden, count(*) OVER ()::INTEGER AS total
     FROM problems ORDER BY r, ord, rule LIMIT $limit`,
    { ...params, limit: Math.max(1, maxProblems) },
  );
  return {
    problems: rows.slice(0, maxProblems).map((p) => ({ line: p.line, column: p.col, rule: p.rule, expected: p.expected, found: p.found, hidden: p.hidden })),
    count: rows[0]?.total ?? 0,
  };
}
