/**
 * Indicators and series from the indicator engine. Only the engine's suppressed API is
 * reachable here, and query objects are strict: an extra parameter (say `unsuppressed`) is a
 * 400, not silently ignored, so nobody can believe they found a way around suppression.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegionInfo } from '../../contract/api.ts';
import { Grain, IndicatorId, Month, ReportingRow, ScopeCode } from '../../contract/domain.ts';
import {
  GemeenteComparisonRow,
  IndicatorValue,
  OverviewCard,
  PeriodsInfo,
  ProviderValue,
  ReferrerRow,
  SeriesPoint,
  SubsegmentRow,
} from '../../contract/indicators.ts';
import { readerGemeenten } from '../auth/scope.ts';
import { sendCached } from '../cachedReply.ts';
import { notFound } from '../problems.ts';
import { readProblems } from './common.ts';

const Year = z.coerce.number().int().min(2000).max(2100);
/** `YYYY` for a yearly series, `YYYY-MM` for a monthly one. */
const Bound = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'grens als JJJJ of JJJJ-MM');
const Agb = z.string().regex(/^\d{8}$/, 'AGB-code van 8 cijfers');

const ValuesQuery = z.strictObject({ year: Year, grain: Grain.default('year') });
const OverviewQuery = z.strictObject({ year: Year, scope: ScopeCode.default('REGIO'), month: Month.optional() });
const SeriesQuery = z.strictObject({
  segment: ReportingRow,
  scope: ScopeCode.default('REGIO'),
  indicator: IndicatorId,
  grain: Grain.default('month'),
  from: Bound.optional(),
  to: Bound.optional(),
});
const ComparisonQuery = z.strictObject({ segment: ReportingRow, year: Year });
const BreakdownQuery = z.strictObject({ segment: ReportingRow, scope: ScopeCode.default('REGIO'), year: Year, grain: Grain.default('year') });
const ProvidersQuery = z.strictObject({ year: Year, grain: Grain.default('year'), segment: ReportingRow.optional() });
const ProviderSeriesQuery = SeriesQuery.omit({ scope: true });

