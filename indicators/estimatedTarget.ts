/**
 * The target block of one (scope, row) to date with the in-year estimate in it: the card of
 * the overview and the to-date rows of /comparison both take their status from here, so a
 * card and the table beside it never disagree.
 */
import type { CardTarget } from '../contract/indicators.ts';
import type { EngineContext } from './context.ts';
import { measureValue, ytdSum } from './longForm.ts';
import { monthKey, monthsOfYear } from './periods.ts';
import { roundTo, targetDecimals } from './rules.ts';
import { cardTarget, type CardEstimate, type CardFigures, type HiddenCount } from './targets.ts';

/**
 * The spread of the rest of the year: the forecast carries the months to date's level
 * (their ratio to the baseline's same months) into the months to come; how much single
 * months' ratios scatter says how far the rest may land from that. Months in a row drift
 * together (a trend, a tariff change), so the rest is taken to move as one: its error is the
 * rest of the baseline times the ratio's spread, plus the error of the ratio's mean.
 */
export function restVariance(ratios: number[], restBaseline: number[]): number {
  const n = ratios.length;
  if (n < 2 || restBaseline.length === 0) return 0;
  const mean = ratios.reduce((s, x) => s + x, 0) / n;
  const s2 = ratios.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  const rest = restBaseline.reduce((s, b) => s + b, 0);
  return s2 * rest ** 2 * (1 + 1 / n);
}

/** The estimate of a scope's row over months 1 … k of `year` (late part, variance, maturity, rest of the year). */
export function estimateToDate(ctx: EngineContext, scope: string, row: string, measure: 'kosten' | 'instroom', year: number, k: number): CardEstimate {
  const months = monthsOfYear(year).slice(0, k);
  const late = ctx.nowcast.late(scope, row, measure, months, ytdSum(ctx, scope, row, year, k, measure) ?? undefined);
  const baselineYear = ctx.region.targets.baselineYear;
  const base = (i: number) => measureValue(ctx, scope, row, monthKey(baselineYear, i), measure) ?? 0;
  const ratios: number[] = [];
  months.forEach((m, i) => {
    const b = base(i + 1);
    const v = measureValue(ctx, scope, row, m, measure);
    if (b > 0 && v !== null) ratios.push((v + ctx.nowcast.late(scope, row, measure, [m], v).late) / b);
  });
  const restBaseline = Array.from({ length: 12 - k }, (_, j) => base(k + j + 1));
  const spreadNow = restVariance(ratios, restBaseline);
  // How far the same formula missed a year earlier, at the same month: the drift a spread of months does not show.
  const valueYtd = ytdSum(ctx, scope, row, year, k, measure);
  const baseline = measureValue(ctx, scope, row, String(baselineYear), measure);
  const baselineYtd = ytdSum(ctx, scope, row, baselineYear, k, measure);
  const missed = k < 12 ? pastMiss(ctx, scope, row, measure, year - 1, k) : null;
  const forecast = valueYtd !== null && baseline !== null && baselineYtd ? ((valueYtd + late.late) * baseline) / baselineYtd : null;
  const drift = missed === null || forecast === null ? 0 : (missed * forecast) ** 2;
  return { ...late, restVariance: Math.max(spreadNow, drift) };
}

/** The relative miss of the seasonal forecast for `year` from its months 1 … k and the year before it; null without both years. */
function pastMiss(ctx: EngineContext, scope: string, row: string, measure: 'kosten' | 'instroom', year: number, k: number): number | null {
  if (!ctx.ledger.years.includes(year) || !ctx.ledger.years.includes(year - 1)) return null;
  const ytd = ytdSum(ctx, scope, row, year, k, measure);
  const whole = measureValue(ctx, scope, row, String(year), measure);
  const before = measureValue(ctx, scope, row, String(year - 1), measure);
  const beforeYtd = ytdSum(ctx, scope, row, year - 1, k, measure);
  if (ytd === null || !whole || !before || !beforeYtd) return null;
  return (ytd * before) / beforeYtd / whole - 1;
}

/**
 * One measure's estimate to date on its own, observed plus what is still expected to arrive,
 * rounded as the target block rounds it: the card shows kosten and instroom beside the target
 * measure too, and a reader should find the same number wherever the same figure stands.
 * Null where the observed figure is null (not known, or a count the caller hides).
 */
export function estimatedToDate(ctx: EngineContext, scope: string, row: string, measure: 'kosten' | 'instroom', year: number, k: number, observed: number | null): number | null {
  if (observed === null) return null;
  const { late } = ctx.nowcast.late(scope, row, measure, monthsOfYear(year).slice(0, k), observed);
  return roundTo(observed + late, targetDecimals(measure));
}

/** The card's target block of a (scope, row) to month k, on the estimate; `valueYtd` as the caller shows it. */
export function targetToDate(ctx: EngineContext, scope: string, row: string, year: number, k: number, valueYtd: number | null, hidden: HiddenCount): CardTarget | null {
  const setting = ctx.region.targets.rows[row as keyof typeof ctx.region.targets.rows];
  if (!setting) return null;
  const plan = ctx.region.targets;
  const m = setting.measure;
  return cardTarget(
    setting,
    plan,
    year,
    cardFigures(ctx, scope, row, year, k, m, valueYtd),
    hidden,
    estimateToDate(ctx, scope, row, m, year, k),
  );
}

/**
 * The raw figures behind a card's target block: the measure in the baseline year, the baseline
 * year to date and this year to date. The budget (`budget.ts`) forecasts from the same figures
 * through the same `cardTarget`, so its forecast is the card's.
 */
export function cardFigures(ctx: EngineContext, scope: string, row: string, year: number, k: number, measure: 'kosten' | 'instroom', valueYtd: number | null): CardFigures {
  const baselineYear = ctx.region.targets.baselineYear;
  return {
    baseline: measureValue(ctx, scope, row, String(baselineYear), measure),
    baselineYtd: ytdSum(ctx, scope, row, baselineYear, k, measure),
    valueYtd,
  };
}
