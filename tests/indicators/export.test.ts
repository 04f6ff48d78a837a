import { describe, expect, it } from 'vitest';
import type { IndicatorValue } from '../../contract/indicators.ts';
import { formatCells, sortForExport, toCsv, toJson } from '../../indicators/export.ts';

const v = (over: Partial<IndicatorValue>): IndicatorValue => ({
  segment: 'ambulant',
  gemeente_code: 'REGIO',
  period: '2024',
  indicator: 'clients',
  value: 1,
  suppressed: false,
  target: null,
  status: null,
  provisional: false,
  coverage: 100,
  ...over,
});

describe('export format', () => {
  it('writes counts as integers, euros to cents, shares and rates to one decimal, `<threshold` when hidden, empty when undefined', () => {
    expect(formatCells(v({ indicator: 'clients', value: 12 }), 5).value).toBe('12');
    expect(formatCells(v({ indicator: 'kosten', value: 1234.5 }), 5).value).toBe('1234.50');
    expect(formatCells(v({ indicator: 'kosten', value: -0.001 }), 5).value).toBe('0.00');
    expect(formatCells(v({ indicator: 'kosten', value: -200.05 }), 5).value).toBe('-200.05');
    expect(formatCells(v({ indicator: 'crisis_start_pct', value: 12.25 }), 5).value).toBe('12.3');
    expect(formatCells(v({ indicator: 'per_1000', value: 1 }), 5).value).toBe('1.0');
    expect(formatCells(v({ indicator: 'clients', value: null, suppressed: true }), 5).value).toBe('<5');
    expect(formatCells(v({ indicator: 'clients', value: null, suppressed: true }), 10).value).toBe('<10');
    expect(formatCells(v({ indicator: 'trajectduur_mean', value: null }), 5).value).toBe('');
    expect(formatCells(v({ indicator: 'kosten', value: 8500, target: 8000 }), 5).target).toBe('8000.00');
    expect(formatCells(v({ indicator: 'instroom', value: 9, target: 4.875 }), 5).target).toBe('4.9');
  });

  it('rounds every value and target half-up on its decimal value, as a spreadsheet does, not on the binary float', () => {
    // 166.25 is exact in binary; 0.15, 1.005, 2.675 and 16.625 (computed) are not: a float rounding gives 0.1, 1.00, 2.67, 16.62.
    expect(formatCells(v({ indicator: 'per_1000', value: 166.25 }), 5).value).toBe('166.3');
    expect(formatCells(v({ indicator: 'gezinsgericht_pct', value: 0.15 }), 5).value).toBe('0.2');
    expect(formatCells(v({ indicator: 'kosten', value: 1.005 }), 5).value).toBe('1.01');
    expect(formatCells(v({ indicator: 'kosten', value: 2.675 }), 5).value).toBe('2.68');
    expect(formatCells(v({ indicator: 'kosten', value: (100 * 133) / 800 }), 5).value).toBe('16.63');
    expect(formatCells(v({ indicator: 'trajectduur_mean', value: 99.95 }), 5).value).toBe('100.0');
    expect(formatCells(v({ indicator: 'kosten', value: -2.675 }), 5).value).toBe('-2.68');
    // A count's target (crisis instroom) keeps one decimal, rounded the same way.
    expect(formatCells(v({ segment: 'crisis', indicator: 'instroom', value: 3, target: 2.25 }), 5).target).toBe('2.3');
    expect(formatCells(v({ segment: 'crisis', indicator: 'instroom', value: 3, target: 0.15 }), 5).target).toBe('0.2');
    expect(toCsv([v({ indicator: 'per_1000', value: 166.25, coverage: 12.25 })], 5)).toContain(',166.3,,,false,12.3\n');
  });

  it('sorts by row, gemeente, period and indicator in plain byte order', () => {
    const sorted = sortForExport([
      v({ segment: 'wonen_verblijf' }),
      v({ segment: 'wonen' }),
      v({ gemeente_code: 'GM1700', period: '2024-02' }),
      v({ gemeente_code: 'GM0141', period: '2024-10', indicator: 'verwijzer_gi' }),
      v({ gemeente_code: 'GM0141', period: '2024-10', indicator: 'clients' }),
      v({ gemeente_code: 'GM0141', period: '2024-09' }),
    ]);
    expect(sorted.map((x) => `${x.segment} ${x.gemeente_code} ${x.period} ${x.indicator}`)).toEqual([
      'ambulant GM0141 2024-09 clients',
      'ambulant GM0141 2024-10 clients',
      'ambulant GM0141 2024-10 verwijzer_gi',
      'ambulant GM1700 2024-02 clients',
      'wonen REGIO 2024 clients',
      'wonen_verblijf REGIO 2024 clients',
    ]);
  });

  it('writes a header line, `\\n` line ends and one line per value; JSON holds the same rows', () => {
    const rows = [v({ indicator: 'kosten', value: 10, provisional: true, coverage: 31.58 }), v({ gemeente_code: 'GM0153', value: null, suppressed: true, coverage: 0 })];
    expect(toCsv(rows, 5)).toBe(
      'segment,gemeente_code,period,indicator,value,target,status,provisional,coverage\n' +
        'ambulant,GM0153,2024,clients,<5,,,false,0.0\n' +
        'ambulant,REGIO,2024,kosten,10.00,,,true,31.6\n',
    );
    const json = JSON.parse(toJson(rows, 5));
    expect(json).toEqual([
      { segment: 'ambulant', gemeente_code: 'GM0153', period: '2024', indicator: 'clients', value: '<5', target: null, status: null, provisional: false, coverage: 0 },
      { segment: 'ambulant', gemeente_code: 'REGIO', period: '2024', indicator: 'kosten', value: 10, target: null, status: null, provisional: true, coverage: 31.6 },
    ]);
  });
});
