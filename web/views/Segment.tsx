/**
 * One reporting row: the monthly series against the target path, year on year, forecast,
 * duiding beside it; the gemeenten as small multiples on one scale and as a sortable table;
 * subsegments, referrer mix, crisis start share and trajectory length.
 */
import type { Duiding } from '../../contract/api.ts';
import type { IndicatorId, ReportingRow } from '../../contract/domain.ts';
import { JUSTICE_ROWS, ROW_ORDER } from '../../contract/rows.ts';
import type { GemeenteComparisonRow, OverviewCard, ReferrerRow, SeriesPoint, SubsegmentRow } from '../../contract/indicators.ts';
import { duidingMarkers, multiLineOption, referrerOption, seriesOption, sharedMax, smallMultipleOption, subsegmentOption, formatValue } from '../charts/options.ts';
import { Chart } from '../components/Chart.tsx';
import { ChartFigures } from '../components/ChartFigures.tsx';
import { EstimateBasis, forecastInterval, ToDateFigure, toDateLabel } from '../components/EstimateFigures.tsx';
import { estimateLayers, estimateNote } from '../charts/estimate.ts';
import { DataTable } from '../components/DataTable.tsx';
import { Decomposition } from '../components/Decomposition.tsx';
import { DuidingPanel } from '../components/DuidingPanel.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { NationalReference, NederlandFootnote, useReference, withNederland } from '../components/ReferenceNote.tsx';
import { ScopeFilter } from '../components/ScopeFilter.tsx';
import { SignalList } from '../components/Signals.tsx';
import { SteeringFigures } from '../components/SteeringFigures.tsx';
import { SavingsText } from '../components/SavingsText.tsx';
import { Async, Empty } from '../components/States.tsx';
import { Badge, StatusBadge } from '../components/StatusBadge.tsx';
import { apiUrl } from '../lib/api.ts';
import { gemeenteName, useAppInfo, type AppInfo } from '../lib/context.ts';
import { formatMonth, formatPercent, formatToDate, monthsOfYear } from '../lib/format.ts';
import { INDICATOR_LABELS, ROW_LABELS, STATUS } from '../lib/labels.ts';
import { figureText, targetMeasureOf, unitOf } from '../lib/measure.ts';
import { href, yearParam } from '../lib/route.ts';
import type { Column } from '../lib/table.ts';
import { blankAfter, splitYears } from '../lib/series.ts';
import { useApi, useApiAll } from '../lib/useApi.ts';
import { setParams, useRoute } from '../lib/useRoute.ts';

const CHART_INDICATORS: IndicatorId[] = ['kosten', 'clients', 'instroom', 'uitstroom', 'per_1000'];

function isRow(id: string | null): id is ReportingRow {
  return id != null && (ROW_ORDER as readonly string[]).includes(id);
}

export function seriesUrl(segment: ReportingRow, scope: string, indicator: IndicatorId, from: string, to: string, grain: 'month' | 'year' = 'month', peilmaand?: string | null) {
  return apiUrl('/series', { segment, scope, indicator, grain, from, to, peilmaand });
}

