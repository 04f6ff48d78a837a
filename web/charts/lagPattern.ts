/**
 * The learnt lag pattern of one gemeente as a small chart: the share of a service month's
 * final figure known after 0, 1, 2, … months, with the month after which it counts as final.
 * And a month's maturity read off that pattern: how far it has got at the peilmaand.
 */
import type { LagPattern } from '../../contract/indicators.ts';
import { formatPercent } from '../lib/format.ts';
import type { ChartOption } from './options.ts';
import { COLORS, FONT } from './theme.ts';

export function lagPatternOption(name: string, pattern: Pick<LagPattern, 'shares' | 'mature_after' | 'source'>): ChartOption {
  const lags = pattern.shares.map((_, i) => String(i));
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: COLORS.text },
    title: { text: name, subtext: pattern.source === 'eigen' ? 'eigen patroon' : 'patroon van de regio', left: 0, top: 0, itemGap: 2, textStyle: { fontSize: 13, fontWeight: 600 }, subtextStyle: { fontSize: 11, color: COLORS.muted } },
    grid: { left: 4, right: 8, top: 40, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPercent(v, 0) },
    xAxis: { type: 'category', data: lags, name: 'maanden later', nameLocation: 'middle', nameGap: 18, axisLabel: { color: COLORS.muted, fontSize: 10 } },
    yAxis: { type: 'value', min: 0, max: 100, splitNumber: 2, axisLabel: { formatter: (v: number) => `${v}%`, color: COLORS.muted, fontSize: 10 }, splitLine: { lineStyle: { color: COLORS.grid } } },
    series: [
      {
        name: 'Bekend',
        type: 'bar',
        data: pattern.shares.map((s, i) => ({ value: s * 100, itemStyle: { color: i < pattern.mature_after ? COLORS.value : COLORS.previousYear } })),
        markLine: { symbol: 'none', silent: true, label: { formatter: 'definitief', fontSize: 10 }, lineStyle: { color: COLORS.target, type: 'dashed' }, data: [{ xAxis: String(pattern.mature_after) }] },
      },
    ],
  };
}
