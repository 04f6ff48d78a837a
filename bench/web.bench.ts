/**
 * `npm run bench:web`: the web app's bundle size against its budget, and how long the first
 * views take to become usable in headless Chromium against the real server on the small
 * fixtures (cold browser cache each run). Prints figures; it asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { loadFiles } from '../etl/index.ts';
import { generateFixtures } from '../fixtures/index.ts';
import { loadRegion } from '../region/config.ts';
import { buildApp } from '../server/app.ts';
import { internalSession } from '../server/auth/internal.ts';
import { SESSION_COOKIE } from '../server/auth/sessions.ts';
import { PROJECT_ROOT } from '../store/paths.ts';
import { openStore } from '../store/store.ts';
import { BUDGET, DIST_DIR, measureBundle } from '../web/check-budget.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function chromiumPath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return (await import('@sparticuz/chromium')).default.executablePath();
}

console.log('Koersbord web bench');
// The machine is shared: the load beside the figures says how much they can be trusted.
console.log(`- machine: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min)`);
console.log('- bouwen (vite build)…');
const t0 = performance.now();
execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(PROJECT_ROOT, 'web', 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit' });
const buildMs = performance.now() - t0;
const size = measureBundle(DIST_DIR);
console.log(`  build: ${(buildMs / 1000).toFixed(1)} s`);
console.log(`  JavaScript: ${kb(size.jsRawBytes)} (gzip ${kb(size.jsGzipBytes)}; budget gzip ${kb(BUDGET.jsGzipBytes)}, ruw ${kb(BUDGET.jsRawBytes)})`);
console.log(`  CSS: ${kb(size.cssRawBytes)} (gzip ${kb(size.cssGzipBytes)}; budget gzip ${kb(BUDGET.cssGzipBytes)})`);

const dir = mkdtempSync(join(tmpdir(), 'koersbord-webbench-'));
try {
  console.log('- fixtures (small, t/m 2025-06) laden…');
  await generateFixtures({ outDir: join(dir, 'fx'), profile: 'small', until: '2025-06' });
  const store = await openStore(join(dir, 'bench.duckdb'), loadRegion());
  await loadFiles(store, [join(dir, 'fx')]);
  const app = await buildApp({ store, webRoot: DIST_DIR });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const session = await internalSession(store);

  const browser = await chromium.launch({
    executablePath: await chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const views: [string, string, string][] = [
    ['Overzicht', '/#/overzicht', 'article.card .chart-canvas[data-rendered="true"]'],
    ['Segment', '/#/segment/verblijf', '.panel .chart-canvas[data-rendered="true"]'],
    ['Datakwaliteit', '/#/datakwaliteit', '.matrix td'],
  ];
  console.log(`- eerste weergave (koude cache, mediaan van ${RUNS}; de eerste run vult ook de servercache):`);
  for (const [name, path, ready] of views) {
    const usable: number[] = [];
    const dcl: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'nl-NL' });
      await context.addCookies([{ name: SESSION_COOKIE, value: session, url: base }]);
      const page = await context.newPage();
      await page.goto(`${base}${path}`);
      await page.waitForSelector(ready, { timeout: 30_000 });
      // From navigation start to the moment the view's figures and first chart are drawn.
      usable.push((await page.evaluate('performance.now()')) as number);
      dcl.push((await page.evaluate('performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd')) as number);
      await context.close();
    }
    console.log(`  ${name.padEnd(14)} bruikbaar na ${median(usable).toFixed(0)} ms (DOMContentLoaded ${median(dcl).toFixed(0)} ms; min ${Math.min(...usable).toFixed(0)}, max ${Math.max(...usable).toFixed(0)} ms)`);
  }
  await browser.close();
  await app.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
