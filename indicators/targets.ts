/**
 * Targets of the Sturingsplan: a compounding yearly reduction from the baseline year, a
 * status with a tolerance band, in-year targets that follow the baseline's seasonality,
 * a forecast and the savings. Pure functions: the numbers come from the engine, the
 * settings from the region configuration. The long form (a year's target), the target path
 * (`pathPoint`) and the overview cards (`cardTarget`) all take their arithmetic from here.
 */
import type { TargetStatus } from '../contract/domain.ts';
import type { OverviewCard } from '../contract/indicators.ts';
import { Z80 } from './nowcast/index.ts';
import { roundTo, targetDecimals } from './rules.ts';

/** target(y) = m(B) × (1 − r)^(y − B), only for years after the baseline. */
export function yearTarget(baseline: number | null, reduction: number, baselineYear: number, year: number): number | null {
  if (baseline === null || year <= baselineYear) return null;
  return baseline * (1 - reduction) ** (year - baselineYear);
}

/** op_koers at or below target; aandacht within the band above it; uit_koers beyond. */
export function statusOf(value: number | null, target: number | null, band: number): TargetStatus | null {
  if (value === null || target === null) return null;
  if (value <= target) return 'op_koers';
  if (value <= target * (1 + band)) return 'aandacht';
  return 'uit_koers';
}

/** target_ytd(y, k) = target(y) × m_ytd(B, k) / m(B). */
export function ytdTarget(target: number | null, baselineYtd: number | null, baseline: number | null): number | null {
  if (target === null || baselineYtd === null || baseline === null || baseline === 0) return null;
  return (target * baselineYtd) / baseline;
}

/** Forecast for the year end: m_ytd(y, k) × m(B) / m_ytd(B, k). */
export function forecastOf(valueYtd: number | null, baseline: number | null, baselineYtd: number | null): number | null {
  if (valueYtd === null || baseline === null || baselineYtd === null || baselineYtd === 0) return null;
  return (valueYtd * baseline) / baselineYtd;
}

/** Savings against the baseline: m(B) − m(y). Positive is saved. */
export function savingsOf(baseline: number | null, value: number | null): number | null {
  return baseline === null || value === null ? null : baseline - value;
}

/** A row's target setting and the plan around it, as the region configuration states them. */
export interface TargetRule {
  measure: 'kosten' | 'instroom';
  reduction: number;
}
export interface TargetPlan {
  baselineYear: number;
  statusBand: number;
}

/** Decides whether a count is hidden where it is shown (a gemeente's year to date, say). */
export type HiddenCount = (n: number | null) => boolean;

const roundedTo = (decimals: number) => (x: number | null) => (x === null ? null : roundTo(x, decimals));

/** The upper edge of the band around a target, rounded as the caller writes it. */
export const upperBound = (target: number | null, band: number, decimals: number): number | null =>
  target === null ? null : roundTo(target * (1 + band), decimals);

/** The year target as the export writes it: target(y) rounded to the measure's decimals. */
export function targetOfYear(rule: TargetRule, plan: TargetPlan, year: number, baseline: number | null): number | null {
  return roundedTo(targetDecimals(rule.measure))(yearTarget(baseline, rule.reduction, plan.baselineYear, year));
}

/** The raw figures of the target measure behind one card: baseline year, baseline year to date, this year to date. */
export interface CardFigures {
  baseline: number | null;
  baselineYtd: number | null;
  valueYtd: number | null;
}

/**
 * The in-year estimate behind a card (docs/nowcast.md): what is still expected to arrive of
 * the months to date, its variance, whether every month is mature, and the variance of the
 * rest of the year beyond the seasonal projection.
 */
export interface CardEstimate {
  late: number;
  variance: number;
  mature: boolean;
  restVariance: number;
}

export const NO_ESTIMATE: CardEstimate = { late: 0, variance: 0, mature: true, restVariance: 0 };

/** An 80 % interval around a value; the low end never below `floor` (what is already known). */
export function interval80(value: number | null, variance: number, floor: number | null = null): [number | null, number | null] {
  if (value === null) return [null, null];
  const half = Z80 * Math.sqrt(Math.max(variance, 0));
  // What is known is a floor, unless the estimate itself lies below it (youths who left a month again).
  return [floor === null ? value - half : Math.max(value - half, Math.min(floor, value)), value + half];
}

/**
 * The target block of an overview card: year-to-date value and target, the year target, the
 * forecast and the savings. Status, forecast and savings rest on the estimate (observed plus
 * what is still expected to arrive); the raw figure stays as `value_ytd` and the plain formula
 * as `plain_forecast`. A count measure (instroom) hides the target where its baseline is
 * hidden, and the value and forecast where the value is.
 */
