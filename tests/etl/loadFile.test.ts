/**
 * Every rule of the extract contract, each with the message a municipality gets back, and
 * every tolerated variation of real municipal exports, through the real loader and DuckDB.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryReport } from '../../contract/deliveries.ts';
import { loadFiles, type LoadWarning } from '../../etl/index.ts';
import { duckdbErrorClass } from '../../etl/loadFile.ts';
import { loadRegion } from '../../region/config.ts';
import type { Store } from '../../store/store.ts';
import { monthlyRegion, tempDir, tempStore } from '../helpers/tempStore.ts';
import { BEVOLKING_ROW, csvText, DECLARATIE, declaraties, toewijzingen, TOEWIJZING, writeCsv, type CsvOptions, type Row } from './deliveryFiles.ts';

let store: Store;
let dir: string;
let counter = 0;

beforeAll(async () => {
  store = await tempStore(monthlyRegion());
  dir = tempDir('koersbord-etl-files-');
});

/** Writes the rows under a name without the suggested pattern (unless given) and loads them. */
async function load(rows: Row[], options: CsvOptions & { name?: string; maxProblems?: number } = {}): Promise<DeliveryReport> {
  const path = writeCsv(dir, options.name ?? `levering-${++counter}.csv`, rows, options);
  const [report] = await loadFiles(store, [path], { maxProblems: options.maxProblems });
  return report;
}

async function rejected(rows: Row[], options: CsvOptions & { name?: string } = {}) {
  const before = await store.dataVersion();
  const report = await load(rows, options);
  expect(report.outcome).toBe('rejected');
  expect(await store.dataVersion()).toBe(before);
  return report;
}

/** The single problem of a refused delivery. */
async function onlyProblem(rows: Row[], options: CsvOptions & { name?: string } = {}) {
  const report = await rejected(rows, options);
  expect(report.problems.map((p) => p.rule)).toHaveLength(1);
  return report.problems[0];
}