/** `peilmaand`: the figures as known at the end of that month (a duidingssessie's); default the newest data. */
export function SegmentSeries({
  segment, scope, indicator, year, duiding, height = 340, info, large = false, peilmaand,
}: { segment: ReportingRow; scope: string; indicator: IndicatorId; year: number; duiding: Duiding[]; height?: number; info: AppInfo; large?: boolean; peilmaand?: string | null }) {
  const series = useApi<SeriesPoint[]>(seriesUrl(segment, scope, indicator, `${year - 1}-01`, `${year}-12`, 'month', peilmaand));
  const unit = unitOf(indicator);
  const title = `${INDICATOR_LABELS[indicator]} ${ROW_LABELS[segment]}, ${gemeenteName(info, scope)}, ${year}`;
  return (
    <Async result={series} isEmpty={(s) => s.every((p) => p.value == null && !p.suppressed)} empty={<Empty title="Geen cijfers voor deze keuze">Er zijn voor deze periode nog geen leveringen verwerkt.</Empty>}>
      {(points) => {
        // At an earlier peilmaand nothing after it was known yet.
        const latest = peilmaand && (!info.periods.latest_month || peilmaand < info.periods.latest_month) ? peilmaand : info.periods.latest_month;
        const { current, previous } = splitYears(points, year, latest);
        const layers = estimateLayers(current);
        // Months with figures, drawn or (not complete, without an estimate) left open.
        const shown = current.filter((_, i) => layers.drawn[i] != null || layers.immature[i]);
        // A duiding about the whole year sits on the newest month known, not on December.
        const markers = duidingMarkers(duiding, shown.map((p) => p.period));
        const lastIndex = layers.drawn.findLastIndex((v) => v != null);
        const last = current[lastIndex];
        const description = [
          last ? `Laatste maand ${formatMonth(last.period)}: ${formatValue(layers.drawn[lastIndex], unit)}${layers.immature[lastIndex] ? ' (geschat)' : ''}` : '',
          markers.length ? `${markers.length === 1 ? '1 duiding' : `${markers.length} duidingen`} gemarkeerd` : '',
        ].filter(Boolean).join('. ');
        const note = estimateNote(current, indicator);
        return (
          <>
            <Chart option={seriesOption({ points: current, previous, unit, markers, large })} label={title} height={height} description={description || undefined} />
            {note && <p class="estimate-note">{note}</p>}
            <ChartFigures points={current} layers={layers} unit={unit} label={title} />
          </>
        );
      }}
    </Async>
  );
}

function ForecastBlock({ card }: { card: OverviewCard | undefined }) {
  const t = card?.target;
  if (!card || !t) return <p class="muted">Dit segment heeft geen doel in het Sturingsplan.</p>;
  const unit = unitOf(t.measure);
  return (
    <dl class="kpis">
      <div>
        <dt>Status t/m {formatMonth(card.month)}</dt>
        <dd>
          <StatusBadge status={t.status_ytd} /> <EstimateBasis t={t} />
        </dd>
      </div>
      <div>
        <dt>{toDateLabel(t, 'Realisatie')}</dt>
        <ToDateFigure t={t} fallback={null} unit={unit} />
      </div>
      <div>
        <dt>Doel tot nu</dt>
        <dd data-field="target_ytd">{formatValue(t.target_ytd, unit, true)}</dd>
      </div>
      <div>
        <dt>Prognose jaareinde</dt>
        <dd data-field="forecast">
          {formatValue(t.forecast, unit, true)}
          {forecastInterval(t, unit) && <span class="figure-secondary" data-field="forecast_interval"> (80 %: {forecastInterval(t, unit)})</span>} <StatusBadge status={t.forecast_status} />
        </dd>
      </div>
      <div>
        <dt>Jaardoel</dt>
        <dd>{formatValue(t.target_year, unit, true)}</dd>
      </div>
      {t.measure === 'kosten' && (
        <div>
          <dt>Besparing jaareinde (prognose)</dt>
          <dd data-field="savings">
            <SavingsText saved={t.savings_forecast} planned={t.planned_savings} />
          </dd>
        </div>
      )}
      {(card.provisional || card.coverage < 100) && (
        <div>
          <dt>Volledigheid</dt>
          <dd class="kpi-badges">
            {card.provisional && <Badge kind="warn">Voorlopig</Badge>}
            {card.coverage < 100 && <Badge kind="warn">{`Dekking ${formatPercent(card.coverage)}`}</Badge>}
          </dd>
        </div>
      )}
    </dl>
  );
}

/**
 * The gemeenten over the card's months: to date in a year that is not over (the target is
 * the target of those months), the year itself once December is in.
 */