export function cardTarget(rule: TargetRule, plan: TargetPlan, year: number, f: CardFigures, hidden: HiddenCount, est: CardEstimate = NO_ESTIMATE): NonNullable<OverviewCard['target']> {
  const m = rule.measure;
  const band = plan.statusBand;
  const counts = m === 'instroom';
  const { baseline: mB, baselineYtd: mBytd, valueYtd } = f;
  const baseHidden = counts && (hidden(mB) || hidden(mBytd));
  const valueHidden = counts && hidden(valueYtd);
  const r = roundedTo(targetDecimals(m));
  const tYear = baseHidden ? null : targetOfYear(rule, plan, year, mB);
  const tYtd = baseHidden ? null : r(ytdTarget(tYear, mBytd, mB));
  const shownValue = valueHidden ? null : valueYtd;
  const estimated = valueYtd === null ? null : valueYtd + est.late;
  const shownEstimate = valueHidden ? null : r(estimated);
  const [estLow, estHigh] = interval80(shownEstimate, est.variance, shownValue);
  const plain = valueHidden || baseHidden ? null : r(forecastOf(valueYtd, mB, mBytd));
  const rawForecast = valueHidden || baseHidden ? null : forecastOf(estimated, mB, mBytd);
  const forecast = r(rawForecast);
  // The forecast scales the months to date by the baseline's seasonality; its error adds the rest of the year's.
  const scale = mB !== null && mBytd ? mB / mBytd : 0;
  const [fLow, fHigh] = interval80(rawForecast, scale ** 2 * est.variance + est.restVariance, shownValue);
  const euros = m === 'kosten';
  return {
    measure: m,
    baseline_year: plan.baselineYear,
    baseline_value: baseHidden ? null : mB,
    value_ytd: shownValue,
    target_ytd: tYtd,
    status_ytd: statusOf(shownEstimate, tYtd, band),
    target_year: tYear,
    forecast,
    forecast_status: statusOf(forecast, tYear, band),
    savings_ytd: euros && tYtd !== null ? r(savingsOf(mBytd, estimated)) : null,
    planned_savings_ytd: euros ? r(savingsOf(mBytd, tYtd)) : null,
    savings_forecast: euros && tYear !== null ? r(savingsOf(mB, forecast)) : null,
    planned_savings: euros ? r(savingsOf(mB, tYear)) : null,
    estimated_ytd: shownEstimate,
    estimated_ytd_low: r(estLow),
    estimated_ytd_high: r(estHigh),
    forecast_low: r(fLow),
    forecast_high: r(fHigh),
    plain_forecast: plain,
    estimate_based: !est.mature && shownEstimate !== null,
  };
}

/** The raw figures of the target measure behind one month of the path (month k of year y). */
export interface PathFigures {
  /** m(B) */
  baseline: number | null;
  /** m(B, k): the baseline year's same month, whose share of m(B) gives the month target. */
  baselineMonth: number | null;
  /** m_ytd(B, k) */
  baselineYtd: number | null;
  /** m_ytd(y, k) */
  valueYtd: number | null;
}

export interface PathTarget {
  target: number | null;
  target_upper: number | null;
  value_ytd: number | null;
  target_ytd: number | null;
  status: TargetStatus | null;
}

export const NO_PATH_TARGET: PathTarget = { target: null, target_upper: null, value_ytd: null, target_ytd: null, status: null };

/**
 * One month of the target path: the month target follows the baseline's seasonality,
 * target(y) × m(B, k) / m(B); the status compares the year to date with its target.
 */
export function pathPoint(rule: TargetRule, plan: TargetPlan, month: string, f: PathFigures, hidden: HiddenCount): PathTarget {
  const { baseline: mB, baselineMonth, baselineYtd, valueYtd } = f;
  const target = yearTarget(mB, rule.reduction, plan.baselineYear, Number(month.slice(0, 4)));
  if (target === null || mB === null || mB === 0) return NO_PATH_TARGET;
  const counts = rule.measure === 'instroom';
  if (counts && (hidden(mB) || hidden(baselineYtd))) return NO_PATH_TARGET;
  const dec = targetDecimals(rule.measure);
  const tMonth = baselineMonth === null ? null : roundTo((target * baselineMonth) / mB, dec);
  const tYtd = roundedTo(dec)(ytdTarget(target, baselineYtd, mB));
  const shownYtd = counts && hidden(valueYtd) ? null : valueYtd;
  return {
    target: tMonth,
    target_upper: upperBound(tMonth, plan.statusBand, dec),
    value_ytd: shownYtd,
    target_ytd: tYtd,
    status: statusOf(shownYtd, tYtd, plan.statusBand),
  };
}
