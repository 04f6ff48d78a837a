/**
 * The figure routes' questions and answers, stated once. The server takes each route's query
 * schema as its querystring schema and its response schema as its reply schema; the engine
 * takes the queries' input form (`FigureQuery`) as its parameter types and parses them itself,
 * and checks its answers with the response schemas (`FigureAnswer`); the web builds
 * its URLs from the same input form, so a URL's parameters and the type of its answer are tied
 * through `FIGURE_ROUTES`.
 *
 * Queries are strict: an extra parameter (say `unsuppressed`) is refused, not silently
 * ignored, so nobody can believe they found a way around suppression.
 */
import { z } from 'zod';
import { RegionInfo } from './api.ts';
import { Budget } from './budget.ts';
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

/**
 * Every figure can be asked as known at the end of a month (the peilmaand): only deliveries
 * with `periode` up to it count. Default: the newest delivered month (all data).
 */
const AsOf = { peilmaand: Month.optional() };

export const PeriodsQuery = z.strictObject(AsOf);

export const ValuesQuery = z.strictObject({ year: Year, grain: Grain.default('year'), ...AsOf });

/** Year to date up to and including this month (`YYYY-MM` within `year`); default the newest delivered month of that year. */
const ToMonth = { month: Month.optional() };

export const OverviewQuery = z.strictObject({
  year: Year,
  scope: ScopeCode.default('REGIO'),
  ...ToMonth,
  ...AsOf,
});

export const SeriesQuery = z.strictObject({
  segment: ReportingRow,
  scope: ScopeCode.default('REGIO'),
  indicator: IndicatorId,
  grain: Grain.default('month'),
  /** Inclusive bounds: `YYYY` for years, `YYYY-MM` for months; default all available. */
  from: Bound.optional(),
  to: Bound.optional(),
  ...AsOf,
});

/**
 * The gemeenten of a row over the same months as the card: the year to date (default up to the
 * region's newest delivered month of the year) against the target of those months; a year
 * whose twelve months are delivered keeps its year figures and year target.
 */
export const ComparisonQuery = z.strictObject({ segment: ReportingRow, year: Year, ...ToMonth, ...AsOf });

/** Subsegments and referrers of a row: the same question, two breakdowns. */
export const BreakdownQuery = z.strictObject({ segment: ReportingRow, scope: ScopeCode.default('REGIO'), year: Year, grain: Grain.default('year'), ...AsOf });
export const SubsegmentsQuery = BreakdownQuery;
export const ReferrersQuery = BreakdownQuery;

/**
 * With `month`: clients, instroom and kosten of months 1 … that month of `year` (period stays the
 * year), so this year and last year can be compared over the same months.
 */
export const ProvidersQuery = z.strictObject({ year: Year, grain: Grain.default('year'), segment: ReportingRow.optional(), ...ToMonth, ...AsOf });

/** The provider is in the path (`/providers/:agb/series`), the rest in the querystring. */
export const ProviderParams = z.strictObject({ agb: Agb });
export const ProviderSeriesQuery = SeriesQuery.omit({ scope: true });
/** What the engine is asked for one provider's series: path and querystring together. */
export const ProviderSeriesRequest = ProviderSeriesQuery.extend(ProviderParams.shape);

export const CompletenessQuery = z.strictObject({
  /** Inclusive months `YYYY-MM`; default the whole delivered range. */
  from: Month.optional(),
  to: Month.optional(),
  ...AsOf,
});

/** A gemeente's budget against its forecast, or (`REGIO`) the sum of the gemeenten with a budget. */
export const BudgetQuery = z.strictObject({ year: Year, gemeente: ScopeCode, ...AsOf });

/** What the engine is asked for one provider's series (the other questions: `FigureQuery`). */
export type ProviderSeriesRequest = z.input<typeof ProviderSeriesRequest>;

/** Every figure route: its query (none: the route takes no querystring), path parameters and answer. */
export const FIGURE_ROUTES = {
  '/region': { response: RegionInfo },
  '/periods': { query: PeriodsQuery, response: PeriodsInfo },
  '/values': { query: ValuesQuery, response: z.array(IndicatorValue) },
  '/overview': { query: OverviewQuery, response: z.array(OverviewCard) },
  '/series': { query: SeriesQuery, response: z.array(SeriesPoint) },
  '/comparison': { query: ComparisonQuery, response: z.array(GemeenteComparisonRow) },
  '/subsegments': { query: SubsegmentsQuery, response: z.array(SubsegmentRow) },
  '/referrers': { query: ReferrersQuery, response: z.array(ReferrerRow) },
  '/providers': { query: ProvidersQuery, response: z.array(ProviderValue) },
  '/providers/:agb/series': { params: ProviderParams, query: ProviderSeriesQuery, response: z.array(SeriesPoint) },
  '/deliveries/completeness': { query: CompletenessQuery, response: z.array(CompletenessCell) },
  '/budget': { query: BudgetQuery, response: Budget },
} as const;
export type FigureRoutes = typeof FIGURE_ROUTES;
export type FigurePath = keyof FigureRoutes;

/** The figure routes that take a querystring. */
export type FigureQueryPath = { [P in FigurePath]: FigureRoutes[P] extends { query: z.ZodType } ? P : never }[FigurePath];
/** What a caller may ask a figure route (defaults optional). */
export type FigureQuery<P extends FigureQueryPath> = FigureRoutes[P] extends { query: infer S extends z.ZodType } ? z.input<S> : never;
/** What a figure route answers. */
export type FigureAnswer<P extends FigurePath> = z.output<FigureRoutes[P]['response']>;
