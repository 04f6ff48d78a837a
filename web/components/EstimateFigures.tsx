/**
 * The in-year figures of a card where some months are not yet mature: the estimate to date is
 * the figure (it is what the status and forecast rest on), the observed sum to date stands
 * beside it as a secondary figure, and the forecast carries its 80 % interval. Without an
 * estimate (every month mature, or the engine has none) the observed figure is the figure, as
 * always. One component for the overview cards and the Segment view, so both read the same.
 */
import type { CardTarget } from '../../contract/indicators.ts';
import { formatValue, type Unit } from '../charts/options.ts';

/** Whether this card's to-date figures rest on an estimate (then its status says so). */
export function estimated(t: CardTarget | null | undefined): t is CardTarget & { estimated_ytd: number } {
  return !!t && t.estimate_based && t.estimated_ytd != null;
}

function interval(low: number | null, high: number | null, unit: Unit): string {
  return low != null && high != null ? `${formatValue(low, unit, true)} – ${formatValue(high, unit, true)}` : '';
}

/** The figure to date: the estimate with its interval and the observed sum beneath, or the observed sum. */
export function ToDateFigure({ t, fallback, unit, main = false }: { t: CardTarget | null | undefined; fallback: number | null; unit: Unit; main?: boolean }) {
  if (!estimated(t)) return <dd class={main ? 'figure-main' : undefined} data-field="value_ytd">{formatValue(t?.value_ytd ?? fallback, unit, true)}</dd>;
  const band = interval(t.estimated_ytd_low, t.estimated_ytd_high, unit);
  return (
    <dd>
      <span class={main ? 'figure-main' : undefined} data-field="estimated_ytd">{formatValue(t.estimated_ytd, unit, true)}</span>
      {band && <span class="figure-secondary" data-field="estimated_ytd_interval"> (80 %: {band})</span>}
      <span class="figure-secondary figure-observed">
        {' '}waargenomen <span data-field="value_ytd">{formatValue(t.value_ytd, unit, true)}</span>
      </span>
    </dd>
  );
}

/** What the to-date figure is called: the estimate where months are not mature yet. */
export function toDateLabel(t: CardTarget | null | undefined, measureLabel: string): string {
  return estimated(t) ? `${measureLabel} tot nu (geschat)` : `${measureLabel} tot nu`;
}

/** The year-end forecast with its 80 % interval where the engine gives one. */
export function forecastInterval(t: CardTarget | null | undefined, unit: Unit): string {
  return t ? interval(t.forecast_low, t.forecast_high, unit) : '';
}

/** The status's footnote: said once, beside the status, whenever it rests on an estimate. */
export function EstimateBasis({ t }: { t: CardTarget | null | undefined }) {
  return estimated(t) ? <span class="estimate-basis" data-field="estimate_based">op basis van schatting</span> : null;
}
