/**
 * Chart options as pure functions from typed API rows: no DOM, no fetching, so every chart
 * can be unit-tested by looking at the option it returns. Numbers on axes and tooltips go
 * through the one nl-NL formatting module.
 */
import type { Duiding } from '../../contract/api.ts';
import type { DecompositionAnswer } from '../../contract/decomposition.ts';
import type { ReferrerRow, SeriesPoint, SubsegmentRow } from '../../contract/indicators.ts';
import { formatEuro, formatEuroCompact, formatMonthShort, formatNumber, formatPercent, formatPeriod, hiddenCount } from '../lib/format.ts';
import { DUIDING_LABELS } from '../lib/labels.ts';
import { drawnMax, estimateLayers, estimateSeries, ESTIMATE_NAMES, inLegend } from './estimate.ts';
import { COLORS, FONT } from './theme.ts';

/** What a measure is counted in decides every label: euros or persons/trajectories or days or shares. */
export type Unit = 'euro' | 'count' | 'days' | 'percent' | 'number';

// ECharts' own option type drags DOM types into pure modules; these options are plain data.
export type ChartOption = Record<string, unknown>;

export function formatValue(value: number | null | undefined, unit: Unit, compact = false): string {
  switch (unit) {
    case 'euro':
      return compact ? formatEuroCompact(value) : formatEuro(value);
    case 'percent':
      return formatPercent(value);
    case 'days':
      return `${formatNumber(value, 0)} dagen`;
    case 'count':
      return formatNumber(value, 0);
    default:
      return formatNumber(value, 1);
  }
}

const baseText = { fontFamily: FONT, color: COLORS.text };

interface AxisParam {
  seriesName: string;
  axisValue: string;
  value: number | null | undefined;
  marker?: string;
}

/**
 * An axis tooltip a room reads: the month in Dutch words ("maart 2025"), then one line per
 * series with a value, amounts in millions. Where the provisional line takes over from the
 * solid one both hold the same point: it is shown once, as "Voorlopig".
 */
export function axisTooltip(unit: Unit) {
  return {
    trigger: 'axis',
    formatter: (raw: AxisParam | AxisParam[]) => {
      const params = (Array.isArray(raw) ? raw : [raw]).filter((p) => p.value != null && p.seriesName !== 'Aandachtsband');
      if (params.length === 0) return '';
      const provisional = params.some((p) => p.seriesName === 'Voorlopig');
      const shown = params.filter((p) => !(provisional && p.seriesName === 'Realisatie'));
      const head = formatPeriod(String(params[0].axisValue));
      return [head, ...shown.map((p) => `${p.marker ?? ''}${p.seriesName}: ${formatValue(p.value, unit, true)}`)].join('<br/>');
    },
  };
}


function monthLabel(period: string): string {
  return /^\d{4}-\d{2}$/.test(period) ? formatMonthShort(period, false) : period;
}

/** A small line of the target measure: observed solid, not yet mature months as the estimate with its band. No axes: it is a shape. */
export function sparklineOption(points: SeriesPoint[]): ChartOption {
  const layers = estimateLayers(points);
  return {
    animation: false,
    grid: { left: 2, right: 2, top: 4, bottom: 4 },
    xAxis: { type: 'category', show: false, data: points.map((p) => p.period), boundaryGap: false },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        name: ESTIMATE_NAMES.observed,
        type: 'line',
        data: layers.observed,
        symbol: 'none',
        lineStyle: { width: 2, color: COLORS.value },
        itemStyle: { color: COLORS.value },
        connectNulls: false,
      },
      ...estimateSeries(layers, { width: 2, symbols: false }),
    ],
  };
}

export interface DuidingMarker {
  period: string;
  label: string;
  text: string;
}

/** Duiding about a month marks that month; duiding about a year marks its last shown month. */
export function duidingMarkers(duiding: Duiding[], periods: string[]): DuidingMarker[] {
  const shown = new Set(periods);
  const markers: DuidingMarker[] = [];
  for (const d of duiding) {
    const at = shown.has(d.period) ? d.period : [...periods].reverse().find((p) => p.startsWith(`${d.period}-`));
    if (at) markers.push({ period: at, label: DUIDING_LABELS[d.kind], text: d.text });
  }
  return markers;
}

