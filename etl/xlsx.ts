/**
 * XLSX deliveries (first sheet) become a UTF-8 CSV that goes through the same DuckDB path as
 * every other file. DuckDB's own excel extension downloads itself at run time, which fails
 * offline, so the sheet is streamed with exceljs instead.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { normaliseHeader } from './header.ts';
import { zipEntries } from './zipDirectory.ts';

const DAY_MS = 86_400_000;
/** Numbers like 1.234 are exact in a cell but would read as ambiguous text; a trailing 0 keeps the value. */
const AMBIGUOUS_TEXT = /^-?[1-9][0-9]{0,2}[.][0-9]{3}$/;

function isoDay(d: Date): string {
  // Excel stores days as fractions; round away float noise such as 23:59:59.999.
  return new Date(Math.round(d.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** The contract's date columns: a number in them is an Excel day number, whatever its cell format. */
export const DATE_COLUMNS: ReadonlySet<string> = new Set(['begindatum', 'einddatum', 'prestatie_begin', 'prestatie_eind']);
/** Excel's 1900 date system counts days from 1899-12-30 (its phantom 1900-02-29 included); 2958465 is 9999-12-31. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MAX_EXCEL_DAY = 2_958_465;

/**
 * A cell as the text a CSV export of it would hold. `asMonth`: Excel turned `2025-03` into a date.
 * `asDate`: the column is a contract date, so a positive day number is that day (Excel stores
 * dates as numbers; the cell format only decides how it is shown).
 */
export function cellText(value: unknown, asMonth: boolean, asDate = false): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return asMonth ? isoDay(value).slice(0, 7) : isoDay(value);
  if (typeof value === 'number' && asDate && value >= 1 && value <= MAX_EXCEL_DAY) return isoDay(new Date(EXCEL_EPOCH_MS + value * DAY_MS));
  if (typeof value === 'number') {
    const s = String(value);
    return AMBIGUOUS_TEXT.test(s) ? `${s}0` : s;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result, asMonth, asDate);
    if (v.text !== undefined) return cellText(v.text, asMonth, asDate);
    if (v.error !== undefined) return '';
  }
  return String(value);
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** Bounds of an XLSX delivery, checked before and while converting (a zip bomb is refused, not unpacked). */
export interface XlsxLimits {
  /** Sum of the declared uncompressed sizes of all entries in the archive. */
  maxUncompressedBytes: number;
  /** Rows of all sheets together, headers included. */
  maxRows: number;
  /** Bytes of the CSV written from the sheet (a lying archive directory is still stopped). */
  maxCsvBytes: number;
}

/**
 * Excel itself holds at most 1,048,576 rows per sheet; 1 GiB of XML covers such a sheet of the
 * contract's columns (about 500 bytes a row), and its CSV is smaller than its XML.
 */
export const XLSX_LIMITS: XlsxLimits = { maxUncompressedBytes: 1 << 30, maxRows: 1_048_576, maxCsvBytes: 1 << 30 };

/** The archive or the sheet exceeds a limit: the delivery is refused as `xlsx_too_large`. */
export class XlsxTooLarge extends Error {
  constructor(
    readonly what: 'uncompressed' | 'rows' | 'csv',
    readonly limit: number,
  ) {
    super(`xlsx exceeds ${what} limit ${limit}`);
  }
}

/** Refuses an archive whose directory declares more than the limit (or a zip64 size) before anything is inflated. */
export function checkXlsxDirectory(zip: Buffer, limits: XlsxLimits): void {
  let total = 0;
  for (const entry of zipEntries(zip)) {
    total += entry.uncompressedSize === 0xffffffff ? Number.POSITIVE_INFINITY : entry.uncompressedSize;
    if (total > limits.maxUncompressedBytes) throw new XlsxTooLarge('uncompressed', limits.maxUncompressedBytes);
  }
}

/**
 * Streams the first worksheet of `input` (a path, or the file's bytes) to a `,`-separated UTF-8 CSV at `outPath`, and resolves
 * only once the CSV is closed (its descriptor released), so DuckDB reads a complete file. Every
 * sheet is read to its end: exceljs parks the sheets of a workbook without shared strings in
 * temporary files, removed only when it reaches them (stopping early left them and their
 * descriptors behind); later sheets are skipped row by row, counted against the same limits.
 */
export async function xlsxToCsv(input: string | Buffer, outPath: string, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  const out = createWriteStream(outPath, { encoding: 'utf8' });
  const closed = once(out, 'close');
  closed.catch(() => undefined); // awaited below; a write error must not go unhandled meanwhile
  // A buffer is converted as is: exceljs' zip parser takes the end of its input for the end of
  // the archive without checking the central directory, so a shorter read of the same path (a
  // file being rewritten) gives the sheet without styles.xml, which comes after it — and every
  // date as its day number. The caller checked this buffer's directory; these are the same bytes.
  const source = typeof input === 'string' ? input : new PassThrough().end(input);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore' });
  let monthColumns = new Set<number>();
  let dateColumns = new Set<number>();
  let width = 0;
  let rows = 0;
  let bytes = 0;
  let sheetNo = 0;
  try {
    for await (const sheet of reader) {
      const first = sheetNo++ === 0;
      let header = true;
      for await (const row of sheet) {
        if (++rows > limits.maxRows) throw new XlsxTooLarge('rows', limits.maxRows);
        if (!first) continue;
        const values = (row.values as unknown[]) ?? [];
        if (header) {
          // The header decides the width; cells beyond it are reported by the CSV reader as extra columns.
          width = values.length - 1;
          const names = values.map((v) => (typeof v === 'string' ? normaliseHeader(v) : ''));
          monthColumns = new Set(names.flatMap((n, i) => (n === 'periode' ? [i] : [])));
          dateColumns = new Set(names.flatMap((n, i) => (DATE_COLUMNS.has(n) ? [i] : [])));
          header = false;
        }
        const cells: string[] = [];
        for (let i = 1; i < Math.max(values.length, width + 1); i++) cells.push(csvField(cellText(values[i], monthColumns.has(i), dateColumns.has(i))));
        const line = `${cells.join(',')}\n`;
        bytes += Buffer.byteLength(line);
        if (bytes > limits.maxCsvBytes) throw new XlsxTooLarge('csv', limits.maxCsvBytes);
        if (!out.write(line)) await once(out, 'drain');
      }
    }
  } catch (err) {
    // Stopped halfway (a limit, a broken archive): release the workbook's file too.
    (reader as unknown as { stream?: { destroy(): void } }).stream?.destroy();
    throw err;
  } finally {
    out.end();
    await closed;
  }
}
