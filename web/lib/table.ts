/**
 * A table is rows plus column definitions; the same definitions drive the on-screen table,
 * its sorting and its CSV/XLSX export, so an export always matches what is shown. A hidden
 * count reads `<threshold` with the region's privacy threshold, on screen and in the files.
 */
import { csvNumber, formatCount, formatEuro, formatNumber, formatPercent, hiddenCount, MISSING } from './format.ts';

export type ColumnKind = 'text' | 'count' | 'number' | 'euro' | 'percent' | 'change';

export interface Column<T> {
  key: string;
  label: string;
  kind: ColumnKind;
  /** The raw value: what sorting and exports use. */
  value: (row: T) => string | number | null;
  /** A person count the API hid: shown as `<threshold`. */
  suppressed?: (row: T) => boolean;
  decimals?: number;
  /** Overrides the on-screen text (e.g. a status with icon). */
  render?: (row: T) => string;
  /** A link (hash route) for the cell on screen. */
  link?: (row: T) => string;
  /** Extra class for the cell (status colours). */
  className?: (row: T) => string;
  /**
   * A secondary figure shown in grey beneath this one in the same cell (the observed figure
   * beneath its estimate), `label` beneath the header: the reader sees both without the
   * table growing wider; the exports give it a column of its own, under its own label.
   */
  beneath?: { column: Column<T>; label: string };
}

/** The columns as the exports write them: a figure shown beneath another gets its own column after it. */
export function exportColumns<T>(columns: Column<T>[]): Column<T>[] {
  return columns.flatMap((c) => (c.beneath ? [c, c.beneath.column] : [c]));
}

export function cellText<T>(column: Column<T>, row: T, threshold: number): string {
  if (column.render) return column.render(row);
  const v = column.value(row);
  if (column.suppressed?.(row)) return hiddenCount(threshold);
  if (typeof v === 'string') return v;
  switch (column.kind) {
    case 'count':
      return formatCount(v);
    case 'euro':
      return formatEuro(v, column.decimals ?? 0);
    case 'percent':
      return formatPercent(v, column.decimals ?? 1);
    case 'change':
      return v == null ? MISSING : `${v > 0 ? '+' : v < 0 ? '−' : ''}${formatPercent(Math.abs(v), column.decimals ?? 1)}`;
    case 'number':
      return formatNumber(v, column.decimals ?? 1);
    default:
      return v == null ? MISSING : String(v);
  }
}

export type SortDir = 'asc' | 'desc';

/** Sorts a copy; missing and suppressed values go last in either direction. */
export function sortRows<T>(rows: T[], column: Column<T> | undefined, dir: SortDir): T[] {
  if (!column) return rows;
  const sign = dir === 'asc' ? 1 : -1;
  const key = (r: T) => (column.suppressed?.(r) ? null : column.value(r));
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x == null && y == null) return 0;
    if (x == null) return 1;
    if (y == null) return -1;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * sign;
    return String(x).localeCompare(String(y), 'nl') * sign;
  });
}

function csvField(text: string): string {
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV for Dutch Excel: `;` between fields, decimal comma, CRLF, and a UTF-8 BOM so Excel
 * reads `ë` and `€` right. Numbers are unformatted (no grouping) so Excel sees numbers.
 */
export function toCsv<T>(shown: Column<T>[], rows: T[], threshold: number): string {
  const columns = exportColumns(shown);
  const lines = [columns.map((c) => csvField(c.label)).join(';')];
  for (const row of rows) {
    lines.push(
      columns
        .map((c) => {
          if (c.suppressed?.(row)) return hiddenCount(threshold);
          const v = c.value(row);
          if (typeof v === 'number') return csvNumber(v, c.kind === 'euro' ? (c.decimals ?? 2) : c.kind === 'count' ? 0 : undefined);
          return csvField(v ?? '');
        })
        .join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The cell values of an XLSX sheet: numbers stay numbers, suppressed counts become `<threshold`. */
export function toSheet<T>(shown: Column<T>[], rows: T[], threshold: number): (string | number | null)[][] {
  const columns = exportColumns(shown);
  return [
    columns.map((c) => c.label),
    ...rows.map((row) => columns.map((c) => (c.suppressed?.(row) ? hiddenCount(threshold) : c.value(row)))),
  ];
}
