/**
 * The jaarrapport as PDF from the command line:
 *   npm run report -- --year 2025 [--gemeente GM0153] [--as-of YYYY-MM] [--out jaarrapport-2025.pdf] [--db PATH] [--timeout 120]
 * Builds the web app when needed, serves the app on an ephemeral 127.0.0.1 port on the store,
 * and prints the report page with headless Chromium. Problems in Dutch on stderr, exit code 2.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadRegion } from '../region/config.ts';
import { resolveDbPath } from '../store/paths.ts';
import { openStore } from '../store/store.ts';
import { renderReportPdf } from '../report/render.ts';
import { ensureWebBuilt } from '../report/webBuild.ts';
import { serveForReport } from './reportServer.ts';

function fail(message: string): never {
  process.stderr.write(`\nfout: ${message}\n`);
  process.exit(2);
}

async function main(argv: string[]) {
  const { values: opts } = parseArgs({
    args: argv,
    options: {
      year: { type: 'string' },
      gemeente: { type: 'string' },
      'as-of': { type: 'string' },
      out: { type: 'string' },
      db: { type: 'string' },
      timeout: { type: 'string', default: '120' },
    },
    strict: true,
  });
  if (!opts.year || !/^\d{4}$/.test(opts.year)) fail('--year JJJJ is verplicht');
  const year = Number(opts.year);
  const region = loadRegion();
  if (opts.gemeente && !region.gemeenten.some((g) => g.code === opts.gemeente)) {
    fail(`gemeente ${opts.gemeente} hoort niet bij regio ${region.name}; kies een van ${region.gemeenten.map((g) => g.code).join(', ')}`);
  }
  const asOf = opts['as-of'];
  if (asOf !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(asOf)) fail('--as-of is een peilmaand als JJJJ-MM');
  const timeoutMs = Number(opts.timeout) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) fail('--timeout is een aantal seconden');
  const out = resolve(opts.out ?? `jaarrapport-${year}${opts.gemeente ? `-${opts.gemeente}` : ''}.pdf`);

  const started = Date.now();
  const tty = process.stderr.isTTY;
  const progress = (step: string) => {
    const line = `jaarrapport ${year} ${opts.gemeente ?? 'regio'}: ${step} (${((Date.now() - started) / 1000).toFixed(1)} s)`;
    process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  };

  ensureWebBuilt(progress);
  progress('database openen');
  const store = await openStore(resolveDbPath(opts.db), region);
  const { app, baseUrl, cookie } = await serveForReport(store, ensureWebBuilt());
  try {
    // A year without data is said before Chromium starts.
    const { years } = await app.engine.periods(asOf ? { peilmaand: asOf } : {});
    if (!years.includes(year)) throw new Error(`geen gegevens voor het jaar ${year}${asOf ? ` bij peilmaand ${asOf}` : ''}; de database heeft ${years.length ? years.join(', ') : 'nog geen leveringen'}`);
    const pdf = await renderReportPdf({ baseUrl, cookie, year, gemeente: opts.gemeente, peilmaand: asOf, timeoutMs, onProgress: progress });
    writeFileSync(out, pdf);
    progress(`klaar: ${out} (${Math.round(pdf.length / 1024)} kB)`);
    process.stderr.write('\n');
  } finally {
    await app.close();
    await store.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
