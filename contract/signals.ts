/**
 * What moved (docs/signals.md): signals the engine raises from the data, ranked, each with the
 * figure, what it was compared with and why, in Dutch. Shared by the engine, the API and the web.
 */
import { z } from 'zod';
import { Month, Period, ReportingRow, ScopeCode } from './domain.ts';
import { Year } from './queries.ts';

/**
 * - `doelpad`: kosten above the target path to date, by the most euros;
 * - `trendbreuk`: the latest month outside the control limits of its seasonal residual;
 * - `landelijk`: a share far from the national reference;
 * - `bijdrage`: a gemeente that contributes most to a change of the region's kosten.
 */
export const SignalKind = z.enum(['doelpad', 'trendbreuk', 'landelijk', 'bijdrage']);
export type SignalKind = z.infer<typeof SignalKind>;

export const SignalsQuery = z.strictObject({
  year: Year,
  /** The region (default): every gemeente the reader may see and the region; a gemeente: that gemeente only. */
  scope: ScopeCode.default('REGIO'),
  peilmaand: Month.optional(),
});
export type SignalsQuery = z.input<typeof SignalsQuery>;

export const Signal = z.object({
  kind: SignalKind,
  segment: ReportingRow,
  gemeente_code: ScopeCode,
  period: Period,
  /** The export's indicator name (`kosten`, `instroom`, `gezinsgericht_pct`, …). */
  indicator: z.string(),
  /** How far over its kind's threshold (1 = at the threshold): comparable across kinds, so the list is one ranking. */
  score: z.number(),
  /** The figure and what it was compared with (the target, the expected value, the national figure, the region's change). */
  value: z.number().nullable(),
  comparison: z.number().nullable(),
  reason: z.string(),
});
export type Signal = z.infer<typeof Signal>;

export const SignalsAnswer = z.object({
  year: z.number().int(),
  /** The peilmaand the figures are as known at. */
  peilmaand: Month.nullable(),
  signals: z.array(Signal),
});
export type SignalsAnswer = z.infer<typeof SignalsAnswer>;
