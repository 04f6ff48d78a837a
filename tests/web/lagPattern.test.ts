import { describe, expect, it } from 'vitest';
import { lagPatternOption } from '../../web/charts/lagPattern.ts';

const pattern = { shares: [0.4, 0.75, 0.95, 1], mature_after: 3, source: 'regio' as const };

describe('lag pattern', () => {
  it('draws the share known per lag in percent and marks where a month counts as final', () => {
    const o = lagPatternOption('Hengelo', pattern) as { series: { data: { value: number }[]; markLine: { data: { xAxis: string }[] } }[]; xAxis: { data: string[] }; title: { subtext: string } };
    expect(o.xAxis.data).toEqual(['0', '1', '2', '3']);
    expect(o.series[0].data.map((d) => Math.round(d.value))).toEqual([40, 75, 95, 100]);
    expect(o.series[0].markLine.data).toEqual([{ xAxis: '3' }]);
    expect(o.title.subtext).toBe('patroon van de regio');
  });
});
