/**
 * The jaarrapport on the full Twente data (14 gemeenten, 2023-01 … 2025-12):
 *   npm run bench:report [-- --year 2025]
 * Prints the time of the region report (cold: engine computing from scratch and Chromium
 * starting; warm: a second print), the time of all 14 gemeente reports in one go (one
 * browser), and the peak memory of this process and its Chromium processes together.
 * Target: the region report in under 15 seconds.
 *
 * The store is a copy of bench:indicators' Twente store (data/bench/indicators-twente.duckdb),
 * or, without it, the same fixtures generated and loaded through the ETL; kept in
 * data/bench/report-twente.duckdb so later runs start at once. PDFs go to
 * data/bench/report-out/, PNGs of the region report's first pages to artifacts/report/bench/.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFiles } from '../etl/index.ts';
import { generateFixtures } from '../fixtures/index.ts';
import { loadRegion } from '../region/config.ts';
import { launchChromium } from '../report/chromium.ts';
import { pdfPageTexts } from '../report/pdfText.ts';
import { pdfPagesToPng } from '../report/pngPages.ts';
import { renderReportPdf } from '../report/render.ts';
import { serveForReport } from '../ops/reportServer.ts';
import { ensureWebBuilt } from '../report/webBuild.ts';
import { createDuidingRepositories } from '../server/duiding/index.ts';
import { PROJECT_ROOT } from '../store/paths.ts';
import { openStore, type Store } from '../store/store.ts';

const BENCH_DIR = join(PROJECT_ROOT, 'data', 'bench');
const DB = join(BENCH_DIR, 'report-twente.duckdb');
const SOURCE_DB = join(BENCH_DIR, 'indicators-twente.duckdb');
const FIXTURES = join(BENCH_DIR, 'indicators-fixtures-twente-2023-01-2025-12');
const OUT = join(BENCH_DIR, 'report-out');
const PNG_DIR = join(PROJECT_ROOT, 'artifacts', 'report', 'bench');

const { values: args } = parseArgs({ options: { year: { type: 'string', default: '2025' } } });
const year = Number(args.year);

async function preparedStore(): Promise<Store> {
  mkdirSync(BENCH_DIR, { recursive: true });
  if (!existsSync(DB) && existsSync(SOURCE_DB) && !existsSync(`${SOURCE_DB}.wal`)) {
    console.error(`store kopiëren van ${SOURCE_DB}`);
    copyFileSync(SOURCE_DB, DB);
  }
  const store = await openStore(DB, loadRegion());
  if ((await store.dataVersion()) === 0) {
    if (!existsSync(join(FIXTURES, 'summary.json'))) {
      console.error(`fixtures genereren in ${FIXTURES} ...`);
      await generateFixtures({ outDir: FIXTURES, profile: 'full', from: '2023-01', until: '2025-12', seed: 20240101 });
    }
    console.error('laden via de ETL ...');
    await loadFiles(store, [FIXTURES]);
  }
  // A session, a duiding and an action, so Check and Act are not empty in the bench's PDFs.
  const repo = createDuidingRepositories(store);
  if ((await repo.duiding.list({ year })).length === 0) {
    const s = await repo.duidingssessies.create({ date: `${year}-10-01`, title: 'Bench-duidingssessie', organisations: [], agenda: [] }, 'bench');
    await repo.duiding.create({ kind: 'verklaring', segment: 'verblijf', gemeente_code: 'REGIO', period: String(year), indicator: null, text: 'Verklaring voor de bench.', session_id: s.id }, 'bench');
    const v = await repo.duiding.create({ kind: 'verbetervoorstel', segment: 'wonen', gemeente_code: 'REGIO', period: String(year), indicator: null, text: 'Voorstel voor de bench.', session_id: s.id }, 'bench');
    await repo.actions.create({ duiding_id: v.id, title: 'Actie voor de bench', owner_organisation: 'Regio', due_date: null, status: 'open' }, 'bench');
  }
  return store;
}

/** RSS of this process and every descendant (Chromium's processes), from /proc. */
function treeRssBytes(): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
      rss.set(Number(name), Number(fields[21]) * 4096);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const [pid, bytes] of rss) {
    let p: number | undefined = pid;
    while (p && p !== process.pid) p = parents.get(p);
    if (p === process.pid) total += bytes;
  }
  return total;
}

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, treeRssBytes())), 200);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;

const store = await preparedStore();
const webRoot = ensureWebBuilt((l) => console.error(l));
const { app, baseUrl, cookie } = await serveForReport(store, webRoot);
mkdirSync(OUT, { recursive: true });
mkdirSync(PNG_DIR, { recursive: true });
try {
  console.log(`jaarrapport ${year}, regio Twente (14 gemeenten), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  peak = 0;
  let t = performance.now();
  const cold = await renderReportPdf({ baseUrl, cookie, year, timeoutMs: 120_000 });
  const coldMs = performance.now() - t;
  const regionPeak = peak;
  t = performance.now();
  const region = await renderReportPdf({ baseUrl, cookie, year, timeoutMs: 120_000 });
  const warmMs = performance.now() - t;
  writeFileSync(join(OUT, `jaarrapport-${year}.pdf`), region);
  const pages = (await pdfPageTexts(region)).length;
  console.log(`regiorapport koud (engine + Chromium start): ${seconds(coldMs)}  ${cold.length >> 10} kB`);
  console.log(`regiorapport warm:                          ${seconds(warmMs)}  ${pages} pagina's  (doel < 15 s: ${coldMs < 15_000 ? 'gehaald' : 'NIET gehaald'})`);
  console.log(`piekgeheugen regiorapport (node + Chromium): ${mb(regionPeak)}`);

  peak = 0;
  const browser = await launchChromium();
  try {
    t = performance.now();
    for (const g of store.region.gemeenten) {
      const pdf = await renderReportPdf({ baseUrl, cookie, year, gemeente: g.code, timeoutMs: 120_000, browser });
      writeFileSync(join(OUT, `jaarrapport-${year}-${g.code}.pdf`), pdf);
    }
    const allMs = performance.now() - t;
    console.log(`14 gemeenterapporten in één keer:           ${seconds(allMs)}  (${seconds(allMs / store.region.gemeenten.length)} per rapport)`);
    console.log(`piekgeheugen gemeenterapporten:              ${mb(peak)}`);
    const pngs = await pdfPagesToPng(browser, region, 4);
    pngs.forEach((png, i) => writeFileSync(join(PNG_DIR, `jaarrapport-${year}-pagina-${i + 1}.png`), png));
  } finally {
    await browser.close();
  }
  console.log(`PDF's in ${OUT}, PNG's in ${PNG_DIR}`);
} finally {
  clearInterval(sampler);
  await app.close();
  await store.close();
}
