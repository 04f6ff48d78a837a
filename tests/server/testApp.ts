/** A real app on a real temporary DuckDB store, for `app.inject` tests. */
import { afterAll } from 'vitest';
import { buildApp, type BuildAppOptions } from '../../server/app.ts';
import { tempStore } from '../helpers/tempStore.ts';

export const USER = { 'x-koersbord-user': 'Anna de Vries' };

export async function testApp(options: Partial<BuildAppOptions> = {}) {
  const store = await tempStore();
  const app = await buildApp({ store, closeStore: false, ...options });
  afterAll(() => app.close());
  return app;
}

export function json<T = unknown>(res: { body: string }): T {
  return JSON.parse(res.body) as T;
}
