/**
 * The indicator engine: every figure of the Sturingsplan (see ../shared/spec/indicators.md)
 * per reporting row × gemeente (or REGIO) × period, with targets, status, provisional costs,
 * delivery coverage and small-number suppression. DuckDB does the set-based work; this module
 * composes. Everything it returns is suppressed: the unsuppressed form lives in
 * `./unsuppressed.ts`, which only the local CLI imports.
 */
import type {
  CompletenessCell,
  GemeenteComparisonRow,
  IndicatorValue,
  OverviewCard,
  PeriodsInfo,
  ProviderValue,
  ReferrerRow,
  SeriesPoint,
  SubsegmentRow,
} from '../contract/indicators.ts';
import type { Grain, IndicatorId, Month, ReportingRow, ScopeCode } from '../contract/domain.ts';

export interface ValuesQuery {
  year: number;
  grain: Grain;
}

export interface OverviewQuery {
  year: number;
  scope: ScopeCode;
  /** Year to date up to and including this month (`YYYY-MM` within `year`); default the newest delivered month of that year. */
  month?: Month;
  /** The gemeenten the reader may see by name (`covered_gemeenten` names no others); default all. The figures do not change. */
  gemeenten?: readonly string[];
}

export interface SeriesQuery {
  segment: ReportingRow;
  scope: ScopeCode;
  indicator: IndicatorId;
  grain: Grain;
  /** Inclusive bounds: `YYYY` for years, `YYYY-MM` for months; default all available. */
  from?: string;
  to?: string;
}

export interface ComparisonQuery {
  segment: ReportingRow;
  year: number;
}

export interface SubsegmentsQuery {
  segment: ReportingRow;
  scope: ScopeCode;
  year: number;
  grain?: Grain;
}

export interface ReferrersQuery {
  segment: ReportingRow;
  scope: ScopeCode;
  year: number;
  grain?: Grain;
}

export interface ProvidersQuery {
  year: number;
  grain?: Grain;
  segment?: ReportingRow;
}

export interface ProviderSeriesQuery {
  agb: string;
  segment: ReportingRow;
  indicator: IndicatorId;
  grain: Grain;
  from?: string;
  to?: string;
}

export interface CompletenessQuery {
  /** Inclusive months `YYYY-MM`; default the whole delivered range. */
  from?: Month;
  to?: Month;
  /** Only the cells of these gemeenten (the reader's); default every gemeente of the region. */
  gemeenten?: readonly string[];
}

/** What the server calls. Every count below region level comes back suppressed. */
export interface IndicatorEngine {
  periods(): Promise<PeriodsInfo>;
  /** The long form of every indicator of a year (the export's rows), suppressed. */
  values(q: ValuesQuery): Promise<IndicatorValue[]>;
  overview(q: OverviewQuery): Promise<OverviewCard[]>;
  series(q: SeriesQuery): Promise<SeriesPoint[]>;
  comparison(q: ComparisonQuery): Promise<GemeenteComparisonRow[]>;
  subsegments(q: SubsegmentsQuery): Promise<SubsegmentRow[]>;
  referrers(q: ReferrersQuery): Promise<ReferrerRow[]>;
  providers(q: ProvidersQuery): Promise<ProviderValue[]>;
  providerSeries(q: ProviderSeriesQuery): Promise<SeriesPoint[]>;
  completeness(q?: CompletenessQuery): Promise<CompletenessCell[]>;
}

export { createIndicatorEngine } from './engine.ts';
export { IndicatorQueryError } from './errors.ts';
