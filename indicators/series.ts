/**
 * A figure of one (row, scope) over the periods, as the series route and the overview's
 * sparklines show it: the long form's value, and on month points the target path.
 */
import type { Grain, IndicatorId, ReportingRow } from '../contract/domain.ts';
import { NOT_ESTIMATED, type SeriesPoint } from '../contract/indicators.ts';
import type { EngineContext } from './context.ts';
import { missingToewijzingen } from './ledger.ts';
import { lookup, measureValue, periodsOf, ytdSum, type ValueIndex } from './longForm.ts';
import { estimatedToDate } from './estimatedTarget.ts';
import { monthKey } from './periods.ts';
import { roundTo, targetDecimals } from './rules.ts';
import { hiddenBelowRegion } from './suppression.ts';
import { interval80, NO_PATH_TARGET, pathPoint, statusOf, upperBound, type PathTarget } from './targets.ts';

export interface SeriesSpec {
  segment: ReportingRow;
  scope: string;
  indicator: IndicatorId;
  grain: Grain;
  from?: string;
  to?: string;
}

/** The target path at one month of a (row, scope): none unless the row's target is on this indicator. */
export function monthTarget(ctx: EngineContext, row: ReportingRow, scope: string, indicator: IndicatorId, month: string): PathTarget {
  const rule = ctx.region.targets.rows[row];
  if (!rule || rule.measure !== indicator) return NO_PATH_TARGET;
  const baselineYear = ctx.region.targets.baselineYear;
  const year = Number(month.slice(0, 4));
  const k = Number(month.slice(5, 7));
  const counts = rule.measure === 'instroom';
  const figures = {
    baseline: measureValue(ctx, scope, row, String(baselineYear), rule.measure),
    baselineMonth: measureValue(ctx, scope, row, monthKey(baselineYear, k), rule.measure),
    baselineYtd: ytdSum(ctx, scope, row, baselineYear, k, rule.measure),
    valueYtd: missingToewijzingen(ctx.ledger, scope, month) && counts ? null : ytdSum(ctx, scope, row, year, k, rule.measure),
  };
  // Year-to-date figures count as the year: hidden when small below region level.
  const hidden = (n: number | null) => hiddenBelowRegion(n, ctx.region.privacyThreshold, scope, String(year));
  return pathPoint(rule, ctx.region.targets, month, figures, hidden);
}

/** The measures the in-year estimate covers (docs/nowcast.md). */
const ESTIMATED = new Set<IndicatorId>(['kosten', 'instroom', 'clients']);

/**
 * The estimate of one month of a series: observed plus what is still expected to arrive, with
 * its 80 % interval; the same to date when the point carries a year-to-date value.
 */
function monthEstimate(ctx: EngineContext, q: SeriesSpec, month: string, value: number | null, valueYtd: number | null): Pick<SeriesPoint, keyof typeof NOT_ESTIMATED> {
  if (!ESTIMATED.has(q.indicator) || value === null) return NOT_ESTIMATED;
  const measure = q.indicator as 'kosten' | 'instroom' | 'clients';
  const late = ctx.nowcast.late(q.scope, q.segment, measure, [month], value);
  if (late.mature) return NOT_ESTIMATED;
  const d = measure === 'clients' ? 1 : targetDecimals(measure);
  const estimate = value + late.late;
  const [low, high] = interval80(estimate, late.variance, value);
  // Youths to date are a distinct count: the months' late parts do not add up to it, so it has no estimate.
  const ytd = measure === 'clients' ? null : estimatedToDate(ctx, q.scope, q.segment, measure, Number(month.slice(0, 4)), Number(month.slice(5, 7)), valueYtd);
  return { mature: false, estimate: roundTo(estimate, d), estimate_low: roundTo(low!, d), estimate_high: roundTo(high!, d), estimate_ytd: ytd };
}

/**
 * The points of a series from the (suppressed) long form of each year. With `withTargets`,
 * month points carry the target path; otherwise (year points, providers) the long form's own
 * target and status.
 */
export async function seriesPoints(
  ctx: EngineContext,
  q: SeriesSpec,
  indexOf: (year: number, grain: Grain) => Promise<ValueIndex>,
  withTargets: boolean,
): Promise<SeriesPoint[]> {
  const band = ctx.region.targets.statusBand;
  const points: SeriesPoint[] = [];
  for (const year of ctx.ledger.years) {
    const index = await indexOf(year, q.grain);
    for (const period of periodsOf(year, q.grain)) {
      if ((q.from && period < q.from) || (q.to && period > q.to)) continue;
      const v = lookup(index, q.segment, q.scope, period, q.indicator);
      if (!v) continue;
      const t =
        q.grain === 'month' && withTargets
          ? monthTarget(ctx, q.segment, q.scope, q.indicator, period)
          : { target: v.target, target_upper: upperBound(v.target, band, 2), value_ytd: null, target_ytd: null, status: v.status };
      const est = q.grain === 'month' && withTargets ? monthEstimate(ctx, q, period, v.value, t.value_ytd) : NOT_ESTIMATED;
      // The path's status rests on the estimate to date, as the card's does.
      const status = est.estimate_ytd !== null && t.target_ytd !== null ? statusOf(est.estimate_ytd, t.target_ytd, band) : t.status;
      points.push({ period, value: v.value, suppressed: v.suppressed, ...t, status, provisional: v.provisional, coverage: v.coverage, ...est });
    }
  }
  return points;
}
