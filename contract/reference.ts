/**
 * The national reference (docs/reference.md): figures from CBS StatLine, or cited from CBS by
 * the Prioritaire Agenda, beside which Koersbord shows its own. One figure per indicator,
 * segment, year and area, with its source. Shared by the store, the CLI, the API and the web.
 */
import { z } from 'zod';
import { Year } from './queries.ts';

/**
 * Indicator names of the export (docs/indicators.md), plus two that CBS and the Agenda report
 * and the export has as parts: `verwijzer_gemeente_gi` (gemeentelijke toegang and GI together)
 * and `kosten_groei_pct` (growth of the costs on the year before, in %).
 */
export const ReferenceIndicator = z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, 'indicator in de namen van de export');
/** A reporting row of the export, or `alle` (every jeugdhulp trajectory: CBS's total). */
export const ReferenceSegment = z.string().regex(/^[a-z][a-z_]{1,40}$/, 'segment in de namen van de export, of alle');
export const ALL_SEGMENTS = 'alle' as const;
/** `NL` for the country; otherwise a CBS region code as CBS writes it (GM0153, PV23, ...). */
export const ReferenceArea = z.string().regex(/^[A-Z]{2}[0-9A-Z]{0,6}$/, 'gebied als NL of een CBS-regiocode');

export const ReferenceFigure = z.object({
  indicator: ReferenceIndicator,
  segment: ReferenceSegment,
  year: z.number().int(),
  area: ReferenceArea,
  value: z.number(),
  /** CBS table id (85098NED), or PA-B1 for the Prioritaire Agenda's Bijlage 1. */
  source_table: z.string(),
  source_title: z.string(),
  /** The column key(s) of the table the value was read or derived from. */
  source_column: z.string(),
  provisional: z.boolean(),
  /** UTC, ISO 8601. */
  retrieved_at: z.string(),
});
export type ReferenceFigure = z.infer<typeof ReferenceFigure>;

export const ReferenceQuery = z.strictObject({
  year: Year,
  indicator: ReferenceIndicator.optional(),
  segment: ReferenceSegment.optional(),
});
export type ReferenceQuery = z.input<typeof ReferenceQuery>;

/**
 * The reference of one year: per (indicator, segment, area) the figure of the newest source,
 * CBS's own tables before the Agenda's citation of them. `year` is the year asked; a figure's
 * own `year` may be earlier when the source has nothing newer (CBS's 13.9 % is of 2023).
 */
export const ReferenceAnswer = z.object({ year: z.number().int(), figures: z.array(ReferenceFigure) });
export type ReferenceAnswer = z.infer<typeof ReferenceAnswer>;

/** The Agenda's citation of CBS, shipped with the default region. */
export const AGENDA_SOURCE = { table: 'PA-B1', title: 'Prioritaire Agenda, Bijlage 1, uit CBS' } as const;
