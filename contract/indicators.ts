/**
 * Indicator output shapes: what indicators/ returns and the API serves. The web formats
 * these; it never computes an indicator itself.
 */
import { z } from 'zod';
import { IndicatorId, Period, ReportingRow, ScopeCode, TargetStatus } from './domain.ts';

/** One (row, gemeente, period, indicator): the long form of every figure (see the spec's export). */
export const IndicatorValue = z.object({
  segment: ReportingRow,
  gemeente_code: ScopeCode,
  period: Period,
  indicator: IndicatorId,
  /** null when undefined (a share or mean of nothing) or suppressed. */
  value: z.number().nullable(),
  /** A person count of 1..threshold-1 (or its secondary partner) below region level: shown as `<5`. */
  suppressed: z.boolean(),
  target: z.number().nullable(),
  status: TargetStatus.nullable(),
  provisional: z.boolean(),
  /** Share (0–100) of the scope's 0–17 population in gemeenten that delivered every month of the period. */
  coverage: z.number(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;
