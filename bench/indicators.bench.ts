/**
 * Indicator engine speed: every indicator of every year (year and month grain, areas and
 * providers) on the full Twente fixtures and on national-size fixtures, each loaded through
 * the ETL and cached in data/bench/. Each dataset runs in its own process so that its peak
 * memory is its own. Prints the time of a full recompute, of a cached answer, the peak
 * memory, and the ratio to one hand-written DuckDB query that computes only `clients` per
 * segment × gemeente × year on the same store in the same run.
 *
 *   npm run bench:indicators [-- --only twente|national] [--scale 30]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadFiles } from '../etl/index.ts';
import { generateFixtures } from '../fixtures/index.ts';
import { createIndicatorEngine } from '../indicators/index.ts';
import { loadRegion } from '../region/config.ts';
import { PROJECT_ROOT } from '../store/paths.ts';
import { openStore, type Store } from '../store/store.ts';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    child: { type: 'string' },
    scale: { type: 'string', default: '30' },
  },
});

const BENCH_DIR = join(PROJECT_ROOT, 'data', 'bench');

interface Dataset {
  name: 'twente' | 'national';
  fixtures: { profile: 'full'; from?: string; until?: string; scale?: number; seed?: number };
  dir: string;
  db: string;
}

function datasets(): Dataset[] {
  const scale = Number(args.scale);
  // The ETL bench generates the same national files; reuse them when complete.
  const shared = join(BENCH_DIR, `fixtures-scale${scale}-2024-01-2024-12`);
  return [
    {
      name: 'twente',
      fixtures: { profile: 'full', from: '2023-01', until: '2025-12', seed: 20240101 },
      dir: join(BENCH_DIR, 'indicators-fixtures-twente-2023-01-2025-12'),
      db: join(BENCH_DIR, 'indicators-twente.duckdb'),
    },
    {
      name: 'national',
      fixtures: { profile: 'full', from: '2024-01', until: '2024-12', scale, seed: 1 },
      dir: existsSync(join(shared, 'summary.json')) ? shared : join(BENCH_DIR, `indicators-fixtures-scale${scale}-2024-01-2024-12`),
      db: join(BENCH_DIR, `indicators-national-scale${scale}.duckdb`),
    },
  ];
}

async function prepared(d: Dataset): Promise<Store> {
  if (existsSync(d.db)) {
    const store = await openStore(d.db, loadRegion());
    if ((await store.dataVersion()) > 0) return store;
    await store.close();
    rmSync(d.db, { force: true });
  }
  if (!existsSync(join(d.dir, 'summary.json'))) {
    const t = performance.now();
    console.error(`[${d.name}] fixtures genereren in ${d.dir} ...`);
    rmSync(d.dir, { recursive: true, force: true });
    await generateFixtures({ outDir: d.dir, ...d.fixtures });
    console.error(`[${d.name}] gegenereerd in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const t = performance.now();
  console.error(`[${d.name}] laden via de ETL in ${d.db} ...`);
  const store = await openStore(d.db, loadRegion());
  const reports = await loadFiles(store, [d.dir]);
  const rejected = reports.filter((r) => r.outcome === 'rejected').length;
  console.error(`[${d.name}] ${reports.length} bestanden geladen (${rejected} geweigerd) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return store;
}

/** The yardstick: only `clients` per segment × gemeente × year, current state, in one query. */
const CLIENTS_ONLY = `
  WITH cur AS (
    SELECT * FROM toewijzingen
    QUALIFY row_number() OVER (PARTITION BY gemeente_code, toewijzing_id ORDER BY periode DESC, delivery_id DESC) = 1
  ), seg AS (
    SELECT c.gemeente_code, c.client_id, c.begindatum, coalesce(c.einddatum, DATE '9999-12-31') AS einde, p.segment
    FROM cur c JOIN region_products p
      ON p.productcode = c.productcode AND c.begindatum BETWEEN p.geldig_van AND coalesce(p.geldig_tot, DATE '9999-12-31')
  ), years AS (
    SELECT unnest(range(CAST(min(substr(periode, 1, 4)) AS INTEGER), CAST(max(substr(periode, 1, 4)) AS INTEGER) + 1)) AS year FROM deliveries WHERE periode IS NOT NULL
  )
  SELECT segment, gemeente_code, year, count(DISTINCT client_id)::INTEGER AS clients
  FROM seg JOIN years ON seg.begindatum <= make_date(year, 12, 31) AND seg.einde >= make_date(year, 1, 1)
  GROUP BY ALL`;

/** Wall time, and CPU time of the whole process (DuckDB's threads included): on a shared, busy machine the CPU time says more. */
const cpuMs: number[] = [];
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = await fn();
  const used = process.cpuUsage(c);
  cpuMs.push((used.user + used.system) / 1000);
  return [r, performance.now() - t];
}

