/**
 * Indicator output shapes: what indicators/ returns and the API serves. The web formats
 * these; it never computes an indicator itself.
 */
import { z } from 'zod';
import { GemeenteCode, IndicatorId, Month, Period, ReportingRow, ScopeCode, TargetStatus } from './domain.ts';

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

/** A person count or figure that may be hidden below region level. */
export const Cell = z.object({
  value: z.number().nullable(),
  suppressed: z.boolean(),
});
export type Cell = z.infer<typeof Cell>;

/** What the store holds: the years and months that can be asked for. */
export const PeriodsInfo = z.object({
  years: z.array(z.number().int()),
  months: z.array(Month),
  /** Newest month for which any gemeente delivered toewijzingen. */
  latest_month: Month.nullable(),
  baseline_year: z.number().int(),
  /** The peilmaand these figures are as known at: the one asked for, else the newest delivered month. */
  peilmaand: Month.nullable(),
  /** The newest month of any toewijzingen or declaraties delivery: the default peilmaand. */
  newest_peilmaand: Month.nullable(),
});
export type PeriodsInfo = z.infer<typeof PeriodsInfo>;

export const TargetMeasure = z.enum(['kosten', 'instroom']);
export type TargetMeasure = z.infer<typeof TargetMeasure>;

/** One point of a monthly or yearly series, with the target path and its status band. */
export const SeriesPoint = z.object({
  period: Period,
  value: z.number().nullable(),
  suppressed: z.boolean(),
  /** Target for this point: target(y) for a year; target(y) spread by the baseline's seasonality for a month. */
  target: z.number().nullable(),
  /** Upper edge of the `aandacht` band: target × (1 + band). */
  target_upper: z.number().nullable(),
  /** Months only: cumulative value and in-year target up to and including this month. */
  value_ytd: z.number().nullable(),
  target_ytd: z.number().nullable(),
  status: TargetStatus.nullable(),
  provisional: z.boolean(),
  coverage: z.number(),
  /**
   * In-year estimate of late data (docs/nowcast.md), for the measures that have one
   * (kosten, instroom, clients): `mature` false while the point's figures are still expected
   * to grow; then `estimate` is what it is expected to turn out to be, with an 80 % interval.
   * On mature points the estimate fields are null (the value is final as far as known).
   */
  mature: z.boolean(),
  estimate: z.number().nullable(),
  estimate_low: z.number().nullable(),
  estimate_high: z.number().nullable(),
  /** Months only: cumulative value with not yet mature months estimated. */
  estimate_ytd: z.number().nullable(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;
export { NOT_ESTIMATED } from './notEstimated.ts';

/** Target block of an overview card (rows with a target only). */
export const CardTarget = z.object({
  measure: TargetMeasure,
  baseline_year: z.number().int(),
  /** m(B): the measure in the baseline year. */
  baseline_value: z.number().nullable(),
  /** m_ytd(y, k) */
  value_ytd: z.number().nullable(),
  /** target(y) × m_ytd(B, k) / m(B) */
  target_ytd: z.number().nullable(),
  status_ytd: TargetStatus.nullable(),
  /** target(y) */
  target_year: z.number().nullable(),
  /** m_ytd(y, k) × m(B) / m_ytd(B, k) */
  forecast: z.number().nullable(),
  forecast_status: TargetStatus.nullable(),
  /** Euro measures only: m_ytd(B, k) − m_ytd(y, k) against m_ytd(B, k) − target_ytd. */
  savings_ytd: z.number().nullable(),
  planned_savings_ytd: z.number().nullable(),
  /** Euro measures only: m(B) − forecast against the plan m(B) − target(y). */
  savings_forecast: z.number().nullable(),
  planned_savings: z.number().nullable(),
  /**
   * The in-year estimate (docs/nowcast.md). `estimated_ytd`: m_ytd with not yet mature months
   * estimated, with its 80 % interval; `status_ytd`, `forecast` and the savings then rest on
   * it, and `estimate_based` says so while any month in it is not mature. `plain_forecast`
   * is the plain formula on raw figures, kept for comparison.
   */
  estimated_ytd: z.number().nullable(),
  estimated_ytd_low: z.number().nullable(),
  estimated_ytd_high: z.number().nullable(),
  forecast_low: z.number().nullable(),
  forecast_high: z.number().nullable(),
  plain_forecast: z.number().nullable(),
  estimate_based: z.boolean(),
});
export type CardTarget = z.infer<typeof CardTarget>;

/** One card per reporting row on the overview, for a scope, year to date up to `month`. */
export const OverviewCard = z.object({
  segment: ReportingRow,
  gemeente_code: ScopeCode,
  year: z.number().int(),
  /** The last month included (year to date). */
  month: Month,
  clients_ytd: Cell,
  instroom_ytd: Cell,
  kosten_ytd: z.number().nullable(),
  /**
   * The in-year estimate to date of kosten and instroom (docs/nowcast.md): observed plus what
   * is still expected to arrive, for every row whatever its target measure; equal to
   * `target.estimated_ytd` where the target is on that measure. Null where the observed figure
   * is null; `instroom_estimated_ytd` also wherever `instroom_ytd` is hidden.
   */
  kosten_estimated_ytd: z.number().nullable(),
  instroom_estimated_ytd: z.number().nullable(),
  target: CardTarget.nullable(),
  provisional: z.boolean(),
  coverage: z.number(),
  /** The gemeenten (of this scope) that delivered toewijzingen for every month up to `month`; below 100 % coverage the card is incomplete. */
  covered_gemeenten: z.array(GemeenteCode),
  /** Monthly values of the target measure (kosten for rows without a target) for a sparkline. */
  months: z.array(SeriesPoint),
});
export type OverviewCard = z.infer<typeof OverviewCard>;

/** One gemeente (or REGIO) in the comparison table of a reporting row. */
export const GemeenteComparisonRow = z.object({
  gemeente_code: ScopeCode,
  naam: z.string(),
  clients: Cell,
  per_1000: Cell,
  clients_previous_year: Cell,
  /** Change in clients against the previous year, in percent; null when either side is hidden or zero. */
  clients_change_pct: z.number().nullable(),
  measure: TargetMeasure.nullable(),
  measure_value: Cell,
  target: z.number().nullable(),
  status: TargetStatus.nullable(),
  provisional: z.boolean(),
  coverage: z.number(),
});
export type GemeenteComparisonRow = z.infer<typeof GemeenteComparisonRow>;

/** Clients and costs per subsegment (pleegzorg, gezinshuis, ...) of a reporting row. */
export const SubsegmentRow = z.object({
  segment: ReportingRow,
  subsegment: z.string(),
  gemeente_code: ScopeCode,
  period: Period,
  clients: Cell,
  kosten: z.number(),
  provisional: z.boolean(),
});
export type SubsegmentRow = z.infer<typeof SubsegmentRow>;

export const ReferrerGroup = z.enum(['gemeente', 'huisarts', 'gi', 'medisch', 'overig']);
export type ReferrerGroup = z.infer<typeof ReferrerGroup>;

/** Instroom of a reporting row by the referrer group of each trajectory's first toewijzing. */
export const ReferrerRow = z.object({
  segment: ReportingRow,
  gemeente_code: ScopeCode,
  period: Period,
  group: ReferrerGroup,
  instroom: Cell,
  /** Share of the row's instroom (0–100); null when hidden or undefined. */
  share: z.number().nullable(),
});
export type ReferrerRow = z.infer<typeof ReferrerRow>;

/** The provider scope: the same long form per `aanbieder_agb` over the whole region. */
export const ProviderValue = IndicatorValue.omit({ gemeente_code: true, target: true, status: true }).extend({
  aanbieder_agb: z.string(),
  aanbieder_naam: z.string().nullable(),
});
export type ProviderValue = z.infer<typeof ProviderValue>;

/**
 * `not_due`: a quarterly gemeente's month whose quarter delivery is not due yet at the
 * peilmaand (or the newest delivery); unlike `missing`, nobody could have delivered it.
 */
export const DeliveryState = z.enum(['delivered', 'corrected', 'missing', 'not_due']);
export type DeliveryState = z.infer<typeof DeliveryState>;

/** One gemeente × month of the completeness grid. */
export const CompletenessCell = z.object({
  gemeente_code: GemeenteCode,
  month: Month,
  /** toewijzingen: delivered (a quarterly delivery for all three months), corrected (an earlier delivery was replaced), missing or not due yet. */
  toewijzingen: DeliveryState,
  declaraties: DeliveryState,
  /** Costs of this service month are provisional; null when the gemeente never delivered claims. */
  provisional: z.boolean().nullable(),
  /** One word for the grid, by precedence missing, not_due > corrected > provisional > delivered. */
  state: z.enum(['delivered', 'corrected', 'missing', 'not_due', 'provisional']),
});
export type CompletenessCell = z.infer<typeof CompletenessCell>;

/** The measures the in-year estimate learns a lag pattern for. */
export const NowcastMeasure = z.enum(['kosten', 'instroom', 'clients']);
export type NowcastMeasure = z.infer<typeof NowcastMeasure>;

/**
 * A learnt lag pattern (development): the cumulative share of a service month's eventual
 * figure known after 0, 1, 2, … months, for one scope × reporting row × measure. `source`
 * says whether the scope's own history was long enough (`eigen`) or the region's pattern was
 * taken (`regio`).
 */
export const LagPattern = z.object({
  gemeente_code: ScopeCode,
  segment: ReportingRow,
  measure: NowcastMeasure,
  source: z.enum(['eigen', 'regio']),
  /** shares[i]: share known after i months (0–1, non-decreasing, the last 1). */
  shares: z.array(z.number()),
  /** Months after which a service month is taken as final. */
  mature_after: z.number().int(),
  /** For a gemeente that delivers per quarter: the month within the quarter (1–3) this pattern is for; null otherwise. */
  phase: z.number().int().min(1).max(3).nullable(),
});
export type LagPattern = z.infer<typeof LagPattern>;

/** How far one month of a scope's row has developed at the peilmaand. */
export const MonthMaturity = z.object({
  gemeente_code: ScopeCode,
  segment: ReportingRow,
  measure: NowcastMeasure,
  month: Month,
  /** Share of its final figure expected to be known by now (0–1). */
  share_known: z.number(),
  mature: z.boolean(),
});
export type MonthMaturity = z.infer<typeof MonthMaturity>;

/** The learnt lag patterns and the maturity of each month of the peilmaand's year (docs/nowcast.md). */
export const NowcastPatterns = z.object({
  peilmaand: Month.nullable(),
  patterns: z.array(LagPattern),
  maturity: z.array(MonthMaturity),
});
export type NowcastPatterns = z.infer<typeof NowcastPatterns>;

/** One row of `indicators -- forecast` (and its API twin): the year-end forecast on the estimate. */
export const ForecastRow = z.object({
  segment: ReportingRow,
  gemeente_code: ScopeCode,
  as_of: Month,
  measure: TargetMeasure,
  observed_ytd: z.number().nullable(),
  estimated_ytd: z.number().nullable(),
  forecast: z.number().nullable(),
  forecast_low: z.number().nullable(),
  forecast_high: z.number().nullable(),
  target: z.number().nullable(),
  status: TargetStatus.nullable(),
  /** A person count below region level of 1..threshold-1: shown as `<5`. */
  suppressed: z.boolean(),
});
export type ForecastRow = z.infer<typeof ForecastRow>;
