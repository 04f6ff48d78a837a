/**
 * Shapes of the load process that cross boundaries: the ETL returns them, the server serves
 * them, the web shows them.
 */
import { z } from 'zod';
import { DeliveryKind, GemeenteCode, Month } from './domain.ts';

/** One problem in a delivery: where, which rule, what was expected, what was found. */
export const DeliveryProblem = z.object({
  file: z.string(),
  /** 1-based line in the file (the header is line 1); null for file-level problems. */
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  /** Stable rule id, e.g. `required`, `date_format`, `bsn_column`. */
  rule: z.string(),
  expected: z.string(),
  /** What the file held; never a value that may be a BSN. */
  found: z.string().nullable(),
  /** The whole problem as one Dutch sentence. */
  message: z.string(),
});
export type DeliveryProblem = z.infer<typeof DeliveryProblem>;

export const DeliveryOutcome = z.enum(['loaded', 'replaced', 'unchanged', 'rejected']);
export type DeliveryOutcome = z.infer<typeof DeliveryOutcome>;

/** The validation report of one file. */
export const DeliveryReport = z.object({
  file: z.string(),
  outcome: DeliveryOutcome,
  kind: DeliveryKind.nullable(),
  gemeente_code: GemeenteCode.nullable(),
  periode: Month.nullable(),
  rows: z.number().int().nullable(),
  delivery_id: z.number().int().nullable(),
  /** The earlier delivery this one replaced (a correction). */
  replaced_delivery_id: z.number().int().nullable(),
  /** Capped list; `problem_count` is the full count. */
  problems: z.array(DeliveryProblem),
  problem_count: z.number().int(),
  duration_ms: z.number(),
});
export type DeliveryReport = z.infer<typeof DeliveryReport>;

/** One entry of the load history. */
export const DeliveryRecord = z.object({
  delivery_id: z.number().int(),
  kind: DeliveryKind,
  gemeente_code: GemeenteCode.nullable(),
  periode: Month.nullable(),
  file_name: z.string(),
  file_hash: z.string(),
  row_count: z.number().int(),
  loaded_at: z.string(),
  loaded_by: z.string().nullable(),
  status: z.enum(['active', 'replaced']),
  replaced_by: z.number().int().nullable(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecord>;
