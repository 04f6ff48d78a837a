import { describe, expect, it } from 'vitest';
import { cellText, sortRows, toCsv, toSheet, type Column } from '../../web/lib/table.ts';
import { NBSP } from '../../web/lib/format.ts';

interface Row {
  naam: string;
  clients: number | null;
  hidden: boolean;
  kosten: number;
  share: number | null;
}

const rows: Row[] = [
  { naam: 'Enschede', clients: 120, hidden: false, kosten: 1234567.891, share: 12.5 },
  { naam: 'Losser', clients: null, hidden: true, kosten: 80000, share: null },
  { naam: 'Almelo; "Noord"', clients: 45, hidden: false, kosten: 500, share: 3 },
];

const columns: Column<Row>[] = [
  { key: 'naam', label: 'Gemeente', kind: 'text', value: (r) => r.naam },
  { key: 'clients', label: 'Cliënten', kind: 'count', value: (r) => r.clients, suppressed: (r) => r.hidden },
  { key: 'kosten', label: 'Kosten', kind: 'euro', value: (r) => r.kosten },
  { key: 'share', label: 'Aandeel', kind: 'percent', value: (r) => r.share },
];

describe('table', () => {
  it('writes CSV for Dutch Excel: BOM, semicolons, decimal comma, CRLF', () => {
    const csv = toCsv(columns, rows, 5);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Gemeente;Cliënten;Kosten;Aandeel',
      'Enschede;120;1234567,89;12,5',
      'Losser;<5;80000,00;',
      '"Almelo; ""Noord""";45;500,00;3',
      '',
    ]);
  });

  it('gives a figure shown beneath another a column of its own in the exports, after it', () => {
    const estimated: Column<Row>[] = [
      columns[0],
      { key: 'geschat', label: 'Kosten geschat', kind: 'euro', value: (r) => r.kosten * 2, beneath: { label: 'waargenomen', column: columns[2] } },
    ];
    expect(toCsv(estimated, rows, 5).slice(1).split('\r\n').slice(0, 2)).toEqual(['Gemeente;Kosten geschat;Kosten', 'Enschede;2469135,78;1234567,89']);
    expect(toSheet(estimated, rows, 5)[1]).toEqual(['Enschede', 1234567.891 * 2, 1234567.891]);
  });

  it('shows suppressed counts as <5 on screen and in exports', () => {
    expect(cellText(columns[1], rows[1], 5)).toBe('<5');
    expect(toSheet(columns, rows, 5)[2][1]).toBe('<5');
  });

  it('formats cells with the nl-NL module', () => {
    expect(cellText(columns[2], rows[0], 5)).toBe(`€${NBSP}1.234.568`);
    expect(cellText(columns[3], rows[0], 5)).toBe(`12,5${NBSP}%`);
    expect(cellText(columns[3], rows[1], 5)).toBe('–');
  });

  it('sorts numbers both ways and puts missing and suppressed values last', () => {
    expect(sortRows(rows, columns[1], 'desc').map((r) => r.naam)).toEqual(['Enschede', 'Almelo; "Noord"', 'Losser']);
    expect(sortRows(rows, columns[1], 'asc').map((r) => r.naam)).toEqual(['Almelo; "Noord"', 'Enschede', 'Losser']);
  });

  it('sorts names alphabetically in Dutch', () => {
    expect(sortRows(rows, columns[0], 'asc').map((r) => r.naam)).toEqual(['Almelo; "Noord"', 'Enschede', 'Losser']);
  });

  it('keeps numbers as numbers in the XLSX sheet', () => {
    const sheet = toSheet(columns, rows, 5);
    expect(sheet[0]).toEqual(['Gemeente', 'Cliënten', 'Kosten', 'Aandeel']);
    expect(sheet[1]).toEqual(['Enschede', 120, 1234567.891, 12.5]);
  });
});
