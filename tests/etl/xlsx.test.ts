/** XLSX deliveries: the first sheet, with real Excel dates or date text, read like a CSV. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../etl/index.ts';
import { cellText } from '../../etl/xlsx.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';
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
    const store = await tempStore();
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

  it('reports problems on the line numbers of the sheet', async () => {
    const store = await tempStore();
    const header = Object.keys(DECLARATIE);
    const good = Object.values(DECLARATIE) as unknown[];
    const bad = good.map((v, i) => (header[i] === 'bedrag' ? 'veel' : header[i] === 'declaratie_id' ? 'D2' : v));
    const path = await writeXlsx('claims.xlsx', header, [good, bad]);
    const [report] = await loadFiles(store, [path]);
    expect(report.problems.map((p) => [p.line, p.column, p.rule, p.found])).toEqual([[3, 'bedrag', 'decimal_format', 'veel']]);
  });
});
