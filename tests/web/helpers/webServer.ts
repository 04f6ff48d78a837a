/**
 * The real thing for browser tests: the fixtures' small profile (three gemeenten) generated,
 * loaded through the ETL into a temporary DuckDB file, served by the real app with the built
 * web app on 127.0.0.1 and a random port.
 */
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadFiles } from '../../../etl/index.ts';
import { generateFixtures } from '../../../fixtures/index.ts';
import { loadRegion } from '../../../region/config.ts';
import { buildApp } from '../../../server/app.ts';
import { openStore } from '../../../store/store.ts';
import { tempDir } from '../../helpers/tempStore.ts';
import { ensureWebBuilt } from './webBuild.ts';

/** Through June 2025: the baseline year 2024 complete and half a year with targets. */
export const FIXTURE_UNTIL = '2025-06';
export const YEAR = 2025;

export interface WebServer {
  baseUrl: string;
  app: FastifyInstance;
  /** GET an API path and parse the JSON. */
  api<T>(path: string): Promise<T>;
}

export async function startWebServer(): Promise<WebServer> {
  const webRoot = await ensureWebBuilt();
  const dir = tempDir('koersbord-web-');
  const fixtures = join(dir, 'fixtures');
  await generateFixtures({ outDir: fixtures, profile: 'small', until: FIXTURE_UNTIL });
  const store = await openStore(join(dir, 'web.duckdb'), loadRegion());
  const reports = await loadFiles(store, [fixtures], { loadedBy: 'test' });
  const rejected = reports.filter((r) => r.outcome === 'rejected');
  if (rejected.length) throw new Error(`fixtures geweigerd: ${rejected.map((r) => r.file).join(', ')}`);
  const app = await buildApp({ store, webRoot });
  await app.listen({ host: '127.0.0.1', port: 0 });
  afterAll(() => app.close());
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server luistert niet');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    baseUrl,
    app,
    api: async <T>(path: string) => {
      const res = await fetch(`${baseUrl}/api${path}`);
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}
