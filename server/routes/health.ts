/** Health (is the store reachable, what is loaded) and version. Never cached. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Health, Version } from '../../contract/api.ts';
import { PROJECT_ROOT } from '../../store/paths.ts';

const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    { schema: { summary: 'Gezondheid van de server en de store', tags: ['beheer'], response: { 200: Health } } },
    async (_request, reply) => {
      const [row] = await app.store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM deliveries WHERE status = 'active'`);
      const v = await app.versions.read();
      reply.header('cache-control', 'no-store');
      const s = app.startup;
      const loading = s && s.phase !== 'klaar' ? { phase: s.phase, label: s.label, done: s.done, total: s.total } : null;
      return { status: 'ok' as const, region: app.store.region.id, data_version: v.data, duiding_version: v.duiding, deliveries: row.n, loading };
    },
  );

  app.get(
    '/version',
    { schema: { summary: 'Versie van de software en het opslagschema', tags: ['beheer'], response: { 200: Version } } },
    async () => ({ name: pkg.name, version: pkg.version, schema_version: await app.store.schemaVersion(), node: process.version }),
  );
};
