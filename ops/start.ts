/**
 * `npm start`: the API and the built web app on one port. A new or empty store gets the demo
 * fixtures while the server already answers (the page shows the progress).
 *
 *   npm start [-- --db PATH]     with demo data in an empty store
 *   npm run serve                production: no demo data, no demo account (--no-demo)
 * The environment it reads (PORT, HOST, KOERSBORD_DB, LOG_LEVEL, KOERSBORD_TRUST_PROXY,
 * KOERSBORD_DEMO, ...) is the one table in startEnv.ts.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadRegion } from '../region/config.ts';
import { serve } from '../server/serve.ts';
import { PROJECT_ROOT, resolveDbPath } from '../store/paths.ts';
import { demoDataProvider } from './demoData.ts';
import { reportPdfPrinter } from './reportPdf.ts';
import { readStartEnv } from './startEnv.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, 'no-demo': { type: 'boolean', default: false } }, allowPositionals: false });
  const env = readStartEnv(process.env, { demo: !values['no-demo'] });
  const served = await serve({
    dbPath: resolveDbPath(values.db),
    port: env.port,
    host: env.host,
    webRoot: join(PROJECT_ROOT, 'web', 'dist'),
    logLevel: env.logLevel,
    trustProxy: env.trustProxy,
    reportPdf: reportPdfPrinter(),
    initialData: env.demo ? demoDataProvider(loadRegion(), env.demoDir, env.demoProfile) : undefined,
    backupBeforeMigration: true,
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: server stopt`);
    // Stop accepting, finish what is running, then close the store (app's onClose). A load in
    // progress is one transaction per delivery: stopping halfway loses at most the one in flight.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void served.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`Koersbord kon niet starten: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
