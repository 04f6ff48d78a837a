/**
 * `npm start`: the API and the built web app on one port. A new or empty store gets the demo
 * fixtures while the server already answers (the page shows the progress).
 *
 *   npm start [-- --db PATH]     PORT (3000), HOST (127.0.0.1), KOERSBORD_DB,
 *                                LOG_LEVEL (warn; info adds a log line per request),
 *                                KOERSBORD_TRUST_PROXY=1 (hops) or =ADDRESS[,ADDRESS] behind a TLS proxy
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadRegion } from '../region/config.ts';
import { serve } from '../server/serve.ts';
import { trustProxyFromEnv } from '../server/trustProxy.ts';
import { PROJECT_ROOT, resolveDbPath } from '../store/paths.ts';
import { demoDataProvider } from './demoData.ts';
import { reportPdfPrinter } from './reportPdf.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' } }, allowPositionals: false });
  const port = Number.parseInt(process.env.PORT ?? '3000', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT moet een poortnummer zijn, niet '${process.env.PORT}'`);
  const served = await serve({
    dbPath: resolveDbPath(values.db),
    port,
    host: process.env.HOST ?? '127.0.0.1',
    webRoot: join(PROJECT_ROOT, 'web', 'dist'),
    logLevel: process.env.LOG_LEVEL || 'warn',
    trustProxy: trustProxyFromEnv(process.env.KOERSBORD_TRUST_PROXY),
    reportPdf: reportPdfPrinter(),
    initialData: demoDataProvider(loadRegion(), process.env.KOERSBORD_DEMO_DIR, process.env.KOERSBORD_DEMO_PROFILE === 'small' ? 'small' : 'full'),
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