const tags = ['indicatoren'];
const flat = <T extends object>(rows: T[]) => rows as unknown as Record<string, unknown>[];

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  const gemeenten = new Set(app.store.region.gemeenten.map((g) => g.code));
  const engine = app.engine;

  /** A gemeente outside the region is a resource that does not exist here. */
  function checkScope(scope: string) {
    if (scope !== 'REGIO' && !gemeenten.has(scope)) {
      throw notFound(`Gemeente ${scope} hoort niet bij regio ${app.store.region.name}.`);
    }
  }

  app.get('/region', { schema: { summary: 'De regio: gemeenten, doelen en privacydrempel', tags, response: { 200: RegionInfo } } }, async (request, reply) => {
    const r = app.store.region;
    // An account limited to gemeenten gets the region with its own gemeenten only (docs/security.md).
    const reader = readerGemeenten(request.gemeenteLimit);
    reply.header('cache-control', 'private, max-age=60').header('vary', 'Cookie');
    return {
      id: r.id,
      name: r.name,
      gemeenten: r.gemeenten.filter((g) => !reader || reader.includes(g.code)).map((g) => ({ code: g.code, name: g.name, inhabitants: g.inhabitants ?? null })),
      baseline_year: r.targets.baselineYear,
      status_band: r.targets.statusBand,
      targets: Object.entries(r.targets.rows).map(([segment, t]) => ({ segment: segment as ReportingRow, measure: t!.measure, reduction: t!.reduction })),
      privacy_threshold: r.privacyThreshold,
      trajectory_gap_days: r.trajectoryGapDays,
    };
  });

  app.get('/periods', { schema: { summary: 'Jaren en maanden met gegevens', tags, response: { 200: PeriodsInfo, ...readProblems } } }, (request, reply) =>
    sendCached(app.cacheContext, request, reply, { scope: 'data', schema: PeriodsInfo, compute: () => engine.periods() }),
  );

  app.get(
    '/values',
    {
      schema: {
        summary: 'Alle indicatoren van een jaar in lange vorm (ook als Apache Arrow)',
        description: 'Met Accept: application/vnd.apache.arrow.stream komt het antwoord als Arrow IPC-stream.',
        tags,
        querystring: ValuesQuery,
        response: { 200: z.array(IndicatorValue), ...readProblems },
      },
    },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, {
        scope: 'data',
        schema: z.array(IndicatorValue),
        compute: () => engine.values(request.query),
        arrowRows: flat,
      }),
  );

  app.get(
    '/overview',
    { schema: { summary: 'Overzicht per rij: waarde, doel, status, besparing, prognose', tags, querystring: OverviewQuery, response: { 200: z.array(OverviewCard), ...readProblems } } },
    (request, reply) => {
      checkScope(request.query.scope);
      // Built for the reader: covered_gemeenten names only gemeenten the account may see (the cache keys on the limit).
      const gemeenten = readerGemeenten(request.gemeenteLimit) ?? undefined;
      return sendCached(app.cacheContext, request, reply, { scope: 'data', schema: z.array(OverviewCard), compute: () => engine.overview({ ...request.query, gemeenten }) });
    },
  );

  app.get(
    '/series',
    {
      schema: {
        summary: 'Maand- of jaarreeks van een indicator met het doelpad (ook als Apache Arrow)',
        tags,
        querystring: SeriesQuery,
        response: { 200: z.array(SeriesPoint), ...readProblems },
      },
    },
    (request, reply) => {
      checkScope(request.query.scope);
      return sendCached(app.cacheContext, request, reply, {
        scope: 'data',
        schema: z.array(SeriesPoint),
        compute: () => engine.series(request.query),
        arrowRows: flat,
      });
    },
  );

  app.get(
    '/comparison',
    { schema: { summary: 'Gemeenten vergeleken (per 1.000 jeugdigen)', tags, querystring: ComparisonQuery, response: { 200: z.array(GemeenteComparisonRow), ...readProblems } } },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, { scope: 'data', schema: z.array(GemeenteComparisonRow), compute: () => engine.comparison(request.query) }),
  );

  app.get(
    '/subsegments',
    { schema: { summary: 'Cliënten en kosten per subsegment', tags, querystring: BreakdownQuery, response: { 200: z.array(SubsegmentRow), ...readProblems } } },
    (request, reply) => {
      checkScope(request.query.scope);
      return sendCached(app.cacheContext, request, reply, { scope: 'data', schema: z.array(SubsegmentRow), compute: () => engine.subsegments(request.query) });
    },
  );

  app.get(
    '/referrers',
    { schema: { summary: 'Instroom naar verwijzer', tags, querystring: BreakdownQuery, response: { 200: z.array(ReferrerRow), ...readProblems } } },
    (request, reply) => {
      checkScope(request.query.scope);
      return sendCached(app.cacheContext, request, reply, { scope: 'data', schema: z.array(ReferrerRow), compute: () => engine.referrers(request.query) });
    },
  );

  app.get(
    '/providers',
    {
      schema: {
        summary: 'Indicatoren per aanbieder (AGB) over de hele regio (ook als Apache Arrow)',
        tags: ['aanbieders'],
        querystring: ProvidersQuery,
        response: { 200: z.array(ProviderValue), ...readProblems },
      },
    },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, {
        scope: 'data',
        schema: z.array(ProviderValue),
        compute: () => engine.providers(request.query),
        arrowRows: flat,
      }),
  );

  app.get(
    '/providers/:agb/series',
    {
      schema: {
        summary: 'Reeks van een indicator voor één aanbieder (ook als Apache Arrow)',
        tags: ['aanbieders'],
        params: z.object({ agb: Agb }),
        querystring: ProviderSeriesQuery,
        response: { 200: z.array(SeriesPoint), ...readProblems },
      },
    },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, {
        scope: 'data',
        schema: z.array(SeriesPoint),
        compute: () => engine.providerSeries({ ...request.query, agb: request.params.agb }),
        arrowRows: flat,
      }),
  );
};
