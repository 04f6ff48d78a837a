/**
 * The five routes of a duiding record (list, one, create, change, delete), the same for duiding,
 * duidingssessies and actions: reads through the duiding response cache, writes in the name of
 * the signed-in account, a created record's address in `location`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../contract/api.ts';
import { sendCached } from '../cachedReply.ts';
import { requireUser } from '../currentUser.ts';
import type { Actor } from '../duiding/index.ts';
import { readProblems, writeProblems } from './common.ts';

type Id = z.infer<typeof IdParams>;

export interface RecordRepository<Rec, Filter, Input, Patch> {
  list(filter: Filter): Promise<Rec[]>;
  get(id: number): Promise<Rec>;
  create(input: Input, user: string): Promise<Rec>;
  update(id: number, patch: Patch, actor: Actor): Promise<Rec>;
  delete(id: number, actor: Actor): Promise<void>;
}

export interface RecordRoutes<Rec extends { id: number }, Filter, Input, Patch> {
  /** e.g. `/actions`; the API serves it under /api. */
  path: string;
  schemas: { record: z.ZodType<Rec, Rec>; filter: z.ZodType<Filter, unknown>; input: z.ZodType<Input, unknown>; patch: z.ZodType<Patch, unknown> };
  summaries: { list: string; get: string; create: string; update: string; delete: string };
  repository: RecordRepository<Rec, Filter, Input, Patch>;
}

const tags = ['duiding'];

/** Who writes: the signed-in account's name (the record's author or updated_by) and role. */
const actorOf = (request: FastifyRequest): Actor => ({ name: requireUser(request), role: request.account?.role });

/**
 * Registered on the plain instance: the zod type provider cannot infer through generic schemas,
 * so the handlers state the parsed types; validation and serialisation still run on the schemas.
 */
export function registerRecordRoutes<Rec extends { id: number }, Filter, Input, Patch>(
  zodApp: Parameters<FastifyPluginAsyncZod>[0],
  { path, schemas, summaries, repository }: RecordRoutes<Rec, Filter, Input, Patch>,
): void {
  const app = zodApp as unknown as FastifyInstance;
  const one = `${path}/:id`;
  const list = z.array(schemas.record);

  app.get(path, { schema: { summary: summaries.list, tags, querystring: schemas.filter, response: { 200: list, ...readProblems } } }, (request, reply) =>
    sendCached(app.cacheContext, request, reply, { scope: 'duiding', schema: list, compute: () => repository.list(request.query as Filter) }),
  );

  app.get(one, { schema: { summary: summaries.get, tags, params: IdParams, response: { 200: schemas.record, ...readProblems } } }, (request, reply) =>
    sendCached(app.cacheContext, request, reply, { scope: 'duiding', schema: schemas.record, compute: () => repository.get((request.params as Id).id) }),
  );

  app.post(path, { schema: { summary: summaries.create, tags, body: schemas.input, response: { 201: schemas.record, ...writeProblems } } }, async (request, reply) => {
    const created = await repository.create(request.body as Input, requireUser(request));
    return reply.code(201).header('location', `/api${path}/${created.id}`).send(created);
  });

  app.patch(one, { schema: { summary: summaries.update, tags, params: IdParams, body: schemas.patch, response: { 200: schemas.record, ...writeProblems } } }, async (request) =>
    repository.update((request.params as Id).id, request.body as Patch, actorOf(request)),
  );

  app.delete(one, { schema: { summary: summaries.delete, tags, params: IdParams, response: { 204: z.null(), ...writeProblems } } }, async (request, reply) => {
    await repository.delete((request.params as Id).id, actorOf(request));
    return reply.code(204).send(null);
  });
}
