/**
 * The real thing for browser tests: the fixtures' small profile (three gemeenten) generated,
 * loaded through the ETL into a temporary DuckDB file, served by the real app with the built
 * web app on 127.0.0.1 and a random port. `startTestregioServer` serves the second region
 * (threshold 10, claims lag 1, no wonen target) on its hand-seeded store the same way.
 */
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadFiles } from '../../../etl/index.ts';
import { generateFixtures } from '../../../fixtures/index.ts';
import { loadRegion } from '../../../region/config.ts';
import { buildApp } from '../../../server/app.ts';
import { openStore, type Store } from '../../../store/store.ts';
import { tempDir } from '../../helpers/tempStore.ts';
import { seedTestregio, testregio } from '../../indicators/helpers/testregio.ts';
import { ensureWebBuilt } from './webBuild.ts';
import { setContextSignIn, signInContext } from './browser.ts';
import { createAccount } from '../../../server/auth/accounts.ts';

/** The account every browser context signs in with. */
export const TEST_ADMIN = { email: 'beheerder@test.koersbord.nl', name: 'Test Beheerder', password: 'test-wachtwoord-123' };

/** Through June 2025: the baseline year 2024 complete and half a year with targets. */
export const FIXTURE_UNTIL = '2025-06';
export const YEAR = 2025;

/**
 * Creates the test beheerder in the store, signs in through the API (the cookie is returned for
 * fetch), and has every browser context from `newContext` sign in the same way.
 */
export async function signInTestAdmin(store: Store, baseUrl: string): Promise<string> {
  await createAccount(store, { email: TEST_ADMIN.email, name: TEST_ADMIN.name, role: 'beheerder', password: TEST_ADMIN.password });
  setContextSignIn((context) => signInContext(context, baseUrl, TEST_ADMIN.email, TEST_ADMIN.password));
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: TEST_ADMIN.email, password: TEST_ADMIN.password }) });
  if (!login.ok) throw new Error(`aanmelden mislukt: ${login.status}`);
  return (login.headers.get('set-cookie') ?? '').split(';')[0];
}

export interface WebServer {
  baseUrl: string;
  app: FastifyInstance;
  /** GET an API path and parse the JSON. */
  api<T>(path: string): Promise<T>;
}

/** Twente on the fixtures. */
export async function startWebServer(): Promise<WebServer> {
  const dir = tempDir('koersbord-web-');
  const fixtures = join(dir, 'fixtures');
  await generateFixtures({ outDir: fixtures, profile: 'small', until: FIXTURE_UNTIL });
  const store = await openStore(join(dir, 'web.duckdb'), loadRegion());
  const reports = await loadFiles(store, [fixtures], { loadedBy: 'test' });
  const rejected = reports.filter((r) => r.outcome === 'rejected');
  if (rejected.length) throw new Error(`fixtures geweigerd: ${rejected.map((r) => r.file).join(', ')}`);
  return serve(store);
}

/** Testregio on its seeded store: verblijf spend of one client in Aalten, 2023–2026. */
export async function startTestregioServer(): Promise<WebServer> {
  const store = await openStore(join(tempDir('koersbord-web-testregio-'), 'web.duckdb'), testregio());
  await seedTestregio(store);
  return serve(store);
}

/** Any store, served with the built web app and the test beheerder signed in. */
export async function serve(store: Store): Promise<WebServer> {
  const webRoot = await ensureWebBuilt();
  const app = await buildApp({ store, webRoot });
  await app.listen({ host: '127.0.0.1', port: 0 });
  afterAll(() => app.close());
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server luistert niet');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const cookie = await signInTestAdmin(store, baseUrl);
  return {
    baseUrl,
    app,
    api: async <T>(path: string) => {
      const res = await fetch(`${baseUrl}/api${path}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}
