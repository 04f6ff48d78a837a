/**
 * The reference store (docs/reference.md): national (and other areas') figures beside which
 * Koersbord shows its own. Written per source table, always whole: an import replaces every
 * figure of its table in one transaction, so a refused or failed import leaves the table as it was.
 */
import { AGENDA_SOURCE, type ReferenceFigure } from '../contract/reference.ts';
import type { Queryable } from './queryable.ts';

const COLUMNS = `indicator, segment, year, area, value, source_table, source_title, source_column, provisional,
  strftime(retrieved_at, '%Y-%m-%dT%H:%M:%SZ') AS retrieved_at`;

/** Unnests a JSON array of figures into rows, so a whole table is written by one statement. */
const FIGURES_FROM_JSON = `SELECT f.indicator, f.segment, f.year, f.area, f.value, f.source_table, f.source_title, f.source_column,
    f.provisional, CAST(f.retrieved_at AS TIMESTAMP)
  FROM (SELECT unnest(CAST($figures AS JSON)::STRUCT(indicator VARCHAR, segment VARCHAR, year INTEGER, area VARCHAR, value DOUBLE,
    source_table VARCHAR, source_title VARCHAR, source_column VARCHAR, provisional BOOLEAN, retrieved_at VARCHAR)[]) AS f)`;

/** Every figure, sorted as the list command prints them. */
export function listReference(q: Queryable): Promise<ReferenceFigure[]> {
  return q.query<ReferenceFigure>(`SELECT ${COLUMNS} FROM reference_figures ORDER BY indicator, segment, year, area, source_table`);
}

/**
 * The reference for a year: per (indicator, segment, area) the newest figure up to that year,
 * a CBS table before the Agenda's citation at the same year (CBS's own file is the first hand).
 */
export function referenceForYear(q: Queryable, query: { year: number; indicator?: string; segment?: string }): Promise<ReferenceFigure[]> {
  return q.query<ReferenceFigure>(
    `SELECT ${COLUMNS} FROM reference_figures
     WHERE year <= $year
       AND (CAST($indicator AS VARCHAR) IS NULL OR indicator = $indicator)
       AND (CAST($segment AS VARCHAR) IS NULL OR segment = $segment)
     QUALIFY row_number() OVER (PARTITION BY indicator, segment, area
       ORDER BY year DESC, (source_table = $agenda) ASC, retrieved_at DESC) = 1
     ORDER BY indicator, segment, area`,
    { year: query.year, indicator: query.indicator ?? null, segment: query.segment ?? null, agenda: AGENDA_SOURCE.table },
  );
}

/** Replaces every figure of one source table by `figures`, inside the caller's transaction. */
export async function replaceReferenceTable(tx: Queryable, sourceTable: string, figures: ReferenceFigure[]): Promise<number> {
  await tx.run(`DELETE FROM reference_figures WHERE source_table = $table`, { table: sourceTable });
  if (figures.length > 0) await tx.run(`INSERT INTO reference_figures ${FIGURES_FROM_JSON}`, { figures: JSON.stringify(figures) });
  const [row] = await tx.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM reference_figures WHERE source_table = $table`, { table: sourceTable });
  return row.n;
}

/**
 * Adds the region's shipped figures that the store does not have yet; a figure already there
 * (the same indicator, segment, year, area and source) is left as it is, so opening the store
 * again never undoes anything.
 */
export async function seedReference(tx: Queryable, figures: readonly ReferenceFigure[]): Promise<void> {
  if (figures.length === 0) return;
  await tx.run(`INSERT INTO reference_figures ${FIGURES_FROM_JSON} ON CONFLICT DO NOTHING`, { figures: JSON.stringify(figures) });
}
