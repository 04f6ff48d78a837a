/**
 * ETL throughput against DuckDB's own read_csv of the same files, in the same run.
 *
 *   npm run bench:etl [-- --scale 30 --from 2024-01 --until 2024-12 --rows N]
 *
 * Uses the fixtures generator's national-size data (`--scale 30`, one year), cached in
 * data/bench/; while that generator is not there, writes large delivery files itself.
 * Prints rows per second for the validated load and for a plain `read_csv` into a table,
 * their ratio (target ≥ 0.5) and the peak memory of the process.
 */
import { isUtf8 } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import iconv from 'iconv-lite';
import { loadRegion } from '../region/config.ts';
import { PROJECT_ROOT } from '../store/paths.ts';
import { openStore } from '../store/store.ts';
import { expandInputs, loadFiles } from '../etl/index.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '30' },
    from: { type: 'string', default: '2024-01' },
    until: { type: 'string', default: '2024-12' },
    rows: { type: 'string', default: '400000' },
  },
});

const BENCH_DIR = join(PROJECT_ROOT, 'data', 'bench');

async function fixturesDir(): Promise<string> {
  const dir = join(BENCH_DIR, `fixtures-scale${args.scale}-${args.from}-${args.until}`);
  if (existsSync(join(dir, 'summary.json'))) return dir;
  const generator = join(PROJECT_ROOT, 'fixtures', 'index.ts');
  if (existsSync(generator)) {
    const { generateFixtures } = (await import(generator)) as { generateFixtures: (o: Record<string, unknown>) => Promise<unknown> };
    console.log(`fixtures genereren in ${dir} (scale ${args.scale}, ${args.from} t/m ${args.until}) ...`);
    rmSync(dir, { recursive: true, force: true });
    await generateFixtures({ outDir: dir, profile: 'full', from: args.from, until: args.until, scale: Number(args.scale), seed: 1 });
    return dir;
  }
  return selfMadeDir();
}

/** Until the fixtures generator exists: one large allocation file and one large claims file per month, of monthly Hengelo. */
function selfMadeDir(): string {
  const rows = Number(args.rows);
  const dir = join(BENCH_DIR, `selfmade-${rows}`);
  if (existsSync(join(dir, 'summary.json'))) return dir;
  mkdirSync(dir, { recursive: true });
  const products = ['45A01', '45A02', '43V01', '44W01', '54A01', '46C01'];
  for (const month of ['2024-01', '2024-02', '2024-03']) {
    const t = ['gemeente_code;periode;toewijzing_id;client_id;geboortejaar;aanbieder_agb;aanbieder_naam;productcategorie;productcode;begindatum;einddatum;reden_einde;verwijzer'];
    const d = ['gemeente_code;periode;declaratie_id;toewijzing_id;client_id;productcode;prestatie_begin;prestatie_eind;volume;eenheid;bedrag'];
    for (let i = 0; i < rows; i++) {
      const p = products[i % products.length];
      const day = String((i % 28) + 1).padStart(2, '0');
      t.push(`GM0164;${month};T${i};cl-${String(i).padStart(8, '0')};${2006 + (i % 12)};${String(10000000 + (i % 500))};Aanbieder ${i % 500};${p.slice(0, 2)};${p};2023-${String((i % 12) + 1).padStart(2, '0')}-${day};${i % 3 === 0 ? `${month}-${day}` : ''};${i % 3 === 0 ? '31' : ''};0${(i % 6) + 1}`);
      d.push(`GM0164;${month};D${i};T${i};cl-${String(i).padStart(8, '0')};${p};${month}-01;${month}-${day};${(i % 40) + 0.5};04;${((i % 997) * 13.37).toFixed(2).replace('.', ',')}`);
    }
    writeFileSync(join(dir, `toewijzingen_GM0164_${month}.csv`), `${t.join('\n')}\n`);
    writeFileSync(join(dir, `declaraties_GM0164_${month}.csv`), `${d.join('\n')}\n`);
  }
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ selfMade: true, rowsPerFile: rows }));
  return dir;
}

const dir = await fixturesDir();
const all = expandInputs([dir]);
const csv = all.filter((f) => f.name.toLowerCase().endsWith('.csv'));
const bytes = csv.reduce((s, f) => s + statSync(f.path).size, 0);
console.log(`bestanden: ${all.length} (${csv.length} csv, ${(bytes / 1e6).toFixed(0)} MB csv) in ${dir}`);