export interface SeriesChartInput {
  /** Months of the selected year (with target path and band). */
  points: SeriesPoint[];
  /** Same months of the year before, for year-on-year comparison. */
  previous?: SeriesPoint[];
  unit: Unit;
  title?: string;
  markers?: DuidingMarker[];
  /** Larger labels for the projector. */
  large?: boolean;
}

/**
 * The monthly series of one row: observed months solid, not yet mature months as the estimate
 * (dashed) with its 80 % band (charts/estimate.ts), the target path with its `aandacht` band
 * above it, last year's line, and duiding markers.
 */
export function seriesOption({ points, previous = [], unit, title, markers = [], large = false }: SeriesChartInput): ChartOption {
  const fontSize = large ? 16 : 12;
  const periods = points.map((p) => p.period);
  const hasTarget = points.some((p) => p.target != null);
  // Not yet mature months: the estimate with its band, or a gap; never the raw sum falling away.
  const layers = estimateLayers(points);
  const series: Record<string, unknown>[] = [
    {
      name: ESTIMATE_NAMES.observed,
      type: 'line',
      data: layers.observed,
      symbolSize: 6,
      lineStyle: { width: 3, color: COLORS.value },
      itemStyle: { color: COLORS.value },
      z: 5,
      markPoint: markers.length
        ? {
            symbol: 'pin',
            symbolSize: 34,
            itemStyle: { color: COLORS.duiding },
            label: { formatter: 'D', color: '#fff', fontWeight: 'bold' },
            data: markers.map((m) => {
              const i = periods.indexOf(m.period);
              return { name: m.label, coord: [m.period, layers.anchor[i] ?? points[i]?.target ?? 0], value: m.text };
            }),
            tooltip: { formatter: (p: { name: string; value: string }) => `${p.name}: ${p.value}` },
          }
        : undefined,
    },
    ...estimateSeries(layers),
  ];
  if (previous.length) {
    series.push({
      name: 'Vorig jaar',
      type: 'line',
      data: points.map((_, i) => previous[i]?.value ?? null),
      symbol: 'none',
      lineStyle: { width: 2, color: COLORS.previousYear, type: 'dotted' },
      itemStyle: { color: COLORS.previousYear },
    });
  }
  if (hasTarget) {
    series.push(
      {
        name: 'Doelpad',
        type: 'line',
        data: points.map((p) => p.target),
        symbol: 'none',
        stack: 'band',
        lineStyle: { width: 2, color: COLORS.target, type: 'dashed' },
        itemStyle: { color: COLORS.target },
      },
      {
        name: 'Aandachtsband',
        type: 'line',
        data: points.map((p) => (p.target != null && p.target_upper != null ? p.target_upper - p.target : null)),
        symbol: 'none',
        stack: 'band',
        lineStyle: { width: 0 },
        areaStyle: { color: COLORS.band },
        itemStyle: { color: COLORS.band },
        tooltip: { show: false },
      },
    );
  }
  return {
    animation: false,
    textStyle: baseText,
    title: title ? { text: title, left: 0, textStyle: { fontSize: 15, fontWeight: 600, ...baseText } } : undefined,
    legend: { bottom: 0, textStyle: { ...baseText, fontSize }, data: series.filter((s) => s.name !== 'Aandachtsband' && inLegend(s.name)).map((s) => s.name) },
    grid: { left: 8, right: 16, top: title ? 40 : 16, bottom: 40, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: axisTooltip(unit),
    xAxis: {
      type: 'category',
      data: periods,
      axisLabel: { formatter: monthLabel, color: COLORS.muted, fontSize },
      axisLine: { lineStyle: { color: COLORS.grid } },
    },
    yAxis: {
      type: 'value',
      // Persons and trajectories come in whole numbers: no `0,5` client on an axis.
      minInterval: unit === 'count' ? 1 : undefined,
      axisLabel: { formatter: (v: number) => formatValue(v, unit, true), color: COLORS.muted, fontSize },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series,
  };
}

/**
 * One gemeente of a small-multiple grid. The y-axis maximum is passed in, shared by all
 * gemeenten, so shapes compare honestly.
 */
const SMALL_MULTIPLE_TITLE_PX = 15;
const SMALL_MULTIPLE_AXIS_PX = 12;

export function smallMultipleOption(name: string, points: SeriesPoint[], max: number, unit: Unit): ChartOption {
  const layers = estimateLayers(points);
  return {
    animation: false,
    textStyle: baseText,
    // Sizes a room can read from the back on a projector (issue 15): the gemeente's name and the axis.
    title: { text: name, left: 0, top: 0, textStyle: { fontSize: SMALL_MULTIPLE_TITLE_PX, fontWeight: 600, ...baseText } },
    grid: { left: 4, right: 8, top: 30, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: axisTooltip(unit),
    xAxis: { type: 'category', data: points.map((p) => p.period), axisLabel: { show: false }, axisTick: { show: false } },
    yAxis: {
      type: 'value',
      min: 0,
      max,
      splitNumber: 2,
      axisLabel: { formatter: (v: number) => formatValue(v, unit, true), color: COLORS.muted, fontSize: SMALL_MULTIPLE_AXIS_PX },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series: [
      {
        name,
        type: 'line',
        data: layers.observed,
        symbol: 'none',
        lineStyle: { width: 2, color: COLORS.value },
        areaStyle: { color: 'rgba(31, 95, 168, 0.12)' },
      },
      ...estimateSeries(layers, { width: 2, symbols: false }),
      {
        name: 'Doelpad',
        type: 'line',
        data: points.map((p) => p.target),
        symbol: 'none',
        lineStyle: { width: 1, type: 'dashed', color: COLORS.target },
      },
    ],
  };
}

/** The shared y maximum of small multiples: the largest drawn value (estimate band included) or target, rounded up a little. */
export function sharedMax(series: SeriesPoint[][]): number {
  let max = 0;
  for (const points of series) max = Math.max(max, drawnMax(points), ...points.map((p) => p.target ?? 0));
  return max === 0 ? 1 : max * 1.05;
}

const REFERRER_LABELS: Record<ReferrerRow['group'], string> = {
  gemeente: 'Gemeente',
  huisarts: 'Huisarts',
  gi: 'GI',
  medisch: 'Medisch',
  overig: 'Overig',
};

/** Instroom by referrer group as horizontal bars with the share in the label; a hidden group reads `<threshold`. */
export function referrerOption(rows: ReferrerRow[], threshold: number): ChartOption {
  const order: ReferrerRow['group'][] = ['gemeente', 'huisarts', 'gi', 'medisch', 'overig'];
  const byGroup = new Map(rows.map((r) => [r.group, r]));
  const shown = order.map((g) => byGroup.get(g));
  return {
    animation: false,
    textStyle: baseText,
    grid: { left: 8, right: 64, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v), color: COLORS.muted }, splitLine: { lineStyle: { color: COLORS.grid } } },
    yAxis: { type: 'category', inverse: true, data: order.map((g) => REFERRER_LABELS[g]), axisLabel: { color: COLORS.text } },
    series: [
      {
        name: 'Instroom',
        type: 'bar',
        // A suppressed group gets an empty bar with its `<threshold` label, so it is not mistaken for "no data".
        data: shown.map((r) => (r ? (r.instroom.suppressed ? 0 : r.instroom.value) : null)),
        itemStyle: { color: COLORS.value },
        label: {
          show: true,
          position: 'right',
          color: COLORS.text,
          formatter: (p: { dataIndex: number }) => {
            const r = shown[p.dataIndex];
            if (!r) return '';
            return r.instroom.suppressed ? hiddenCount(threshold) : `${formatNumber(r.instroom.value)} (${formatPercent(r.share)})`;
          },
        },
      },
    ],
  };
}

/** Costs per subsegment as bars, clients in the tooltip. */
export function subsegmentOption(rows: SubsegmentRow[]): ChartOption {
  const sorted = [...rows].sort((a, b) => b.kosten - a.kosten);
  return {
    animation: false,
    textStyle: baseText,
    grid: { left: 8, right: 80, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => formatEuro(v) },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatEuroCompact(v), color: COLORS.muted }, splitLine: { lineStyle: { color: COLORS.grid } } },
    yAxis: { type: 'category', inverse: true, data: sorted.map((r) => r.subsegment.replace(/_/g, ' ')), axisLabel: { color: COLORS.text } },
    series: [
      {
        name: 'Kosten',
        type: 'bar',
        data: sorted.map((r) => r.kosten),
        itemStyle: { color: COLORS.palette[1] },
        label: { show: true, position: 'right', color: COLORS.text, formatter: (p: { value: number }) => formatEuroCompact(p.value) },
      },
    ],
  };
}

