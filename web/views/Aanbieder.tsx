/**
 * For contract managers: providers sortable by cost, change and share; one provider's
 * clients, inflow and costs per row over time, and its trend beside the row's trend.
 */
import type { ReportingRow } from '../../contract/domain.ts';
import { DISJOINT_ROWS } from '../../contract/rows.ts';
import type { OverviewCard, ProviderValue, SeriesPoint } from '../../contract/indicators.ts';
import { estimateLayers } from '../charts/estimate.ts';
import { multiLineOption } from '../charts/options.ts';
import { Chart } from '../components/Chart.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Async, Empty } from '../components/States.tsx';
import { SteeringFigures } from '../components/SteeringFigures.tsx';
import { apiUrl } from '../lib/api.ts';
import { useAppInfo } from '../lib/context.ts';
import { formatToDate, monthsOfYear, toDateMonth } from '../lib/format.ts';
import { blankAfter } from '../lib/series.ts';
import { ROW_LABELS } from '../lib/labels.ts';
import { providerLines, type ProviderLine } from '../lib/providers.ts';
import { href, yearParam } from '../lib/route.ts';
import { useApi, useApiAll } from '../lib/useApi.ts';
import { setParams, useRoute } from '../lib/useRoute.ts';


function ProviderDetail({ agb, naam, segment, year }: { agb: string; naam: string; segment: ReportingRow; year: number }) {
  const from = `${year - 1}-01`;
  const to = `${year}-12`;
  const months = [...monthsOfYear(year - 1), ...monthsOfYear(year)];
  const perRow = useApiAll<SeriesPoint[]>(DISJOINT_ROWS.map((row) => apiUrl(`/providers/${agb}/series`, { segment: row, indicator: 'kosten', grain: 'month', from, to })));
  const people = useApiAll<SeriesPoint[]>(
    (['clients', 'instroom'] as const).map((indicator) => apiUrl(`/providers/${agb}/series`, { segment, indicator, grain: 'month', from, to })),
  );
  const trend = useApiAll<SeriesPoint[]>([
    apiUrl(`/providers/${agb}/series`, { segment, indicator: 'kosten', grain: 'month', from, to }),
    apiUrl('/series', { segment, scope: 'REGIO', indicator: 'kosten', grain: 'month', from, to }),
  ]);
  const { periods, region } = useAppInfo();
  const latest = periods.latest_month;
  const valuesOf = (points: SeriesPoint[]) => {
    // Months not complete yet are their estimate or a gap, never a line falling to zero (charts/estimate.ts).
    const shown = blankAfter(points, latest);
    const { drawn } = estimateLayers(shown);
    const byPeriod = new Map(shown.map((p, i) => [p.period, drawn[i]]));
    return months.map((m) => byPeriod.get(m) ?? null);
  };
  return (
    <section class="panel" aria-labelledby="aanbieder-kop">
      <h2 id="aanbieder-kop">{naam} <span class="muted">(AGB {agb})</span></h2>
      <div class="grid-2">
        <div>
          <h3>Kosten per segment</h3>
          <Async result={perRow}>
            {(series) => (
              <Chart
                option={multiLineOption(months, DISJOINT_ROWS.map((row, i) => ({ name: ROW_LABELS[row], values: valuesOf(series[i]) })).filter((l) => l.values.some((v) => v != null && v !== 0)), 'euro')}
                label={`Kosten per segment ${naam}`}
                height={280}
              />
            )}
          </Async>
        </div>
        <div>
          <h3>Cliënten en instroom {ROW_LABELS[segment]}</h3>
          <p class="muted">Maanden met minder dan {region.privacy_threshold} personen zijn afgeschermd en ontbreken in de lijn.</p>
          <Async result={people}>
            {([clients, instroom]) => (
              <Chart
                option={multiLineOption(months, [{ name: 'Cliënten', values: valuesOf(clients) }, { name: 'Instroom', values: valuesOf(instroom) }], 'count')}
                label={`Cliënten en instroom ${ROW_LABELS[segment]} ${naam}`}
                height={280}
              />
            )}
          </Async>
        </div>
      </div>
      <h3>Trend naast het segment</h3>
      <Async result={trend}>
        {([own, region]) => (
          <div class="grid-2">
            <Chart option={multiLineOption(months, [{ name: naam, values: valuesOf(own) }], 'euro')} label={`Kosten ${ROW_LABELS[segment]} ${naam} per maand`} height={220} />
            <Chart option={multiLineOption(months, [{ name: `Regio: ${ROW_LABELS[segment]}`, values: valuesOf(region), dashed: true }], 'euro')} label={`Kosten ${ROW_LABELS[segment]} hele regio per maand`} height={220} />
          </div>
        )}
      </Async>
      <h3>Kosten per cliënt, einde volgens plan en herinstroom {ROW_LABELS[segment]}</h3>
      <SteeringFigures
        segment={segment}
        year={year}
        sides={[
          { name: naam, urlOf: (indicator) => apiUrl(`/providers/${agb}/series`, { segment, indicator, grain: 'year', from: String(year - 1), to: String(year) }) },
          { name: region.name, urlOf: (indicator) => apiUrl('/series', { segment, scope: 'REGIO', indicator, grain: 'year', from: String(year - 1), to: String(year) }) },
        ]}
      />
    </section>
  );
}

