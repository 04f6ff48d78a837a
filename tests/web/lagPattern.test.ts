import { describe, expect, it } from 'vitest';
import { lagPatternOption, maturityOf } from '../../web/charts/lagPattern.ts';

const pattern = { shares: [0.4, 0.75, 0.95, 1], mature_after: 3, source: 'regio' as const };

describe('lag pattern', () => {
  it('reads a month\'s maturity at the peilmaand off its pattern', () => {
    expect(maturityOf(pattern, '2025-06', '2025-06')).toEqual({ share: 0.4, mature: false });
    expect(maturityOf(pattern, '2025-05', '2025-06')).toEqual({ share: 0.75, mature: false });
    expect(maturityOf(pattern, '2024-11', '2025-01')).toEqual({ share: 0.95, mature: false });
    expect(maturityOf(pattern, '2025-03', '2025-06')).toEqual({ share: 1, mature: true });
    expect(maturityOf(pattern, '2024-01', '2025-06')).toEqual({ share: 1, mature: true });
    // A month after the peilmaand has not happened yet.
    expect(maturityOf(pattern, '2025-07', '2025-06')).toBeNull();
  });

  it('draws the share known per lag in percent and marks where a month counts as final', () => {
    const o = lagPatternOption('Hengelo', pattern) as { series: { data: { value: number }[]; markLine: { data: { xAxis: string }[] } }[]; xAxis: { data: string[] }; title: { subtext: string } };
    expect(o.xAxis.data).toEqual(['0', '1', '2', '3']);
    expect(o.series[0].data.map((d) => Math.round(d.value))).toEqual([40, 75, 95, 100]);
    expect(o.series[0].markLine.data).toEqual([{ xAxis: '3' }]);
    expect(o.title.subtext).toBe('patroon van de regio');
  });
});
