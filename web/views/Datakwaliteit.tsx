/**
 * Is the data complete? The gemeente × month grid (delivered, missing, corrected,
 * provisional), the load history, and an upload that shows the validation report as a list.
 */
import { useState } from 'preact/hooks';
import type { Problem } from '../../contract/api.ts';
import type { DeliveryRecord, DeliveryReport } from '../../contract/deliveries.ts';
import type { ReportingRow } from '../../contract/domain.ts';
import { ROW_ORDER } from '../../contract/rows.ts';
import type { CompletenessCell, LagPattern, NowcastMeasure, NowcastPatterns } from '../../contract/indicators.ts';
import { lagPatternOption } from '../charts/lagPattern.ts';
import { Chart } from '../components/Chart.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { NameField } from '../components/DuidingPanel.tsx';
import { isAdmin, useAccount } from '../lib/user.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { Async, Empty } from '../components/States.tsx';
import { ApiError, apiUrl, sendForm } from '../lib/api.ts';
import { gemeenteName, useAppInfo, type AppInfo } from '../lib/context.ts';
import { formatMonth, formatMonthShort, formatNumber, formatPercent, formatTimestampShort, monthsInWords } from '../lib/format.ts';
import { ROW_LABELS } from '../lib/labels.ts';
import { targetMeasureOf } from '../lib/measure.ts';
import { href, yearParam } from '../lib/route.ts';
import { completenessRange } from '../lib/series.ts';
import { useApi, useApiAll } from '../lib/useApi.ts';
import { setParams, useRoute } from '../lib/useRoute.ts';

/** Each state has its own symbol as well as colour, and a word for screen readers. */
const HISTORY_ROWS = 25;

export const CELL_STATES: Record<CompletenessCell['state'], { label: string; symbol: string }> = {
  delivered: { label: 'geleverd', symbol: '●' },
  corrected: { label: 'gecorrigeerd', symbol: '◆' },
  provisional: { label: 'voorlopig', symbol: '◐' },
  missing: { label: 'ontbreekt', symbol: '○' },
  not_due: { label: 'nog niet verwacht (kwartaallevering)', symbol: '–' },
};

/** The region's quarterly gemeenten, named under the grid: their months are delivered per quarter. */
function QuarterlyNote({ info }: { info: AppInfo }) {
  const quarterly = info.region.gemeenten.filter((g) => g.rhythm === 'kwartaal').map((g) => g.name);
  if (quarterly.length === 0) return null;
  return (
    <p class="legend-note" data-testid="rhythm-note">
      {quarterly.join(', ')} {quarterly.length === 1 ? 'levert' : 'leveren'} per kwartaal: een levering over maart, juni, september of december telt voor
      alle drie de maanden van dat kwartaal. Maanden van een kwartaal dat nog niet is afgelopen zijn nog niet verwacht, niet ontbrekend.
    </p>
  );
}

