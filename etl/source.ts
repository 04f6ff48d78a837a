/**
 * Turns one delivered file into a UTF-8 CSV that DuckDB can read as it is: hashes the
 * original bytes, recognises the encoding (UTF-8 with or without BOM, else Windows-1252),
 * converts XLSX, and reads the header and first data row for the header mapping.
 */
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { checkXlsxDirectory, XLSX_LIMITS, xlsxToCsv, type XlsxLimits } from './xlsx.ts';

export type Encoding = 'utf-8' | 'windows-1252' | 'xlsx';

export interface Source {
  /** sha256 of the file's bytes as delivered. */
  hash: string;
  bytes: number;
  encoding: Encoding;
  /** The file DuckDB reads: the original, or a UTF-8 CSV made from it. */
  csvPath: string;
  /** The header line and the first data line, decoded (for delimiter, mapping and alias choice). */
  headerLine: string;
  firstDataLine: string | null;
  /** A CSV written by us (from XLSX) always uses `,`. */
  delimiter: string | null;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The first `count` lines of a CSV text, honouring quoted fields that span line ends. */
export function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < count; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) {
      lines.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (lines.length < count && start < text.length) lines.push(text.slice(start).replace(/\r$/, ''));
  return lines;
}

/** Splits one CSV line on a delimiter, with `"` quoting and `""` as an escaped quote. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

const HEAD_BYTES = 1 << 16;

/** The first bytes of a file, enough for the header and the first data line, without reading it whole. */
async function readHead(path: string, bytes = HEAD_BYTES): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** Reads, hashes and if needed converts a file; temporary files go to `workDir`. */
export async function prepareSource(path: string, name: string, workDir: string, xlsxLimits: XlsxLimits = XLSX_LIMITS): Promise<Source> {
  const buf = await readFile(path);
  const hash = createHash('sha256').update(buf).digest('hex');
  const isXlsx = /\.xlsx$/i.test(name) || (buf.length > 4 && buf.readUInt32LE(0) === 0x04034b50);

  let csvPath = path;
  let encoding: Encoding;
  let head: string;
  let delimiter: string | null = null;
  if (isXlsx) {
    checkXlsxDirectory(buf, xlsxLimits);
    csvPath = join(workDir, 'xlsx.csv');
    // The bytes whose directory was just checked, not a second read of the path that could differ.
    await xlsxToCsv(buf, csvPath, xlsxLimits);
    encoding = 'xlsx';
    delimiter = ',';
    head = (await readHead(csvPath)).toString('utf8');
  } else if (isUtf8(buf)) {
    encoding = 'utf-8';
    head = buf.subarray(buf.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0, HEAD_BYTES).toString('utf8');
  } else {
    // Not valid UTF-8: a municipal Excel export in Windows-1252 (not latin-1: € and quotes live in 0x80–0x9F).
    encoding = 'windows-1252';
    const text = iconv.decode(buf, 'win1252');
    csvPath = join(workDir, 'utf8.csv');
    await writeFile(csvPath, text, 'utf8');
    head = text.slice(0, HEAD_BYTES);
  }
  const [headerLine = '', firstDataLine = null] = firstLines(head, 2);
  return { hash, bytes: buf.length, encoding, csvPath, headerLine, firstDataLine: firstDataLine?.trim() === '' ? null : firstDataLine, delimiter };
}
