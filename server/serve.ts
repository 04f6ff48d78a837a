/**
 * The server as `npm start` runs it: open the store (a damaged file stops it, named), clear
 * what a killed server left in the upload folder, answer at once, and load the initial data
 * (the start script's provider) in the background while `/api/health` shows the progress.
 * Terminal output is for people: the URL, the progress, warnings and errors; request logs
 * only with LOG_LEVEL=info (or debug).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadRegion } from '../region/config.ts';
import { openStore, StoreClosedError } from '../store/store.ts';
import { buildApp } from './app.ts';
import { ensureDemoAccount } from './auth/demoAccount.ts';
import { userAdminCommands } from './auth/userCommands.ts';
import { DEMO_EMAIL, DEMO_PASSWORD } from './auth/routes.ts';
import type { ReportPdfPrinter } from './routes/report.ts';
import { type TrustProxy } from './trustProxy.ts';
import { startLocalAdmin, type LocalAdmin } from './localAdmin.ts';
import { storeAdminCommands } from './storeAdmin.ts';
import { initialLoadPending, runInitialLoad, type InitialDataProvider, type StartupState } from './startup.ts';
import { prepareUploadDir } from './uploadDir.ts';

export interface ServeOptions {
  dbPath: string;
  port: number;
  host: string;
  /** Folder of the built web app; without index.html only the API is served. */
  webRoot: string;
  /** Pino level; 'warn' keeps request logs out of the terminal. */
  logLevel: string;
  /** Proxies trusted for the client address (trustProxy.ts). */
  trustProxy?: TrustProxy;
  /** Loads into a store without deliveries (npm start: the demo data). */
  initialData?: InitialDataProvider;
  /** Prints the report as PDF (npm start: report/'s Chromium printer, ops/reportPdf.ts). */
  reportPdf?: ReportPdfPrinter;
  /** Back the store up beside itself before a migration (npm start, npm run serve). */
  backupBeforeMigration?: boolean;
}

export interface Served {
  app: FastifyInstance;
  address: string;
  /** Settles when the initial load is done (at once when there was none). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<Served> {
  const store = await openStore(options.dbPath, loadRegion(), {
    backupBeforeMigration: options.backupBeforeMigration,
    onMigrationBackup: (path, from, to) => console.log(`Koersbord: store van schemaversie ${from} naar ${to}; eerst een backup geschreven: ${path}`),
  });
  const leftOver = prepareUploadDir(options.dbPath);
  if (leftOver > 0) console.warn(`Let op: ${leftOver} onafgemaakte upload(s) van een eerder gestopte server verwijderd.`);
  console.log(`Koersbord: store ${options.dbPath} (regio ${store.region.name})`);

  const startup: StartupState = { phase: 'klaar', label: '', done: 0, total: 0 };
  const initial = options.initialData && (await initialLoadPending(store, options.initialData.loadedBy)) ? options.initialData : undefined;
  if (initial) Object.assign(startup, { phase: 'voorbereiden', label: initial.label });

  const app = await buildApp({ store, webRoot: options.webRoot, logger: { level: options.logLevel }, trustProxy: options.trustProxy, startup, reportPdf: options.reportPdf });
  if (!existsSync(join(options.webRoot, 'index.html'))) console.warn('Let op: web/dist ontbreekt; de webapp is nog niet gebouwd (de API werkt wel).');
  let admin: LocalAdmin | null = null;
  try {
    admin = await startLocalAdmin(options.dbPath, { ...storeAdminCommands(app), ...userAdminCommands(store) });
  } catch (err) {
    console.warn(`Let op: het lokale beheerkanaal (npm run store en npm run users terwijl de server draait) is niet beschikbaar: ${(err as Error).message}`);
  }
  const address = await app.listen({ port: options.port, host: options.host });
  console.log(`Koersbord draait op ${address} (API-documentatie: ${address}/api/docs)`);

  const announceDemoAccount = async () => {
    // Only a store that holds nothing but the demo data gets the demo account; a store with real deliveries never does.
    if (await ensureDemoAccount(store)) {
      console.log(`Demo-account: ${DEMO_EMAIL} met wachtwoord ${DEMO_PASSWORD} (beheerder). Maak echte accounts met npm run users.`);
    }
  };
  const warm = async () => {
    // The engine builds its context once per data version; doing that now spares the first visitor the wait.
    const year = (await app.engine.periods().catch(() => ({ years: [] as number[] }))).years.at(-1);
    if (year !== undefined) await app.engine.overview({ year, scope: 'REGIO' }).catch(() => undefined);
  };

  const ready = (async () => {
    if (!initial) {
      await announceDemoAccount();
      await warm();
      return;
    }
    console.log(`${initial.label} wordt geladen; de pagina toont de voortgang en de nieuwste maanden komen eerst.`);
    try {
      await runInitialLoad(store, initial, startup, { afterFirstGroup: announceDemoAccount, onData: () => app.versions.invalidate() });
      await warm();
      console.log(`Klaar: ${address}`);
    } catch (err) {
      // Stopped (SIGTERM) halfway: what was loaded is committed, and the next start loads the rest.
      if (err instanceof StoreClosedError) return console.log(`${initial.label} laden gestopt omdat de server stopt; de volgende start laadt de rest.`);
      startup.phase = 'mislukt';
      console.error(`${initial.label} laden mislukt: ${(err as Error).message}`);
    }
  })();

  return {
    app,
    address,
    ready,
    async close() {
      await admin?.close();
      await app.close();
    },
  };
}
