/**
 * The figure routes' questions and answers, stated once. The server takes each route's query
 * schema as its querystring schema and its response schema as its reply schema; the engine
 * takes the queries' input form as its parameter types and parses them itself; the web builds
 * its URLs from the same input form, so a URL's parameters and the type of its answer are tied
 * through `FIGURE_ROUTES`.
 *
 * Queries are strict: an extra parameter (say `unsuppressed`) is refused, not silently
 * ignored, so nobody can believe they found a way around suppression.
 */
import { z } from 'zod';
import { RegionInfo } from './api.ts';
import { Grain, IndicatorId, Month, ReportingRow, ScopeCode } from './domain.ts';
import {
  CompletenessCell,
  GemeenteComparisonRow,
  IndicatorValue,
  OverviewCard,
  PeriodsInfo,
  ProviderValue,
  ReferrerRow,
  SeriesPoint,
  SubsegmentRow,
} from './indicators.ts';

/** A querystring carries text; the coerced input is typed as the number a caller passes. */
export const Year = z.coerce.number<number>().int().min(2000).max(2100);
/** `YYYY` for a yearly series, `YYYY-MM` for a monthly one. */
export const Bound = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'grens als JJJJ of JJJJ-MM');
export const Agb = z.string().regex(/^\d{8}$/, 'AGB-code van 8 cijfers');

export const ValuesQuery = z.strictObject({ year: Year, grain: Grain.default('year') });

export const OverviewQuery = z.strictObject({
  year: Year,
  scope: ScopeCode.default('REGIO'),
  /** Year to date up to and including this month (`YYYY-MM` within `year`); default the newest delivered month of that year. */
  month: Month.optional(),
});

export const SeriesQuery = z.strictObject({
  segment: ReportingRow,
  scope: ScopeCode.default('REGIO'),
  indicator: IndicatorId,
  grain: Grain.default('month'),
  /** Inclusive bounds: `YYYY` for years, `YYYY-MM` for months; default all available. */
  from: Bound.optional(),
  to: Bound.optional(),
});

export const ComparisonQuery = z.strictObject({ segment: ReportingRow, year: Year });

/** Subsegments and referrers of a row: the same question, two breakdowns. */
export const BreakdownQuery = z.strictObject({ segment: ReportingRow, scope: ScopeCode.default('REGIO'), year: Year, grain: Grain.default('year') });
export const SubsegmentsQuery = BreakdownQuery;
export const ReferrersQuery = BreakdownQuery;

export const ProvidersQuery = z.strictObject({ year: Year, grain: Grain.default('year'), segment: ReportingRow.optional() });

/** The provider is in the path (`/providers/:agb/series`), the rest in the querystring. */
export const ProviderParams = z.strictObject({ agb: Agb });
export const ProviderSeriesQuery = SeriesQuery.omit({ scope: true });
/** What the engine is asked for one provider's series: path and querystring together. */
export const ProviderSeriesRequest = ProviderSeriesQuery.extend(ProviderParams.shape);

export const CompletenessQuery = z.strictObject({
  /** Inclusive months `YYYY-MM`; default the whole delivered range. */
  from: Month.optional(),
  to: Month.optional(),
});

/** What a caller may pass (defaults optional); the engine and the route work on the parsed form. */
export type ValuesQuery = z.input<typeof ValuesQuery>;
export type OverviewQuery = z.input<typeof OverviewQuery>;
export type SeriesQuery = z.input<typeof SeriesQuery>;
export type ComparisonQuery = z.input<typeof ComparisonQuery>;
export type SubsegmentsQuery = z.input<typeof SubsegmentsQuery>;
export type ReferrersQuery = z.input<typeof ReferrersQuery>;
export type ProvidersQuery = z.input<typeof ProvidersQuery>;
export type ProviderSeriesQuery = z.input<typeof ProviderSeriesRequest>;
export type CompletenessQuery = z.input<typeof CompletenessQuery>;

/** Every figure route: its query (none: the route takes no querystring), path parameters and answer. */
export const FIGURE_ROUTES = {
  '/region': { response: RegionInfo },
  '/periods': { response: PeriodsInfo },
  '/values': { query: ValuesQuery, response: z.array(IndicatorValue) },
  '/overview': { query: OverviewQuery, response: z.array(OverviewCard) },
  '/series': { query: SeriesQuery, response: z.array(SeriesPoint) },
  '/comparison': { query: ComparisonQuery, response: z.array(GemeenteComparisonRow) },
  '/subsegments': { query: SubsegmentsQuery, response: z.array(SubsegmentRow) },
  '/referrers': { query: ReferrersQuery, response: z.array(ReferrerRow) },
  '/providers': { query: ProvidersQuery, response: z.array(ProviderValue) },
  '/providers/:agb/series': { params: ProviderParams, query: ProviderSeriesQuery, response: z.array(SeriesPoint) },
  '/deliveries/completeness': { query: CompletenessQuery, response: z.array(CompletenessCell) },
} as const;
export type FigureRoutes = typeof FIGURE_ROUTES;
export type FigurePath = keyof FigureRoutes;
