/**
 * The app on an ephemeral 127.0.0.1 port, for printing reports outside `npm start` (the CLI
 * and the bench): the same `buildApp` as the server, on the given store, with a session of the
 * internal report account (whole region, read only) for the printing browser.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { internalSession } from '../server/auth/internal.ts';
import { SESSION_COOKIE } from '../server/auth/sessions.ts';
import type { Store } from '../store/store.ts';

export async function serveForReport(store: Store, webRoot: string): Promise<{ app: FastifyInstance; baseUrl: string; cookie: { name: string; value: string } }> {
  const app = await buildApp({ store, webRoot, closeStore: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('de rapportserver luistert niet');
  return { app, baseUrl: `http://127.0.0.1:${address.port}`, cookie: { name: SESSION_COOKIE, value: await internalSession(store) } };
}
