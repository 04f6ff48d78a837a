/**
 * The target block of one (scope, row) to date with the in-year estimate in it: the card of
 * the overview and the to-date rows of /comparison both take their status from here, so a
 * card and the table beside it never disagree.
 */
import type { CardTarget } from '../contract/indicators.ts';
import type { EngineContext } from './context.ts';
import { measureValue, ytdSum } from './longForm.ts';
import { monthKey, monthsOfYear } from './periods.ts';
import { cardTarget, type CardEstimate, type HiddenCount } from './targets.ts';

/**
 * The spread of the rest of the year: the forecast carries the months to date's level
 * (their ratio to the baseline's same months) into the months to come; how much single
 * months' ratios scatter says how far the rest may land from that (its mean's error plus each
 * month's own).
 */
export function restVariance(ratios: number[], restBaseline: number[]): number {
  const n = ratios.length;
  if (n < 2 || restBaseline.length === 0) return 0;
  const mean = ratios.reduce((s, x) => s + x, 0) / n;
  const s2 = ratios.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  const rest = restBaseline.reduce((s, b) => s + b, 0);
  return s2 * (rest ** 2 / n + restBaseline.reduce((s, b) => s + b * b, 0));
}

/** The estimate of a scope's row over months 1 … k of `year` (late part, variance, maturity, rest of the year). */
export function estimateToDate(ctx: EngineContext, scope: string, row: string, measure: 'kosten' | 'instroom', year: number, k: number): CardEstimate {
  const months = monthsOfYear(year).slice(0, k);
  const late = ctx.nowcast.late(scope, row, measure, months);
  const baselineYear = ctx.region.targets.baselineYear;
  const base = (i: number) => measureValue(ctx, scope, row, monthKey(baselineYear, i), measure) ?? 0;
  const ratios: number[] = [];
  months.forEach((m, i) => {
    const b = base(i + 1);
    const v = measureValue(ctx, scope, row, m, measure);
    if (b > 0 && v !== null) ratios.push((v + ctx.nowcast.late(scope, row, measure, [m]).late) / b);
  });
  const restBaseline = Array.from({ length: 12 - k }, (_, j) => base(k + j + 1));
  return { ...late, restVariance: restVariance(ratios, restBaseline) };
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
    {
      baseline: measureValue(ctx, scope, row, String(plan.baselineYear), m),
      baselineYtd: ytdSum(ctx, scope, row, plan.baselineYear, k, m),
      valueYtd,
    },
    hidden,
    estimateToDate(ctx, scope, row, m, year, k),
  );
}
