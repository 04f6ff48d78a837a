/**
 * The estimate of each not yet mature month of one gemeente's series: observed / share known
 * at its lag (chain ladder). A month of which almost nothing is known yet (the newest month of
 * claims, or a quarterly deliverer's month before its quarter's delivery) cannot be scaled up
 * from its own figure; it takes what is known plus the unknown share of a prior that follows
 * the same month a year earlier at the level of the months just before (Bornhuetter–Ferguson).
 */
import { addMonths, monthIndex } from '../periods.ts';
import { project, totalMse } from './chainLadder.ts';
import { MAX_LAG, type CellMeasure } from './cells.ts';
import type { CellIndex, LearntPattern, PatternSet } from './patterns.ts';
import { seriesKey } from './patterns.ts';

/** Below this share known, a month's own figure says too little to scale up. */
export const MIN_SHARE = 0.3;
/** The prior's level comes from this many most recent months that could be scaled up. */
const PRIOR_MONTHS = 6;

export interface MonthEstimate {
  month: string;
  observed: number;
  /** What is still expected to arrive: estimate − observed. */
  late: number;
  variance: number;
  mature: boolean;
  /** Chain-ladder projection (for the covariance of a sum); null when the prior was used. */
  projection: { ultimate: number; age: number; mse: number; pattern: LearntPattern } | null;
}

const MATURE = (month: string, observed: number): MonthEstimate => ({ month, observed, late: 0, variance: 0, mature: true, projection: null });

/** Every month of one (gemeente, row, measure) series up to the peilmaand, estimated where immature. */
export function estimateSeries(index: CellIndex, patterns: PatternSet, unit: string, row: string, measure: CellMeasure, asOf: string, months: readonly string[]): Map<string, MonthEstimate> {
  const rows = index.get(seriesKey(unit, row, measure));
  const known = (m: string) => {
    const c = rows?.get(m);
    return c ? c[MAX_LAG] : 0;
  };
  const p = monthIndex(asOf);
  const out = new Map<string, MonthEstimate>();
  /** Months whose own figure gives their final one (mature, or scaled up): the level a prior follows. */
  const scaled: { month: string; estimate: number }[] = [];
  for (const month of [...months].sort()) {
    const age = p - monthIndex(month);
    const observed = known(month);
    if (age < 0) continue;
    const pattern = patterns.of(unit, row, measure, month);
    if (age >= pattern.matureAfter) {
      out.set(month, MATURE(month, observed));
      // A mature month sets the recent level for a prior as well as a scaled one.
      scaled.push({ month, estimate: observed });
      continue;
    }
    const share = pattern.development.shares[age];
    if (share >= MIN_SHARE && observed > 0) {
      const pr = project(pattern.development, observed, age);
      out.set(month, { month, observed, late: pr.ultimate - observed, variance: pr.mse, mature: false, projection: { ...pr, age, pattern } });
      scaled.push({ month, estimate: pr.ultimate });
      continue;
    }
    const prior = priorOf(month, scaled.slice(-PRIOR_MONTHS), known);
    const open = Math.max(1 - share, 0);
    out.set(month, { month, observed, late: open * prior.value, variance: open ** 2 * prior.variance, mature: false, projection: null });
  }
  return out;
}

/**
 * The prior of a month: the same month a year earlier × the ratio of the recent estimates to
 * their months a year earlier; its variance from the spread of those ratios. Without a year
 * before, the mean of the recent estimates.
 */
function priorOf(month: string, recent: { month: string; estimate: number }[], known: (m: string) => number): { value: number; variance: number } {
  const n = recent.length;
  if (n === 0) return { value: 0, variance: 0 };
  const lastYear = known(addMonths(month, -12));
  const bases = recent.map((r) => known(addMonths(r.month, -12)));
  if (lastYear > 0 && bases.every((b) => b > 0)) {
    const ratios = recent.map((r, i) => r.estimate / bases[i]);
    const ratio = recent.reduce((s, r) => s + r.estimate, 0) / bases.reduce((s, b) => s + b, 0);
    return { value: lastYear * ratio, variance: lastYear ** 2 * spread(ratios) * (1 + 1 / n) };
  }
  const values = recent.map((r) => r.estimate);
  const mean = values.reduce((s, v) => s + v, 0) / n;
  return { value: mean, variance: spread(values) * (1 + 1 / n) };
}

/** Sample variance; with one value, that value's own size as a (wide) guess. */
function spread(xs: number[]): number {
  if (xs.length < 2) return xs.length ? xs[0] ** 2 / 4 : 0;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
}

/** The late part of several months and its variance: Mack's covariance within each pattern, priors independent. */
export function lateOf(estimates: readonly MonthEstimate[]): { late: number; variance: number; mature: boolean } {
  const late = estimates.reduce((s, e) => s + e.late, 0);
  const byPattern = new Map<LearntPattern, { ultimate: number; age: number; mse: number }[]>();
  let variance = 0;
  for (const e of estimates) {
    if (!e.projection) {
      variance += e.variance;
      continue;
    }
    const list = byPattern.get(e.projection.pattern) ?? [];
    list.push(e.projection);
    byPattern.set(e.projection.pattern, list);
  }
  for (const [pattern, items] of byPattern) variance += totalMse(pattern.development, items);
  return { late, variance, mature: estimates.every((e) => e.mature) };
}