/** Several named series over the same periods (provider vs segment trend, costs per segment). */
export function multiLineOption(periods: string[], lines: { name: string; values: (number | null)[]; dashed?: boolean }[], unit: Unit): ChartOption {
  return {
    animation: false,
    textStyle: baseText,
    // One scrolling legend row, so a legend never runs into the axis labels.
    legend: { bottom: 0, type: 'scroll', textStyle: baseText },
    grid: { left: 8, right: 16, top: 16, bottom: 40, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: axisTooltip(unit),
    xAxis: { type: 'category', data: periods, axisLabel: { formatter: (p: string) => (/^\d{4}-\d{2}$/.test(p) ? formatMonthShort(p) : formatPeriod(p)), color: COLORS.muted } },
    yAxis: {
      type: 'value',
      minInterval: unit === 'count' ? 1 : undefined,
      axisLabel: { formatter: (v: number) => formatValue(v, unit, true), color: COLORS.muted },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series: lines.map((l, i) => ({
      name: l.name,
      type: 'line',
      data: l.values,
      symbolSize: 5,
      lineStyle: { width: 2, type: l.dashed ? 'dashed' : 'solid', color: COLORS.palette[i % COLORS.palette.length] },
      itemStyle: { color: COLORS.palette[i % COLORS.palette.length] },
    })),
  };
}

/**
 * The decomposition as a waterfall: the comparison period's kosten, the volume and the
 * intensity effect as floating steps, and the kosten now. Each step floats on an invisible
 * base bar at the lower of its two ends, so a fall hangs down from where the rise would start.
 */
export function waterfallOption(d: DecompositionAnswer, large = false): ChartOption {
  const fontSize = large ? 16 : 12;
  const start = d.kosten_comparison ?? 0;
  const steps = [d.volume_eur ?? 0, d.intensity_eur ?? 0];
  const afterVolume = start + steps[0];
  const ends = [[start, afterVolume], [afterVolume, afterVolume + steps[1]]];
  const categories = [String(d.comparison_year), 'Meer/minder cliënten', 'Kosten per cliënt', String(d.year)];
  const stepColor = (v: number) => (v > 0 ? COLORS.palette[1] : COLORS.palette[2]);
  return {
    animation: false,
    textStyle: { ...baseText, fontSize },
    grid: { left: 8, right: 16, top: 28, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // One value per bar: the step itself, never the invisible base.
      formatter: (params: { dataIndex: number }[]) => {
        const i = params[0]?.dataIndex ?? 0;
        const value = i === 0 ? d.kosten_comparison : i === 3 ? d.kosten : steps[i - 1];
        return `${categories[i]}: ${i === 1 || i === 2 ? signedEuro(value) : formatEuro(value)}`;
      },
    },
    xAxis: { type: 'category', data: categories, axisLabel: { color: COLORS.text, fontSize, interval: 0 } },
    // On the projector the bars carry their amounts: a low chart has no room for an axis of them.
    yAxis: { type: 'value', splitNumber: 3, axisLabel: { show: !large, formatter: (v: number) => formatEuroCompact(v), color: COLORS.muted, fontSize }, splitLine: { show: !large, lineStyle: { color: COLORS.grid } } },
    series: [
      {
        name: 'basis',
        type: 'bar',
        stack: 'waterval',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: [0, Math.min(...ends[0]), Math.min(...ends[1]), 0],
      },
      {
        name: 'Kosten',
        type: 'bar',
        stack: 'waterval',
        data: [
          { value: start, itemStyle: { color: COLORS.value } },
          { value: Math.abs(steps[0]), itemStyle: { color: stepColor(steps[0]) } },
          { value: Math.abs(steps[1]), itemStyle: { color: stepColor(steps[1]) } },
          { value: d.kosten ?? 0, itemStyle: { color: COLORS.value } },
        ],
        label: {
          show: true,
          position: 'top',
          color: COLORS.text,
          fontSize,
          formatter: (p: { dataIndex: number }) => (p.dataIndex === 0 ? formatEuroCompact(start) : p.dataIndex === 3 ? formatEuroCompact(d.kosten) : signedEuroCompact(steps[p.dataIndex - 1])),
        },
      },
    ],
  };
}

const signedEuro = (v: number | null) => (v !== null && v > 0 ? `+${formatEuro(v)}` : formatEuro(v));
const signedEuroCompact = (v: number) => (v > 0 ? `+${formatEuroCompact(v)}` : formatEuroCompact(v));
