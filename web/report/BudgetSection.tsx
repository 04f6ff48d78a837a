/**
 * The report's budget section (Do chapter): the scope's budget per reporting row and in total
 * against the costs to date and the year-end forecast (*budgetuitputting*); for the region
 * also each gemeente's total, and which gemeenten delivered no budget. Figures from the payload.
 */
import type { BudgetFigures } from '../../contract/budget.ts';
import type { ReportPayload } from '../../contract/report.ts';
import { formatEuro, formatMonth, formatPercent } from '../lib/format.ts';
import { ROW_LABELS } from '../lib/labels.ts';

const overrun = (v: number | null) => (v == null ? '–' : v > 0 ? `+${formatEuro(v)}` : formatEuro(v));

function Cells({ f }: { f: BudgetFigures }) {
  return (
    <>
      <td class="num">{f.budget == null ? 'niet begroot' : formatEuro(f.budget)}</td>
      <td class="num">{formatEuro(f.kosten_ytd)}</td>
      <td class="num">{formatPercent(f.used_pct)}</td>
      <td class="num">{formatEuro(f.forecast)}</td>
      <td class="num" data-col="verschil">
        {overrun(f.forecast_minus_budget)}
      </td>
    </>
  );
}

function Head({ first, month }: { first: string; month: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" class="num">Begroting</th>
        <th scope="col" class="num">Kosten t/m {formatMonth(month)}</th>
        <th scope="col" class="num">Gebruikt</th>
        <th scope="col" class="num">Prognose jaareinde</th>
        <th scope="col" class="num">Prognose − begroting</th>
      </tr>
    </thead>
  );
}

export function BudgetSection({ r }: { r: ReportPayload }) {
  const b = r.budget;
  const name = (code: string) => r.gemeenten.find((g) => g.code === code)?.name ?? code;
  const region = b.gemeente_code === 'REGIO';
  return (
    <div class="report-budget" data-budget={b.gemeente_code}>
      <h3>Begroting en prognose {r.year}</h3>
      {b.total.budget == null ? (
        <p>{region ? `Geen gemeente leverde een begroting voor ${r.year}.` : `${r.scope_name} leverde geen begroting voor ${r.year}.`}</p>
      ) : (
        <>
          <p>
            {region ? 'De som van de gemeenten die een begroting leverden' : `De begroting van ${r.scope_name}`} naast de kosten tot en met {formatMonth(b.month)} en
            de prognose voor het jaareinde
            {b.total.forecast_minus_budget != null
              ? b.total.forecast_minus_budget > 0
                ? `: naar verwachting ${formatEuro(b.total.forecast_minus_budget)} boven de begroting (${formatPercent(b.total.forecast_pct)}).`
                : `: naar verwachting binnen de begroting (${formatPercent(b.total.forecast_pct)}).`
              : '.'}
            {b.provisional ? ' Kosten van recente maanden zijn voorlopig.' : ''}
          </p>
          <table class="report-table compact">
            <caption>Begroting per rij, {r.scope_name}</caption>
            <Head first="Rij" month={b.month} />
            <tbody>
              {b.rows.map((row) => (
                <tr>
                  <th scope="row">{ROW_LABELS[row.segment]}</th>
                  <Cells f={row} />
                </tr>
              ))}
              <tr class="row-total">
                <th scope="row">Totaal jeugdhulp</th>
                <Cells f={b.total} />
              </tr>
            </tbody>
          </table>
          {region && b.gemeenten.length > 0 && (
            <table class="report-table compact">
              <caption>Begroting per gemeente</caption>
              <Head first="Gemeente" month={b.month} />
              <tbody>
                {b.gemeenten.map((g) => (
                  <tr>
                    <th scope="row">{name(g.gemeente_code)}</th>
                    <Cells f={g} />
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {region && b.missing_count > 0 && (
        <p class="report-note" data-budget-missing>
          Zonder begroting voor {r.year} (niet in de som):{' '}
          {b.missing_gemeenten.length ? b.missing_gemeenten.map(name).join(', ') : `${b.missing_count} gemeenten`}
          {b.missing_gemeenten.length > 0 && b.missing_gemeenten.length < b.missing_count ? ` en ${b.missing_count - b.missing_gemeenten.length} andere` : ''}.
        </p>
      )}
    </div>
  );
}
