/**
 * The year to date: months 1 … k of a year, the one period every figure on an in-year screen
 * shares (docs/indicators.md, "One period on one screen"). The overview card, the gemeente
 * comparison and the provider list take their months and their person counts from here, so
 * the card and the table beside it show the same figure; the other year of a comparison is
 * counted over the same months.
 */
import type { ReportingRow } from '../contract/domain.ts';
import type { EngineContext } from './context.ts';
import type { ScopeKind } from './facts.ts';
import { coverageOf, missingClaims, missingToewijzingen, provisionalOf } from './ledger.ts';
import { factOf, populationForRate, ytdSum } from './longForm.ts';
import { monthsOfYear } from './periods.ts';
import type { RawValue } from './rawValue.ts';
import { roundTo } from './rules.ts';

/** Months 1 … k of `year`, up to and including `upTo`. */
export interface ToDate {
  year: number;
  upTo: string;
  k: number;
  months: string[];
}

/**
 * The months to date of a year for a scope: up to `month` when asked, else up to the scope's
 * newest month with toewijzingen in that year (the whole year when it has none: a closed or
 * empty year keeps its year-end figures). A month that has not happened yet is never counted.
 */
export function toDateOf(ctx: EngineContext, scope: string, year: number, month?: string): ToDate {
  const delivered = monthsOfYear(year).filter((m) => !missingToewijzingen(ctx.ledger, scope, m));
  const upTo = month ?? delivered[delivered.length - 1] ?? `${year}-12`;
  const k = Number(upTo.slice(5, 7));
  return { year, upTo, k, months: monthsOfYear(year).slice(0, k) };
}

/** The same months of another year (last year beside this one). */
export const sameMonthsOf = (t: ToDate, year: number): ToDate => {
  const months = monthsOfYear(year).slice(0, t.k);
  return { year, upTo: months[months.length - 1], k: t.k, months };
};

/**
 * Clients of the year to date: a youth counts once, in the month of first activity; null
 * without toewijzingen in those months of `area` (the scope itself, or the region for a provider).
 */
export function clientsToDate(ctx: EngineContext, scope: string, row: string, t: ToDate, area = scope): number | null {
  if (missingToewijzingen(ctx.ledger, area, String(t.year), t.months)) return null;
  return t.months.reduce((n, m) => n + factOf(ctx, scope, row, m).first_clients, 0);
}

/**
 * The figures of a year to date that a table lays side by side (clients, their rate, instroom,
 * kosten) as long-form values of the year's period, unsuppressed; `suppress` then treats them
 * as it treats the year (a year to date counts as the year).
 */
export function toDateValues(ctx: EngineContext, rows: readonly ReportingRow[], scopes: readonly string[], t: ToDate, kind: ScopeKind): RawValue[] {
  const period = String(t.year);
  const out: RawValue[] = [];
  for (const scope of scopes) {
    // Providers are a region-wide view, as in the long form.
    const area = kind === 'area' ? scope : 'REGIO';
    const population = kind === 'area' ? populationForRate(ctx, scope, t.year) : null;
    const noClaims = missingClaims(ctx.ledger, area);
    const coverage = roundTo(coverageOf(ctx.ledger, area, period, t.months), 1);
    const provisional = provisionalOf(ctx.ledger, area, period, t.months);
    for (const segment of rows) {
      const clients = clientsToDate(ctx, scope, segment, t, area);
      // The card's own sums (rounded per month as the long form is), so card and table agree to the cent.
      const instroom = clients === null ? null : ytdSum(ctx, scope, segment, t.year, t.k, 'instroom');
      const kosten = noClaims ? null : ytdSum(ctx, scope, segment, t.year, t.k, 'kosten');
      const value = (indicator: RawValue['indicator'], v: number | null, basis: number[]): RawValue => ({
        segment, scope, period, indicator, value: v, suppressed: false, target: null, status: null,
        provisional: indicator === 'kosten' && provisional, coverage,
        basis: v === null ? [] : basis, targetBasis: null,
      });
      out.push(
        value('clients', clients, [clients ?? 0]),
        value('per_1000', clients === null || !population ? null : roundTo((1000 * clients) / population, 1), [clients ?? 0]),
        value('instroom', instroom, [instroom ?? 0]),
        value('kosten', kosten, []),
      );
    }
  }
  return out;
}
