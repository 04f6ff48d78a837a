/** Builds the app with one extra API route that has no access rule: start-up must refuse it. */
import type { buildApp as BuildApp } from '../../server/app.ts';
import type { Store } from '../../store/store.ts';

export async function fastifyTestRouteHook(buildApp: typeof BuildApp, store: Store): Promise<void> {
  const app = await buildApp({ store, closeStore: false, extraRoutes: (a) => a.get('/api/zonder-regel', async () => ({ ok: true })) });
  await app.close();
}
