/**
 * The `forecast` command's rows (indicators.md, "In-year estimate of late data"): per
 * reporting row with a target × gemeente/REGIO, the year to date as observed and as
 * estimated, the year-end forecast with its 80 % interval, the target to date and the status
 * on the estimate, as known at the peilmaand.
 */
import { REPORTING_ROWS } from '../contract/domain.ts';
import type { ForecastRow } from '../contract/indicators.ts';
import { roundedText } from '../contract/rounding.ts';
import type { EngineContext } from './context.ts';
import { targetToDate } from './estimatedTarget.ts';
import { IndicatorQueryError } from './errors.ts';
import { areaScopes, ytdSum } from './longForm.ts';
import { targetDecimals } from './rules.ts';
import { hiddenBelowRegion } from './suppression.ts';

export const FORECAST_COLUMNS = ['segment', 'gemeente_code', 'as_of', 'measure', 'observed_ytd', 'estimated_ytd', 'forecast', 'forecast_low', 'forecast_high', 'target', 'status'] as const;

export function forecastRows(ctx: EngineContext, year: number, unsuppressed: boolean): ForecastRow[] {
  const { ledger, region } = ctx;
  if (!ledger.years.includes(year) || ledger.lastMonth === null) throw new IndicatorQueryError(`geen gegevens voor ${year}`, 'unknown_period');
  const asOf = ledger.lastMonth;
  // Months 1 up to the peilmaand's month when it lies in the year, else the whole year.
  const k = Number(asOf.slice(0, 4)) === year ? Number(asOf.slice(5, 7)) : 12;
  const rows: ForecastRow[] = [];
  for (const segment of [...REPORTING_ROWS].sort()) {
    const rule = region.targets.rows[segment];
    if (!rule) continue;
    for (const scope of [...areaScopes(ledger)].sort()) {
      const hidden = (n: number | null) => !unsuppressed && rule.measure === 'instroom' && hiddenBelowRegion(n, region.privacyThreshold, scope, String(year));
      const observed = ytdSum(ctx, scope, segment, year, k, rule.measure);
      const t = targetToDate(ctx, scope, segment, year, k, observed, hidden)!;
      const suppressed = hidden(observed);
      rows.push({
        segment,
        gemeente_code: scope,
        as_of: asOf,
        measure: rule.measure,
        observed_ytd: suppressed ? null : observed,
        estimated_ytd: t.estimated_ytd,
        forecast: t.forecast,
        forecast_low: t.forecast_low,
        forecast_high: t.forecast_high,
        target: t.target_ytd,
        status: t.status_ytd,
        suppressed,
      });
    }
  }
  return rows;
}

/** Each figure as the command writes it: euros to cents, counts to one decimal; `<threshold` for a hidden count. */
function cellsOf(r: ForecastRow, threshold: number): Record<(typeof FORECAST_COLUMNS)[number], string> {
  const d = targetDecimals(r.measure);
  const n = (x: number | null) => (x === null ? '' : roundedText(x, d));
  const hidden = `<${threshold}`;
  return {
    segment: r.segment,
    gemeente_code: r.gemeente_code,
    as_of: r.as_of,
    measure: r.measure,
    observed_ytd: r.suppressed ? hidden : n(r.observed_ytd),
    estimated_ytd: r.suppressed ? hidden : n(r.estimated_ytd),
    forecast: n(r.forecast),
    forecast_low: n(r.forecast_low),
    forecast_high: n(r.forecast_high),
    target: n(r.target),
    status: r.status ?? '',
  };
}

export function forecastCsv(rows: ForecastRow[], threshold: number): string {
  const lines = [FORECAST_COLUMNS.join(',')];
  for (const r of rows) {
    const c = cellsOf(r, threshold);
    lines.push(FORECAST_COLUMNS.map((k) => c[k]).join(','));
  }
  return lines.join('\n') + '\n';
}

/** The same rows as JSON: numbers, `<5` for a hidden count, null when undefined. */
export function forecastJson(rows: ForecastRow[], threshold: number): string {
  const out = rows.map((r) => {
    const c = cellsOf(r, threshold);
    const num = (k: (typeof FORECAST_COLUMNS)[number]) => (c[k] === '' ? null : c[k].startsWith('<') ? c[k] : Number(c[k]));
    return JSON.stringify({
      segment: r.segment,
      gemeente_code: r.gemeente_code,
      as_of: r.as_of,
      measure: r.measure,
      observed_ytd: num('observed_ytd'),
      estimated_ytd: num('estimated_ytd'),
      forecast: num('forecast'),
      forecast_low: num('forecast_low'),
      forecast_high: num('forecast_high'),
      target: num('target'),
      status: r.status,
    });
  });
  return out.length ? `[\n${out.join(',\n')}\n]\n` : '[]\n';
}
