/** Duidingssessies: date, title, participating organisations and the agenda of indicators and views. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Session, SessionFilter, SessionInput, SessionPatch } from '../../contract/api.ts';
import { sendCached } from '../cachedReply.ts';
import { requireUser } from '../currentUser.ts';
import { readProblems, writeProblems } from './common.ts';

const tags = ['duiding'];

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sessions',
    { schema: { summary: 'Duidingssessies, nieuwste eerst', tags, querystring: SessionFilter, response: { 200: z.array(Session), ...readProblems } } },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, { scope: 'duiding', schema: z.array(Session), compute: () => app.duiding.listSessions(request.query) }),
  );

  app.get(
    '/sessions/:id',
    { schema: { summary: 'Eén duidingssessie', tags, params: IdParams, response: { 200: Session, ...readProblems } } },
    (request, reply) =>
      sendCached(app.cacheContext, request, reply, { scope: 'duiding', schema: Session, compute: () => app.duiding.getSession(request.params.id) }),
  );

  app.post(
    '/sessions',
    { schema: { summary: 'Nieuwe duidingssessie', tags, body: SessionInput, response: { 201: Session, ...writeProblems } } },
    async (request, reply) => {
      const created = await app.duiding.createSession(request.body, requireUser(request));
      return reply.code(201).header('location', `/api/sessions/${created.id}`).send(created);
    },
  );

  app.patch(
    '/sessions/:id',
    { schema: { summary: 'Duidingssessie wijzigen', tags, params: IdParams, body: SessionPatch, response: { 200: Session, ...writeProblems } } },
    async (request) => app.duiding.updateSession(request.params.id, request.body, requireUser(request)),
  );

  app.delete(
    '/sessions/:id',
    { schema: { summary: 'Duidingssessie verwijderen', tags, params: IdParams, response: { 204: z.null(), ...writeProblems } } },
    async (request, reply) => {
      requireUser(request);
      await app.duiding.deleteSession(request.params.id);
      return reply.code(204).send(null);
    },
  );
};