describe('rows of toewijzingen', () => {
  it('a valid delivery of three allocations is loaded', async () => {
    const report = await load(toewijzingen(3, () => ({ periode: '2024-01', begindatum: '2023-11-01' })));
    expect(report).toMatchObject({ outcome: 'loaded', kind: 'toewijzingen', gemeente_code: 'GM0153', periode: '2024-01', rows: 3, problem_count: 0 });
  });

  it('an empty required value is reported with file, line, column and what was expected', async () => {
    const p = await onlyProblem(toewijzingen(2, (i) => (i === 1 ? { verwijzer: '' } : {})));
    expect(p).toMatchObject({ line: 3, column: 'verwijzer', rule: 'required', found: null });
    expect(p.message).toMatch(/^levering-\d+\.csv, regel 3, kolom verwijzer: verwacht verplicht: iJw-verwijzercode van 2 cijfers; gevonden: een lege waarde\.$/);
  });

  it.each([
    ['gemeente_code', 'G0153', 'text_format', 'GM + 4 cijfers'],
    ['periode', '2025-3', 'month_format', 'JJJJ-MM'],
    ['toewijzing_id', 'X'.repeat(41), 'text_format', '1 tot 40 tekens'],
    ['geboortejaar', '12', 'integer_format', '4 cijfers'],
    ['aanbieder_agb', '1234567', 'text_format', '8 cijfers'],
    ['productcategorie', '4', 'text_format', '2 cijfers'],
    ['productcode', '45A0', 'text_format', '5 letters of cijfers'],
    ['begindatum', '2025-02-30', 'date_format', 'JJJJ-MM-DD, DD-MM-JJJJ of DD/MM/JJJJ'],
    ['begindatum', '2025/02/01', 'date_format', 'JJJJ-MM-DD'],
    ['einddatum', '31-13-2025', 'date_format', 'JJJJ-MM-DD'],
    ['reden_einde', 'x', 'text_format', '2 cijfers'],
    ['verwijzer', '2', 'text_format', '2 cijfers'],
  ])('a malformed %s (%s) is refused as %s', async (column, value, rule, expected) => {
    const p = await onlyProblem([{ ...TOEWIJZING, [column]: value }]);
    expect(p).toMatchObject({ line: 2, column, rule });
    expect(p.found).toBe(value);
    expect(p.expected).toContain(expected);
    expect(p.message).toContain(`gevonden: '${value.length > 60 ? value.slice(0, 60) : value}`);
  });

  it('a gemeente outside the region is refused', async () => {
    const p = await onlyProblem([{ ...TOEWIJZING, gemeente_code: 'GM0363' }]);
    expect(p).toMatchObject({ line: 2, column: 'gemeente_code', rule: 'gemeente_not_in_region', found: 'GM0363', expected: 'een gemeente van de regio' });
  });

  it('rows of another gemeente or period than the first row are refused', async () => {
    const report = await rejected(toewijzingen(3, (i) => (i === 1 ? { gemeente_code: 'GM0141' } : i === 2 ? { periode: '2025-04' } : {})));
    expect(report.problems.map((p) => [p.line, p.rule, p.found])).toEqual([
      [3, 'gemeente_code_mismatch', 'GM0141'],
      [4, 'periode_mismatch', '2025-04'],
    ]);
    expect(report.problems[0].expected).toContain('dezelfde gemeente_code als regel 2 (GM0153)');
  });

  it('a toewijzing_id used twice in one delivery is refused at its second line', async () => {
    const p = await onlyProblem(toewijzingen(3, (i) => (i === 2 ? { toewijzing_id: 'T1' } : {})));
    expect(p).toMatchObject({ line: 4, column: 'toewijzing_id', rule: 'duplicate_key', found: 'T1' });
    expect(p.expected).toContain('regel 2');
  });

  it('an end date before the start date is refused', async () => {
    const p = await onlyProblem([{ ...TOEWIJZING, begindatum: '2025-02-01', einddatum: '2025-01-31' }]);
    expect(p).toMatchObject({ column: 'einddatum', rule: 'einddatum_before_begindatum', found: '2025-01-31' });
  });

  it('an end date equal to the start date is accepted (a one-day allocation)', async () => {
    const report = await load([{ ...TOEWIJZING, periode: '2024-02', begindatum: '2024-02-01', einddatum: '2024-02-01' }]);
    expect(report.outcome).toBe('loaded');
  });

  it('a birth year after the period year is refused', async () => {
    const p = await onlyProblem([{ ...TOEWIJZING, geboortejaar: '2026' }]);
    expect(p).toMatchObject({ column: 'geboortejaar', rule: 'geboortejaar_after_periode', found: '2026' });
  });

  it('a client older than 23 in the period year is refused, 23 is accepted', async () => {
    const p = await onlyProblem([{ ...TOEWIJZING, geboortejaar: '2001' }]);
    expect(p).toMatchObject({ rule: 'geboortejaar_too_old', found: '2001' });
    expect((await load([{ ...TOEWIJZING, periode: '2024-03', geboortejaar: '2001' }])).outcome).toBe('loaded');
  });

  it('a product code without a product row valid on the start date is refused', async () => {
    const report = await rejected(
      toewijzingen(3, (i) => [{ productcode: '99X99' }, { productcode: '44W09', begindatum: '2025-01-01' }, { productcode: '44W03', begindatum: '2024-12-31' }][i]),
    );
    expect(report.problems.map((p) => [p.line, p.rule, p.found])).toEqual([
      [2, 'product_unknown', '99X99'],
      [3, 'product_unknown', '44W09'],
      [4, 'product_unknown', '44W03'],
    ]);
    expect(report.problems[0].expected).toContain('geldig op begindatum');
  });

  it('a product is taken from the row valid on the start date, across a change of catalogue', async () => {
    const report = await load([
      { ...TOEWIJZING, periode: '2025-01', toewijzing_id: 'A', productcode: '44W09', productcategorie: '44', begindatum: '2024-12-31' },
      { ...TOEWIJZING, periode: '2025-01', toewijzing_id: 'B', productcode: '44W03', productcategorie: '44', begindatum: '2025-01-01' },
    ]);
    expect(report.outcome).toBe('loaded');
  });

  it('a client_id is never echoed, not even when it is merely malformed', async () => {
    const p = await onlyProblem([{ ...TOEWIJZING, client_id: 'kort' }]);
    expect(p).toMatchObject({ column: 'client_id', rule: 'text_format', found: null });
    expect(p.message).not.toContain('kort');
    expect(p.message).toContain('gevonden: een waarde die niet wordt getoond');
  });

  it('all problems are counted, the list is capped', async () => {
    const rows = toewijzingen(150, () => ({ verwijzer: 'x' }));
    const report = await rejected(rows);
    expect(report.problem_count).toBe(150);
    expect(report.problems).toHaveLength(100);
    expect(report.problems[99].line).toBe(101);
    const capped = await load(rows, { maxProblems: 5 });
    expect([capped.problems.length, capped.problem_count]).toEqual([5, 150]);
  });
});

