/** Deliveries: the load history, the completeness grid gemeente × month, and uploads. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../contract/api.ts';
import { DeliveryRecord, DeliveryReport } from '../../contract/deliveries.ts';
import { DeliveryKind, GemeenteCode } from '../../contract/domain.ts';
import { FIGURE_ROUTES } from '../../contract/queries.ts';
import { deliveryHistory } from '../../etl/index.ts';
import { writeAudit } from '../auth/audit.ts';
import { clientIp } from '../auth/plugin.ts';
import { readerGemeenten } from '../auth/scope.ts';
import { sendCached } from '../cachedReply.ts';
import { requireUser } from '../currentUser.ts';
import { badRequest, HttpProblem, unprocessable } from '../problems.ts';
import { StoreClosedError } from '../../store/store.ts';
import { createUploader } from '../uploads.ts';
import { readProblems } from './common.ts';

const HistoryQuery = z.strictObject({
  kind: DeliveryKind.optional(),
  gemeente_code: GemeenteCode.optional(),
  /** Also list deliveries a correction replaced. */
  include_replaced: z.enum(['true', 'false']).transform((v) => v === 'true').default(false),
});
const completeness = FIGURE_ROUTES['/deliveries/completeness'];

const tags = ['leveringen'];

/** Ours, or one of Fastify's with a status of its own (413 for a file over the limit): passed on as it is. */
const isOwnProblem = (err: unknown) => err instanceof HttpProblem || typeof (err as { statusCode?: unknown })?.statusCode === 'number';
const malformedMultipart = () =>
  badRequest('Het verzoek is geen geldige multipart/form-data (de grens ontbreekt, klopt niet of het bericht is afgebroken); stuur het bestand opnieuw in het veld "file". Er is niets geladen.');

export const deliveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const loadUpload = createUploader(app.store, app.uploadLimitBytes);

  app.get(
    '/deliveries',
    { schema: { summary: 'Laadgeschiedenis, oudste eerst', tags, querystring: HistoryQuery, response: { 200: z.array(DeliveryRecord), ...readProblems } } },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, {
        scope: 'data',
        schema: z.array(DeliveryRecord),
        compute: () =>
          deliveryHistory(app.store, { kind: request.query.kind, gemeente_code: request.query.gemeente_code, includeReplaced: request.query.include_replaced }),
      }),
  );

  app.get(
    '/deliveries/completeness',
    {
      schema: {
        summary: 'Volledigheid per gemeente × maand: geleverd, ontbrekend, gecorrigeerd, voorlopig',
        tags,
        querystring: completeness.query,
        response: { 200: completeness.response, ...readProblems },
      },
    },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, {
        scope: 'data',
        schema: completeness.response,
        compute: () => app.engine.completeness(request.query, readerGemeenten(request.gemeenteLimit) ?? undefined),
      }),
  );

  app.post(
    '/deliveries',
    {
      schema: {
        summary: 'Een levering uploaden (.csv of .xlsx, multipart veld "file")',
        description:
          'Loopt door dezelfde ETL als de CLI. 201 bij geladen of vervangen, 200 als de levering al geladen was, 422 met het validatierapport als ze is geweigerd (er verandert dan niets).',
        tags,
        consumes: ['multipart/form-data'],
        response: { 200: DeliveryReport, 201: DeliveryReport, 400: Problem, 401: Problem, 413: Problem, 415: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (!request.isMultipart()) throw badRequest('Stuur het bestand als multipart/form-data in het veld "file".');
      // The multipart parser throws plain errors for a body that is not valid multipart (no or the
      // wrong boundary, cut off, garbage): the client's fault, so a 400 (issue 10, defect 6).
      const file = await request.file().catch((err: unknown) => {
        throw isOwnProblem(err) ? err : malformedMultipart();
      });
      if (!file) throw badRequest('Er zat geen bestand in het verzoek; stuur het in het veld "file".');
      if (file.fieldname !== 'file') {
        file.file.resume();
        throw badRequest(`Het bestand zat in het veld "${file.fieldname.slice(0, 50)}"; stuur het in het veld "file". Er is niets geladen.`);
      }
      // A file stream that ended in an error is the body cut off or malformed while it was read.
      const report = await loadUpload(file.file, file.filename, user).catch((err: unknown) => {
        throw file.file.errored && !isOwnProblem(err) ? malformedMultipart() : err;
      });
      app.versions.invalidate();
      if (report.outcome === 'rejected') {
        // A refused delivery changes nothing, but who tried which file and how many problems it had is part of the record.
        request.auditDone = true;
        await writeAudit(app.store, { actor: request.account!.email, action: 'levering-geweigerd', target: report.file, after: { problem_count: report.problem_count, kind: report.kind, gemeente_code: report.gemeente_code, periode: report.periode }, ip: clientIp(request) });
        throw unprocessable(`De levering ${report.file} is geweigerd: ${report.problem_count} probleem/problemen gevonden. Er is niets geladen.`, { report });
      }
      if (report.outcome !== 'unchanged') {
        // Start the engine on the new data now, so the next view does not wait for it. The store
        // waits for this work when it closes; a warm-up refused because the server stops is no fault.
        app.engine.periods().catch((err: unknown) => err instanceof StoreClosedError || request.log.warn({ err }, 'indicatoren voorbereiden mislukt'));
      }
      return reply.code(report.outcome === 'unchanged' ? 200 : 201).send(report);
    },
  );
};
