/**
 * The national reference (docs/reference.md): CBS's figures, and the Agenda's citation of them,
 * for one year. Readable by every signed-in role, whatever its gemeente limit: these are
 * published national figures, not the region's data.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ReferenceAnswer, ReferenceQuery } from '../../contract/reference.ts';
import { referenceForYear } from '../../store/reference.ts';
import { readProblems } from './common.ts';

export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reference',
    {
      schema: {
        summary: 'Landelijke referentie (CBS) van een jaar: per indicator, segment en gebied het nieuwste cijfer tot en met dat jaar',
        tags: ['referentie'],
        querystring: ReferenceQuery,
        response: { 200: ReferenceAnswer, ...readProblems },
      },
    },
    async (request, reply) => {
      // A CBS import replaces figures outside the data version: a browser asks again each time.
      reply.header('cache-control', 'private, no-cache').header('vary', 'Cookie');
      return { year: request.query.year, figures: await referenceForYear(app.store, request.query) };
    },
  );
};
