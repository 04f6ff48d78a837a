/**
 * The national reference on screen (docs/reference.md): which CBS figure meets which of ours,
 * how its source reads, and where the definitions differ. Pure functions: the views only draw.
 */
import type { ReferenceFigure } from '../../contract/reference.ts';
import type { ReportNationalLine, ReportPayload } from '../../contract/report.ts';
import { formatValue, type Unit } from '../charts/options.ts';
import { hiddenCount } from './format.ts';

export const NEDERLAND = 'NL';

/** What each reference indicator is called on screen and how its value reads. */
export const REFERENCE_INDICATORS: Record<string, { label: string; unit: Unit }> = {
  per_1000: { label: 'Jeugdigen in zorg per 1.000', unit: 'number' },
  crisis_start_pct: { label: 'Start vanuit crisis', unit: 'percent' },
  gezinsgericht_pct: { label: 'Gezinsgericht', unit: 'percent' },
  verwijzer_gemeente: { label: 'Verwijzer gemeentelijke toegang', unit: 'percent' },
  verwijzer_huisarts: { label: 'Verwijzer huisarts', unit: 'percent' },
  verwijzer_gi: { label: 'Verwijzer GI', unit: 'percent' },
  verwijzer_gemeente_gi: { label: 'Verwijzer gemeente en GI samen', unit: 'percent' },
  trajectduur_mean: { label: 'Gemiddelde trajectduur', unit: 'days' },
  einde_volgens_plan_pct: { label: 'Beëindigd volgens plan', unit: 'percent' },
};

/** Where CBS counts otherwise than Koersbord: said beside the figure, as a footnote. */
export const DEFINITION_NOTES: Record<string, string> = {
  per_1000: 'CBS telt jongeren met jeugdhulp in natura als aandeel van de leeftijdsgroep (jeugdreclassering: 12 tot 23 jaar); Koersbord telt cliënten per 1.000 jeugdigen van 0–17 jaar, ook met pgb wanneer de gemeente dat levert.',
  trajectduur_mean: 'CBS telt alleen trajecten in natura en meet de duur van beëindigde trajecten; Koersbord voegt toewijzingen met een korte onderbreking samen tot één traject.',
  crisis_start_pct: 'CBS telt trajecten in natura die vanuit crisis startten; Koersbord kijkt naar het product van de eerste toewijzing.',
  verwijzer_gemeente_gi: 'CBS: verwijzer van gestarte trajecten in natura; Koersbord: verwijzer van de eerste toewijzing van de instroom.',
  verwijzer_huisarts: 'CBS: verwijzer van gestarte trajecten in natura; Koersbord: verwijzer van de eerste toewijzing van de instroom.',
};

export interface ReferenceMatch {
  figure: ReferenceFigure;
  /** The figure is CBS's total over all jeugdhulp, not of this segment. */
  general: boolean;
}

/** The national figure of an indicator for a segment: its own if CBS has it, else (when allowed) CBS's total. */
export function nationalFigure(figures: readonly ReferenceFigure[], indicator: string, segment: string, { orTotal = false } = {}): ReferenceMatch | null {
  const national = figures.filter((f) => f.area === NEDERLAND && f.indicator === indicator);
  const own = national.find((f) => f.segment === segment);
  if (own) return { figure: own, general: false };
  const total = orTotal ? national.find((f) => f.segment === 'alle') : undefined;
  return total ? { figure: total, general: true } : null;
}

/** "CBS 2024, voorlopig": the source as one reads it beside a figure. */
export function sourceText(f: Pick<ReferenceFigure, 'year' | 'provisional'>): string {
  return `CBS ${f.year}${f.provisional ? ', voorlopig' : ''}`;
}

/** The whole trace, for a tooltip: table, title and column. */
export function sourceDetail(f: ReferenceFigure): string {
  return `${f.source_title} (${f.source_table}), ${f.source_column}`;
}

/** "Twente 20,7 % · Nederland 16,8 % (CBS 2024, voorlopig)" */
export function nationalLineText(r: Pick<ReportPayload, 'scope' | 'scope_name' | 'region' | 'privacy_threshold'>, line: ReportNationalLine): string {
  const unit = REFERENCE_INDICATORS[line.indicator]?.unit ?? 'number';
  const own = line.suppressed ? hiddenCount(r.privacy_threshold) : formatValue(line.value, unit);
  const name = r.scope === 'REGIO' ? r.region.name : r.scope_name;
  return `${name} ${own} · Nederland ${formatValue(line.reference.value, unit)} (${sourceText(line.reference)})`;
}
