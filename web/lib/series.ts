/** Laying out API series for charts: calendar months in order, nothing computed. */
import type { SeriesPoint } from '../../contract/indicators.ts';
import { NOT_ESTIMATED } from '../../contract/notEstimated.ts';
import { monthsOfYear } from './format.ts';

function blank(period: string): SeriesPoint {
  return { period, value: null, suppressed: false, target: null, target_upper: null, value_ytd: null, target_ytd: null, status: null, provisional: false, coverage: 0, ...NOT_ESTIMATED };
}

/**
 * Months after the newest delivered month have no data yet: their value (and any estimate) is
 * blanked so a line stops instead of dropping to zero, while the target path runs on to the year end.
 */
export function blankAfter(points: SeriesPoint[], latestMonth: string | null): SeriesPoint[] {
  if (!latestMonth) return points;
  return points.map((p) => (/^\d{4}-\d{2}$/.test(p.period) && p.period > latestMonth ? { ...p, value: null, suppressed: false, provisional: false, ...NOT_ESTIMATED } : p));
}

/** A two-year monthly series as this year and the year before, month by month (year on year). */
export function splitYears(points: SeriesPoint[], year: number, latestMonth: string | null): { current: SeriesPoint[]; previous: SeriesPoint[] } {
  const byPeriod = new Map(blankAfter(points, latestMonth).map((p) => [p.period, p]));
  return {
    current: monthsOfYear(year).map((m) => byPeriod.get(m) ?? blank(m)),
    previous: monthsOfYear(year - 1).map((m) => byPeriod.get(m) ?? blank(m)),
  };
}

/** A year's months up to the newest delivered one: later months are not late, they have not happened yet. */
export function completenessRange(year: number, latestMonth: string | null): { from: string; to: string } {
  const months = monthsOfYear(year);
  const to = latestMonth && latestMonth < months[11] && latestMonth >= months[0] ? latestMonth : months[11];
  return { from: months[0], to };
}
