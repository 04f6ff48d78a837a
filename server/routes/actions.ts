/** Actions that follow from a verbetervoorstel: owner organisation, due date and status. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Action, ActionFilter, ActionInput, ActionPatch, IdParams } from '../../contract/api.ts';
import { sendCached } from '../cachedReply.ts';
import { requireUser } from '../currentUser.ts';
import { readProblems, writeProblems } from './common.ts';

const tags = ['duiding'];

export const actionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/actions',
    { schema: { summary: 'Acties, te filteren (ook: over de einddatum)', tags, querystring: ActionFilter, response: { 200: z.array(Action), ...readProblems } } },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, { scope: 'duiding', schema: z.array(Action), compute: () => app.duiding.listActions(request.query) }),
  );

  app.get(
    '/actions/:id',
    { schema: { summary: 'Eén actie', tags, params: IdParams, response: { 200: Action, ...readProblems } } },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, { scope: 'duiding', schema: Action, compute: () => app.duiding.getAction(request.params.id) }),
  );

  app.post(
    '/actions',
    { schema: { summary: 'Nieuwe actie bij een verbetervoorstel', tags, body: ActionInput, response: { 201: Action, ...writeProblems } } },
    async (request, reply) => {
      const created = await app.duiding.createAction(request.body, requireUser(request));
      return reply.code(201).header('location', `/api/actions/${created.id}`).send(created);
    },
  );

  app.patch(
    '/actions/:id',
    { schema: { summary: 'Actie wijzigen (status, eigenaar, einddatum)', tags, params: IdParams, body: ActionPatch, response: { 200: Action, ...writeProblems } } },
    async (request) => app.duiding.updateAction(request.params.id, request.body, requireUser(request)),
  );

  app.delete(
    '/actions/:id',
    { schema: { summary: 'Actie verwijderen', tags, params: IdParams, response: { 204: z.null(), ...writeProblems } } },
    async (request, reply) => {
      requireUser(request);
      await app.duiding.deleteAction(request.params.id);
      return reply.code(204).send(null);
    },
  );
};
