/**
 * The built web app (`web/dist`) on the same port as the API. The web app routes in the
 * browser, so any GET outside /api/ that is not a file gets index.html (SPA fallback).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface WebApp {
  fallback(request: FastifyRequest, reply: FastifyReply): FastifyReply;
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>Koersbord</title></head>
<body>
<h1>Koersbord</h1>
<p>De webapp is nog niet gebouwd: de map <code>web/dist</code> ontbreekt.
Bouw de webapp en start de server opnieuw. De API werkt wel: zie <a href="/api/docs">/api/docs</a>.</p>
</body>
</html>
`;

export async function registerWebApp(app: FastifyInstance, root: string): Promise<WebApp> {
  const folder = resolve(root);
  if (!existsSync(join(folder, 'index.html'))) {
    return {
      fallback: (_request, reply) => reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE),
    };
  }
  await app.register(fastifyStatic, { root: folder, index: ['index.html'] });
  return {
    // index.html is small and names hashed assets: always revalidate it.
    fallback: (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false }),
  };
}