async function runOne(name: string) {
  const d = datasets().find((x) => x.name === name)!;
  const store = await prepared(d);
  const [counts] = await timed(() =>
    store.query<{ t: number; c: number; clients: number }>(
      `SELECT (SELECT count(*)::INTEGER FROM toewijzingen) AS t, (SELECT count(*)::INTEGER FROM declaraties) AS c,
              (SELECT count(DISTINCT client_id)::INTEGER FROM toewijzingen) AS clients`,
    ),
  );
  // Warm DuckDB's file cache the same way for both sides before timing.
  await store.query(CLIENTS_ONLY);
  const [baselineRows, baselineMs] = await timed(() => store.query(CLIENTS_ONLY));
  const baselineCpu = cpuMs.at(-1)!;

  const engine = createIndicatorEngine(store);
  let values = 0;
  const [, fullMs] = await timed(async () => {
    const { years } = await engine.periods();
    for (const year of years) {
      values += (await engine.values({ year, grain: 'year' })).length;
      values += (await engine.values({ year, grain: 'month' })).length;
    }
  });
  const fullCpu = cpuMs.at(-1)!;
  const [, providerMs] = await timed(async () => {
    const { years } = await engine.periods();
    for (const year of years) values += (await engine.providers({ year })).length;
  });
  const providerCpu = cpuMs.at(-1)!;
  const { years } = await engine.periods();
  const last = years[years.length - 1];
  const [, overviewMs] = await timed(() => engine.overview({ year: last, scope: 'REGIO' }));
  const [, cachedMs] = await timed(() => engine.values({ year: last, grain: 'month' }));
  const peakMb = process.resourceUsage().maxRSS / 1024;
  await store.close();
  console.log(
    JSON.stringify({
      dataset: name,
      toewijzingen_rows: counts[0].t,
      declaraties_rows: counts[0].c,
      clients: counts[0].clients,
      years,
      values,
      full_recompute_ms: Math.round(fullMs),
      full_recompute_cpu_ms: Math.round(fullCpu),
      providers_cpu_ms: Math.round(providerCpu),
      clients_only_query_cpu_ms: Math.round(baselineCpu),
      cpu_ratio: Math.round((fullCpu / baselineCpu) * 10) / 10,
      load_average: os.loadavg()[0],
      providers_ms: Math.round(providerMs),
      overview_ms: Math.round(overviewMs),
      cached_ms: Math.round(cachedMs * 10) / 10,
      clients_only_query_ms: Math.round(baselineMs),
      clients_only_rows: baselineRows.length,
      ratio: Math.round((fullMs / baselineMs) * 10) / 10,
      peak_rss_mb: Math.round(peakMb),
    }),
  );
}

async function main() {
  if (args.child) return runOne(args.child);
  const names = args.only ? [args.only] : ['twente', 'national'];
  console.log('Indicatorengine: alle indicatoren, alle jaren (jaar + maand, gemeenten + REGIO), daarna aanbieders');
  for (const name of names) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/indicators.bench.ts', '--child', name, '--scale', args.scale!], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (r.status !== 0) {
      console.log(`${name}: mislukt (exit ${r.status})`);
      continue;
    }
    const m = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    console.log(`\n${name}: ${m.toewijzingen_rows.toLocaleString('nl-NL')} toewijzingregels, ${m.declaraties_rows.toLocaleString('nl-NL')} declaratieregels, ${m.clients.toLocaleString('nl-NL')} cliënten, jaren ${m.years.join(', ')}`);
    console.log(`  belasting van de machine (load average, 1 min):    ${m.load_average.toFixed(1)} op ${os.cpus().length} kernen`);
    console.log(`  volledige herberekening (alle jaren, jaar + maand): ${m.full_recompute_ms} ms (CPU ${m.full_recompute_cpu_ms} ms)  →  ${m.values.toLocaleString('nl-NL')} waarden incl. aanbieders`);
    console.log(`  aanbieders (alle jaren):                           ${m.providers_ms} ms (CPU ${m.providers_cpu_ms} ms)`);
    console.log(`  overzicht REGIO laatste jaar:                      ${m.overview_ms} ms`);
    console.log(`  antwoord uit de cache:                             ${m.cached_ms} ms`);
    console.log(`  alleen 'clients' per segment × gemeente × jaar:    ${m.clients_only_query_ms} ms (CPU ${m.clients_only_query_cpu_ms} ms, ${m.clients_only_rows} rijen)`);
    console.log(`  verhouding herberekening / clients-query:          ${m.ratio}× (CPU ${m.cpu_ratio}×)`);
    console.log(`  piekgeheugen (RSS):                                ${m.peak_rss_mb} MB`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