function comparisonColumns(info: AppInfo, segment: ReportingRow, year: number, month: string): Column<GemeenteComparisonRow>[] {
  const measure = targetMeasureOf(info.region, segment);
  const toDate = !month.endsWith('-12');
  return [
    { key: 'naam', label: 'Gemeente', kind: 'text', value: (r) => r.naam, link: (r) => (r.gemeente_code === 'REGIO' || r.gemeente_code === 'NL' ? href('segment', segment, { jaar: year }) : href('gemeente', r.gemeente_code, { jaar: year })) },
    { key: 'clients', label: 'Cliënten', kind: 'count', value: (r) => r.clients.value, suppressed: (r) => r.clients.suppressed },
    { key: 'per_1000', label: 'Per 1.000 jeugdigen', kind: 'number', decimals: 1, value: (r) => r.per_1000.value, suppressed: (r) => r.per_1000.suppressed },
    { key: 'change', label: toDate ? `Verandering cliënten t.o.v. dezelfde maanden ${year - 1}` : `Verandering cliënten t.o.v. ${year - 1}`, kind: 'change', value: (r) => r.clients_change_pct },
    {
      key: 'measure', label: measure === 'kosten' ? 'Kosten' : 'Instroom', kind: measure === 'kosten' ? 'euro' : 'count',
      value: (r) => r.measure_value.value, suppressed: (r) => r.measure_value.suppressed,
    },
    { key: 'target', label: toDate ? 'Doel tot nu' : 'Jaardoel', kind: measure === 'kosten' ? 'euro' : 'count', value: (r) => r.target },
    {
      key: 'status', label: 'Status', kind: 'text',
      value: (r) => (r.status ? STATUS[r.status].label : null),
      render: (r) => (r.status ? `${STATUS[r.status].icon} ${STATUS[r.status].label}` : '–'),
      className: (r) => (r.status ? STATUS[r.status].className : ''),
    },
    { key: 'voorlopig', label: 'Voorlopig', kind: 'text', value: (r) => (r.provisional ? 'ja' : 'nee') },
  ];
}

function SmallMultiples({ segment, indicator, year, rows, info }: { segment: ReportingRow; indicator: IndicatorId; year: number; rows: GemeenteComparisonRow[]; info: AppInfo }) {
  const gemeenten = rows.filter((r) => r.gemeente_code !== 'REGIO');
  const all = useApiAll<SeriesPoint[]>(gemeenten.map((g) => seriesUrl(segment, g.gemeente_code, indicator, `${year}-01`, `${year}-12`)));
  const unit = unitOf(indicator);
  return (
    <Async result={all} isEmpty={(d) => d.length === 0}>
      {(series) => {
        const shown = series.map((points) => blankAfter(points, info.periods.latest_month));
        const max = sharedMax(shown);
        return (
          <ul class="multiples" aria-label={`${INDICATOR_LABELS[indicator]} per gemeente, op één schaal`}>
            {gemeenten.map((g, i) => (
              <li key={g.gemeente_code}>
                <Chart option={smallMultipleOption(g.naam || gemeenteName(info, g.gemeente_code), shown[i], max, unit)} label={`${INDICATOR_LABELS[indicator]} ${g.naam} per maand`} height={150} exportable={false} />
              </li>
            ))}
          </ul>
        );
      }}
    </Async>
  );
}

