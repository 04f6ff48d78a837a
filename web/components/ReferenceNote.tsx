/**
 * The national reference beside Koersbord's figures: a list of national shares for a segment,
 * a Nederland row for comparison tables, and the footnotes where CBS's definitions differ.
 * Kept apart from the views, which insert it with one line each.
 */
import type { GemeenteComparisonRow } from '../../contract/indicators.ts';
import type { ReferenceAnswer, ReferenceFigure } from '../../contract/reference.ts';
import { formatValue } from '../charts/options.ts';
import { apiUrl } from '../lib/api.ts';
import { ROW_LABELS } from '../lib/labels.ts';
import { DEFINITION_NOTES, NEDERLAND, REFERENCE_INDICATORS, nationalFigure, sourceDetail, sourceText, type ReferenceMatch } from '../lib/reference.ts';
import type { Column } from '../lib/table.ts';
import { useApi } from '../lib/useApi.ts';

/** The reference of a year; an error or a slow answer leaves the view as it was without it. */
export function useReference(year: number): ReferenceFigure[] {
  return useApi<ReferenceAnswer>(apiUrl('/reference', { year })).data?.figures ?? [];
}

const SEGMENT_SHARES = ['per_1000', 'crisis_start_pct', 'gezinsgericht_pct', 'verwijzer_gemeente_gi', 'verwijzer_huisarts', 'trajectduur_mean', 'einde_volgens_plan_pct'];

function valueText(f: ReferenceFigure): string {
  return formatValue(f.value, REFERENCE_INDICATORS[f.indicator]?.unit ?? 'number');
}

/** National shares for one segment, each with its source; the segment's own figure, or CBS's total said as such. */
export function NationalReference({ segment, year }: { segment: string; year: number }) {
  const figures = useReference(year);
  const shown = SEGMENT_SHARES.map((ind) => nationalFigure(figures, ind, segment, { orTotal: true })).filter((m): m is ReferenceMatch => m !== null);
  if (shown.length === 0) return null;
  const notes = [...new Set(shown.map((m) => m.figure.indicator).filter((ind) => DEFINITION_NOTES[ind]))];
  return (
    <div class="reference" data-reference="nederland">
      <h3>Nederland ter vergelijking</h3>
      <dl class="kpis">
        {shown.map(({ figure: f, general }) => (
          <div data-reference-indicator={f.indicator} key={f.indicator}>
            <dt>{REFERENCE_INDICATORS[f.indicator]?.label ?? f.indicator}{general ? ' (alle jeugdhulp)' : ''}</dt>
            <dd title={sourceDetail(f)}>
              <span class="reference-marker" aria-hidden="true">▏</span>Nederland {valueText(f)}
              {DEFINITION_NOTES[f.indicator] && <sup>{notes.indexOf(f.indicator) + 1}</sup>}
              <span class="muted"> ({sourceText(f)})</span>
            </dd>
          </div>
        ))}
      </dl>
      <DefinitionNotes indicators={notes} />
    </div>
  );
}

/** Footnotes, numbered in the order given. */
export function DefinitionNotes({ indicators }: { indicators: string[] }) {
  if (indicators.length === 0) return null;
  return (
    <ol class="footnotes muted" data-reference-notes>
      {indicators.map((ind) => (
        <li key={ind}>{DEFINITION_NOTES[ind]}</li>
      ))}
    </ol>
  );
}

/**
 * The Nederland row of a gemeente comparison: CBS's per_1000 of this segment where CBS has one
 * (its other columns are Koersbord's own counts and stay empty).
 */
export function withNederland(rows: GemeenteComparisonRow[], figures: readonly ReferenceFigure[], segment: string): GemeenteComparisonRow[] {
  const m = nationalFigure(figures, 'per_1000', segment);
  if (!m) return rows;
  const none = { value: null, suppressed: false };
  return [
    ...rows,
    {
      gemeente_code: NEDERLAND,
      naam: `Nederland (${sourceText(m.figure)})`,
      clients: none,
      per_1000: { value: m.figure.value, suppressed: false },
      clients_previous_year: none,
      clients_change_pct: null,
      measure: null,
      measure_value: none,
      target: null,
      status: null,
      provisional: m.figure.provisional,
      coverage: 100,
    } as GemeenteComparisonRow,
  ];
}

/** A Nederland column for a table of rows that each belong to a segment. */
export function nederlandColumn<T>(figures: readonly ReferenceFigure[], segmentOf: (row: T) => string): Column<T> {
  const figure = (row: T) => nationalFigure(figures, 'per_1000', segmentOf(row))?.figure ?? null;
  // One source for the whole column goes in its header, so the cells hold only the figure and
  // a twelve-column comparison still fits 1280 px; several sources are said per cell.
  const sources = [...new Set(figures.filter((f) => f.indicator === 'per_1000' && f.segment in ROW_LABELS).map(sourceText))];
  const oneSource = sources.length === 1 ? sources[0] : null;
  return {
    key: 'per_1000_nl',
    label: `Per 1.000 jeugdigen (Nederland, ${oneSource ?? 'CBS'})`,
    kind: 'number',
    decimals: 1,
    value: (r) => figure(r)?.value ?? null,
    render: (r) => {
      const f = figure(r);
      return f ? (oneSource ? valueText(f) : `${valueText(f)} (${sourceText(f)})`) : '–';
    },
  };
}

/** Says, under a table with a Nederland row or column, what CBS counts. */
export function NederlandFootnote({ figures, segments }: { figures: readonly ReferenceFigure[]; segments: string[] }) {
  if (!segments.some((s) => nationalFigure(figures, 'per_1000', s))) return null;
  return (
    <p class="muted footnote" data-reference-notes>
      Nederland: {DEFINITION_NOTES.per_1000}
    </p>
  );
}