export function CompletenessGrid({ cells, info }: { cells: CompletenessCell[]; info: AppInfo }) {
  if (cells.length === 0) return <Empty title="Nog geen leveringen in deze periode" />;
  const months = [...new Set(cells.map((c) => c.month))].sort();
  const codes = [...new Set(cells.map((c) => c.gemeente_code))].sort((a, b) => gemeenteName(info, a).localeCompare(gemeenteName(info, b), 'nl'));
  const byKey = new Map(cells.map((c) => [`${c.gemeente_code}|${c.month}`, c]));
  return (
    <>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="Leveringen per gemeente en maand">
        <table class="matrix">
          <caption class="sr-only">Leveringen per gemeente en maand</caption>
          <thead>
            <tr>
              <th scope="col">Gemeente</th>
              {months.map((m) => (
                <th scope="col" abbr={formatMonth(m)}>
                  {formatMonthShort(m, months.length <= 12 ? false : true)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {codes.map((code) => (
              <tr>
                <th scope="row">{gemeenteName(info, code)}</th>
                {months.map((m) => {
                  const cell = byKey.get(`${code}|${m}`);
                  const state = cell?.state ?? 'missing';
                  return (
                    <td class={`cell-${state}`} data-state={state} title={`${gemeenteName(info, code)}, ${formatMonth(m)}: ${CELL_STATES[state].label}`}>
                      <span aria-hidden="true">{CELL_STATES[state].symbol}</span>
                      <span class="sr-only">{CELL_STATES[state].label}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="legend">
        {Object.entries(CELL_STATES).map(([state, s]) => (
          <span class={`legend-item cell-${state}`}>
            <span aria-hidden="true">{s.symbol}</span> {s.label}
          </span>
        ))}
      </p>
      <QuarterlyNote info={info} />
    </>
  );
}

function isReport(body: unknown): body is DeliveryReport {
  return typeof body === 'object' && body != null && 'outcome' in body && 'problems' in body;
}

const OUTCOMES: Record<DeliveryReport['outcome'], string> = {
  loaded: 'Geladen',
  replaced: 'Geladen; vervangt een eerdere levering (correctie)',
  unchanged: 'Ongewijzigd: dit bestand was al geladen',
  rejected: 'Afgewezen: er is niets opgeslagen',
};

function ReportView({ report }: { report: DeliveryReport }) {
  return (
    <div class={`report report-${report.outcome}`} role="status" aria-live="polite">
      <p class="report-outcome">
        <strong>{report.file}</strong>: {OUTCOMES[report.outcome]}
        {report.rows != null && ` · ${formatNumber(report.rows)} regels`}
      </p>
      {report.problem_count > 0 && (
        <>
          <p>
            {report.problem_count === 1 ? '1 probleem' : `${formatNumber(report.problem_count)} problemen`}
            {report.problem_count > report.problems.length ? ` (de eerste ${report.problems.length} staan hieronder)` : ''}:
          </p>
          <ol class="problems">
            {report.problems.map((p) => (
              <li>
                <span class="problem-where">
                  {p.line != null ? `regel ${p.line}` : 'bestand'}
                  {p.column ? `, kolom ${p.column}` : ''}
                </span>
                : {p.message}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function Upload({ onLoaded }: { onLoaded: () => void }) {
  const [reports, setReports] = useState<DeliveryReport[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    setReports([]);
    try {
      const res = await sendForm<DeliveryReport | DeliveryReport[]>(apiUrl('/deliveries'), form);
      const body = res.body as unknown;
      const found = Array.isArray(body) ? body.filter(isReport) : isReport(body) ? [body] : isReport((body as Problem)?.report) ? [(body as Problem).report as DeliveryReport] : [];
      setReports(found);
      if (!found.length && !res.ok) setError((body as Problem)?.detail ?? 'Het uploaden is mislukt.');
      if (res.ok) onLoaded();
    } catch {
      setError('De server is niet bereikbaar.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="upload" onSubmit={submit} aria-label="Levering uploaden">
      <div class="field">
        <label for="upload-bestand">Leveringsbestand (CSV of XLSX)</label>
        <input id="upload-bestand" name="file" type="file" accept=".csv,.xlsx,.txt" required aria-describedby="upload-soorten" />
        <p id="upload-soorten" class="muted">
          Toewijzingen, declaraties, bevolking of begroting (per gemeente, jaar en rij); de kolommen bepalen de soort.
        </p>
      </div>
      <NameField idPrefix="upload" />
      <button type="submit" disabled={busy}>
        {busy ? 'Bezig met controleren…' : 'Controleren en laden'}
      </button>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {reports.map((r) => (
        <ReportView report={r} />
      ))}
    </form>
  );
}

/** What each measure's pattern is about, in the sentence above the charts and in the choice. */
const MEASURE_WORDS: Record<NowcastMeasure, { option: string; of: string }> = {
  kosten: { option: 'Kosten (declaraties)', of: 'declaraties' },
  instroom: { option: 'Instroom', of: 'instroom' },
  clients: { option: 'Cliënten', of: 'cliënten' },
};

/** The measure whose lag patterns are shown for a row: the one chosen, else its target measure, kosten otherwise. */
function patternMeasure(info: AppInfo, segment: ReportingRow, chosen: string | undefined): NowcastMeasure {
  if (chosen && chosen in MEASURE_WORDS) return chosen as NowcastMeasure;
  return targetMeasureOf(info.region, segment) === 'instroom' ? 'instroom' : 'kosten';
}

/**
 * Per gemeente the learnt lag pattern of one row, and how far each month of the peilmaand's
 * year has come (both from the engine, /nowcast/patterns per gemeente). A server without
 * learnt patterns (404) gets a short explanation instead.
 */
function LagPatterns({ info }: { info: AppInfo }) {
  const route = useRoute();
  const segment: ReportingRow = (ROW_ORDER as readonly string[]).includes(route.params.patroon ?? '') ? (route.params.patroon as ReportingRow) : 'verblijf';
  const measure = patternMeasure(info, segment, route.params.maat);
  const codes = [...info.gemeenten].sort((a, b) => a.name.localeCompare(b.name, 'nl')).map((g) => g.code);
  const answers = useApiAll<NowcastPatterns>(codes.map((scope) => apiUrl('/nowcast/patterns', { scope })));
  const unavailable = answers.error instanceof ApiError && answers.error.status === 404;
  return (
    <section class="panel lag-section" aria-labelledby="patroon-kop">
      <h2 id="patroon-kop">Hoe laat komen de cijfers binnen?</h2>
      <p class="muted">
        Per gemeente het geleerde patroon: welk deel van de {MEASURE_WORDS[measure].of} van een maand na 0, 1, 2, … maanden bekend is (eigen
        patroon, of dat van de regio bij te weinig geschiedenis), en hoe ver elke maand daarmee is. Een maand die nog niet definitief is, wordt in de grafieken geschat.
      </p>
      <div class="page-controls">
        <label>
          Segment
          <select value={segment} onChange={(e) => setParams(route, { patroon: (e.target as HTMLSelectElement).value === 'verblijf' ? null : (e.target as HTMLSelectElement).value })}>
            {ROW_ORDER.map((r) => (
              <option value={r}>{ROW_LABELS[r]}</option>
            ))}
          </select>
        </label>
        <label>
          Maat
          <select value={measure} onChange={(e) => setParams(route, { maat: (e.target as HTMLSelectElement).value })}>
            {(Object.keys(MEASURE_WORDS) as NowcastMeasure[]).map((m) => (
              <option value={m}>{MEASURE_WORDS[m].option}</option>
            ))}
          </select>
        </label>
      </div>
      {unavailable ? (
        <Empty title="Nog geen geleerde patronen">Deze server schat nog niet hoe laat cijfers binnenkomen; de grafieken laten onvolledige maanden dan weg.</Empty>
      ) : (
        <Async result={answers} isEmpty={(all) => !all.some((a) => a.patterns.some((p) => p.segment === segment && p.measure === measure))}>
          {(all) => {
            // A quarterly deliverer has one pattern per month of the quarter (`phase`), each its own chart.
            const rows = codes
              .map((code, i) => ({
                code,
                patterns: all[i].patterns.filter((p) => p.segment === segment && p.measure === measure).sort((a, b) => (a.phase ?? 0) - (b.phase ?? 0)),
                maturity: all[i].maturity.filter((m) => m.segment === segment && m.measure === measure),
              }))
              .filter((r) => r.patterns.length > 0);
            const charts = rows.flatMap(({ code, patterns }) => patterns.map((pattern) => ({ code, pattern })));
            const nameOf = (code: string, p: LagPattern) => (p.phase != null ? `${gemeenteName(info, code)} (maand ${p.phase} van het kwartaal)` : gemeenteName(info, code));
            const months = [...new Set(rows.flatMap((r) => r.maturity.map((m) => m.month)))].sort();
            const peilmaand = all[0]?.peilmaand;
            return (
              <>
                <ul class="multiples lag-patterns" aria-label={`Vertragingspatroon ${ROW_LABELS[segment]} per gemeente`}>
                  {charts.map(({ code, pattern }) => (
                    <li key={`${code}-${pattern.phase ?? 0}`} data-gemeente={code} data-phase={pattern.phase ?? undefined}>
                      <Chart
                        option={lagPatternOption(nameOf(code, pattern), pattern)}
                        label={`Deel bekend na 0, 1, 2, … maanden, ${ROW_LABELS[segment]}, ${nameOf(code, pattern)}`}
                        height={150}
                        exportable={false}
                        description={pattern.shares.map((s, i) => `na ${i}: ${formatPercent(s * 100, 0)}`).join(', ')}
                      />
                    </li>
                  ))}
                </ul>
                {months.length > 0 && (
                  <div class="table-scroll" tabIndex={0} role="region" aria-label="Rijpheid per gemeente en maand">
                    <table class="maturity">
                      <caption>Deel van elke maand dat bekend is{peilmaand ? `, stand ${formatMonth(peilmaand)}` : ''}</caption>
                      <thead>
                        <tr>
                          <th scope="col">Gemeente</th>
                          {months.map((m) => (
                            <th scope="col" abbr={formatMonth(m)}>{formatMonthShort(m, false)}</th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map(({ code, maturity }) => (
                          <tr data-gemeente={code}>
                            <th scope="row">{gemeenteName(info, code)}</th>
                            {months.map((m) => {
                              const mt = maturity.find((x) => x.month === m);
                              const label = !mt ? '–' : mt.mature ? 'definitief' : formatPercent(mt.share_known * 100, 0);
                              return (
                                <td data-month={m} data-state={mt ? (mt.mature ? 'mature' : 'immature') : 'none'} class={mt && !mt.mature ? 'cell-provisional' : 'cell-delivered'} title={`${gemeenteName(info, code)}, ${formatMonth(m)}: ${mt && !mt.mature ? `${label} bekend, geschat` : label}`}>
                                  {label}
                                </td>
                              );
                            })}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </>
            );
          }}
        </Async>
      )}
    </section>
  );
}

export function DatakwaliteitView() {
  const account = useAccount();
  const route = useRoute();
  const info = useAppInfo();
  const year = yearParam(route, info.defaultYear);
  const completeness = useApi<CompletenessCell[]>(apiUrl('/deliveries/completeness', completenessRange(year, info.periods.latest_month)));
  const deliveries = useApi<DeliveryRecord[]>(apiUrl('/deliveries', { include_replaced: true }));
  const showAll = route.params.historie === 'alle';
  return (
    <>
      <PageHeader title={`Datakwaliteit ${year}`} intro={`Welke gemeente leverde welke maand? Een maand zonder levering ontbreekt (telt niet als nul); kosten zijn voorlopig tot ${monthsInWords(info.region.provisional_lag_months)} aan declaraties binnen zijn.`} />
      <section class="panel" aria-labelledby="matrix-kop">
        <h2 id="matrix-kop">Volledigheid per gemeente en maand</h2>
        <Async result={completeness}>{(cells) => <CompletenessGrid cells={cells} info={info} />}</Async>
      </section>
      <LagPatterns info={info} />

      {isAdmin(account) && (
        <section class="panel" aria-labelledby="upload-kop">
          <h2 id="upload-kop">Levering uploaden (beheerder)</h2>
          <Upload
            onLoaded={() => {
              completeness.reload();
              deliveries.reload();
            }}
          />
        </section>
      )}
      <section class="panel" aria-labelledby="historie-kop">
        <h2 id="historie-kop">Laadhistorie</h2>
        <Async result={deliveries} isEmpty={(d) => d.length === 0} empty={<Empty title="Nog niets geladen" />}>
          {(rows) => {
            // The newest loads first; the full history (hundreds of files a year) on request.
            const newest = [...rows].reverse();
            const shown = showAll ? newest : newest.slice(0, HISTORY_ROWS);
            return (
              <>
                <p class="muted">
                  {showAll ? `Alle ${formatNumber(rows.length)} leveringen.` : `De nieuwste ${formatNumber(shown.length)} van ${formatNumber(rows.length)} leveringen.`}{' '}
                  {rows.length > HISTORY_ROWS && (
                    <a href={href('datakwaliteit', null, { ...route.params, historie: showAll ? null : 'alle' })}>{showAll ? 'Toon alleen de nieuwste' : 'Toon alle'}</a>
                  )}
                </p>
                <DataTable
                  title="Laadhistorie"
                  sortParam="hsort"
                  rows={shown}
                  rowKey={(r) => String(r.delivery_id)}
                  defaultSort={{ key: 'loaded_at', dir: 'desc' }}
                  columns={[
                    { key: 'loaded_at', label: 'Geladen', kind: 'text', value: (r) => r.loaded_at, render: (r) => formatTimestampShort(r.loaded_at) },
                    { key: 'kind', label: 'Soort', kind: 'text', value: (r) => r.kind },
                    { key: 'gemeente', label: 'Gemeente', kind: 'text', value: (r) => (r.gemeente_code ? gemeenteName(info, r.gemeente_code) : 'meerdere') },
                    { key: 'periode', label: 'Periode', kind: 'text', value: (r) => r.periode, render: (r) => (r.periode ? formatMonth(r.periode) : '–') },
                    { key: 'rows', label: 'Regels', kind: 'count', value: (r) => r.row_count },
                    { key: 'status', label: 'Status', kind: 'text', value: (r) => (r.status === 'active' ? 'actief' : 'vervangen (correctie)') },
                    { key: 'by', label: 'Door', kind: 'text', value: (r) => r.loaded_by },
                    { key: 'file', label: 'Bestand', kind: 'text', value: (r) => r.file_name },
                  ]}
                />
              </>
            );
          }}
        </Async>
      </section>
    </>
  );
}
