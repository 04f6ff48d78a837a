/**
 * XLSX deliveries (first sheet) become a UTF-8 CSV that goes through the same DuckDB path as
 * every other file. DuckDB's own excel extension downloads itself at run time, which fails
 * offline, so the sheet is streamed with exceljs instead.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

const DAY_MS = 86_400_000;
/** Numbers like 1.234 are exact in a cell but would read as ambiguous text; a trailing 0 keeps the value. */
const AMBIGUOUS_TEXT = /^-?[1-9][0-9]{0,2}[.][0-9]{3}$/;

function isoDay(d: Date): string {
  // Excel stores days as fractions; round away float noise such as 23:59:59.999.
  return new Date(Math.round(d.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** A cell as the text a CSV export of it would hold. `asMonth`: Excel turned `2025-03` into a date. */
export function cellText(value: unknown, asMonth: boolean): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return asMonth ? isoDay(value).slice(0, 7) : isoDay(value);
  if (typeof value === 'number') {
    const s = String(value);
    return AMBIGUOUS_TEXT.test(s) ? `${s}0` : s;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result, asMonth);
    if (v.text !== undefined) return cellText(v.text, asMonth);
    if (v.error !== undefined) return '';
  }
  return String(value);
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** Streams the first worksheet of `path` to a `,`-separated UTF-8 CSV at `outPath`. */
export async function xlsxToCsv(path: string, outPath: string): Promise<void> {
  const out = createWriteStream(outPath, { encoding: 'utf8' });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore' });
  let monthColumns = new Set<number>();
  let width = 0;
  try {
    for await (const sheet of reader) {
      let first = true;
      for await (const row of sheet) {
        const values = (row.values as unknown[]) ?? [];
        if (first) {
          // The header decides the width; cells beyond it are reported by the CSV reader as extra columns.
          width = values.length - 1;
          monthColumns = new Set(values.flatMap((v, i) => (typeof v === 'string' && v.trim().toLowerCase() === 'periode' ? [i] : [])));
          first = false;
        }
        const cells: string[] = [];
        for (let i = 1; i < Math.max(values.length, width + 1); i++) cells.push(csvField(cellText(values[i], monthColumns.has(i))));
        if (!out.write(`${cells.join(',')}\n`)) await once(out, 'drain');
      }
      break; // first sheet only
    }
  } finally {
    out.end();
    await once(out, 'finish');
  }
}
