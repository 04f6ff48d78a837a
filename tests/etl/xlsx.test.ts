/** XLSX deliveries: the first sheet, with real Excel dates or date text, read like a CSV. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../etl/index.ts';
import { cellText } from '../../etl/xlsx.ts';
import { zipEntries } from '../../etl/zipDirectory.ts';
import { monthlyRegion, tempDir, tempStore } from '../helpers/tempStore.ts';
import { DECLARATIE, TOEWIJZING } from './deliveryFiles.ts';

const dir = tempDir('koersbord-xlsx-');
const utcDay = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function writeXlsx(name: string, header: string[], rows: unknown[][], withSecondSheet = false): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Toewijzingen');
  sheet.addRow(header);
  for (const r of rows) {
    const added = sheet.addRow(r);
    // Real Excel date cells: a serial number with a date format, as Dutch Excel writes them.
    added.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd-mm-yyyy';
    });
  }
  if (withSecondSheet) wb.addWorksheet('Toelichting').addRow(['dit blad wordt niet gelezen']);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('cell values', () => {
  it('become the text a CSV export would hold', () => {
    expect(cellText(utcDay('2025-03-05'), false)).toBe('2025-03-05');
    expect(cellText(new Date(Date.UTC(2025, 2, 4, 23, 59, 59, 999)), false)).toBe('2025-03-05');
    expect(cellText(utcDay('2025-03-01'), true)).toBe('2025-03');
    expect(cellText(1234.56, false)).toBe('1234.56');
    expect(cellText(1.234, false)).toBe('1.2340');
    expect(cellText({ richText: [{ text: 'Zorg ' }, { text: 'BV' }] }, false)).toBe('Zorg BV');
    expect(cellText({ formula: 'A1*2', result: 42 }, false)).toBe('42');
    expect(cellText(null, false)).toBe('');
  });
});

describe('an xlsx delivery', () => {
  it('is read from its first sheet, with Excel dates, date text, numbers and a month Excel turned into a date', async () => {
    const store = await tempStore(monthlyRegion());
    const header = Object.keys(TOEWIJZING).map((h) => ` ${h.charAt(0).toUpperCase()}${h.slice(1)} `);
    const row = (id: string, begin: unknown, end: unknown) => [
      'GM0153', utcDay('2025-03-01'), id, 'cl-000001', 2012, 12345678, { richText: [{ text: 'Zorg, "BV"' }] }, '45', '45A01', begin, end, '', '02',
    ];
    const path = await writeXlsx('toewijzingen_GM0153_2025-03.xlsx', header, [row('T1', utcDay('2025-01-05'), '31-03-2025'), row('T2', '05-02-2025', null)], true);
    const [report] = await loadFiles(store, [path]);
    expect(report).toMatchObject({ outcome: 'loaded', kind: 'toewijzingen', gemeente_code: 'GM0153', periode: '2025-03', rows: 2 });
    const rows = await store.query(`SELECT toewijzing_id, begindatum, einddatum, geboortejaar, aanbieder_agb, aanbieder_naam FROM toewijzingen ORDER BY toewijzing_id`);
    expect(rows).toEqual([
      { toewijzing_id: 'T1', begindatum: '2025-01-05', einddatum: '2025-03-31', geboortejaar: 2012, aanbieder_agb: '12345678', aanbieder_naam: 'Zorg, "BV"' },
      { toewijzing_id: 'T2', begindatum: '2025-02-05', einddatum: null, geboortejaar: 2012, aanbieder_agb: '12345678', aanbieder_naam: 'Zorg, "BV"' },
    ]);
  });

  it('reads a plain number in a contract date column as an Excel day number, elsewhere as a number', async () => {
    expect(cellText(45658, false, true)).toBe('2025-01-01');
    expect(cellText(1, false, true)).toBe('1899-12-31');
    expect(cellText(45658, false, false)).toBe('45658');
    expect(cellText(0, false, true)).toBe('0');
    const store = await tempStore(monthlyRegion());
    const header = Object.keys(TOEWIJZING);
    // Day numbers without a date format: what a sheet holds after "clear formats" in Excel.
    const row = ['GM0153', '2025-03', 'T1', 'cl-000001', 2012, 12345678, 'Zorg BV', '45', '45A01', 45662, 45747, '', '02'];
    const path = await writeXlsx('toewijzingen_GM0153_2025-03.xlsx', header, [row]);
    const [report] = await loadFiles(store, [path]);
    expect(report).toMatchObject({ outcome: 'loaded', rows: 1 });
    expect(await store.query(`SELECT begindatum, einddatum, geboortejaar FROM toewijzingen`)).toEqual([{ begindatum: '2025-01-05', einddatum: '2025-03-31', geboortejaar: 2012 }]);
  });

  it('cut short before its styles is refused, not read with its dates as day numbers', async () => {
    const path = await writeXlsx('toewijzingen_GM0153_2025-04.xlsx', ['begindatum'], [[utcDay('2025-01-05')]]);
    const zip = readFileSync(path);
    const styles = zipEntries(zip).find((e) => e.name === 'xl/styles.xml');
    expect(styles).toBeDefined();
    writeFileSync(path, zip.subarray(0, styles!.localOffset));
    const [report] = await loadFiles(await tempStore(monthlyRegion()), [path]);
    expect(report.outcome).toBe('rejected');
    expect(report.problems[0]).toMatchObject({ rule: 'xlsx_unreadable' });
  });

  it('reports problems on the line numbers of the sheet', async () => {
    const store = await tempStore(monthlyRegion());
    const header = Object.keys(DECLARATIE);
    const good = Object.values(DECLARATIE) as unknown[];
    const bad = good.map((v, i) => (header[i] === 'bedrag' ? 'veel' : header[i] === 'declaratie_id' ? 'D2' : v));
    const path = await writeXlsx('claims.xlsx', header, [good, bad]);
    const [report] = await loadFiles(store, [path]);
    expect(report.problems.map((p) => [p.line, p.column, p.rule, p.found])).toEqual([[3, 'bedrag', 'decimal_format', 'veel']]);
  });
});

describe('an xlsx zip bomb', () => {
  // A small archive that unpacks to far more: thousands of identical rows compress to almost nothing.
  const bombRows = () => Array.from({ length: 3000 }, (_, i) => Object.values({ ...TOEWIJZING, toewijzing_id: `T${i}`, client_id: `cl-${String(i).padStart(6, '0')}` }));
  const limits = { maxUncompressedBytes: 1 << 30, maxRows: 1 << 20, maxCsvBytes: 1 << 30 };

  it('is refused by the sizes its archive declares, before anything is unpacked', async () => {
    const path = await writeXlsx('toewijzingen_GM0153_2025-03.xlsx', Object.keys(TOEWIJZING), bombRows());
    const store = await tempStore(monthlyRegion());
    const [report] = await loadFiles(store, [path], { xlsxLimits: { ...limits, maxUncompressedBytes: 200_000 } });
    expect(report.outcome).toBe('rejected');
    expect(report.problems.map((p) => p.rule)).toEqual(['xlsx_too_large']);
    expect(report.problems[0].message).toBe(
      'toewijzingen_GM0153_2025-03.xlsx: verwacht een Excel-werkmap van hoogstens 200.000 bytes uitgepakt; lever een grotere levering als CSV aan.',
    );
    expect(await store.dataVersion()).toBe(0);
  });

  it('is refused by its row count while converting', async () => {
    const path = await writeXlsx('toewijzingen_GM0153_2025-04.xlsx', Object.keys(TOEWIJZING), bombRows());
    const [report] = await loadFiles(await tempStore(monthlyRegion()), [path], { xlsxLimits: { ...limits, maxRows: 1000 } });
    expect(report.problems.map((p) => [p.rule, p.message])).toEqual([
      ['xlsx_too_large', 'toewijzingen_GM0153_2025-04.xlsx: verwacht een Excel-werkmap van hoogstens 1.000 regels; lever een grotere levering als CSV aan.'],
    ]);
  });

  it('whose archive understates its sizes is still stopped by the CSV it would write', async () => {
    const path = await writeXlsx('toewijzingen_GM0153_2025-05.xlsx', Object.keys(TOEWIJZING), bombRows());
    // Every central directory entry claims 1 byte uncompressed: the declared total passes any limit.
    const zip = readFileSync(path);
    for (const entry of zipEntries(zip)) zip.writeUInt32LE(1, entry.centralOffset + 24);
    writeFileSync(path, zip);
    const [report] = await loadFiles(await tempStore(monthlyRegion()), [path], { xlsxLimits: { ...limits, maxUncompressedBytes: 10_000, maxCsvBytes: 50_000 } });
    expect(report.problems.map((p) => p.rule)).toEqual(['xlsx_too_large']);
    expect(report.problems[0].expected).toContain('50.000 bytes');
  });

  it('within the limits loads as usual', async () => {
    const path = await writeXlsx('toewijzingen_GM0153_2025-06.xlsx', Object.keys(TOEWIJZING), bombRows().slice(0, 20).map((r) => r.map((v, i) => (i === 1 ? '2025-06' : v))));
    const [report] = await loadFiles(await tempStore(monthlyRegion()), [path], { xlsxLimits: { ...limits, maxRows: 21 } });
    expect(report).toMatchObject({ outcome: 'loaded', rows: 20 });
  });

  it('a file named .xlsx that is no zip archive is refused in Dutch', async () => {
    const path = join(dir, 'toewijzingen_GM0153_2025-07.xlsx');
    writeFileSync(path, 'gemeente_code;periode\nGM0153;2025-07\n');
    const [report] = await loadFiles(await tempStore(monthlyRegion()), [path]);
    expect(report.problems.map((p) => [p.rule, p.found])).toEqual([['xlsx_unreadable', 'een bestand dat geen zip-archief is']]);
  });

  it('a header-only sheet is a delivery of 0 rows', async () => {
    const path = await writeXlsx('declaraties_GM0153_2025-02.xlsx', Object.keys(DECLARATIE), []);
    const [report] = await loadFiles(await tempStore(monthlyRegion()), [path]);
    expect(report).toMatchObject({ outcome: 'loaded', kind: 'declaraties', gemeente_code: 'GM0153', periode: '2025-02', rows: 0 });
  });
});
