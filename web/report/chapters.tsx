/**
 * The chapters of the jaarrapport (PDCA: Plan, Do, Check, Act), as pure components of the
 * report payload. Every number goes through the one nl-NL formatting module; hidden counts
 * arrive hidden from the API and are written `<threshold`. What differs between regions
 * (targets and their measures, the privacy threshold, the claims lag) is read from the
 * payload, never written into the text.
 */
import { useMemo } from 'preact/hooks';
import type { Duiding, Duidingssessie } from '../../contract/api.ts';
import type { ReportingRow } from '../../contract/domain.ts';
import { DISJOINT_ROWS } from '../../contract/rows.ts';
import type { Cell, SeriesPoint, TargetMeasure } from '../../contract/indicators.ts';
import type { ReportPayload, ReportCheckSegment } from '../../contract/report.ts';
import { estimateLayers } from '../charts/estimate.ts';
import { formatValue, multiLineOption, seriesOption } from '../charts/options.ts';
import { estimated } from '../components/EstimateFigures.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import {
  formatChange, formatCount, formatDate, formatEuro, formatMonth, formatMonthShort, formatNumber, formatPercent, formatPeriod, formatTimestamp, hiddenCount, MISSING, monthsInWords,
} from '../lib/format.ts';
import { comparisonText, decompositionSentence } from '../lib/decomposition.ts';
import { ACTION_STATUS_LABELS, DUIDING_LABELS, INDICATOR_LABELS, ROW_LABELS } from '../lib/labels.ts';
import { actionJourney } from '../lib/actionJourney.ts';
import { standText, thenAndNow } from '../lib/duidingFigures.ts';
import { unitOf } from '../lib/measure.ts';
import { BudgetSection } from './BudgetSection.tsx';
import { NationalLines } from './NationalLines.tsx';
import { ReportChart } from './ReportChart.tsx';

export interface TocEntry {
  id: string;
  /** The heading exactly as printed: the PDF export finds its page by this text. */
  heading: string;
  level: 1 | 2;
}

export function tocEntries(r: ReportPayload): TocEntry[] {
  return [
    { id: 'samenvatting', heading: '1 Samenvatting', level: 1 },
    { id: 'plan', heading: '2 Plan: doelen en nulmeting', level: 1 },
    { id: 'do', heading: '3 Do: uitvoering in cijfers', level: 1 },
    { id: 'check', heading: '4 Check: resultaat per segment', level: 1 },
    ...r.check.map((c, i) => ({ id: `check-${c.segment}`, heading: `4.${i + 1} ${ROW_LABELS[c.segment]}`, level: 2 as const })),
    { id: 'act', heading: '5 Act: verbetervoorstellen en acties', level: 1 },
    { id: 'bijlage', heading: 'Bijlage: dekking, definities en verantwoording', level: 1 },
  ];
}

const headingOf = (r: ReportPayload, id: string) => tocEntries(r).find((e) => e.id === id)!.heading;

function H2({ r, id }: { r: ReportPayload; id: string }) {
  return (
    <h2 id={`rapport-${id}`} data-toc-heading={id}>
      {headingOf(r, id)}
    </h2>
  );
}

const measureValue = (measure: TargetMeasure, v: number | null | undefined) => (measure === 'kosten' ? formatEuro(v) : formatNumber(v, 0));
const measureTarget = (measure: TargetMeasure, v: number | null | undefined) => (measure === 'kosten' ? formatEuro(v) : formatNumber(v, 1));
const measureLabel = (measure: TargetMeasure) => (measure === 'kosten' ? 'uitgaven' : 'instroom');
const cell = (c: Cell, threshold: number) => formatCount(c.value, c.suppressed, threshold);
const point = (p: SeriesPoint | undefined, threshold: number, euro = false) =>
  !p ? MISSING : euro ? formatEuro(p.value) + (p.provisional ? '*' : '') : formatCount(p.value, p.suppressed, threshold);