describe('rows of declaraties', () => {
  it('a valid claim delivery with a credit line is loaded with exact amounts', async () => {
    const report = await load(declaraties(2, (i) => ({ periode: '2025-05', bedrag: i === 0 ? '1234.56' : '-99,99' })));
    expect(report).toMatchObject({ outcome: 'loaded', kind: 'declaraties', rows: 2 });
    const rows = await store.query<{ bedrag: string }>(`SELECT bedrag::VARCHAR AS bedrag FROM declaraties WHERE delivery_id = $id ORDER BY declaratie_id`, {
      id: report.delivery_id,
    });
    expect(rows.map((r) => r.bedrag)).toEqual(['1234.56', '-99.99']);
  });

  it('a service period ending in another month, or before it starts, is refused', async () => {
    const report = await rejected(
      declaraties(2, (i) => [{ prestatie_eind: '2025-03-01' }, { prestatie_begin: '2025-02-10', prestatie_eind: '2025-02-09' }][i]),
    );
    expect(report.problems.map((p) => [p.line, p.column, p.rule])).toEqual([
      [2, 'prestatie_eind', 'prestatie_eind_other_month'],
      [3, 'prestatie_eind', 'prestatie_eind_other_month'],
    ]);
  });

  it('an ambiguous decimal is refused with its own explanation; malformed amounts too', async () => {
    const report = await rejected(declaraties(3, (i) => [{ volume: '1,234' }, { bedrag: '€ 12,50' }, { bedrag: '12.34.56' }][i]));
    expect(report.problems.map((p) => [p.line, p.column, p.rule, p.found])).toEqual([
      [2, 'volume', 'decimal_ambiguous', '1,234'],
      [3, 'bedrag', 'decimal_format', '€ 12,50'],
      [4, 'bedrag', 'decimal_format', '12.34.56'],
    ]);
    expect(report.problems[0].expected).toContain('precies drie cijfers');
  });

  it('a declaratie_id used twice is refused', async () => {
    const p = await onlyProblem(declaraties(2, () => ({ declaratie_id: 'D9' })));
    expect(p).toMatchObject({ line: 3, column: 'declaratie_id', rule: 'duplicate_key' });
  });

  it('the product must be valid on prestatie_begin', async () => {
    const p = await onlyProblem([{ ...DECLARATIE, productcode: '44W09', prestatie_begin: '2025-01-01', prestatie_eind: '2025-01-31' }]);
    expect(p).toMatchObject({ column: 'productcode', rule: 'product_unknown', found: '44W09' });
    expect(p.expected).toContain('prestatie_begin');
  });
});

describe('rows of bevolking', () => {
  it('a population delivery may hold many gemeenten and years', async () => {
    const report = await load([
      { ...BEVOLKING_ROW, jaar: '2019' },
      { ...BEVOLKING_ROW, gemeente_code: 'GM0141', jaar: '2019' },
    ]);
    expect(report).toMatchObject({ outcome: 'loaded', kind: 'bevolking', gemeente_code: null, periode: null, rows: 2 });
  });

  it('negative counts, repeated (gemeente, jaar) and gemeenten outside the region are refused', async () => {
    const report = await rejected([
      { ...BEVOLKING_ROW, jeugd_0_17: '-5' },
      { ...BEVOLKING_ROW, jaar: '2023' },
      { ...BEVOLKING_ROW, jaar: '2023' },
      { ...BEVOLKING_ROW, gemeente_code: 'GM0363' },
    ]);
    expect(report.problems.map((p) => [p.line, p.column, p.rule])).toEqual([
      [2, 'jeugd_0_17', 'integer_format'],
      [4, 'jaar', 'duplicate_key'],
      [5, 'gemeente_code', 'gemeente_not_in_region'],
    ]);
  });
});

