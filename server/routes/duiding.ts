/** Duiding: interpretations tied to a reporting row, gemeente or REGIO, period and optionally an indicator. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Duiding, DuidingFilter, DuidingInput, DuidingPatch, IdParams } from '../../contract/api.ts';
import { sendCached } from '../cachedReply.ts';
import { requireUser } from '../currentUser.ts';
import { HttpProblem } from '../problems.ts';
import { readProblems, writeProblems } from './common.ts';

const tags = ['duiding'];

export const duidingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/duiding',
    { schema: { summary: 'Duidingen, te filteren', tags, querystring: DuidingFilter, response: { 200: z.array(Duiding), ...readProblems } } },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, { scope: 'duiding', schema: z.array(Duiding), compute: () => app.duiding.listDuiding(request.query) }),
  );

  app.get(
    '/duiding/:id',
    { schema: { summary: 'Eén duiding', tags, params: IdParams, response: { 200: Duiding, ...readProblems } } },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, { scope: 'duiding', schema: Duiding, compute: () => app.duiding.getDuiding(request.params.id) }),
  );

  app.post(
    '/duiding',
    { schema: { summary: 'Nieuwe duiding', tags, body: DuidingInput, response: { 201: Duiding, ...writeProblems } } },
    async (request, reply) => {
      const created = await app.duiding.createDuiding(request.body, requireUser(request));
      return reply.code(201).header('location', `/api/duiding/${created.id}`).send(created);
    },
  );

  app.patch(
    '/duiding/:id',
    { schema: { summary: 'Duiding wijzigen', tags, params: IdParams, body: DuidingPatch, response: { 200: Duiding, ...writeProblems } } },
    async (request) => app.duiding.updateDuiding(request.params.id, request.body, requireUser(request)),
  );

  app.delete(
    '/duiding/:id',
    { schema: { summary: 'Duiding verwijderen', tags, params: IdParams, response: { 204: z.null(), ...writeProblems } } },
    async (request, reply) => {
      const user = requireUser(request);
      // Deleting loses someone's work: an analist deletes what they wrote, a beheerder anything
      // (docs/security.md). Changing stays open to every analist; the record names who changed it.
      const current = request.auditBefore as Duiding | null;
      if (current && request.account?.role !== 'beheerder' && current.author !== user) {
        throw new HttpProblem(403, 'geen-toegang', 'Geen toegang', `Deze duiding is geschreven door ${current.author}; alleen die persoon of een beheerder mag haar verwijderen.`);
      }
      await app.duiding.deleteDuiding(request.params.id);
      return reply.code(204).send(null);
    },
  );
};
