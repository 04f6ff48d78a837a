/**
 * The annual PDCA report (jaarrapport): one payload per (year, scope), assembled by the
 * server from the indicator engine's suppressed API and the duiding repository. The web's
 * report view only formats and draws it; the PDF is that view printed by Chromium.
 */
import { z } from 'zod';
import { Budget } from './budget.ts';
import { Action, Duiding, Duidingssessie } from './api.ts';
import { DecompositionAnswer } from './decomposition.ts';
import { IndicatorId, Month, ReportingRow, ScopeCode, TargetStatus } from './domain.ts';
import { CompletenessCell, GemeenteComparisonRow, OverviewCard, SeriesPoint, TargetMeasure } from './indicators.ts';
import { ReferenceFigure } from './reference.ts';

export const ReportQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  /** A gemeente of the region, or the whole region (default). */
  scope: ScopeCode.default('REGIO'),
  /** The figures as known at the end of this month (`YYYY-MM`); default the newest delivered month. */
  peilmaand: Month.optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

/** One of the three main signals of the summary: a target row and how far it is off. */
export const ReportSignal = z.object({
  segment: ReportingRow,
  measure: TargetMeasure,
  value: z.number(),
  target: z.number(),
  /** (value − target) / target × 100: positive is above the target path (worse). */
  difference_pct: z.number(),
  status: TargetStatus,
});
export type ReportSignal = z.infer<typeof ReportSignal>;

/** Yearly figures of one reporting row (the Do chapter). */
export const ReportYearSeries = z.object({
  segment: ReportingRow,
  clients: z.array(SeriesPoint),
  instroom: z.array(SeriesPoint),
  uitstroom: z.array(SeriesPoint),
  kosten: z.array(SeriesPoint),
  /** The steering figures beside the volumes: euros per client, share ended volgens plan, share of returns. */
  kosten_per_client: z.array(SeriesPoint),
  einde_volgens_plan_pct: z.array(SeriesPoint),
  herinstroom_pct: z.array(SeriesPoint),
});
export type ReportYearSeries = z.infer<typeof ReportYearSeries>;

/** One target row of the Check chapter. */
export const ReportCheckSegment = z.object({
  segment: ReportingRow,
  measure: TargetMeasure,
  /** The report year's months of the target measure, with the target path and band. */
  months: z.array(SeriesPoint),
  /** Gemeenten side by side (every gemeente the reader may see; a gemeente report highlights its own). */
  comparison: z.array(GemeenteComparisonRow),
  /** Why the row's kosten changed against the year before, over the same months (docs/decomposition.md). */
  decomposition: DecompositionAnswer,
  /** Duiding recorded on this row for the report year (the year or one of its months). */
  duiding: z.array(Duiding),
});
export type ReportCheckSegment = z.infer<typeof ReportCheckSegment>;

/**
 * A figure of the report's scope beside the national one (docs/reference.md), where the
 * definitions meet: the same indicator of the same reporting row.
 */
export const ReportNationalLine = z.object({
  segment: ReportingRow,
  indicator: IndicatorId,
  /** The scope's year figure; null when undefined or hidden. */
  value: z.number().nullable(),
  suppressed: z.boolean(),
  reference: ReferenceFigure,
});
export type ReportNationalLine = z.infer<typeof ReportNationalLine>;

/** A verbetervoorstel with the actions that follow from it (the Act chapter). */
export const ReportProposal = z.object({
  proposal: Duiding,
  actions: z.array(Action),
});
export type ReportProposal = z.infer<typeof ReportProposal>;

export const ReportPayload = z.object({
  region: z.object({ id: z.string(), name: z.string() }),
  year: z.number().int(),
  scope: ScopeCode,
  scope_name: z.string(),
  /** The region's gemeenten the reader may see (all, or a limited account's own). */
  gemeenten: z.array(z.object({ code: z.string(), name: z.string() })),
  /** Year to date up to and including this month (December for a complete year). */
  month: Month,
  generated_at: z.string(),
  data_version: z.number().int(),
  duiding_version: z.number().int(),
  /** Newest month for which any gemeente delivered toewijzingen. */
  latest_month: Month.nullable(),
  /** The peilmaand of the report's figures: only deliveries up to it count (the cover's "Stand van de gegevens"). */
  peilmaand: Month.nullable(),
  /**
   * The appendix's last month: December of the report year, or the peilmaand (or the month the
   * report was made) when that lies before it; a later month has not happened or been delivered yet, it is not missing.
   */
  completeness_until: Month,
  baseline_year: z.number().int(),
  status_band: z.number(),
  privacy_threshold: z.number().int(),
  trajectory_gap_days: z.number().int(),
  /** herinstroom_pct counts a start within this many days of the previous trajectory's end. */
  return_window_days: z.number().int(),
  /** A service month's spend stays provisional until claims up to this many months later are in. */
  provisional_lag_months: z.number().int(),
  targets: z.array(z.object({ segment: ReportingRow, measure: TargetMeasure, reduction: z.number() })),
  /** Summary and Plan: one card per reporting row (value, target, savings), as the overview. */
  cards: z.array(OverviewCard),
  signals: z.array(ReportSignal),
  /** Do: yearly figures per reporting row, every year in the store up to the report year. */
  years: z.array(ReportYearSeries),
  /** Do: the report year's monthly clients per reporting row. */
  monthly_clients: z.array(z.object({ segment: ReportingRow, points: z.array(SeriesPoint) })),
  check: z.array(ReportCheckSegment),
  /** Do: the scope's budget against its forecast (a gemeente's own, or the region's sum of the gemeenten with a budget). */
  budget: Budget,
  /** Do and Check: the scope's figures beside the national reference (CBS). */
  national: z.array(ReportNationalLine),
  /** Sessions that the report's duiding came from. */
  sessions: z.array(Duidingssessie),
  act: z.array(ReportProposal),
  /** Appendix: delivery state per gemeente (the reader's) × month of the report year up to `completeness_until`. */
  completeness: z.array(CompletenessCell),
});
export type ReportPayload = z.infer<typeof ReportPayload>;
