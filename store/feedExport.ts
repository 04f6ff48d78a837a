/**
 * Data feeds for analysts (Power BI, Excel): rows the server has already built and limited
 * are written by DuckDB itself — Parquet with typed columns through `COPY … TO`, or CSV — and
 * handed back as bytes. The rows go in as one JSON parameter and are typed by `json_transform`,
 * so the column types are the feed's, stated once per feed, never guessed from the data.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from './store.ts';

export type FeedType = 'VARCHAR' | 'DOUBLE' | 'BOOLEAN' | 'INTEGER' | 'DATE';

export interface FeedColumn {
  name: string;
  type: FeedType;
  /** Derived in SQL from the input columns (`r.<name>`), instead of taken from the rows. */
  expr?: string;
}

/** `csv-nl`: Dutch Excel (`;`, decimal comma, BOM); `csv-en`: plain (`,`, decimal point, no BOM). */
export type FeedFormat = 'parquet' | 'csv-nl' | 'csv-en';

const NAME = /^[a-z][a-z0-9_]*$/;
const quoteText = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Where the file is written before it is read back: beside the store (its disk, its permissions), else the system's temporary folder. */
function workDir(store: Pick<Store, 'path'>): string {
  if (store.path === ':memory:') return mkdtempSync(join(tmpdir(), 'koersbord-feed-'));
  const dir = `${store.path}.feeds`;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** A CSV cell for a spreadsheet: numbers in the chosen decimal mark, text with formulas defused. */
function csvExpr(column: FeedColumn, source: string, format: 'csv-nl' | 'csv-en'): string {
  if (column.type === 'DOUBLE') {
    // Six decimals at most, trailing zeros dropped: never DuckDB's 1e-06 notation, which Excel reads as text.
    const plain = `rtrim(rtrim(printf('%.6f', ${source}), '0'), '.')`;
    return format === 'csv-nl' ? `replace(${plain}, '.', ',')` : plain;
  }
  if (column.type === 'VARCHAR') {
    // A leading =, +, - or @ would make a spreadsheet evaluate the cell (CSV injection).
    return `CASE WHEN regexp_matches(${source}, '^[=+\\-@\\t\\r]') THEN '''' || ${source} ELSE ${source} END`;
  }
  return source;
}

export interface FeedRequest {
  columns: readonly FeedColumn[];
  rows: readonly object[];
  format: FeedFormat;
  /** Equality filters on input columns, applied in SQL; undefined values are no filter. */
  filters?: Record<string, string | undefined>;
  /** Sort order: column names. */
  orderBy?: string[];
}

export async function writeFeed(store: Pick<Store, 'path' | 'run'>, request: FeedRequest): Promise<Buffer> {
  const { columns, format } = request;
  for (const c of columns) if (!NAME.test(c.name)) throw new Error(`ongeldige kolomnaam ${c.name}`);
  const input = columns.filter((c) => !c.expr);
  // json_transform, not a STRUCT cast: keys of the rows that are no column of the feed are left out, not an error.
  // The structure must be a constant: it is built from the feed's own column names (checked above), never from a request.
  const structure = JSON.stringify([Object.fromEntries(input.map((c) => [c.name, c.type]))]);
  const filters = Object.entries(request.filters ?? {}).filter(([, v]) => v !== undefined);
  for (const [name] of filters) if (!input.some((c) => c.name === name)) throw new Error(`onbekende filterkolom ${name}`);
  const params: Record<string, string> = { rows: JSON.stringify(request.rows) };
  filters.forEach(([, v], i) => (params[`f${i}`] = v!));
  const where = filters.length ? `WHERE ${filters.map(([name], i) => `r.${name} = $f${i}`).join(' AND ')}` : '';
  const order = (request.orderBy ?? []).filter((n) => input.some((c) => c.name === n)).map((n) => `r.${n}`);
  const typed = columns.map((c) => `${c.expr ?? `r.${c.name}`}::${c.type} AS ${c.name}`).join(', ');
  const inner = `SELECT ${typed} FROM (SELECT unnest(json_transform($rows, ${quoteText(structure)})) AS r) ${where} ${order.length ? `ORDER BY ${order.join(', ')}` : ''}`;
  const select = format === 'parquet' ? inner : `SELECT ${columns.map((c) => `${csvExpr(c, `t.${c.name}`, format)} AS ${c.name}`).join(', ')} FROM (${inner}) t`;

  const dir = workDir(store);
  const file = join(dir, `${randomBytes(8).toString('hex')}.${format === 'parquet' ? 'parquet' : 'csv'}`);
  const options = format === 'parquet' ? `FORMAT parquet, COMPRESSION zstd` : `FORMAT csv, HEADER true, DELIMITER ${format === 'csv-nl' ? "';'" : "','"}, QUOTE '"'`;
  try {
    // COPY takes no parameter for its target; the path is ours (random name in our own folder).
    await store.run(`COPY (${select}) TO ${quoteText(file)} (${options})`, params);
    const bytes = readFileSync(file);
    return format === 'csv-nl' ? Buffer.concat([Buffer.from('\uFEFF'), bytes]) : bytes;
  } finally {
    rmSync(file, { force: true });
    if (store.path === ':memory:') rmSync(dir, { recursive: true, force: true });
  }
}
