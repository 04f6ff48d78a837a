/**
 * The jaarrapport: its payload as JSON (for the web's report view) and as PDF, printed by
 * headless Chromium from this server's own listening address, so the PDF is exactly the page
 * people see. Figures come from the engine's suppressed API only. The printer is given by the
 * start script (ops/reportPdf.ts wraps report/render.ts): server/ and report/ import nothing of
 * each other.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../contract/api.ts';
import { ReportPayload, ReportQuery } from '../../contract/report.ts';
import { readerGemeenten } from '../auth/scope.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { oneAtATime } from '../../store/oneAtATime.ts';
import { HttpProblem, notFound } from '../problems.ts';
import { referenceForYear } from '../../store/reference.ts';
import { assembleReport } from '../reportPayload.ts';
import { readProblems } from './common.ts';

const tags = ['rapport'];

/** What the printer is asked: the report page of the app at `baseUrl`, as the cookie's account sees it. */
export interface ReportPdfRequest {
  baseUrl: string;
  cookie?: { name: string; value: string };
  year: number;
  /** A gemeente code; the region when absent. */
  gemeente?: string;
  /** The figures as known at the end of this month; the newest data when absent. */
  peilmaand?: string;
}

/** Prints a report page; `unavailable` is the Dutch reason it could not (no Chromium, too slow). */
export type ReportPdfPrinter = (request: ReportPdfRequest) => Promise<{ pdf: Uint8Array } | { unavailable: string }>;

export interface ReportRouteOptions {
  /** Absent (an app without a browser to print with): the PDF route answers 503. */
  print?: ReportPdfPrinter;
}

const unavailable = (detail: string) => new HttpProblem(503, 'niet-beschikbaar', 'Niet beschikbaar', detail);

export const reportRoutes: FastifyPluginAsyncZod<ReportRouteOptions> = async (app, options) => {
  const region = app.store.region;
  const gemeenten = new Set(region.gemeenten.map((g) => g.code));
  const checkScope = (scope: string) => {
    if (scope !== 'REGIO' && !gemeenten.has(scope)) throw notFound(`Gemeente ${scope} hoort niet bij regio ${region.name}.`);
  };
  const sources = { region, engine: app.engine, duiding: app.duiding, duidingssessies: app.duidingssessies, actions: app.actions, versions: () => app.versions.read(), reference: (year: number) => referenceForYear(app.store, { year }) };

  // One Chromium at a time: a report print takes a few hundred MB, the machine has little.
  const oneChromiumAtATime = <T>(fn: () => Promise<T>): Promise<T> => oneAtATime(app, 'report-pdf', fn);

  app.get(
    '/report',
    { schema: { summary: 'Het jaarrapport (PDCA) van een jaar voor de regio of een gemeente', tags, querystring: ReportQuery, response: { 200: ReportPayload, ...readProblems } } },
    async (request, reply) => {
      checkScope(request.query.scope);
      // Depends on figures and on duiding: both change independently, so it is not cached.
      reply.header('cache-control', 'no-store');
      const { year, scope, peilmaand } = request.query;
      return assembleReport(sources, year, scope, readerGemeenten(request.gemeenteLimit), { peilmaand });
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
      const { year, scope, peilmaand } = request.query;
      checkScope(scope);
      // Fails fast (404) on a year without data, or a peilmaand before the first delivery, before Chromium is started.
      await app.engine.overview({ year, scope, peilmaand });
      const address = app.server.address();
      if (!address || typeof address === 'string') {
        throw unavailable('De PDF wordt afgedrukt vanaf de draaiende server; deze server luistert niet op een netwerkadres.');
      }
      const host = address.family === 'IPv6' ? `[${address.address === '::' ? '::1' : address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
      const print = options.print;
      if (!print) throw unavailable('Deze server is gestart zonder PDF-afdruk; het rapport is wel te bekijken en af te drukken vanuit de browser.');
      const session = request.cookies[SESSION_COOKIE];
      const printed = await oneChromiumAtATime(() =>
        print({ baseUrl: `http://${host}:${address.port}`, cookie: session ? { name: SESSION_COOKIE, value: session } : undefined, year, gemeente: scope === 'REGIO' ? undefined : scope, peilmaand }),
      );
      if ('unavailable' in printed) throw unavailable(printed.unavailable);
      const pdf = printed.pdf;
      const name = `jaarrapport-${year}${scope === 'REGIO' ? '' : `-${scope}`}.pdf`;
      reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}"`).type('application/pdf');
      return reply.send(Buffer.from(pdf));
    },
  );
};
