/** One gemeente beside the region: every row, its budget against the forecast, its deliveries and its duiding. */
import type { DeliveryRecord } from '../../contract/deliveries.ts';
import type { Duiding } from '../../contract/api.ts';
import { ROW_ORDER } from '../../contract/rows.ts';
import type { Cell, CompletenessCell, GemeenteComparisonRow, OverviewCard } from '../../contract/indicators.ts';
import { formatValue } from '../charts/options.ts';
import { BudgetTable } from '../components/BudgetTable.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { DuidingList } from '../components/DuidingPanel.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { NederlandFootnote, nederlandColumn, useReference } from '../components/ReferenceNote.tsx';
import { Async, Empty } from '../components/States.tsx';
import { SteeringTable } from '../components/SteeringFigures.tsx';
import { apiUrl } from '../lib/api.ts';
import { gemeenteName, useAppInfo } from '../lib/context.ts';
import { formatMonth, formatTimestamp, formatToDate } from '../lib/format.ts';
import { ROW_LABELS, STATUS } from '../lib/labels.ts';
import { unitOf } from '../lib/measure.ts';
import { href, yearParam } from '../lib/route.ts';
import { completenessRange } from '../lib/series.ts';
import type { Column } from '../lib/table.ts';
import { useApi, useApiAll, type Loaded } from '../lib/useApi.ts';
import { useRoute } from '../lib/useRoute.ts';
import { CompletenessGrid } from './Datakwaliteit.tsx';

interface Side {
  segment: OverviewCard['segment'];
  gemeente: OverviewCard;
  regio: OverviewCard | undefined;
  /** Clients per 1,000 youths this year: the figure that compares a gemeente with the region. */
  per1000: Cell | undefined;
  per1000Regio: Cell | undefined;
}

function statusText(card: OverviewCard | undefined): string | null {
  const s = card?.target?.status_ytd;
  return s ? STATUS[s].label : null;
}

/** The observed figure beneath its estimate: on screen in the same cell, in the exports a column of its own. */
const observed = (column: Column<Side>) => ({ column, label: 'waargenomen' });

function columns(year: number, code: string): Column<Side>[] {
  return [
    { key: 'segment', label: 'Segment', kind: 'text', value: (r) => ROW_LABELS[r.segment], link: (r) => href('segment', r.segment, { jaar: year, gemeente: code }) },
    { key: 'clients', label: 'Cliënten (gemeente)', kind: 'count', value: (r) => r.gemeente.clients_ytd.value, suppressed: (r) => r.gemeente.clients_ytd.suppressed },
    { key: 'clients_regio', label: 'Cliënten (regio)', kind: 'count', value: (r) => r.regio?.clients_ytd.value ?? null },
    { key: 'per_1000', label: 'Per 1.000 jeugdigen (gemeente)', kind: 'number', decimals: 1, value: (r) => r.per1000?.value ?? null, suppressed: (r) => r.per1000?.suppressed ?? false },
    { key: 'per_1000_regio', label: 'Per 1.000 jeugdigen (regio)', kind: 'number', decimals: 1, value: (r) => r.per1000Regio?.value ?? null },
    // The estimate to date is the figure, as the status beside it rests on it; the observed figure stays beneath it.
    {
      key: 'instroom_geschat', label: 'Instroom geschat (gemeente)', kind: 'count', value: (r) => r.gemeente.instroom_estimated_ytd, suppressed: (r) => r.gemeente.instroom_ytd.suppressed,
      beneath: observed({ key: 'instroom', label: 'Instroom waargenomen (gemeente)', kind: 'count', value: (r) => r.gemeente.instroom_ytd.value, suppressed: (r) => r.gemeente.instroom_ytd.suppressed }),
    },
    {
      key: 'kosten_geschat', label: 'Kosten geschat (gemeente)', kind: 'euro', value: (r) => r.gemeente.kosten_estimated_ytd,
      beneath: observed({ key: 'kosten', label: 'Kosten waargenomen (gemeente)', kind: 'euro', value: (r) => r.gemeente.kosten_ytd }),
    },
    {
      key: 'kosten_regio_geschat', label: 'Kosten geschat (regio)', kind: 'euro', value: (r) => r.regio?.kosten_estimated_ytd ?? null,
      beneath: observed({ key: 'kosten_regio', label: 'Kosten waargenomen (regio)', kind: 'euro', value: (r) => r.regio?.kosten_ytd ?? null }),
    },
    {
      key: 'doel', label: 'Doel tot nu (gemeente)', kind: 'number', decimals: 0,
      // Euros or a number of trajectories, depending on the row: the raw number goes to the export.
      value: (r) => r.gemeente.target?.target_ytd ?? null,
      render: (r) => (r.gemeente.target ? formatValue(r.gemeente.target.target_ytd, unitOf(r.gemeente.target.measure)) : '–'),
    },
    {
      key: 'status', label: 'Status gemeente', kind: 'text', value: (r) => statusText(r.gemeente),
      render: (r) => (r.gemeente.target?.status_ytd ? `${STATUS[r.gemeente.target.status_ytd].icon} ${STATUS[r.gemeente.target.status_ytd].label}` : '–'),
      className: (r) => (r.gemeente.target?.status_ytd ? STATUS[r.gemeente.target.status_ytd].className : ''),
    },
    {
      key: 'status_regio', label: 'Status regio', kind: 'text', value: (r) => statusText(r.regio),
      render: (r) => (r.regio?.target?.status_ytd ? `${STATUS[r.regio.target.status_ytd].icon} ${STATUS[r.regio.target.status_ytd].label}` : '–'),
      className: (r) => (r.regio?.target?.status_ytd ? STATUS[r.regio.target.status_ytd].className : ''),
    },
  ];
}