describe('the file as a whole', () => {
  it('an empty file is refused', async () => {
    const path = join(dir, 'leeg.csv');
    writeFileSync(path, '');
    const [report] = await loadFiles(store, [path]);
    expect(report.problems[0]).toMatchObject({ rule: 'empty_file', line: null, column: null });
    expect(report.problems[0].message).toBe('leeg.csv: verwacht een kopregel met kolomnamen en gegevensregels; gevonden: \'een leeg bestand\'.');
  });

  it('a file with only a header and a name of the suggested pattern is loaded as a delivery of 0 rows', async () => {
    const path = join(dir, 'declaraties_GM0168_2024-05.csv');
    writeFileSync(path, `${Object.keys(DECLARATIE).join(';')}\r\n`);
    const [report] = await loadFiles(store, [path]);
    expect(report).toMatchObject({ outcome: 'loaded', kind: 'declaraties', gemeente_code: 'GM0168', periode: '2024-05', rows: 0, problem_count: 0 });
    const [row] = await store.query<{ row_count: number; status: string }>(`SELECT row_count, status FROM deliveries WHERE delivery_id = $id`, { id: report.delivery_id! });
    expect(row).toEqual({ row_count: 0, status: 'active' });
  });

  it('header-only files of other months hold the same bytes and are each loaded; the same month again is unchanged', async () => {
    const header = `${Object.keys(DECLARATIE).join(';')}\r\n`;
    const paths = ['declaraties_GM0141_2024-01.csv', 'declaraties_GM0141_2024-02.csv', 'declaraties_GM0173_2024-02.csv'].map((name) => {
      writeFileSync(join(dir, name), header);
      return join(dir, name);
    });
    const again = join(tempDir('koersbord-etl-again-'), 'declaraties_GM0141_2024-02.csv');
    writeFileSync(again, header);
    const reports = await loadFiles(store, [...paths, again]);
    expect(reports.map((r) => [r.outcome, r.gemeente_code, r.periode, r.rows])).toEqual([
      ['loaded', 'GM0141', '2024-01', 0],
      ['loaded', 'GM0141', '2024-02', 0],
      ['loaded', 'GM0173', '2024-02', 0],
      ['unchanged', 'GM0141', '2024-02', 0],
    ]);
  });

  it('a header-only correction replaces the earlier delivery of that month as a whole', async () => {
    const first = await load(declaraties(2, () => ({ gemeente_code: 'GM0147', periode: '2024-07', prestatie_begin: '2024-06-01', prestatie_eind: '2024-06-30' })), {
      name: 'declaraties_GM0147_2024-07.csv',
    });
    expect(first.outcome).toBe('loaded');
    const path = join(dir, 'declaraties_GM0147_2024-07_v2.csv');
    writeFileSync(path, `${Object.keys(DECLARATIE).join(',')}\n`);
    const [report] = await loadFiles(store, [path]);
    expect(report).toMatchObject({ outcome: 'replaced', rows: 0, replaced_delivery_id: first.delivery_id });
    const [left] = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM declaraties WHERE delivery_id = $id`, { id: first.delivery_id! });
    expect(left.n).toBe(0);
  });

  it('a file with only a header is refused when its name does not give gemeente and period', async () => {
    const path = join(dir, 'kop.csv');
    writeFileSync(path, `${Object.keys(TOEWIJZING).join(';')}\n`);
    const [report] = await loadFiles(store, [path]);
    expect(report).toMatchObject({ outcome: 'rejected', kind: 'toewijzingen', rows: 0 });
    expect(report.problems.map((p) => p.rule)).toEqual(['no_rows']);
    expect(report.problems[0].message).toBe(
      "kop.csv: verwacht een bestandsnaam als <soort>_<GMxxxx>_<JJJJ-MM>.csv (of .xlsx): een levering met alleen een kopregel krijgt gemeente en periode uit de bestandsnaam; gevonden: 'alleen een kopregel en een andere bestandsnaam'.",
    );
  });

  it.each([
    ['toewijzingen_GM0363_2024-05.csv', 'GM0363'],
    ['toewijzingen_GM0153_2024-13.csv', '2024-13'],
  ])('a header-only %s is refused for its name (%s)', async (name, found) => {
    const path = join(dir, name);
    writeFileSync(path, `${Object.keys(TOEWIJZING).join(';')}\n`);
    const [report] = await loadFiles(store, [path]);
    expect(report.outcome).toBe('rejected');
    expect(report.problems.map((p) => [p.rule, p.found])).toEqual([['no_rows', found]]);
  });

  it('a header-only file whose header names another kind than its file name is refused', async () => {
    const path = join(dir, 'toewijzingen_GM0153_2024-05.csv');
    writeFileSync(path, `${Object.keys(DECLARATIE).join(';')}\n`);
    const [report] = await loadFiles(store, [path]);
    expect(report.problems.map((p) => p.rule)).toEqual(['file_name_mismatch']);
  });

  it('a file DuckDB cannot read is refused with the class of its error, never its message, and logged', async () => {
    // CRLF lines with one bare LF line: DuckDB's CSV parser stops ("state machine reached an invalid state").
    const path = join(dir, 'toewijzingen_GM0153_2025-03.csv');
    const body = csvText(toewijzingen(2, () => ({ periode: '2025-03' })), { crlf: true });
    writeFileSync(path, `${body}\n`);
    const warnings: LoadWarning[] = [];
    const [report] = await loadFiles(store, [path], { onWarning: (w) => warnings.push(w) });
    expect(report.problems.map((p) => [p.rule, p.found])).toEqual([['csv_unreadable', 'DuckDB-fout van het type Invalid Input Error']]);
    expect(warnings).toEqual([{ event: 'csv_unreadable', file: 'toewijzingen_GM0153_2025-03.csv', error_class: 'Invalid Input Error' }]);
  });

  it('names a DuckDB error by its class only', () => {
    expect(duckdbErrorClass(new Error('IO Error: No files found that match the pattern "x"'))).toBe('IO Error');
    expect(duckdbErrorClass(new Error('Out of Memory Error: could not allocate'))).toBe('Out of Memory Error');
    expect(duckdbErrorClass(new Error('INTERNAL Error: something'))).toBe('INTERNAL Error');
    expect(duckdbErrorClass(new Error('123456782;GM0153: not a class'))).toBe('onbekend');
  });

  it('a file of blank lines has no header and is refused', async () => {
    const path = join(dir, 'declaraties_GM0153_2024-05.csv');
    writeFileSync(path, '\r\n\r\n');
    const [report] = await loadFiles(store, [path]);
    expect(report.problems.map((p) => p.rule)).toEqual(['empty_file']);
  });

  it('unknown, missing and repeated columns are refused on line 1', async () => {
    const header = [...Object.keys(TOEWIJZING).filter((k) => k !== 'verwijzer'), 'opmerking', 'Periode'];
    const rows = [{ ...TOEWIJZING, verwijzer: 'x', extra: '2025-03' }];
    const report = await rejected(rows, { header });
    expect(report.problems.map((p) => [p.line, p.column, p.rule])).toEqual([
      [1, 'opmerking', 'unknown_column'],
      [1, 'Periode', 'duplicate_column'],
      [1, 'verwijzer', 'missing_column'],
    ]);
  });

  it('optional columns may be left out entirely', async () => {
    const optional = ['aanbieder_naam', 'einddatum', 'reden_einde'];
    const row = Object.fromEntries(Object.entries({ ...TOEWIJZING, periode: '2024-04', begindatum: '2024-04-01' }).filter(([k]) => !optional.includes(k)));
    const report = await load([row]);
    expect(report.outcome).toBe('loaded');
  });

  it('columns that fit no kind are refused', async () => {
    const p = await onlyProblem([{ naam: 'x', waarde: '1' }]);
    expect(p).toMatchObject({ rule: 'unknown_kind', line: 1, found: 'naam, waarde' });
  });

  it('a row with more or fewer fields than the header is refused with its line', async () => {
    const path = join(dir, 'rafelig.csv');
    const good = Object.values(TOEWIJZING).join(';');
    writeFileSync(path, [Object.keys(TOEWIJZING).join(';'), good, `${good};extra`, good.split(';').slice(0, 5).join(';')].join('\n'));
    const [report] = await loadFiles(store, [path]);
    expect(report.problems.map((p) => [p.line, p.rule, p.found])).toEqual([
      [3, 'column_count', '14 velden'],
      [4, 'column_count', '5 velden'],
    ]);
    expect(report.problems[0].expected).toBe('13 velden, zoals de kopregel');
  });

  it('a quote that is never closed is refused with its line', async () => {
    const path = join(dir, 'quote.csv');
    writeFileSync(path, 'gemeente_code;jaar;jeugd_0_17\nGM0153;2024;"100\nGM0141;2024;200\n');
    const [report] = await loadFiles(store, [path]);
    expect(report.problems.map((p) => [p.line, p.rule])).toEqual([[2, 'csv_quote']]);
    expect(report.problems[0].message).toContain('quote.csv, regel 2: verwacht velden met aanhalingstekens die ook weer worden gesloten');
  });

  it('a file named after the suggested pattern must hold that kind, gemeente and period', async () => {
    const kind = await rejected([DECLARATIE], { name: 'toewijzingen_GM0153_2025-03.csv' });
    expect(kind.problems.map((p) => p.rule)).toEqual(['file_name_mismatch']);
    expect(kind.problems[0].expected).toContain('toewijzingen-levering');
    const gemeente = await rejected([TOEWIJZING], { name: 'toewijzingen_GM0141_2025-03.csv' });
    expect(gemeente.problems.map((p) => [p.column, p.rule, p.found])).toEqual([['gemeente_code', 'file_name_mismatch', 'GM0153']]);
    const periode = await rejected([TOEWIJZING], { name: 'toewijzingen_GM0153_2025-04.csv' });
    expect(periode.problems.map((p) => [p.column, p.found])).toEqual([['periode', '2025-03']]);
  });

  it('a file that does not exist is a refused delivery, not a crash', async () => {
    const [report] = await loadFiles(store, [join(dir, 'bestaat-niet.csv')]);
    expect(report.problems.map((p) => p.rule)).toEqual(['file_not_found']);
  });
});

describe('tolerated variations', () => {
  const rowsFor = (periode: string) => toewijzingen(2, (i) => ({ periode, begindatum: `${periode}-0${i + 1}`, aanbieder_naam: 'Zorg "De Brug"; Hengelo' }));

  it.each([
    ['semicolon', { delimiter: ';' }, '2023-01'],
    ['comma', { delimiter: ',' }, '2023-02'],
    ['tab', { delimiter: '\t' }, '2023-03'],
    ['CRLF line ends and quoted fields', { crlf: true, quoteAll: true }, '2023-04'],
    ['a UTF-8 byte order mark', { bom: true }, '2023-05'],
  ] as [string, CsvOptions, string][])('a file with %s is read alike', async (_, options, periode) => {
    const report = await load(rowsFor(periode), options);
    expect(report).toMatchObject({ outcome: 'loaded', rows: 2, gemeente_code: 'GM0153', periode });
    const rows = await store.query<{ aanbieder_naam: string; begindatum: string }>(
      `SELECT aanbieder_naam, begindatum FROM toewijzingen WHERE delivery_id = $id ORDER BY toewijzing_id`,
      { id: report.delivery_id },
    );
    expect(rows).toEqual([
      { aanbieder_naam: 'Zorg "De Brug"; Hengelo', begindatum: `${periode}-01` },
      { aanbieder_naam: 'Zorg "De Brug"; Hengelo', begindatum: `${periode}-02` },
    ]);
  });

  it('a Windows-1252 file keeps characters that latin-1 would garble', async () => {
    const name = 'Café ’t Hoekje – € 5 – Enschedé';
    const report = await load([{ ...TOEWIJZING, periode: '2023-06', begindatum: '2023-06-01', aanbieder_naam: name }], { encoding: 'win1252' });
    expect(report.outcome).toBe('loaded');
    const [row] = await store.query<{ aanbieder_naam: string }>(`SELECT aanbieder_naam FROM toewijzingen WHERE delivery_id = $id`, { id: report.delivery_id });
    expect(row.aanbieder_naam).toBe(name);
  });

  it('a Windows-1252 claim file with decimal commas is read as the municipal Excel export it is', async () => {
    const report = await load([{ ...DECLARATIE, periode: '2023-06', declaratie_id: 'Dé1', bedrag: '1.234,56', volume: '2,5' }], { encoding: 'win1252' });
    expect(report.outcome).toBe('loaded');
    const [row] = await store.query<{ declaratie_id: string; bedrag: number; volume: number }>(
      `SELECT declaratie_id, bedrag::DOUBLE AS bedrag, volume FROM declaraties WHERE delivery_id = $id`,
      { id: report.delivery_id },
    );
    expect(row).toEqual({ declaratie_id: 'Dé1', bedrag: 1234.56, volume: 2.5 });
  });

  it('header names in any case, with surrounding spaces, are recognised', async () => {
    const header = Object.keys(TOEWIJZING).map((k, i) => (i % 2 ? ` ${k.toUpperCase()} ` : k.replace('_', ' ')));
    const report = await load(rowsFor('2023-07'), { header });
    expect(report.outcome).toBe('loaded');
  });

  it('dates in the three allowed forms mean the same day', async () => {
    const report = await load(toewijzingen(3, (i) => ({ periode: '2023-08', begindatum: ['2023-08-09', '09-08-2023', '09/08/2023'][i] })));
    const rows = await store.query<{ d: string }>(`SELECT DISTINCT begindatum::VARCHAR AS d FROM toewijzingen WHERE delivery_id = $id`, { id: report.delivery_id });
    expect(rows).toEqual([{ d: '2023-08-09' }]);
  });

  it('decimals with a comma or a point, grouped or not, mean the same amount', async () => {
    const amounts = ['1.234,56', '1234.56', '1234,56', '1,234.56'];
    const report = await load(declaraties(4, (i) => ({ periode: '2023-09', bedrag: amounts[i], volume: ['0,125', '1234.567', '1.5', '2'][i] })));
    expect(report.outcome).toBe('loaded');
    const rows = await store.query<{ bedrag: number; volume: number }>(
      `SELECT bedrag::DOUBLE AS bedrag, volume FROM declaraties WHERE delivery_id = $id ORDER BY declaratie_id`,
      { id: report.delivery_id },
    );
    expect(rows).toEqual([
      { bedrag: 1234.56, volume: 0.125 },
      { bedrag: 1234.56, volume: 1234.567 },
      { bedrag: 1234.56, volume: 1.5 },
      { bedrag: 1234.56, volume: 2 },
    ]);
  });

  it('values are trimmed, and an all-space optional value is empty', async () => {
    const report = await load([{ ...TOEWIJZING, periode: '2023-10', begindatum: '2023-10-01', gemeente_code: ' GM0153 ', einddatum: '   ' }]);
    expect(report.outcome).toBe('loaded');
    const [row] = await store.query<{ einddatum: string | null }>(`SELECT einddatum FROM toewijzingen WHERE delivery_id = $id`, { id: report.delivery_id });
    expect(row.einddatum).toBeNull();
  });
});

describe('the delivery rhythm of a quarterly gemeente (Enschede in Twente)', () => {
  it('refuses a delivery for a month that is not its quarter’s last, naming the rhythm, and accepts the quarter’s last month', async () => {
    const twente = await tempStore(); // as configured: Enschede delivers per kwartaal
    const before = await twente.dataVersion();
    const [february] = await loadFiles(twente, [writeCsv(dir, 'toewijzingen_GM0153_2025-02.csv', toewijzingen(2, () => ({ periode: '2025-02' })))]);
    expect(february.outcome).toBe('rejected');
    expect(february.problems.map((p) => [p.line, p.column, p.rule, p.found])).toEqual([[2, 'periode', 'delivery_rhythm', '2025-02']]);
    expect(february.problems[0].message).toBe(
      'toewijzingen_GM0153_2025-02.csv, regel 2, kolom periode: verwacht een periode die past bij het leveringsritme van Enschede (per kwartaal): ' +
        'de laatste maand van een kwartaal (maart, juni, september of december), voor deze maand 2025-03; gevonden: \'2025-02\'.',
    );
    // Claims too, and a header-only file (gemeente and period from its name) as well.
    const [claims] = await loadFiles(twente, [writeCsv(dir, 'declaraties_GM0153_2025-05.csv', declaraties(1, () => ({ periode: '2025-05' })))]);
    expect(claims.problems.map((p) => p.rule)).toEqual(['delivery_rhythm']);
    expect(claims.problems[0].expected).toContain('voor deze maand 2025-06');
    const empty = join(dir, 'toewijzingen_GM0153_2025-08.csv');
    writeFileSync(empty, `${Object.keys(TOEWIJZING).join(';')}\n`);
    expect((await loadFiles(twente, [empty]))[0].problems.map((p) => p.rule)).toEqual(['delivery_rhythm']);
    expect(await twente.dataVersion()).toBe(before);

    const [march] = await loadFiles(twente, [writeCsv(dir, 'toewijzingen_GM0153_2025-03.csv', toewijzingen(2))]);
    expect(march).toMatchObject({ outcome: 'loaded', periode: '2025-03', problem_count: 0 });
    // A monthly gemeente of the same region delivers any month.
    const [hengelo] = await loadFiles(twente, [writeCsv(dir, 'toewijzingen_GM0164_2025-02.csv', toewijzingen(1, () => ({ gemeente_code: 'GM0164', periode: '2025-02' })))]);
    expect(hengelo.outcome).toBe('loaded');
    // Population deliveries have no delivery month: no rhythm applies.
    const [bevolking] = await loadFiles(twente, [writeCsv(dir, 'bevolking_enschede.csv', [BEVOLKING_ROW])]);
    expect(bevolking.outcome).toBe('loaded');
  });
});

describe('configured gemeente aliases', () => {
  it('an iJw-style export with its own headers, eurocents and codes without GM is converted by configuration', async () => {
    const base = loadRegion();
    const region = {
      ...base,
      extractAliases: {
        GM0164: { headers: { 'Gemeente': 'gemeente_code', 'Bedrag in centen': 'bedrag', 'Declaratienummer': 'declaratie_id' }, amountsInCents: true, gemeenteCodeWithoutPrefix: true },
      },
    };
    const aliased = await tempStore(region);
    const rows = declaraties(2, (i) => ({ gemeente_code: '0164', bedrag: i === 0 ? '123456' : '-500' }));
    const header = ['Gemeente', ...Object.keys(DECLARATIE).slice(1, 2), 'Declaratienummer', ...Object.keys(DECLARATIE).slice(3, 10), 'Bedrag in centen'];
    const path = writeCsv(dir, 'export-hengelo.csv', rows, { header });
    const [report] = await loadFiles(aliased, [path]);
    expect(report).toMatchObject({ outcome: 'loaded', gemeente_code: 'GM0164' });
    const stored = await aliased.query<{ bedrag: number }>(`SELECT bedrag::DOUBLE AS bedrag FROM declaraties ORDER BY declaratie_id`);
    expect(stored.map((r) => r.bedrag)).toEqual([1234.56, -5]);

    // Without the alias the same export is refused: nothing is guessed.
    const [plain] = await loadFiles(store, [path]);
    expect(plain.outcome).toBe('rejected');
    expect(plain.problems.map((p) => p.rule)).toContain('unknown_column');
  });

  it('an alias refuses amounts that are not whole cents', async () => {
    const region = { ...loadRegion(), extractAliases: { GM0164: { headers: {}, amountsInCents: true, gemeenteCodeWithoutPrefix: false } } };
    const aliased = await tempStore(region);
    const path = writeCsv(dir, 'centen.csv', [{ ...DECLARATIE, gemeente_code: 'GM0164', bedrag: '12,50' }]);
    const [report] = await loadFiles(aliased, [path]);
    expect(report.problems.map((p) => [p.column, p.rule])).toEqual([['bedrag', 'integer_format']]);
    expect(report.problems[0].expected).toContain('eurocenten');
  });
});

describe('the decoded copy of a delivery', () => {
  it('is made in the work folder the caller names and removed after the load', async () => {
    const work = tempDir('koersbord-etl-work-');
    const path = writeCsv(dir, `levering-${++counter}.csv`, toewijzingen(2, () => ({ periode: '2024-02', begindatum: '2023-12-01' })));
    const seen: string[][] = [];
    const [report] = await loadFiles(store, [path], {
      workDir: work,
      onProgress: (p) => {
        if (p.phase === 'controleren') seen.push(readdirSync(work));
      },
    });
    expect(report.outcome).not.toBe('rejected');
    // While the file was checked its copy lay in the named folder (an upload's: not /tmp) ...
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toEqual([expect.stringMatching(/^koersbord-etl-/)]);
    // ... and nothing of it is left afterwards.
    expect(readdirSync(work)).toEqual([]);
  });
});
