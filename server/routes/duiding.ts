/**
 * Duiding: interpretations tied to a reporting row, gemeente or REGIO, period and optionally an
 * indicator, with the figures they were written beside. Who may change or delete which duiding
 * is the repository's rule (the author, or a beheerder); every change is in its history.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Duiding, DuidingFilter, DuidingHistory, DuidingInput, DuidingPatch, IdParams } from '../../contract/api.ts';
import { sendCached } from '../cachedReply.ts';
import { readProblems } from './common.ts';
import { registerRecordRoutes } from './recordRoutes.ts';

export const duidingRoutes: FastifyPluginAsyncZod = async (app) => {
  registerRecordRoutes(app, {
    path: '/duiding',
    schemas: { record: Duiding, filter: DuidingFilter, input: DuidingInput, patch: DuidingPatch },
    summaries: {
      list: 'Duidingen, te filteren (met de cijfers bij schrijven en nu)',
      get: 'Eén duiding',
      create: 'Nieuwe duiding (legt de cijfers ernaast vast)',
      update: 'Duiding wijzigen (schrijver of beheerder)',
      delete: 'Duiding verwijderen (schrijver of beheerder; acties blijven)',
    },
    repository: app.duiding,
  });

  app.get(
    '/duiding/:id/history',
    { schema: { summary: 'Wijzigingen van een duiding: wie, wanneer, voor en na (ook na verwijderen)', tags: ['duiding'], params: IdParams, response: { 200: DuidingHistory, ...readProblems } } },
    (request, reply) => sendCached(app.cacheContext, request, reply, { scope: 'duiding', schema: DuidingHistory, compute: () => app.duiding.history(request.params.id) }),
  );
};
