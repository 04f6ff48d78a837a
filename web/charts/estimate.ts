/**
 * How every chart draws months whose figures are not final yet. Claims of a service month
 * (and allocations with an earlier begin date) arrive over several months, so the raw sum of a
 * recent month is too low and a line of raw sums falls towards zero at its end. A month that
 * is not yet mature is drawn as the engine's estimate of what it will turn out to be, with its
 * 80 % interval as a band; without an estimate it is left out (a gap), never drawn as its raw,
 * incomplete sum. Pure functions of the API's points: the web estimates nothing itself.
 */
import type { SeriesPoint } from '../../contract/indicators.ts';
import { monthsInWords } from '../lib/format.ts';
import { COLORS } from './theme.ts';

type Point = Pick<SeriesPoint, 'period' | 'value' | 'suppressed' | 'provisional' | 'mature' | 'estimate' | 'estimate_low' | 'estimate_high'>;

/** The legend names, one wording for every chart. */
export const ESTIMATE_NAMES = { observed: 'Realisatie', estimate: 'Geschat', band: 'Interval 80 %' } as const;
const BAND_BASE = 'Interval 80 % (onderkant)';

/**
 * Whether a point's figure may still grow. The engine's `mature` says so where it estimates;
 * a series without any estimate (a store or measure the engine does not estimate) falls back
 * on `provisional`, the region's claims lag.
 */
export function immatureOf(points: Point[]): (p: Point) => boolean {
  const estimated = points.some((p) => !p.mature || p.estimate != null);
  return estimated ? (p) => !p.mature : (p) => p.provisional;
}

export interface EstimateLayers {
  /** Mature months: the observed figure, drawn solid. */
  observed: (number | null)[];
  /** Not yet mature months: the estimate, joined to the last observed month so the line runs on. */
  estimate: (number | null)[];
  /** The band: its lower edge, and its height above that edge (ECharts stacks the two). */
  low: (number | null)[];
  width: (number | null)[];
  /** What a month shows where it is drawn (observed or estimate), for markers and text alternatives. */
  drawn: (number | null)[];
  /** Where a marker on a month sits: what is drawn there, or in a gap the height the line last had. */
  anchor: (number | null)[];
  /** Not yet mature months (with or without an estimate). */
  immature: boolean[];
  /** Whether any month is drawn as an estimate. */
  hasEstimate: boolean;
}

export function estimateLayers(points: Point[]): EstimateLayers {
  const immature = points.map(immatureOf(points));
  const shown = (p: Point) => (p.suppressed ? null : p.value);
  const observed = points.map((p, i) => (immature[i] ? null : shown(p)));
  const estimate = points.map((p, i) => (immature[i] ? p.estimate : null));
  const low = points.map((p, i) => (immature[i] && p.estimate != null ? p.estimate_low : null));
  const width = points.map((p, i) => (immature[i] && p.estimate_low != null && p.estimate_high != null ? p.estimate_high - p.estimate_low : null));
  // The estimate line starts at the last observed month before it, so it does not float apart.
  estimate.forEach((v, i) => {
    if (v != null && i > 0 && estimate[i - 1] == null && observed[i - 1] != null) estimate[i - 1] = observed[i - 1];
  });
  const drawn = points.map((_, i) => observed[i] ?? (immature[i] ? points[i].estimate : null));
  let last: number | null = null;
  const anchor = drawn.map((v) => (v != null ? (last = v) : last));
  return { observed, estimate, low, width, drawn, anchor, immature, hasEstimate: points.some((p, i) => immature[i] && p.estimate != null) };
}

/** The estimate line and its band as ECharts series (nothing when no month is estimated). */
export function estimateSeries(layers: EstimateLayers, { width = 3, symbols = true }: { width?: number; symbols?: boolean } = {}): Record<string, unknown>[] {
  if (!layers.hasEstimate) return [];
  const band = layers.width.some((w) => w != null);
  return [
    {
      name: ESTIMATE_NAMES.estimate,
      type: 'line',
      data: layers.estimate,
      symbol: symbols ? 'emptyCircle' : 'none',
      symbolSize: 7,
      lineStyle: { width, type: 'dashed', color: COLORS.value },
      itemStyle: { color: COLORS.value },
      connectNulls: false,
      z: 4,
    },
    ...(band
      ? [
          { name: BAND_BASE, type: 'line', data: layers.low, stack: 'schatting', symbol: 'none', lineStyle: { width: 0 }, tooltip: { show: false }, silent: true },
          {
            name: ESTIMATE_NAMES.band,
            type: 'line',
            data: layers.width,
            stack: 'schatting',
            symbol: 'none',
            lineStyle: { width: 0 },
            areaStyle: { color: COLORS.estimateBand },
            itemStyle: { color: COLORS.estimateBand },
            tooltip: { show: false },
            silent: true,
          },
        ]
      : []),
  ];
}

/** Series that are drawing aids, not something to name in a legend. */
export function inLegend(name: unknown): boolean {
  return name !== BAND_BASE;
}

/** The largest figure a chart draws, band included (a shared scale must hold the band). */
export function drawnMax(points: Point[]): number {
  const layers = estimateLayers(points);
  let max = 0;
  points.forEach((p, i) => {
    max = Math.max(max, layers.observed[i] ?? 0, layers.immature[i] ? (p.estimate_high ?? p.estimate ?? 0) : 0);
  });
  return max;
}

/**
 * The one line under a chart that explains its estimate: how many months late data arrive
 * (the run of not yet mature months at the end of what is known), and what happens to them.
 * Null when every month shown is mature.
 */
export function estimateNote(points: Point[], measure: 'kosten' | 'instroom' | 'clients' | string): string | null {
  const layers = estimateLayers(points);
  const known = points.map((p, i) => p.value != null || p.suppressed || p.estimate != null || layers.immature[i]);
  const last = known.lastIndexOf(true);
  let n = 0;
  for (let i = last; i >= 0 && layers.immature[i]; i--) n++;
  if (n === 0) return null;
  const what = measure === 'kosten' ? 'declaraties komen' : 'toewijzingen komen (met terugwerkende kracht)';
  const lag = `${what} tot ${monthsInWords(n)} later binnen`;
  return layers.hasEstimate
    ? `Geschat: ${lag}; de stippellijn is de schatting, de band het 80%-interval.`
    : `Nog onvolledig: ${lag}; die maanden zijn niet getekend zolang er geen schatting is.`;
}
