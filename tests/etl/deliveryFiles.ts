/** Hand-made delivery files for the ETL tests: a valid row per kind, overridden per case. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';

export type Row = Record<string, string>;

export const TOEWIJZING: Row = {
  gemeente_code: 'GM0153',
  periode: '2025-03',
  toewijzing_id: 'T1',
  client_id: 'cl-000001',
  geboortejaar: '2012',
  aanbieder_agb: '12345678',
  aanbieder_naam: 'Zorg BV',
  productcategorie: '45',
  productcode: '45A01',
  begindatum: '2025-01-05',
  einddatum: '',
  reden_einde: '',
  verwijzer: '02',
};

export const DECLARATIE: Row = {
  gemeente_code: 'GM0153',
  periode: '2025-03',
  declaratie_id: 'D1',
  toewijzing_id: 'T1',
  client_id: 'cl-000001',
  productcode: '45A01',
  prestatie_begin: '2025-02-01',
  prestatie_eind: '2025-02-28',
  volume: '10',
  eenheid: '04',
  bedrag: '1234.56',
};

export const BEVOLKING_ROW: Row = { gemeente_code: 'GM0153', jaar: '2024', jeugd_0_17: '30000' };
export const BEGROTING_ROW: Row = { gemeente_code: 'GM0153', jaar: '2025', segment: 'ambulant', bedrag: '12500000.00' };

/** `n` toewijzingen T1..Tn for distinct clients, with per-row overrides. */
export function toewijzingen(n: number, override: (i: number) => Partial<Row> = () => ({})): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    ...TOEWIJZING,
    toewijzing_id: `T${i + 1}`,
    client_id: `cl-${String(i + 1).padStart(6, '0')}`,
    ...override(i),
  }));
}

export function declaraties(n: number, override: (i: number) => Partial<Row> = () => ({})): Row[] {
  return Array.from({ length: n }, (_, i) => ({ ...DECLARATIE, declaratie_id: `D${i + 1}`, ...override(i) }));
}

export interface CsvOptions {
  delimiter?: string;
  header?: string[];
  crlf?: boolean;
  bom?: boolean;
  encoding?: 'utf-8' | 'win1252';
  quoteAll?: boolean;
}

export function csvText(rows: Row[], options: CsvOptions = {}): string {
  const d = options.delimiter ?? ';';
  const header = options.header ?? Object.keys(rows[0]);
  const keys = Object.keys(rows[0] ?? {});
  const field = (v: string) => (options.quoteAll || v.includes(d) || v.includes('"') ? `"${v.replaceAll('"', '""')}"` : v);
  const nl = options.crlf ? '\r\n' : '\n';
  return [header.map(field).join(d), ...rows.map((r) => keys.map((k) => field(r[k] ?? '')).join(d))].join(nl) + nl;
}

export function writeCsv(dir: string, name: string, rows: Row[], options: CsvOptions = {}): string {
  const path = join(dir, name);
  const text = csvText(rows, options);
  const body = options.encoding === 'win1252' ? iconv.encode(text, 'win1252') : Buffer.from(text, 'utf8');
  writeFileSync(path, options.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body);
  return path;
}
