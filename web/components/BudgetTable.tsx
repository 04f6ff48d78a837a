/**
 * A gemeente's budget against its forecast (*budgetuitputting*, docs/budget.md): per reporting
 * row and in total the budget, the costs to date and the share used, the year-end forecast and
 * forecast minus budget. For the region: the sum over the gemeenten with a budget, and which
 * gemeenten it leaves out. The figures are the API's (`/api/budget`); nothing is computed here.
 */
import type { Budget, BudgetFigures } from '../../contract/budget.ts';
import type { ReportingRow } from '../../contract/domain.ts';
import { apiUrl } from '../lib/api.ts';
import { gemeenteName, useAppInfo } from '../lib/context.ts';
import { formatEuro, formatToDate } from '../lib/format.ts';
import { ROW_LABELS } from '../lib/labels.ts';
import type { Column } from '../lib/table.ts';
import { useApi } from '../lib/useApi.ts';
import { DataTable } from './DataTable.tsx';
import { Async, Empty } from './States.tsx';

interface Line extends BudgetFigures {
  key: string;
  label: string;
  total: boolean;
}

/** Above zero the forecast exceeds the budget: signed, so an overrun reads `+€ 12.000`. */
const overrun = (v: number | null) => (v == null ? '–' : v > 0 ? `+${formatEuro(v)}` : formatEuro(v));

function columns(month: string): Column<Line>[] {
  return [
    { key: 'rij', label: 'Rij', kind: 'text', value: (l) => l.label },
    { key: 'begroting', label: 'Begroting', kind: 'euro', value: (l) => l.budget, render: (l) => (l.budget == null ? 'niet begroot' : formatEuro(l.budget)) },
    { key: 'kosten', label: `Kosten ${formatToDate(month)}`, kind: 'euro', value: (l) => l.kosten_ytd },
    { key: 'gebruikt', label: 'Gebruikt tot nu', kind: 'percent', value: (l) => l.used_pct },
    { key: 'prognose', label: 'Prognose jaareinde', kind: 'euro', value: (l) => l.forecast },
    {
      key: 'verschil', label: 'Prognose − begroting', kind: 'euro', value: (l) => l.forecast_minus_budget, render: (l) => overrun(l.forecast_minus_budget),
      className: (l) => (l.forecast_minus_budget == null ? '' : l.forecast_minus_budget > 0 ? 'status-bad' : 'status-ok'),
    },
    { key: 'prognose_pct', label: 'Prognose van begroting', kind: 'percent', value: (l) => l.forecast_pct },
  ];
}

function lines(b: Budget): Line[] {
  const rows = b.rows.map((r): Line => ({ ...r, key: r.segment, label: ROW_LABELS[r.segment as ReportingRow], total: false }));
  return [...rows, { ...b.total, key: 'totaal', label: 'Totaal jeugdhulp', total: true }];
}

/** `scope`: a gemeente code or REGIO; `peilmaand`: the figures as known at that month (default the newest). */
export function BudgetTable({ year, scope, peilmaand = null }: { year: number; scope: string; peilmaand?: string | null }) {
  const info = useAppInfo();
  const budget = useApi<Budget>(apiUrl('/budget', { year, gemeente: scope, peilmaand }));
  const name = gemeenteName(info, scope);
  return (
    <section class="panel budget" aria-labelledby="begroting-kop" data-scope={scope}>
      <h2 id="begroting-kop">Begroting en prognose {year}</h2>
      <Async
        result={budget}
        isEmpty={(b) => b.total.budget == null && scope !== 'REGIO'}
        empty={
          <Empty title={`${name} heeft voor ${year} geen begroting geleverd`}>
            Een begroting per rij en jaar wordt geleverd als bestand van de soort begroting (zie Datakwaliteit).
          </Empty>
        }
      >
        {(b) => (
          <>
            <p class="muted">
              Kosten {formatToDate(b.month)} tegen de begroting; de prognose voor het jaareinde is die van het overzicht
              {b.estimate_based ? ', met een schatting van nog niet complete maanden' : ''}.
              {b.provisional ? ' Kosten van recente maanden zijn voorlopig: declaraties komen later binnen.' : ''}
            </p>
            {scope === 'REGIO' && b.missing_count > 0 && (
              <p class="budget-missing" role="note">
                Som van de gemeenten met een begroting; zonder begroting voor {year}:{' '}
                {b.missing_gemeenten.length ? b.missing_gemeenten.map((g) => gemeenteName(info, g)).join(', ') : `${b.missing_count} gemeenten`}
                {b.missing_gemeenten.length > 0 && b.missing_gemeenten.length < b.missing_count ? ` en ${b.missing_count - b.missing_gemeenten.length} andere` : ''}.
              </p>
            )}
            {b.rows.some((r) => r.budget == null) && <p class="muted">Een rij zonder begroting telt in het totaal mee met haar kosten.</p>}
            <DataTable title={`Begroting ${name} ${year}`} sortParam="bsort" columns={columns(b.month)} rows={lines(b)} rowKey={(l) => l.key} highlight={(l) => l.total} />
          </>
        )}
      </Async>
    </section>
  );
}
