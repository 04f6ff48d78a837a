/**
 * Indicators and series from the indicator engine. Only the engine's suppressed API is
 * reachable here. Each route's query and response schema is the contract's
 * (`contract/queries.ts`): queries are strict, so an extra parameter (say `unsuppressed`) is a
 * 400, not silently ignored, and nobody can believe they found a way around suppression.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ReportingRow } from '../../contract/domain.ts';
import { FIGURE_ROUTES } from '../../contract/queries.ts';
import { readerGemeenten } from '../auth/scope.ts';
import { sendCached } from '../cachedReply.ts';
import { notFound } from '../problems.ts';
import { readProblems } from './common.ts';

/** Each route's query and answer, from the contract. */
const R = FIGURE_ROUTES;

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

  app.get('/region', { schema: { summary: 'De regio: gemeenten, doelen en privacydrempel', tags, response: { 200: R['/region'].response } } }, async (request, reply) => {
    const r = app.store.region;
    // An account limited to gemeenten gets the region with its own gemeenten only (docs/security.md).
    const reader = readerGemeenten(request.gemeenteLimit);
    reply.header('cache-control', 'private, max-age=60').header('vary', 'Cookie');
    return {
      id: r.id,
      name: r.name,
      gemeenten: r.gemeenten.filter((g) => !reader || reader.includes(g.code)).map((g) => ({ code: g.code, name: g.name, inhabitants: g.inhabitants ?? null, rhythm: g.rhythm })),
      baseline_year: r.targets.baselineYear,
      status_band: r.targets.statusBand,
      targets: Object.entries(r.targets.rows).map(([segment, t]) => ({ segment: segment as ReportingRow, measure: t!.measure, reduction: t!.reduction })),
      privacy_threshold: r.privacyThreshold,
      trajectory_gap_days: r.trajectoryGapDays,
      return_window_days: r.returnWindowDays,
      provisional_lag_months: r.provisionalLagMonths,
    };
  });

  app.get(
    '/periods',
    { schema: { summary: 'Jaren en maanden met gegevens (per peilmaand)', tags, querystring: R['/periods'].query, response: { 200: R['/periods'].response, ...readProblems } } },
    (request, reply) => sendCached(app.cacheContext, request, reply, { scope: 'data', schema: R['/periods'].response, compute: () => engine.periods(request.query) }),
  );

  app.get(
    '/values',
    {
      schema: {
        summary: 'Alle indicatoren van een jaar in lange vorm (ook als Apache Arrow)',
        description: 'Met Accept: application/vnd.apache.arrow.stream komt het antwoord als Arrow IPC-stream.',
        tags,
        querystring: R['/values'].query,
        response: { 200: R['/values'].response, ...readProblems },
      },
    },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, {
        scope: 'data',
        schema: R['/values'].response,
        compute: () => engine.values(request.query),
        arrowRows: flat,
      }),
  );

  app.get(
    '/overview',
    { schema: { summary: 'Overzicht per rij: waarde, doel, status, besparing, prognose', tags, querystring: R['/overview'].query, response: { 200: R['/overview'].response, ...readProblems } } },
    (request, reply) => {
      checkScope(request.query.scope);
      // Built for the reader: covered_gemeenten names only gemeenten the account may see (the cache keys on the limit).
      const gemeenten = readerGemeenten(request.gemeenteLimit) ?? undefined;
      return sendCached(app.cacheContext, request, reply, { scope: 'data', schema: R['/overview'].response, compute: () => engine.overview(request.query, gemeenten) });
    },
  );

  app.get(
    '/budget',
    {
      schema: {
        summary: 'Begroting tegen prognose (budgetuitputting) van een gemeente, of de regio als som van de gemeenten met een begroting',
        tags,
        querystring: R['/budget'].query,
        response: { 200: R['/budget'].response, ...readProblems },
      },
    },
    (request, reply) => {
      checkScope(request.query.gemeente);
      // Built for the reader: a region answer names only gemeenten the account may see (the cache keys on the limit).
      const gemeenten = readerGemeenten(request.gemeenteLimit) ?? undefined;
      return sendCached(app.cacheContext, request, reply, { scope: 'data', schema: R['/budget'].response, compute: () => engine.budget(request.query, gemeenten) });
    },
  );

  app.get(
    '/series',
    {
      schema: {
        summary: 'Maand- of jaarreeks van een indicator met het doelpad (ook als Apache Arrow)',
        tags,
        querystring: R['/series'].query,
        response: { 200: R['/series'].response, ...readProblems },
      },
    },
    (request, reply) => {
      checkScope(request.query.scope);
      return sendCached(app.cacheContext, request, reply, {
        scope: 'data',
        schema: R['/series'].response,
        compute: () => engine.series(request.query),
        arrowRows: flat,
      });
    },
  );

  app.get(
    '/nowcast/patterns',
    {
      schema: {
        summary: 'Geleerde vertragingspatronen (aandeel bekend na 0, 1, 2, … maanden) en rijpheid per maand',
        tags,
        querystring: R['/nowcast/patterns'].query,
        response: { 200: R['/nowcast/patterns'].response, ...readProblems },
      },
    },
    (request, reply) => {
      checkScope(request.query.scope);
      return sendCached(app.cacheContext, request, reply, { scope: 'data', schema: R['/nowcast/patterns'].response, compute: () => engine.nowcastPatterns(request.query) });
    },
  );

  app.get(
    '/comparison',
    { schema: { summary: 'Gemeenten vergeleken (per 1.000 jeugdigen)', tags, querystring: R['/comparison'].query, response: { 200: R['/comparison'].response, ...readProblems } } },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, { scope: 'data', schema: R['/comparison'].response, compute: () => engine.comparison(request.query) }),
  );

  app.get(
    '/subsegments',
    { schema: { summary: 'Cliënten en kosten per subsegment', tags, querystring: R['/subsegments'].query, response: { 200: R['/subsegments'].response, ...readProblems } } },
    (request, reply) => {
      checkScope(request.query.scope);
      return sendCached(app.cacheContext, request, reply, { scope: 'data', schema: R['/subsegments'].response, compute: () => engine.subsegments(request.query) });
    },
  );

  app.get(
    '/referrers',
    { schema: { summary: 'Instroom naar verwijzer', tags, querystring: R['/referrers'].query, response: { 200: R['/referrers'].response, ...readProblems } } },
    (request, reply) => {
      checkScope(request.query.scope);
      return sendCached(app.cacheContext, request, reply, { scope: 'data', schema: R['/referrers'].response, compute: () => engine.referrers(request.query) });
    },
  );

  app.get(
    '/providers',
    {
      schema: {
        summary: 'Indicatoren per aanbieder (AGB) over de hele regio (ook als Apache Arrow)',
        tags: ['aanbieders'],
        querystring: R['/providers'].query,
        response: { 200: R['/providers'].response, ...readProblems },
      },
    },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, {
        scope: 'data',
        schema: R['/providers'].response,
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
        params: R['/providers/:agb/series'].params,
        querystring: R['/providers/:agb/series'].query,
        response: { 200: R['/providers/:agb/series'].response, ...readProblems },
      },
    },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, {
        scope: 'data',
        schema: R['/providers/:agb/series'].response,
        compute: () => engine.providerSeries({ ...request.query, agb: request.params.agb }),
        arrowRows: flat,
      }),
  );
};
