/** One card per reporting row with a target: year to date against the in-year target, forecast, savings. */
import type { OverviewCard } from '../../contract/indicators.ts';
import { sparklineOption, formatValue } from '../charts/options.ts';
import { Chart } from '../components/Chart.tsx';
import { BudgetTable } from '../components/BudgetTable.tsx';
import { EstimateBasis, forecastInterval, ToDateFigure, toDateLabel } from '../components/EstimateFigures.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ScopeFilter } from '../components/ScopeFilter.tsx';
import { SavingsText } from '../components/SavingsText.tsx';
import { Async, Empty } from '../components/States.tsx';
import { Badge, StatusBadge } from '../components/StatusBadge.tsx';
import { apiUrl } from '../lib/api.ts';
import { gemeenteName, useAppInfo } from '../lib/context.ts';
import { formatMonth, formatPercent, monthsInWords } from '../lib/format.ts';
import { ROW_LABELS, targetRows } from '../lib/labels.ts';
import { unitOf } from '../lib/measure.ts';
import { href, yearParam } from '../lib/route.ts';
import { useApi } from '../lib/useApi.ts';
import { setParams, useRoute } from '../lib/useRoute.ts';

export function OverviewCards({ cards, year, scope }: { cards: OverviewCard[]; year: number; scope: string }) {
  const shown = targetRows(useAppInfo().region).map((row) => cards.find((c) => c.segment === row)).filter((c): c is OverviewCard => c != null);
  return (
    <ul class="cards" aria-label="Segmenten met een doel">
      {shown.map((card) => (
        <li key={card.segment}>
          <Card card={card} year={year} scope={scope} />
        </li>
      ))}
    </ul>
  );
}

function Card({ card, year, scope }: { card: OverviewCard; year: number; scope: string }) {
  const { region } = useAppInfo();
  const t = card.target;
  const unit = unitOf(t?.measure ?? 'kosten');
  const link = href('segment', card.segment, { jaar: year, gemeente: scope === 'REGIO' ? null : scope });
  const measureLabel = t?.measure === 'instroom' ? 'Instroom' : 'Kosten';
  return (
    <article class="card" data-segment={card.segment} aria-labelledby={`card-${card.segment}`}>
      <header class="card-head">
        <h2 id={`card-${card.segment}`}>
          <a href={link} class="card-link">
            {ROW_LABELS[card.segment]}
          </a>
        </h2>
        <StatusBadge status={t?.status_ytd ?? null} />
      </header>
      <EstimateBasis t={t} />
      <p class="card-period">t/m {formatMonth(card.month)}</p>
      <dl class="card-figures">
        <div>
          <dt>{toDateLabel(t, measureLabel)}</dt>
          <ToDateFigure t={t} fallback={unit === 'euro' ? card.kosten_ytd : card.instroom_ytd.value} unit={unit} main />
        </div>
        <div>
          <dt>Doel tot nu</dt>
          <dd data-field="target_ytd">{formatValue(t?.target_ytd, unit, true)}</dd>
        </div>
        <div>
          <dt>Prognose jaareinde</dt>
          <dd data-field="forecast">
            {formatValue(t?.forecast, unit, true)}
            {forecastInterval(t, unit) && <span class="figure-secondary" data-field="forecast_interval"> (80 %: {forecastInterval(t, unit)})</span>}
            {t?.target_year != null && <span class="muted"> (doel {formatValue(t.target_year, unit, true)})</span>}
          </dd>
        </div>
        {unit === 'euro' && (
          <div>
            <dt>Bespaard tot nu</dt>
            <dd data-field="savings">
              <SavingsText saved={t?.savings_ytd} planned={t?.planned_savings_ytd} />
            </dd>
          </div>
        )}
      </dl>
      <Chart option={sparklineOption(card.months.filter((m) => m.period <= card.month))} label={`Verloop ${measureLabel.toLowerCase()} ${ROW_LABELS[card.segment]} per maand`} height={56} exportable={false} />
      <div class="card-badges">
        {t?.forecast_status && <StatusBadge status={t.forecast_status} prefix="Prognose" />}
        {card.provisional && <Badge kind="warn" title={`Declaraties komen tot ${monthsInWords(region.provisional_lag_months)} later binnen; deze cijfers kunnen nog stijgen.`}>Voorlopig</Badge>}
        {card.coverage < 100 && (
          <Badge kind="warn" title="Niet alle gemeenten leverden elke maand toewijzingen.">{`Dekking ${formatPercent(card.coverage)}`}</Badge>
        )}
      </div>
    </article>
  );
}

