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
