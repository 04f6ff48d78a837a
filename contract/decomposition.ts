/**
 * Why a cost figure changed (docs/decomposition.md): the change in `kosten` of one reporting
 * row and scope against a comparison year, split into a volume effect (more or fewer
 * clients) and an intensity effect (higher or lower kosten per client) by the log-mean
 * Divisia index (LMDI), which leaves no remainder: `interaction_eur` is always 0 and
 * `volume_eur + intensity_eur = change_eur` to the cent. For the region also which gemeenten
 * and which subsegments the change came from. Shared by the engine, the API and the web.
 */
import { z } from 'zod';
import { GemeenteCode, Month, ReportingRow, ScopeCode } from './domain.ts';
import { Cell } from './indicators.ts';
import { Agb, Year } from './queries.ts';

/** Against the year before, or against the plan's baseline year. */
export const DecompositionComparison = z.enum(['previous', 'baseline']);
export type DecompositionComparison = z.infer<typeof DecompositionComparison>;

export const DecompositionQuery = z.strictObject({
  segment: ReportingRow,
  /** A gemeente, the region (`REGIO`) or a provider (AGB code). */
  scope: z.union([ScopeCode, Agb]).default('REGIO'),
  year: Year,
  compare: DecompositionComparison.default('previous'),
  /** Year to date up to and including this month; default the region's newest delivered month of the year. */
  month: Month.optional(),
  peilmaand: Month.optional(),
});
export type DecompositionQuery = z.input<typeof DecompositionQuery>;

/** The effects of one change, in euros (2 decimals) and in % of the comparison year's kosten (1 decimal). */
export const Effects = z.object({
  change_eur: z.number().nullable(),
  change_pct: z.number().nullable(),
  /** null when the split cannot be made or is hidden: `note` says why. */
  volume_eur: z.number().nullable(),
  volume_pct: z.number().nullable(),
  intensity_eur: z.number().nullable(),
  intensity_pct: z.number().nullable(),
  /** Always 0: the log-mean Divisia split leaves no remainder. */
  interaction_eur: z.number(),
});
export type Effects = z.infer<typeof Effects>;

/** One gemeente's part in the region's change: its own change, and that as a share of the region's. */
export const GemeenteContribution = Effects.extend({
  gemeente_code: GemeenteCode,
  naam: z.string(),
  kosten: z.number().nullable(),
  kosten_comparison: z.number().nullable(),
  /** Percentage points of the region's change in % (the parts add up to the region's change_pct). */
  contribution_pct: z.number().nullable(),
});
export type GemeenteContribution = z.infer<typeof GemeenteContribution>;

export const SubsegmentContribution = z.object({
  subsegment: z.string(),
  kosten: z.number(),
  kosten_comparison: z.number(),
  change_eur: z.number(),
  contribution_pct: z.number().nullable(),
});
export type SubsegmentContribution = z.infer<typeof SubsegmentContribution>;

export const DecompositionAnswer = Effects.extend({
  segment: ReportingRow,
  scope: z.string(),
  year: z.number().int(),
  comparison: DecompositionComparison,
  comparison_year: z.number().int(),
  /** Months 1 … months of both years (12: whole years); up_to is the last month of `year` counted. */
  months: z.number().int().min(1).max(12),
  up_to: Month,
  kosten: z.number().nullable(),
  kosten_comparison: z.number().nullable(),
  clients: Cell,
  clients_comparison: Cell,
  /** Kosten of either year are still provisional (late claims). */
  provisional: z.boolean(),
  /** Why the split is empty (Dutch), else null. */
  note: z.string().nullable(),
  /** REGIO only: each gemeente the reader may see, largest change first. */
  gemeenten: z.array(GemeenteContribution),
  /** Area scopes: each subsegment of the row, largest change first. */
  subsegmenten: z.array(SubsegmentContribution),
});
export type DecompositionAnswer = z.infer<typeof DecompositionAnswer>;