/** Rows the region's plan gives no target (ambulante alternatieven, overig, …): shown apart, without a status. */
function RowsWithoutTarget({ cards, year, scope }: { cards: OverviewCard[]; year: number; scope: string }) {
  const withTarget = targetRows(useAppInfo().region);
  const rows = cards.filter((c) => !withTarget.includes(c.segment));
  if (rows.length === 0) return null;
  return (
    <section class="panel untargeted" aria-labelledby="zonder-doel-kop">
      <h2 id="zonder-doel-kop">Zonder doel</h2>
      <DataTable
        title={`Rijen zonder doel ${year}`}
        sortParam="zsort"
        rows={rows}
        rowKey={(c) => c.segment}
        columns={[
          { key: 'segment', label: 'Onderdeel', kind: 'text', value: (c) => ROW_LABELS[c.segment], link: (c) => href('segment', c.segment, { jaar: year, gemeente: scope === 'REGIO' ? null : scope }) },
          { key: 'clients', label: 'Cliënten tot nu', kind: 'count', value: (c) => c.clients_ytd.value, suppressed: (c) => c.clients_ytd.suppressed },
          { key: 'instroom', label: 'Instroom tot nu', kind: 'count', value: (c) => c.instroom_ytd.value, suppressed: (c) => c.instroom_ytd.suppressed },
          { key: 'kosten', label: 'Kosten tot nu', kind: 'euro', value: (c) => c.kosten_ytd },
          { key: 'voorlopig', label: 'Voorlopig', kind: 'text', value: (c) => (c.provisional ? 'ja' : 'nee') },
        ]}
      />
    </section>
  );
}

export function OverzichtView() {
  const route = useRoute();
  const info = useAppInfo();
  const year = yearParam(route, info.defaultYear);
  const scope = route.params.gemeente ?? 'REGIO';
  // Year to date up to a chosen month; only months of this year that can have data.
  const months = info.periods.months.filter((m) => m.startsWith(`${year}-`));
  const month = route.params.maand && months.includes(route.params.maand) ? route.params.maand : null;
  const cards = useApi<OverviewCard[]>(apiUrl('/overview', { year, scope, month }));
  return (
    <>
      <PageHeader
        title={`Overzicht ${year}`}
        intro={`${gemeenteName(info, scope)}: realisatie tot nu tegen het doel van het Sturingsplan (basisjaar ${info.periods.baseline_year}). Kies een segment voor het verloop.`}
      >
        <label>
          Tot en met
          <select value={month ?? ''} onChange={(e) => setParams(route, { maand: (e.target as HTMLSelectElement).value || null })}>
            <option value="">laatste maand</option>
            {months.map((m) => (
              <option value={m}>{formatMonth(m)}</option>
            ))}
          </select>
        </label>
        <ScopeFilter route={route} info={info} scope={scope} />
      </PageHeader>
      <Async
        result={cards}
        isEmpty={(c) => c.every((card) => card.kosten_ytd == null && card.clients_ytd.value == null && !card.clients_ytd.suppressed)}
        empty={<Empty title={`Nog geen cijfers voor ${gemeenteName(info, scope)} in ${year}`}>Er zijn voor deze keuze nog geen leveringen verwerkt; zie Datakwaliteit.</Empty>}
        loadingLabel="Overzicht laden…"
      >
        {(data) => (
          <>
            <OverviewCards cards={data} year={year} scope={scope} />
            <RowsWithoutTarget cards={data} year={year} scope={scope} />
            {/* A gemeente's own budget beside its cards; the region's sum lives in the report. */}
            {scope !== 'REGIO' && <BudgetTable year={year} scope={scope} />}
          </>
        )}
      </Async>
    </>
  );
}
