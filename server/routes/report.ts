/**
 * The jaarrapport: its payload as JSON (for the web's report view) and as PDF, printed by
 * headless Chromium from this server's own listening address, so the PDF is exactly the page
 * people see. Figures come from the engine's suppressed API only.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../contract/api.ts';
import { ReportPayload, ReportQuery } from '../../contract/report.ts';
import { readerGemeenten } from '../auth/scope.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { ChromiumError } from '../../report/chromium.ts';
import { assembleReport } from '../../report/payload.ts';
import { renderReportPdf } from '../../report/render.ts';
import { oneAtATime } from '../../store/oneAtATime.ts';
import { HttpProblem, notFound } from '../problems.ts';
import { readProblems } from './common.ts';

const tags = ['rapport'];

export interface ReportRouteOptions {
  /** Time limit of one PDF render (default 90 s). */
  pdfTimeoutMs?: number;
}

const unavailable = (detail: string) => new HttpProblem(503, 'niet-beschikbaar', 'Niet beschikbaar', detail);

export const reportRoutes: FastifyPluginAsyncZod<ReportRouteOptions> = async (app, options) => {
  const region = app.store.region;
  const gemeenten = new Set(region.gemeenten.map((g) => g.code));
  const checkScope = (scope: string) => {
    if (scope !== 'REGIO' && !gemeenten.has(scope)) throw notFound(`Gemeente ${scope} hoort niet bij regio ${region.name}.`);
  };
  const sources = { region, engine: app.engine, duiding: app.duiding, duidingssessies: app.duidingssessies, actions: app.actions, versions: () => app.versions.read() };

  // One Chromium at a time: a report print takes a few hundred MB, the machine has little.
  const oneChromiumAtATime = <T>(fn: () => Promise<T>): Promise<T> => oneAtATime(app, 'report-pdf', fn);

  app.get(
    '/report',
    { schema: { summary: 'Het jaarrapport (PDCA) van een jaar voor de regio of een gemeente', tags, querystring: ReportQuery, response: { 200: ReportPayload, ...readProblems } } },
    async (request, reply) => {
      checkScope(request.query.scope);
      // Depends on figures and on duiding: both change independently, so it is not cached.
      reply.header('cache-control', 'no-store');
      return assembleReport(sources, request.query.year, request.query.scope, readerGemeenten(request.gemeenteLimit));
    },
  );

  app.get(
    '/report/pdf',
    {
      schema: {
        summary: 'Het jaarrapport als PDF (afgedrukt door Chromium)',
        tags,
        querystring: ReportQuery,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('PDF'), ...readProblems, 503: Problem },
      },
    },
    async (request, reply) => {
      const { year, scope } = request.query;
      checkScope(scope);
      // Fails fast (404) on a year without data, before Chromium is started.
      await app.engine.overview({ year, scope });
      const address = app.server.address();
      if (!address || typeof address === 'string') {
        throw unavailable('De PDF wordt afgedrukt vanaf de draaiende server; deze server luistert niet op een netwerkadres.');
      }
      const host = address.family === 'IPv6' ? `[${address.address === '::' ? '::1' : address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
      const pdf = await oneChromiumAtATime(() =>
        renderReportPdf({ baseUrl: `http://${host}:${address.port}`, session: request.cookies[SESSION_COOKIE], year, gemeente: scope === 'REGIO' ? undefined : scope, timeoutMs: options.pdfTimeoutMs ?? 90_000 }),
      ).catch((err: unknown) => {
        if (err instanceof ChromiumError) throw unavailable(err.message);
        throw err;
      });
      const name = `jaarrapport-${year}${scope === 'REGIO' ? '' : `-${scope}`}.pdf`;
      reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}"`).type('application/pdf');
      return reply.send(Buffer.from(pdf));
    },
  );
};