function YearFigures({ segment, scope, year, info }: { segment: ReportingRow; scope: string; year: number; info: AppInfo }) {
  const threshold = info.region.privacy_threshold;
  const indicators: IndicatorId[] = ['crisis_start_pct', 'trajectduur_mean', 'trajectduur_median', ...(segment === 'wonen_verblijf' ? (['gezinsgericht_pct'] as IndicatorId[]) : [])];
  const all = useApiAll<SeriesPoint[]>(indicators.map((ind) => seriesUrl(segment, scope, ind, String(year - 2), String(year), 'year')));
  return (
    <Async result={all}>
      {(series) => (
        <dl class="kpis">
          {indicators.map((ind, i) => {
            const point = series[i].find((p) => p.period === String(year));
            const before = series[i].find((p) => p.period === String(year - 1));
            return (
              <div data-indicator={ind}>
                <dt>{INDICATOR_LABELS[ind]}</dt>
                <dd>
                  {figureText(point, ind, threshold)}
                  <span class="muted"> ({year - 1}: {figureText(before, ind, threshold)})</span>
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </Async>
  );
}

function AlternativesBeside({ scope, year, info }: { scope: string; year: number; info: AppInfo }) {
  const both = useApiAll<SeriesPoint[]>([
    seriesUrl('ambulant', scope, 'clients', `${year}-01`, `${year}-12`),
    seriesUrl('ambulant_alternatief', scope, 'clients', `${year}-01`, `${year}-12`),
  ]);
  return (
    <Async result={both}>
      {([amb, alt]) => (
        <Chart
          option={multiLineOption(monthsOfYear(year), [
            { name: 'Ambulant (zonder alternatieven)', values: monthsOfYear(year).map((m) => amb.find((p) => p.period === m)?.value ?? null) },
            { name: 'Ambulante alternatieven', values: monthsOfYear(year).map((m) => alt.find((p) => p.period === m)?.value ?? null) },
          ], 'count')}
          label={`Cliënten ambulant en ambulante alternatieven, ${gemeenteName(info, scope)}, ${year}`}
          height={260}
        />
      )}
    </Async>
  );
}

export function SegmentView() {
  const route = useRoute();
  const info = useAppInfo();
  const year = yearParam(route, info.defaultYear);
  const segment: ReportingRow = isRow(route.id) ? route.id : 'verblijf';
  const scope = route.params.gemeente ?? 'REGIO';
  const measure = targetMeasureOf(info.region, segment);
  const indicator = (CHART_INDICATORS as string[]).includes(route.params.indicator ?? '') ? (route.params.indicator as IndicatorId) : measure;
  const overview = useApi<OverviewCard[]>(apiUrl('/overview', { year, scope }));
  // The table counts the card's months, so its region row and the card show one figure and one status.
  const month = overview.data?.find((c) => c.segment === segment)?.month ?? null;
  const comparison = useApi<GemeenteComparisonRow[]>(month || overview.error ? apiUrl('/comparison', { segment, year, month }) : null);
  const subsegments = useApi<SubsegmentRow[]>(apiUrl('/subsegments', { segment, scope, year, grain: 'year' }));
  const referrers = useApi<ReferrerRow[]>(apiUrl('/referrers', { segment, scope, year, grain: 'year' }));
  const duiding = useApi<Duiding[]>(apiUrl('/duiding', { segment, gemeente_code: scope, year }));
  const reference = useReference(year);

  return (
    <>
      <PageHeader title={`${ROW_LABELS[segment]} ${year}`} intro={`${gemeenteName(info, scope)}. Maandverloop tegen het doelpad, met de band 'aandacht' erboven; open punten zijn voorlopig.`}>
        <label>
          Segment
          <select value={segment} onChange={(e) => (location.hash = href('segment', (e.target as HTMLSelectElement).value, { ...route.params }))}>
            {ROW_ORDER.map((r) => (
              <option value={r}>{ROW_LABELS[r]}</option>
            ))}
          </select>
        </label>
        <ScopeFilter route={route} info={info} scope={scope} />
        <label>
          Indicator
          <select value={indicator} onChange={(e) => setParams(route, { indicator: (e.target as HTMLSelectElement).value === measure ? null : (e.target as HTMLSelectElement).value })}>
            {CHART_INDICATORS.map((i) => (
              <option value={i}>{INDICATOR_LABELS[i]}</option>
            ))}
          </select>
        </label>
      </PageHeader>

      <div class="with-aside">
        <section aria-labelledby="verloop-kop" class="panel">
          <h2 id="verloop-kop">Verloop per maand</h2>
          <SegmentSeries segment={segment} scope={scope} indicator={indicator} year={year} duiding={duiding.data ?? []} info={info} />
          <Async result={overview}>{(cards) => <ForecastBlock card={cards.find((c) => c.segment === segment)} />}</Async>
        </section>
        <aside>
          <DuidingPanel list={duiding} segment={segment} scope={scope} year={year} indicator={route.params.indicator ? indicator : null} />
        </aside>
      </div>

      <section class="panel" aria-labelledby="splitsing-kop">
        <h2 id="splitsing-kop">Waarom veranderden de kosten?</h2>
        <Decomposition segment={segment} scope={scope} year={year} month={month} />
        <h3>Signalen</h3>
        <SignalList segment={segment} scope={scope} year={year} />
      </section>
      {JUSTICE_ROWS.includes(segment) && (
        <p class="muted" data-justice-note>
          {ROW_LABELS[segment]} is een maatregel van een gecertificeerde instelling, geen jeugdhulp: de regio toont het naast de jeugdhulp, zonder doel. Veel van deze jeugdigen hebben ook jeugdhulp en tellen dan ook in die segmenten.
        </p>
      )}

      {segment === 'ambulant' && (
        <section class="panel" aria-labelledby="alt-kop">
          <h2 id="alt-kop">Ambulante alternatieven naast ambulant</h2>
          <p class="muted">Ambulante alternatieven (in plaats van verblijf) tellen niet mee in het doel voor ambulant en horen te groeien.</p>
          <AlternativesBeside scope={scope} year={year} info={info} />
        </section>
      )}

      <section class="panel" aria-labelledby="gemeenten-kop">
        <h2 id="gemeenten-kop">Per gemeente, {formatToDate(month ?? `${year}-12`)}</h2>
        <Async result={comparison} isEmpty={(rows) => rows.length === 0}>
          {(rows) => (
            <>
              <SmallMultiples segment={segment} indicator={indicator} year={year} rows={rows} info={info} />
              <DataTable
                title={`${ROW_LABELS[segment]} per gemeente ${year}`}
                columns={comparisonColumns(info, segment, year, month ?? `${year}-12`)}
                rows={withNederland(rows, reference, segment)}
                rowKey={(r) => r.gemeente_code}
                defaultSort={{ key: 'per_1000', dir: 'desc' }}
                highlight={(r) => r.gemeente_code === 'REGIO' || r.gemeente_code === 'NL'}
              />
              <NederlandFootnote figures={reference} segments={[segment]} />
            </>
          )}
        </Async>
      </section>

      <section class="panel" aria-labelledby="sturing-kop">
        <h2 id="sturing-kop">Kosten per cliënt, einde volgens plan en herinstroom</h2>
        <SteeringFigures
          segment={segment}
          year={year}
          reference={reference}
          sides={[
            { name: gemeenteName(info, scope), urlOf: (ind) => seriesUrl(segment, scope, ind, String(year - 1), String(year), 'year') },
            ...(scope === 'REGIO' ? [] : [{ name: info.region.name, urlOf: (ind: IndicatorId) => seriesUrl(segment, 'REGIO', ind, String(year - 1), String(year), 'year') }]),
          ]}
        />
      </section>

      <div class="grid-2">
        <section class="panel" aria-labelledby="sub-kop">
          <h2 id="sub-kop">Subsegmenten</h2>
          <Async result={subsegments} isEmpty={(r) => r.length === 0}>
            {(rows) => (
              <>
                <Chart option={subsegmentOption(rows)} label={`Kosten per subsegment ${ROW_LABELS[segment]} ${year}`} height={Math.max(160, rows.length * 36)} />
                <DataTable
                  title={`Subsegmenten ${ROW_LABELS[segment]} ${year}`}
                  sortParam="subsort"
                  rowKey={(r) => r.subsegment}
                  rows={rows}
                  defaultSort={{ key: 'kosten', dir: 'desc' }}
                  columns={[
                    { key: 'subsegment', label: 'Subsegment', kind: 'text', value: (r) => r.subsegment.replace(/_/g, ' ') },
                    { key: 'clients', label: 'Cliënten', kind: 'count', value: (r) => r.clients.value, suppressed: (r) => r.clients.suppressed },
                    { key: 'kosten', label: 'Kosten', kind: 'euro', value: (r) => r.kosten },
                  ]}
                />
              </>
            )}
          </Async>
        </section>
        <section class="panel" aria-labelledby="verwijzer-kop">
          <h2 id="verwijzer-kop">Verwijzers van de instroom</h2>
          <Async result={referrers} isEmpty={(r) => r.length === 0}>
            {(rows) => <Chart option={referrerOption(rows, info.region.privacy_threshold)} label={`Instroom ${ROW_LABELS[segment]} naar verwijzer ${year}`} height={220} />}
          </Async>
          <h2>Start na crisis en trajectduur</h2>
          <YearFigures segment={segment} scope={scope} year={year} info={info} />
          <NationalReference segment={segment} year={year} />
        </section>
      </div>
    </>
  );
}