/** "Voor verblijf en ambulant is de maatstaf de uitgaven, voor crisis de instroom.": the region's targets in words. */
function measuresInWords(targets: ReportPayload['targets']): string {
  const list = new Intl.ListFormat('nl', { type: 'conjunction' });
  const parts = (['kosten', 'instroom'] as const)
    .map((measure) => ({ measure, rows: targets.filter((t) => t.measure === measure).map((t) => ROW_LABELS[t.segment].toLowerCase()) }))
    .filter((p) => p.rows.length > 0)
    .map((p, i) => (i === 0 ? `Voor ${list.format(p.rows)} is de maatstaf de ${measureLabel(p.measure)}` : `voor ${list.format(p.rows)} de ${measureLabel(p.measure)}`));
  return parts.length ? `${parts.join(', ')}.` : '';
}

const lagNote = (r: ReportPayload) => `declaraties komen tot ${monthsInWords(r.provisional_lag_months)} later binnen`;

function upTo(r: ReportPayload): string {
  return r.month.endsWith('-12') ? String(r.year) : `${r.year} t/m ${formatMonth(r.month)}`;
}

// ---------------------------------------------------------------- cover and contents

export function Cover({ r }: { r: ReportPayload }) {
  return (
    <section class="report-cover">
      <p class="report-kicker">Sturingsplan jeugdhulp · PDCA-cyclus</p>
      <h1 tabIndex={-1}>Jaarrapport {r.year}</h1>
      <p class="report-scope">{r.scope_name}</p>
      <p>
        Voortgang, trends en verbeterpunten per segment over {upTo(r)}, opgesteld uit de maandleveringen van de gemeenten en de duiding uit de
        duidingssessies.
      </p>
      <dl class="report-meta">
        <dt>Regio</dt>
        <dd>{r.region.name}</dd>
        <dt>Stand van de gegevens</dt>
        <dd data-testid="report-peilmaand">{r.peilmaand ? formatMonth(r.peilmaand) : MISSING}</dd>
        <dt>Opgesteld op</dt>
        <dd>{formatTimestamp(r.generated_at)}</dd>
        <dt>Dataversie</dt>
        <dd>
          {r.data_version} (duiding {r.duiding_version})
        </dd>
      </dl>
    </section>
  );
}

export function Contents({ r }: { r: ReportPayload }) {
  return (
    <section class="report-contents">
      <h2>Inhoudsopgave</h2>
      <ol class="toc">
        {tocEntries(r).map((e) => (
          <li class={`toc-level-${e.level}`}>
            <span class="toc-title">{e.heading}</span>
            <span class="toc-dots" aria-hidden="true" />
            <span class="toc-page" data-toc-page={e.id} />
          </li>
        ))}
      </ol>
    </section>
  );
}

// ---------------------------------------------------------------- summary