// The validated load of every CSV file into a fresh store.
const storePath = join(BENCH_DIR, 'bench-etl.duckdb');
rmSync(storePath, { force: true });
rmSync(`${storePath}.wal`, { force: true });
const store = await openStore(storePath, loadRegion());
// CPU time beside wall time: on a shared machine the wall clock also measures the neighbours.
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
let t0 = performance.now();
let cpu0 = process.cpuUsage();
const reports = await loadFiles(store, csv);
const etlSeconds = (performance.now() - t0) / 1000;
const etlCpu = cpuSeconds(cpu0);
const refused = reports.filter((r) => r.outcome === 'rejected');
const etlRows = reports.reduce((s, r) => s + (r.outcome === 'rejected' ? 0 : (r.rows ?? 0)), 0);
await store.close();
if (refused.length > 0) console.log(`LET OP: ${refused.length} geweigerd, eerste: ${refused[0].problems[0]?.message}`);
console.log(`ETL klaar: ${etlRows} regels in ${etlSeconds.toFixed(1)} s`);

// DuckDB's own read_csv of the same files into a table, in a fresh database file.
const rawPath = join(BENCH_DIR, 'bench-raw.duckdb');
rmSync(rawPath, { force: true });
rmSync(`${rawPath}.wal`, { force: true });
const instance = await DuckDBInstance.create(rawPath);
const conn = await instance.connect();
// DuckDB cannot read Windows-1252 (its latin-1 refuses 0x80–0x9F): it gets a UTF-8 copy made
// before the clock starts, while the ETL transcodes inside its own time.
const utf8Dir = `${dir}-utf8`;
mkdirSync(utf8Dir, { recursive: true });
const rawPaths = csv.map((f) => {
  const bytes = readFileSync(f.path);
  if (isUtf8(bytes)) return f.path;
  const copy = join(utf8Dir, f.name);
  if (!existsSync(copy)) writeFileSync(copy, iconv.decode(bytes, 'win1252'), 'utf8');
  return copy;
});
let rawRows = 0;
t0 = performance.now();
cpu0 = process.cpuUsage();
for (const [i, path] of rawPaths.entries()) {
  await conn.run(`CREATE TABLE raw_${i} AS SELECT * FROM read_csv($path)`, { path });
  const r = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM raw_${i}`);
  rawRows += r.getRowObjectsJson()[0].n as number;
}
const rawSeconds = (performance.now() - t0) / 1000;
const rawCpu = cpuSeconds(cpu0);
conn.closeSync();
instance.closeSync();

// XLSX deliveries have no DuckDB counterpart (its excel extension needs the network): timed apart.
const xlsx = all.filter((f) => f.name.toLowerCase().endsWith('.xlsx'));
let xlsxLine = 'xlsx: geen bestanden';
if (xlsx.length > 0) {
  const s2 = await openStore(join(BENCH_DIR, 'bench-xlsx.duckdb'), loadRegion());
  t0 = performance.now();
  const xr = await loadFiles(s2, xlsx);
  const secs = (performance.now() - t0) / 1000;
  const rows = xr.reduce((s, r) => s + (r.rows ?? 0), 0);
  xlsxLine = `xlsx: ${xlsx.length} bestanden, ${rows} regels in ${secs.toFixed(1)} s = ${Math.round(rows / secs)} regels/s`;
  await s2.close();
  rmSync(join(BENCH_DIR, 'bench-xlsx.duckdb'), { force: true });
}

const etlRate = etlRows / etlSeconds;
const rawRate = rawRows / rawSeconds;
const usage = process.resourceUsage();
console.log(`ETL (alle controles): ${etlRows} regels in ${etlSeconds.toFixed(1)} s = ${Math.round(etlRate)} regels/s`);
console.log(`DuckDB read_csv     : ${rawRows} regels in ${rawSeconds.toFixed(1)} s = ${Math.round(rawRate)} regels/s`);
console.log(`verhouding ETL / read_csv: ${(etlRate / rawRate).toFixed(2)} (doel ≥ 0,50)`);
console.log(`CPU-tijd: ETL ${etlCpu.toFixed(1)} s, read_csv ${rawCpu.toFixed(1)} s; verhouding in CPU-tijd ${(rawCpu / etlCpu).toFixed(2)}`);
console.log(xlsxLine);
// The stores are only for measuring: do not leave gigabytes behind (the fixtures stay cached).
for (const f of [storePath, rawPath]) for (const g of [f, `${f}.wal`]) rmSync(g, { force: true });
console.log(`piekgeheugen (maxRSS): ${(usage.maxRSS / 1024).toFixed(0)} MB; heap nu ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