export function AanbiederView() {
  const route = useRoute();
  const info = useAppInfo();
  const year = yearParam(route, info.defaultYear);
  const segment: ReportingRow = (DISJOINT_ROWS as readonly string[]).includes(route.params.segment ?? '') ? (route.params.segment as ReportingRow) : 'verblijf';
  // A year that is not over is compared to date: the same months of both years, and the region's kosten of those months.
  const month = toDateMonth(year, info.periods.latest_month);
  const before = month ? `${year - 1}${month.slice(4)}` : null;
  const lists = useApiAll<ProviderValue[]>([apiUrl('/providers', { year, grain: 'year', segment, month }), apiUrl('/providers', { year: year - 1, grain: 'year', segment, month: before })]);
  const region = useApi<OverviewCard[]>(apiUrl('/overview', { year, scope: 'REGIO', month }));
  const agb = route.params.agb ?? null;

  return (
    <>
      <PageHeader title={`Aanbieders ${month ? formatToDate(month) : year}`} intro="Kosten, cliënten en instroom per aanbieder over de hele regio, het vorige jaar over dezelfde maanden; aantallen onder 5 zijn afgeschermd.">
        <label>
          Segment
          <select value={segment} onChange={(e) => setParams(route, { segment: (e.target as HTMLSelectElement).value })}>
            {DISJOINT_ROWS.map((r) => (
              <option value={r}>{ROW_LABELS[r]}</option>
            ))}
          </select>
        </label>
      </PageHeader>
      <Async result={lists} isEmpty={([current]) => current.length === 0} empty={<Empty title="Geen aanbieders in deze periode" />}>
        {([current, previous]) => {
          const regionKosten = region.data?.find((c) => c.segment === segment)?.kosten_ytd ?? null;
          const lines = providerLines(current, previous, segment, regionKosten);
          const selected = agb ? lines.find((l) => l.agb === agb) : undefined;
          return (
            <>
              {selected && <ProviderDetail agb={selected.agb} naam={selected.naam} segment={segment} year={year} />}
              {agb && !selected && <Empty title={`Aanbieder ${agb} heeft geen ${ROW_LABELS[segment].toLowerCase()} in ${year}`} />}
              <section class="panel" aria-labelledby="lijst-kop">
                <h2 id="lijst-kop">Aanbieders {ROW_LABELS[segment].toLowerCase()}</h2>
                <DataTable<ProviderLine>
                  title={`Aanbieders ${ROW_LABELS[segment]} ${year}`}
                  rows={lines}
                  rowKey={(l) => l.agb}
                  defaultSort={{ key: 'kosten', dir: 'desc' }}
                  columns={[
                    { key: 'naam', label: 'Aanbieder', kind: 'text', value: (l) => l.naam, link: (l) => href('aanbieder', null, { ...route.params, agb: l.agb }) },
                    { key: 'agb', label: 'AGB', kind: 'text', value: (l) => l.agb },
                    { key: 'kosten', label: 'Kosten', kind: 'euro', value: (l) => l.kosten },
                    { key: 'change', label: before ? `Verandering t.o.v. ${formatToDate(before)}` : `Verandering t.o.v. ${year - 1}`, kind: 'change', value: (l) => l.change_pct },
                    { key: 'share', label: 'Aandeel regio', kind: 'percent', value: (l) => l.share_pct },
                    { key: 'clients', label: 'Cliënten', kind: 'count', value: (l) => l.clients, suppressed: (l) => l.clients_suppressed },
                    { key: 'instroom', label: 'Instroom', kind: 'count', value: (l) => l.instroom, suppressed: (l) => l.instroom_suppressed },
                    { key: 'voorlopig', label: 'Voorlopig', kind: 'text', value: (l) => (l.provisional ? 'ja' : 'nee') },
                  ]}
                />
              </section>
            </>
          );
        }}
      </Async>
    </>
  );
}
