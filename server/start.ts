/**
 * `npm start`: the API and the built web app on one port. A new or empty store first gets
 * the demo fixtures, so the quick start shows data.
 *
 *   npm start [-- --db PATH]     PORT (3000), HOST (127.0.0.1), KOERSBORD_DB, LOG_LEVEL (info),
 *                                KOERSBORD_TRUST_PROXY=1 (hops) or =ADDRESS[,ADDRESS] behind a TLS proxy
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadRegion } from '../region/config.ts';
import { PROJECT_ROOT, resolveDbPath } from '../store/paths.ts';
import { openStore } from '../store/store.ts';
import { buildApp } from './app.ts';
import { ensureDemoAccount } from './auth/demoAccount.ts';
import { DEMO_EMAIL, DEMO_PASSWORD } from './auth/routes.ts';
import { deliveryCount, loadDemoData } from './demoData.ts';
import { trustProxyFromEnv } from './trustProxy.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' } }, allowPositionals: false });
  const dbPath = resolveDbPath(values.db);
  const port = Number.parseInt(process.env.PORT ?? '3000', 10);
  const host = process.env.HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT moet een poortnummer zijn, niet '${process.env.PORT}'`);

  const store = await openStore(dbPath, loadRegion());
  console.log(`Koersbord: store ${dbPath} (regio ${store.region.name})`);
  if ((await deliveryCount(store)) === 0) {
    console.log('De store is leeg: eerst de demodata.');
    await loadDemoData(store);
  }
  // Only a store that holds nothing but the demo data gets the demo account (also a quick-start
  // store from before access control); a store with real deliveries never does.
  if (await ensureDemoAccount(store)) {
    console.log(`Demo-account: ${DEMO_EMAIL} met wachtwoord ${DEMO_PASSWORD} (beheerder). Maak echte accounts met npm run users.`);
  }

  const webRoot = join(PROJECT_ROOT, 'web', 'dist');
  const app = await buildApp({ store, webRoot, logger: { level: process.env.LOG_LEVEL ?? 'info' }, trustProxy: trustProxyFromEnv(process.env.KOERSBORD_TRUST_PROXY) });
  if (!existsSync(join(webRoot, 'index.html'))) console.log('Let op: web/dist ontbreekt; de webapp is nog niet gebouwd (de API werkt wel).');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: server stopt`);
    // Stop accepting, finish what is running, then close the store (app's onClose).
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const address = await app.listen({ port, host });
  console.log(`Koersbord draait op ${address} (API-documentatie: ${address}/api/docs)`);
  // The engine builds its context once per data version; doing that now spares the first visitor the wait.
  const warming = Date.now();
  const year = (await app.engine.periods().catch(() => ({ years: [] as number[] }))).years.at(-1);
  if (year !== undefined) await app.engine.overview({ year, scope: 'REGIO' }).catch(() => undefined);
  app.log.info(`indicatoren voorbereid in ${((Date.now() - warming) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error(`Koersbord kon niet starten: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
