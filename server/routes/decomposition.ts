/**
 * Why kosten changed (docs/decomposition.md): the engine's volume/intensity split of one row
 * and scope. The region's answer lists the gemeenten the reader may see, built for them.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DecompositionAnswer, DecompositionQuery } from '../../contract/decomposition.ts';
import { readerGemeenten } from '../auth/scope.ts';
import { sendCached } from '../cachedReply.ts';
import { readProblems } from './common.ts';

export const decompositionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/decomposition',
    {
      schema: {
        summary: 'Verandering van de kosten gesplitst in volume (cliënten) en intensiteit (kosten per cliënt), met de bijdrage per gemeente en subsegment',
        tags: ['indicatoren'],
        querystring: DecompositionQuery,
        response: { 200: DecompositionAnswer, ...readProblems },
      },
    },
    (request, reply) => {
      const gemeenten = readerGemeenten(request.gemeenteLimit) ?? undefined;
      return sendCached(app.cacheContext, request, reply, { scope: 'data', schema: DecompositionAnswer, compute: () => app.engine.decomposition(request.query, gemeenten) });
    },
  );
};
