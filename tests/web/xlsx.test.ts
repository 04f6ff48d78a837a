import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { crc32, toXlsx } from '../../web/lib/xlsx.ts';

describe('xlsx', () => {
  it('computes the CRC-32 that zip readers check', () => {
    expect(crc32(new TextEncoder().encode('123456789')).toString(16)).toBe('cbf43926');
  });

  it('writes a workbook that a spreadsheet library reads back with the same cells', async () => {
    const bytes = toXlsx(
      [
        ['Gemeente', 'Cliënten', 'Kosten'],
        ['Enschede', 120, 1234567.5],
        ['Losser & <Noord>', '<5', null],
      ],
      'Verblijf per gemeente',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.name).toBe('Verblijf per gemeente');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Gemeente', 'Cliënten', 'Kosten']);
    expect(sheet.getCell('B2').value).toBe(120);
    expect(sheet.getCell('C2').value).toBe(1234567.5);
    expect(sheet.getCell('A3').value).toBe('Losser & <Noord>');
    expect(sheet.getCell('B3').value).toBe('<5');
    expect(sheet.getCell('C3').value).toBeNull();
  });
});
