/** Calendar months and years as values (`YYYY-MM`, `YYYY`), never as instants. */

/** No peilmaand: every delivery counts. `periode` is `YYYY-MM`, so text order is month order. */
export const NO_PEILMAAND = '9999-12';

export const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

export function monthsOfYear(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => monthKey(year, i + 1));
}

/** Month index since year 0, so months can be compared and shifted by whole calendar months. */
export const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
export const monthFromIndex = (i: number) => monthKey(Math.floor(i / 12), (i % 12) + 1);
export const addMonths = (month: string, n: number) => monthFromIndex(monthIndex(month) + n);

export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
}

export const yearOf = (period: string) => Number(period.slice(0, 4));
export const isMonth = (period: string) => period.length === 7;
/** The months a period covers: one for a month, twelve for a year. */
export const monthsOf = (period: string) => (isMonth(period) ? [period] : monthsOfYear(yearOf(period)));
