/**
 * What moved (docs/signals.md): the engine's ranked signals of a year, built for the reader's
 * gemeenten (a limited account gets the region's and its own).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SignalsAnswer, SignalsQuery } from '../../contract/signals.ts';
import { readerGemeenten } from '../auth/scope.ts';
import { readProblems } from './common.ts';

export const signalRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/signals',
    {
      schema: {
        summary: 'Signalen van een jaar, gerangschikt: doelpad, trendbreuk, landelijke referentie en bijdrage aan de regionale verandering',
        tags: ['indicatoren'],
        querystring: SignalsQuery,
        response: { 200: SignalsAnswer, ...readProblems },
      },
    },
    async (request, reply) => {
      // A CBS import changes the national reference outside the data version: no ETag on it, a browser asks again.
      reply.header('cache-control', 'private, no-cache').header('vary', 'Cookie');
      return app.engine.signals(request.query, readerGemeenten(request.gemeenteLimit) ?? undefined);
    },
  );
};