export function Summary({ r }: { r: ReportPayload }) {
  const rows = r.targets.map((t) => r.cards.find((c) => c.segment === t.segment)).filter((c) => c?.target);
  return (
    <section class="report-chapter" id="samenvatting">
      <H2 r={r} id="samenvatting" />
      <p>
        Stand van {r.scope_name} over {upTo(r)} ten opzichte van het doelpad van het Sturingsplan (basisjaar {r.baseline_year}). Een segment is{' '}
        <em>op koers</em> als de realisatie niet boven het doel ligt, <em>aandacht</em> tot {formatPercent(r.status_band * 100, 0)} erboven, anders{' '}
        <em>uit koers</em>.
      </p>
      <table class="report-table status-table" data-testid="status-table">
        <caption>Status per segment, {upTo(r)}</caption>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col">Maatstaf</th>
            <th scope="col" class="num">Realisatie</th>
            <th scope="col" class="num">Doel</th>
            <th scope="col" class="num">Verschil</th>
            <th scope="col" class="num">Besparing</th>
            <th scope="col" class="num">Gepland</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const t = c!.target!;
            const diff = t.value_ytd != null && t.target_ytd != null ? t.value_ytd - t.target_ytd : null;
            const diffPct = diff != null && t.target_ytd ? (diff / t.target_ytd) * 100 : null;
            return (
              <tr data-segment={c!.segment}>
                <th scope="row">{ROW_LABELS[c!.segment]}</th>
                <td>{measureLabel(t.measure)}</td>
                <td class="num">{t.measure === 'instroom' && c!.instroom_ytd.suppressed ? hiddenCount(r.privacy_threshold) : measureValue(t.measure, t.value_ytd)}</td>
                <td class="num">{measureTarget(t.measure, t.target_ytd)}</td>
                <td class="num">
                  {diff == null ? MISSING : `${measureTarget(t.measure, diff)} (${formatChange(diffPct)})`}
                </td>
                <td class="num">{t.measure === 'kosten' ? formatEuro(t.savings_ytd) : MISSING}</td>
                <td class="num">{t.measure === 'kosten' ? formatEuro(t.planned_savings_ytd) : MISSING}</td>
                <td>
                  <StatusBadge status={t.status_ytd} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.some((c) => c!.provisional) && <p class="footnote" data-testid="provisional-note">Uitgaven over recente maanden zijn voorlopig: {lagNote(r)}.</p>}
      <h3>De drie belangrijkste signalen</h3>
      {r.signals.length === 0 ? (
        <p>Er zijn geen segmenten met een doel en een zichtbare realisatie.</p>
      ) : (
        <ol class="signals">
          {r.signals.map((s) => (
            <li data-segment={s.segment}>
              <strong>{ROW_LABELS[s.segment]}</strong>: {measureLabel(s.measure)} {measureValue(s.measure, s.value)} tegen een doel van {measureTarget(s.measure, s.target)},{' '}
              {formatPercent(Math.abs(s.difference_pct))} {s.difference_pct > 0 ? 'boven' : 'onder'} het doelpad. <StatusBadge status={s.status} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- plan

const hasTarget = (r: ReportPayload, row: ReportingRow) => r.targets.some((t) => t.segment === row);

export function Plan({ r }: { r: ReportPayload }) {
  return (
    <section class="report-chapter" id="plan">
      <H2 r={r} id="plan" />
      <p>
        Het Sturingsplan legt per segment een jaarlijkse daling vast ten opzichte van het basisjaar {r.baseline_year}:{' '}
        <code>doel(j) = m({r.baseline_year}) × (1 − r)^(j − {r.baseline_year})</code>. <span data-testid="plan-measures">{measuresInWords(r.targets)}</span>
      </p>
      <table class="report-table">
        <caption>Doelen, nulmeting en geplande besparing {r.year}</caption>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col">Maatstaf</th>
            <th scope="col" class="num">Daling per jaar</th>
            <th scope="col" class="num">Basisjaar {r.baseline_year}</th>
            <th scope="col" class="num">Doel {r.year}</th>
            <th scope="col" class="num">Geplande besparing {r.year}</th>
          </tr>
        </thead>
        <tbody>
          {r.targets.map((t) => {
            const card = r.cards.find((c) => c.segment === t.segment);
            return (
              <tr>
                <th scope="row">{ROW_LABELS[t.segment]}</th>
                <td>{measureLabel(t.measure)}</td>
                <td class="num">{formatPercent(t.reduction * 100)}</td>
                <td class="num">{measureValue(t.measure, card?.target?.baseline_value)}</td>
                <td class="num">{measureTarget(t.measure, card?.target?.target_year)}</td>
                <td class="num">{t.measure === 'kosten' ? formatEuro(card?.target?.planned_savings) : MISSING}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table class="report-table compact">
        <caption>Nulmeting: het basisjaar {r.baseline_year} in cijfers</caption>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            <th scope="col" class="num">Cliënten</th>
            <th scope="col" class="num">Instroom</th>
            <th scope="col" class="num">Uitstroom</th>
            <th scope="col" class="num">Uitgaven</th>
          </tr>
        </thead>
        <tbody>
          {r.years.map((y) => {
            const base = String(r.baseline_year);
            const at = (points: SeriesPoint[]) => points.find((p) => p.period === base);
            return (
              <tr>
                <th scope="row">{ROW_LABELS[y.segment]}</th>
                <td class="num">{point(at(y.clients), r.privacy_threshold)}</td>
                <td class="num">{point(at(y.instroom), r.privacy_threshold)}</td>
                <td class="num">{point(at(y.uitstroom), r.privacy_threshold)}</td>
                <td class="num">{point(at(y.kosten), r.privacy_threshold, true)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {(hasTarget(r, 'wonen_verblijf') || hasTarget(r, 'ambulant')) && (
        <p class="footnote">
          {hasTarget(r, 'wonen_verblijf') && 'Wonen en verblijf zijn financieel nog niet volledig te scheiden; daarom telt ook het gecombineerde doel voor wonen + verblijf. '}
          {hasTarget(r, 'ambulant') && 'Ambulante alternatieven voor verblijf horen te groeien en vallen buiten het ambulante doel.'}
        </p>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- do

const DO_INDICATORS = ['clients', 'instroom', 'uitstroom', 'kosten'] as const;
const STEERING = ['kosten_per_client', 'einde_volgens_plan_pct', 'herinstroom_pct'] as const;

/** A steering figure of a year: euros or a share, `afgeschermd` when hidden with its count. */
function steeringText(p: SeriesPoint | undefined, indicator: (typeof STEERING)[number], threshold: number): string {
  if (!p) return MISSING;
  if (p.suppressed) return hiddenCount(threshold);
  return formatValue(p.value, unitOf(indicator)) + (indicator === 'kosten_per_client' && p.provisional ? '*' : '');
}

/** Kosten per cliënt, einde volgens plan and herinstroom per row, this year beside the year before. */
function SteeringTable({ r }: { r: ReportPayload }) {
  const now = String(r.year);
  const before = String(r.year - 1);
  return (
    <table class="report-table compact" data-steering>
      <caption>Kosten per cliënt, einde volgens plan en herinstroom, {before} en {now}</caption>
      <thead>
        <tr>
          <th scope="col">Segment</th>
          {STEERING.map((ind) => (
            <>
              <th scope="col" class="num">{INDICATOR_LABELS[ind]} {before}</th>
              <th scope="col" class="num">{INDICATOR_LABELS[ind]} {now}</th>
            </>
          ))}
        </tr>
      </thead>
      <tbody>
        {r.years.map((y) => (
          <tr>
            <th scope="row">{ROW_LABELS[y.segment]}</th>
            {STEERING.map((ind) => (
              <>
                <td class="num">{steeringText(y[ind].find((p) => p.period === before), ind, r.privacy_threshold)}</td>
                <td class="num">{steeringText(y[ind].find((p) => p.period === now), ind, r.privacy_threshold)}</td>
              </>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Do({ r }: { r: ReportPayload }) {
  const years = r.years[0]?.kosten.map((p) => p.period) ?? [];
  const costOption = useMemo(
    () => multiLineOption(years, r.years.filter((y) => DISJOINT_ROWS.includes(y.segment)).map((y) => ({ name: ROW_LABELS[y.segment], values: y.kosten.map((p) => p.value) })), 'euro'),
    [r],
  );
  const months = r.monthly_clients[0]?.points.map((p) => p.period) ?? [];
  const monthlyCosts = r.check.filter((c) => c.measure === 'kosten' && DISJOINT_ROWS.includes(c.segment));
  const monthlyCostOption = useMemo(
    // Not yet mature months as their estimate (or a gap), never their incomplete sums.
    () => multiLineOption(months, monthlyCosts.map((c) => ({ name: ROW_LABELS[c.segment], values: estimateLayers(c.months).drawn })), 'euro'),
    [r],
  );
  return (
    <section class="report-chapter" id="do">
      <H2 r={r} id="do" />
      <p>
        Volumes, instroom, uitstroom en uitgaven per segment over de jaren, en het verloop per maand in {r.year}. Jeugdbescherming (ondertoezichtstelling en
        voogdij) en jeugdreclassering zijn maatregelen van de gecertificeerde instellingen: ze staan naast de jeugdhulp, zonder doel.
      </p>
      <ReportChart option={costOption} label={`Uitgaven per segment per jaar, ${r.scope_name}`} height={250} />
      {DO_INDICATORS.map((ind) => (
        <table class="report-table compact">
          <caption>
            {INDICATOR_LABELS[ind]} per jaar{ind === 'kosten' ? ' (* voorlopig)' : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Segment</th>
              {years.map((y) => (
                <th scope="col" class="num">
                  {y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {r.years.map((y) => (
              <tr>
                <th scope="row">{ROW_LABELS[y.segment]}</th>
                {years.map((period) => (
                  <td class="num">{point(y[ind].find((p) => p.period === period), r.privacy_threshold, ind === 'kosten')}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <SteeringTable r={r} />
      <p class="footnote">
        Kosten per cliënt: uitgaven gedeeld door het aantal cliënten van het segment. Einde volgens plan: van de beëindigde trajecten waarvan de laatste toewijzing een
        reden einde heeft, het deel met reden volgens plan. Herinstroom: deel van de instroom dat binnen {r.return_window_days} dagen na het einde van een eerder traject in
        hetzelfde segment terugkwam.
      </p>
      <table class="report-table compact monthly">
        <caption>Cliënten per maand, {r.year}</caption>
        <thead>
          <tr>
            <th scope="col">Segment</th>
            {months.map((m) => (
              <th scope="col" class="num">
                {formatMonthShort(m, false)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.monthly_clients.map((row) => (
            <tr>
              <th scope="row">{ROW_LABELS[row.segment]}</th>
              {row.points.map((p) => (
                <td class="num">{formatCount(p.value, p.suppressed, r.privacy_threshold)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {monthlyCosts.length > 0 && (
        <ReportChart option={monthlyCostOption} label={`Uitgaven per maand ${r.year} (recente maanden geschat of weggelaten), ${r.scope_name}`} height={220} />
      )}
      <BudgetSection r={r} />
      <NationalLines r={r} />
    </section>
  );
}

// ---------------------------------------------------------------- check

/** The figure a duiding was written beside and the same figure as known when the report was made. */
function ReportFigures({ d, r }: { d: Duiding; r: ReportPayload }) {
  const f = thenAndNow(d.figures_at_writing, d.figures_now, r.privacy_threshold);
  if (!f) return null;
  return (
    <p class="duiding-figures" data-field="figures">
      {f.label}: {f.then === null ? 'bij schrijven niet vastgelegd' : <>bij schrijven <strong data-field="then">{f.then}</strong> ({standText(f.thenMonth)})</>}, nu{' '}
      <strong data-field="now">{f.now}</strong> ({standText(f.nowMonth)})
    </p>
  );
}

function DuidingItems({ items, r }: { items: Duiding[]; r: ReportPayload }) {
  const duidingssessie = (id: number | null): Duidingssessie | undefined => r.sessions.find((s) => s.id === id);
  const scopeName = (code: string) => (code === 'REGIO' ? `Regio ${r.region.name}` : (r.gemeenten.find((g) => g.code === code)?.name ?? code));
  if (items.length === 0) return <p class="muted">Voor dit segment is over {r.year} geen duiding vastgelegd.</p>;
  return (
    <ul class="duiding-list">
      {items.map((d) => {
        const s = duidingssessie(d.session_id);
        return (
          <li data-duiding-id={d.id}>
            <p class="duiding-meta">
              <strong>{DUIDING_LABELS[d.kind]}</strong> · {scopeName(d.gemeente_code)} · {formatPeriod(d.period)}
              {d.indicator ? ` · ${INDICATOR_LABELS[d.indicator]}` : ''}
            </p>
            <p class="duiding-text">{d.text}</p>
            <ReportFigures d={d} r={r} />
            <p class="duiding-source">
              {s
                ? `Uit de duidingssessie "${s.title}" van ${formatDate(s.date)}${s.peilmaand ? ` (cijfers met stand ${formatMonth(s.peilmaand)})` : ''}`
                : `Vastgelegd door ${d.author} buiten een sessie`}
            </p>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The months of the report year that were not yet mature at the report's peilmaand: the report
 * says so, with the estimate of what they will turn out to be where there is one, else as
 * voorlopig. A closed year long past has none, and the note is left out.
 */
function ImmatureNote({ r, c }: { r: ReportPayload; c: ReportCheckSegment }) {
  const immature = c.months.filter((p) => p.period <= r.month && p.value != null && (!p.mature || p.provisional));
  if (immature.length === 0) return null;
  const unit = unitOf(c.measure);
  const estimated = immature.filter((p) => p.estimate != null);
  const stand = r.peilmaand ? `bij de stand van ${formatMonth(r.peilmaand)}` : 'nu';
  return (
    <p class="footnote" data-testid="immature-note" data-segment={c.segment}>
      Nog niet volledig {stand}: {immature.map((p) => formatMonthShort(p.period, false)).join(', ')} ({lagNote(r)}).{' '}
      {estimated.length
        ? `Geschat: ${estimated
            .map((p) => `${formatMonthShort(p.period, false)} ${formatValue(p.estimate, unit)}${p.estimate_low != null && p.estimate_high != null ? ` (80 %: ${formatValue(p.estimate_low, unit)} – ${formatValue(p.estimate_high, unit)})` : ''}`)
            .join('; ')}.`
        : 'Deze maanden zijn voorlopig.'}
    </p>
  );
}

function CheckSegment({ r, c, index }: { r: ReportPayload; c: ReportCheckSegment; index: number }) {
  const card = r.cards.find((x) => x.segment === c.segment);
  const t = card?.target;
  const option = useMemo(() => seriesOption({ points: c.months, unit: unitOf(c.measure) }), [c]);
  const id = `check-${c.segment}`;
  return (
    <section class="report-section" id={id} data-index={index}>
      <H2 r={r} id={id} />
      <p>
        {measureLabel(c.measure)[0].toUpperCase() + measureLabel(c.measure).slice(1)} over {upTo(r)}:{' '}
        {estimated(t) ? (
          <>
            geschat <strong data-field="estimated_ytd">{measureValue(c.measure, t.estimated_ytd)}</strong> (waargenomen tot nu {measureValue(c.measure, t.value_ytd)}, recente maanden nog niet volledig)
          </>
        ) : (
          <strong>{measureValue(c.measure, t?.value_ytd)}</strong>
        )}{' '}
        tegen een doel van {measureTarget(c.measure, t?.target_ytd)}. <StatusBadge status={t?.status_ytd ?? null} />
        {estimated(t) && <span class="estimate-basis"> (op basis van schatting)</span>}
        {t?.forecast != null && !r.month.endsWith('-12') && (
          <>
            {' '}
            Prognose voor het hele jaar: {measureValue(c.measure, t.forecast)}
            {t.forecast_low != null && t.forecast_high != null ? ` (80 %: ${measureValue(c.measure, t.forecast_low)} – ${measureValue(c.measure, t.forecast_high)})` : ''} (doel {measureTarget(c.measure, t.target_year)}).
          </>
        )}
      </p>
      <p class="report-decomposition" data-testid="decomposition-sentence">
        {decompositionSentence(c.decomposition, ROW_LABELS[c.segment])} <span class="muted">(t.o.v. {comparisonText(c.decomposition)})</span>
      </p>
      <ReportChart option={option} label={`${ROW_LABELS[c.segment]}: ${measureLabel(c.measure)} per maand ${r.year} met doelpad`} height={240} />
      <ImmatureNote r={r} c={c} />
      <NationalLines r={r} segment={c.segment} />
      <table class="report-table compact">
        <caption>
          Gemeenten, {ROW_LABELS[c.segment].toLowerCase()} {upTo(r)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Gemeente</th>
            <th scope="col" class="num">Cliënten</th>
            <th scope="col" class="num">Per 1.000 jeugdigen</th>
            <th scope="col" class="num">Verandering</th>
            <th scope="col" class="num">{c.measure === 'kosten' ? 'Uitgaven' : 'Instroom'}</th>
            <th scope="col" class="num">Doel</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {c.comparison.map((g) => (
            <tr class={g.gemeente_code === r.scope || g.gemeente_code === 'REGIO' ? 'highlight' : undefined}>
              <th scope="row">{g.naam}</th>
              <td class="num">{cell(g.clients, r.privacy_threshold)}</td>
              <td class="num">{g.per_1000.suppressed ? hiddenCount(r.privacy_threshold) : formatNumber(g.per_1000.value, 1)}</td>
              <td class="num">{formatChange(g.clients_change_pct)}</td>
              <td class="num">
                {c.measure === 'kosten' ? formatEuro(g.measure_value.value) : cell(g.measure_value, r.privacy_threshold)}
                {g.provisional && c.measure === 'kosten' ? '*' : ''}
              </td>
              <td class="num">{measureTarget(c.measure, g.target)}</td>
              <td>
                <StatusBadge status={g.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Duiding</h3>
      <DuidingItems items={c.duiding} r={r} />
    </section>
  );
}

export function Check({ r }: { r: ReportPayload }) {
  return (
    <section class="report-chapter" id="check">
      <H2 r={r} id="check" />
      <p>
        Per segment met een doel: het resultaat tegen het doelpad (met de aandachtsband van {formatPercent(r.status_band * 100, 0)}), de gemeenten naast elkaar
        en de duiding uit de duidingssessies. Aantallen onder de {r.privacy_threshold} staan als &lt;{r.privacy_threshold}. * = voorlopig.
      </p>
      {r.check.map((c, i) => (
        <CheckSegment r={r} c={c} index={i} />
      ))}
    </section>
  );
}

// ---------------------------------------------------------------- act

export function Act({ r }: { r: ReportPayload }) {
  return (
    <section class="report-chapter" id="act">
      <H2 r={r} id="act" />
      {r.act.length === 0 ? (
        <p>Over {r.year} zijn geen verbetervoorstellen vastgelegd.</p>
      ) : (
        r.act.map(({ proposal, actions }) => (
          <article class="proposal" data-duiding-id={proposal.id}>
            <h3>
              {ROW_LABELS[proposal.segment as ReportingRow]} · {formatPeriod(proposal.period)}
            </h3>
            <p>{proposal.text}</p>
            {actions.length === 0 ? (
              <p class="muted">Nog geen acties bij dit voorstel.</p>
            ) : (
              <table class="report-table compact">
                <caption>Acties</caption>
                <thead>
                  <tr>
                    <th scope="col">Actie</th>
                    <th scope="col">Eigenaar</th>
                    <th scope="col">Uiterlijk</th>
                    <th scope="col">Status</th>
                    <th scope="col">Verloop over de sessies</th>
                  </tr>
                </thead>
                <tbody>
                  {actions.map((a) => (
                    <tr data-action-id={a.id}>
                      <td>{a.title}</td>
                      <td>{a.owner_organisation}</td>
                      <td>{a.due_date ? formatDate(a.due_date) : MISSING}</td>
                      <td>{ACTION_STATUS_LABELS[a.status]}</td>
                      <td data-field="journey">{actionJourney(a, proposal, r.sessions)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </article>
        ))
      )}
    </section>
  );
}

// ---------------------------------------------------------------- appendix

export function Appendix({ r }: { r: ReportPayload }) {
  const byGemeente = r.gemeenten.map((g) => {
    const cells = r.completeness.filter((c) => c.gemeente_code === g.code);
    return {
      g,
      delivered: cells.filter((c) => c.toewijzingen === 'delivered' || c.toewijzingen === 'corrected').length,
      months: cells.length,
      missing: cells.filter((c) => c.toewijzingen === 'missing').map((c) => formatMonthShort(c.month, false)),
      notDue: cells.filter((c) => c.toewijzingen === 'not_due').map((c) => formatMonthShort(c.month, false)),
      provisional: cells.filter((c) => c.provisional).map((c) => formatMonthShort(c.month, false)),
    };
  });
  // Only a quarterly gemeente's unfinished quarter has months that are not due: the column shows only then.
  const anyNotDue = byGemeente.some((x) => x.notDue.length > 0);
  return (
    <section class="report-chapter" id="bijlage">
      <H2 r={r} id="bijlage" />
      <h3>Datadekking en voorlopige maanden {r.year}</h3>
      <table class="report-table compact">
        <thead>
          <tr>
            <th scope="col">Gemeente</th>
            <th scope="col" class="num">Geleverde maanden</th>
            <th scope="col">Ontbrekend</th>
            {anyNotDue && <th scope="col">Nog niet verwacht</th>}
            <th scope="col">Uitgaven voorlopig</th>
          </tr>
        </thead>
        <tbody>
          {byGemeente.map((x) => (
            <tr>
              <th scope="row">{x.g.name}</th>
              <td class="num">
                {x.delivered} van {x.months}
              </td>
              <td>{x.missing.length ? x.missing.join(', ') : 'geen'}</td>
              {anyNotDue && <td>{x.notDue.length ? x.notDue.join(', ') : 'geen'}</td>}
              <td>{x.provisional.length ? x.provisional.join(', ') : 'geen'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="footnote" data-testid="coverage-note">
        Een maand die niet is geleverd telt als ontbrekend, nooit als nul. Uitgaven van een maand zijn voorlopig tot de declaraties van{' '}
        {monthsInWords(r.provisional_lag_months)} later binnen zijn.
        {!r.completeness_until.endsWith('-12') && (
          <>
            {' '}
            De maanden na {formatMonth(r.completeness_until)} staan er niet in: die waren bij de stand van de gegevens nog niet te leveren, en tellen
            niet als ontbrekend.
          </>
        )}
        {anyNotDue && (
          <>
            {' '}
            Een gemeente die per kwartaal levert, levert de drie maanden van een kwartaal in één keer, met de laatste maand van het kwartaal als
            periode. De maanden van een kwartaal waarvan die levering bij de stand van de gegevens nog niet te leveren was, staan onder “nog niet
            verwacht” en tellen niet als ontbrekend.
          </>
        )}
      </p>
      <h3>Definities</h3>
      <dl class="definitions">
        <dt>Cliënten</dt>
        <dd>Unieke jeugdigen met een toewijzing van het segment die in de periode actief is.</dd>
        <dt>Instroom en uitstroom</dt>
        <dd>
          Trajecten die in de periode beginnen of eindigen; toewijzingen met minder dan {r.trajectory_gap_days + 1} dagen ertussen vormen één traject.
        </dd>
        <dt>Uitgaven</dt>
        <dd>Som van de gedeclareerde bedragen naar prestatiemaand, creditregels inbegrepen.</dd>
        <dt>Per 1.000 jeugdigen</dt>
        <dd>Cliënten per 1.000 inwoners van 0–17 jaar van de gemeente.</dd>
        <dt>Ambulant</dt>
        <dd>Zonder ambulante alternatieven voor verblijf, die apart staan.</dd>
        <dt>Wonen + verblijf</dt>
        <dd>Jeugdigen in wonen of verblijf, één keer geteld.</dd>
      </dl>
      <h3>Privacyregel</h3>
      <p>
        Aantallen personen van 1 tot en met {r.privacy_threshold - 1} worden onder regioniveau (gemeente, maand) getoond als &lt;{r.privacy_threshold}; nul blijft 0. Waar
        een tabel ook haar totaal toont, wordt een tweede cel verborgen zodat een verborgen aantal niet is terug te rekenen. Bedragen worden niet verborgen.
      </p>
      <h3>Verantwoording</h3>
      <p data-testid="report-version">
        Opgesteld op {formatTimestamp(r.generated_at)} uit dataversie {r.data_version} en duidingversie {r.duiding_version}; stand van de gegevens{' '}
        {r.peilmaand ? formatMonth(r.peilmaand) : MISSING} (leveringen tot en met die maand).
      </p>
    </section>
  );
}