export function GemeenteView() {
  const route = useRoute();
  const info = useAppInfo();
  const year = yearParam(route, info.defaultYear);
  const code = route.id ?? info.gemeenten[0]?.code ?? null;
  // The region over the gemeente's months (a quarterly gemeente's newest month may lie before the region's).
  const own = useApi<OverviewCard[]>(code ? apiUrl('/overview', { year, scope: code }) : null);
  const month = own.data?.[0]?.month ?? null;
  const both = useApiAll<OverviewCard[]>(code && month ? [apiUrl('/overview', { year, scope: code, month }), apiUrl('/overview', { year, scope: 'REGIO', month })] : null);
  const cards: Loaded<OverviewCard[][]> = own.error ? { ...own, data: null } : both;
  // Clients per 1,000 youths over the same months, from the comparison of each row.
  const rates = useApiAll<GemeenteComparisonRow[]>(month ? ROW_ORDER.map((segment) => apiUrl('/comparison', { segment, year, month })) : null);
  const per1000 = new Map((rates.data ?? []).flatMap((rows, i) => rows.map((r) => [`${ROW_ORDER[i]}|${r.gemeente_code}`, r.per_1000] as const)));
  const completeness = useApi<CompletenessCell[]>(apiUrl('/deliveries/completeness', completenessRange(year, info.periods.latest_month)));
  const deliveries = useApi<DeliveryRecord[]>(code ? apiUrl('/deliveries', { gemeente_code: code, include_replaced: true }) : null);
  const duiding = useApi<Duiding[]>(code ? apiUrl('/duiding', { gemeente_code: code, year }) : null);
  const reference = useReference(year);

  if (!code) return <Empty title="Geen gemeenten bekend">De regioconfiguratie noemt geen gemeenten.</Empty>;
  const name = gemeenteName(info, code);
  return (
    <>
      <PageHeader title={`${name} ${year}`} intro={`Alle segmenten van ${name} naast de regio, over dezelfde maanden: tot en met de laatst geleverde maand van ${name}.`}>
        <label>
          Gemeente
          <select value={code} onChange={(e) => (location.hash = href('gemeente', (e.target as HTMLSelectElement).value, { ...route.params }))}>
            {info.gemeenten.map((g) => (
              <option value={g.code}>{g.name}</option>
            ))}
          </select>
        </label>
      </PageHeader>
      <section class="panel" aria-labelledby="rijen-kop">
        <h2 id="rijen-kop">Segmenten naast de regio</h2>
        <Async
          result={cards}
          isEmpty={([g]) => g.every((c) => c.kosten_ytd == null && c.clients_ytd.value == null && !c.clients_ytd.suppressed)}
          empty={<Empty title={`Nog geen cijfers van ${name} in ${year}`}>{name} heeft voor dit jaar nog geen toewijzingen of declaraties geleverd.</Empty>}
        >
          {([gemeente, regio]) => (
            <>
              <p class="muted">Gemeente en regio over {gemeente[0] ? formatToDate(gemeente[0].month) : '–'}.</p>
              <DataTable
                title={`${name} naast de regio ${year}`}
                columns={[...columns(year, code), nederlandColumn<Side>(reference, (r) => r.segment)]}
                rows={gemeente.map((g) => ({
                  segment: g.segment,
                  gemeente: g,
                  regio: regio.find((r) => r.segment === g.segment),
                  per1000: per1000.get(`${g.segment}|${code}`),
                  per1000Regio: per1000.get(`${g.segment}|REGIO`),
                }))}
                rowKey={(r) => r.segment}
              />
              <NederlandFootnote figures={reference} segments={gemeente.map((g) => g.segment)} />
            </>
          )}
        </Async>
      </section>
      <BudgetTable year={year} scope={code} />
      <section class="panel" aria-labelledby="sturing-kop">
        <h2 id="sturing-kop">Kosten per cliënt, einde volgens plan en herinstroom {year}</h2>
        <SteeringTable code={code} name={name} year={year} reference={reference} />
      </section>
      <div class="grid-2">
        <section class="panel" aria-labelledby="lever-kop">
          <h2 id="lever-kop">Leveringen {year}</h2>
          <Async result={completeness}>{(cells) => <CompletenessGrid cells={cells.filter((c) => c.gemeente_code === code)} info={info} />}</Async>
          <h3>Laatst geladen</h3>
          <Async result={deliveries} isEmpty={(d) => d.length === 0} empty={<Empty title="Nog geen leveringen geladen" />}>
            {(rows) => (
              <ul class="plain-list">
                {[...rows].reverse().slice(0, 12).map((d) => (
                  <li>
                    {d.kind} {d.periode ? formatMonth(d.periode) : ''} · {d.row_count} regels · {formatTimestamp(d.loaded_at)}
                    {d.status === 'replaced' ? ' (vervangen)' : ''}
                  </li>
                ))}
              </ul>
            )}
          </Async>
        </section>
        <section class="panel" aria-labelledby="duiding-kop">
          <h2 id="duiding-kop">Duiding {year}</h2>
          <Async result={duiding}>{(items) => <DuidingList items={items} onChanged={duiding.reload} />}</Async>
        </section>
      </div>
    </>
  );
}
