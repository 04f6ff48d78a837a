/**
 * Data feeds for analysts: the long-form values, the series, the deliveries' completeness
 * (CSV and Parquet) and the duiding (CSV), for Power BI and Excel on live data. The rows are
 * the engine's suppressed answers and the duiding repository's, built and filtered for the
 * reader exactly as the JSON routes are (a token reads with its owner's limit); DuckDB writes
 * the file (store/feedExport.ts). Columns: contract/feeds.ts, documented in docs/api.md.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DeliveriesCsvQuery, DeliveriesFeedQuery, DuidingCsvQuery, FEED_COLUMNS, SeriesCsvQuery, SeriesFeedQuery, ValuesCsvQuery, ValuesFeedQuery, type FeedName } from '../../contract/feeds.ts';
import { INDICATOR_IDS, REPORTING_ROWS } from '../../contract/domain.ts';
import { writeFeed, type FeedFormat } from '../../store/feedExport.ts';
import { filterForAccount, readerGemeenten } from '../auth/scope.ts';
import { notFound } from '../problems.ts';
import { readProblems } from './common.ts';

const tags = ['feeds'];
const CONTENT_TYPE = { parquet: 'application/vnd.apache.parquet', csv: 'text/csv; charset=utf-8' } as const;

export const feedRoutes: FastifyPluginAsyncZod = async (app) => {
  const gemeenten = new Set(app.store.region.gemeenten.map((g) => g.code));
  const checkScope = (scope: string | undefined) => {
    if (scope !== undefined && scope !== 'REGIO' && !gemeenten.has(scope)) throw notFound(`Gemeente ${scope} hoort niet bij regio ${app.store.region.name}.`);
  };

  /** Limits the rows to the reader (as every JSON answer is), has DuckDB write them, and sends the file. */
  async function send(request: FastifyRequest, reply: FastifyReply, feed: FeedName, format: FeedFormat, rows: readonly object[], filters: Record<string, string | undefined> = {}) {
    const visible = filterForAccount(request.gemeenteLimit, rows as object[]);
    const bytes = await writeFeed(app.store, { columns: FEED_COLUMNS[feed], rows: visible, format, filters, orderBy: ['segment', 'gemeente_code', 'indicator', 'period', 'month', 'id'] });
    const extension = format === 'parquet' ? 'parquet' : 'csv';
    return reply
      .header('cache-control', 'private, no-cache')
      .header('content-disposition', `attachment; filename="koersbord-${feed}.${extension}"`)
      .type(format === 'parquet' ? CONTENT_TYPE.parquet : CONTENT_TYPE.csv)
      .send(bytes);
  }
  const csv = (format: 'csv' | 'csv-en'): FeedFormat => (format === 'csv-en' ? 'csv-en' : 'csv-nl');

  // Values: one (row, gemeente, period, indicator) per line, for a year by year or month.
  const values = (q: { year: number; grain: 'year' | 'month'; peilmaand?: string; scope?: string }) => {
    checkScope(q.scope);
    return app.engine.values({ year: q.year, grain: q.grain, peilmaand: q.peilmaand });
  };
  const valuesDoc = (format: string) => ({ summary: `Alle indicatoren in lange vorm als ${format} (year, grain, segment, scope)`, tags, response: readProblems });
  app.get('/feeds/values.csv', { schema: { ...valuesDoc('CSV'), querystring: ValuesCsvQuery } }, async (request, reply) =>
    send(request, reply, 'values', csv(request.query.format), await values(request.query), { segment: request.query.segment, gemeente_code: request.query.scope }),
  );
  app.get('/feeds/values.parquet', { schema: { ...valuesDoc('Parquet'), querystring: ValuesFeedQuery } }, async (request, reply) =>
    send(request, reply, 'values', 'parquet', await values(request.query), { segment: request.query.segment, gemeente_code: request.query.scope }),
  );

  // Series: every (row, indicator) asked for, of one scope, with target path and estimates.
  const series = async (q: { segment?: (typeof REPORTING_ROWS)[number]; indicator?: (typeof INDICATOR_IDS)[number]; scope: string; grain: 'year' | 'month'; year?: number; peilmaand?: string }) => {
    checkScope(q.scope);
    const segments = q.segment ? [q.segment] : REPORTING_ROWS;
    const indicators = q.indicator ? [q.indicator] : INDICATOR_IDS;
    const bound = q.year === undefined ? {} : q.grain === 'year' ? { from: String(q.year), to: String(q.year) } : { from: `${q.year}-01`, to: `${q.year}-12` };
    const parts = await Promise.all(
      segments.flatMap((segment) =>
        indicators.map(async (indicator) => {
          const points = await app.engine.series({ segment, indicator, scope: q.scope as 'REGIO', grain: q.grain, peilmaand: q.peilmaand, ...bound });
          return points.map((p) => ({ segment, gemeente_code: q.scope, indicator, ...p }));
        }),
      ),
    );
    return parts.flat();
  };
  const seriesDoc = (format: string) => ({ summary: `Reeksen met doelpad en raming als ${format} (segment, indicator, scope, grain, year)`, tags, response: readProblems });
  app.get('/feeds/series.csv', { schema: { ...seriesDoc('CSV'), querystring: SeriesCsvQuery } }, async (request, reply) =>
    send(request, reply, 'series', csv(request.query.format), await series(request.query)),
  );
  app.get('/feeds/series.parquet', { schema: { ...seriesDoc('Parquet'), querystring: SeriesFeedQuery } }, async (request, reply) =>
    send(request, reply, 'series', 'parquet', await series(request.query)),
  );

  // Deliveries: the completeness grid gemeente × month, built for the reader's gemeenten.
  const deliveries = (request: FastifyRequest, q: { from?: string; to?: string; peilmaand?: string }) =>
    app.engine.completeness({ from: q.from, to: q.to, peilmaand: q.peilmaand }, readerGemeenten(request.gemeenteLimit) ?? undefined);
  const deliveriesDoc = (format: string) => ({ summary: `Volledigheid van de leveringen per gemeente × maand als ${format}`, tags, response: readProblems });
  app.get('/feeds/deliveries.csv', { schema: { ...deliveriesDoc('CSV'), querystring: DeliveriesCsvQuery } }, async (request, reply) =>
    send(request, reply, 'deliveries', csv(request.query.format), await deliveries(request, request.query)),
  );
  app.get('/feeds/deliveries.parquet', { schema: { ...deliveriesDoc('Parquet'), querystring: DeliveriesFeedQuery } }, async (request, reply) =>
    send(request, reply, 'deliveries', 'parquet', await deliveries(request, request.query)),
  );

  // Duiding: the texts themselves, for a spreadsheet (CSV only: it is text, not figures).
  app.get('/feeds/duiding.csv', { schema: { summary: 'Duiding als CSV (dezelfde filters als /api/duiding)', tags, querystring: DuidingCsvQuery, response: readProblems } }, async (request, reply) => {
    const { format, ...filter } = request.query;
    return send(request, reply, 'duiding', csv(format), await app.duiding.list(filter));
  });
};
