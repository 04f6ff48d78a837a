/**
 * Soak (npm run bench:soak [-- --minutes 3 --readers 6]): the server (`npm start`'s stack, in a
 * child process) on the small demo data under mixed load — reads on every figure route,
 * uploads, duiding writes and sign-ins, all signed in — with its memory (RSS) sampled. Passes
 * when there are no errors, the RSS of the last third of the run stays within the stated bound
 * of the first third's, and afterwards every write is in the store.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadRegion } from '../region/config.ts';
import { createAccount } from '../server/auth/accounts.ts';
import { loadDemoData } from '../ops/demoData.ts';
import { checkStore } from '../store/backup.ts';
import { openStore } from '../store/store.ts';
import { addressOf, httpSignIn, httpUpload, startServer, stopServer } from '../tests/helpers/startProcess.ts';
import { figureReads } from '../tests/server/figureReads.ts';
import { toewijzingenCsv } from '../tests/server/multipart.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const { values: args } = parseArgs({ options: { minutes: { type: 'string', default: '3' }, readers: { type: 'string', default: '6' } } });
const durationMs = Number(args.minutes) * 60_000;
/**
 * The bound: the last third's median RSS at most 320 MB above the first third's. Not zero by
 * design: every upload makes a new data version, and the response cache (server/responseCache.ts)
 * keeps up to 256 MB of answers before it evicts; DuckDB's buffer pool keeps what it read, and
 * the store grows with every write. Beyond that bound growth is a leak.
 */
const GROWTH_BOUND_MB = 320;

const EMAIL = 'soak@bench.koersbord.nl';
const PASSWORD = 'soak-wachtwoord-123';

const root = mkdtempSync(join(tmpdir(), 'koersbord-soak-'));
const db = join(root, 'soak.duckdb');
const store = await openStore(db, loadRegion());
await loadDemoData(store, join(root, 'demo'), 'small');
await createAccount(store, { email: EMAIL, name: 'Soak', role: 'beheerder', password: PASSWORD });
await store.close();

const server = startServer(db);
const address = await addressOf(server);
const headers = await httpSignIn(address, EMAIL, PASSWORD);
const periods = (await (await fetch(`${address}/api/periods`, { headers })).json()) as { years: number[] };
const year = periods.years.at(-1)!;
const g = 'GM0153';
const READS = [...figureReads(year, g), `/api/values?year=${year}&grain=month`, '/api/duiding', '/api/health'];

const stats = { reads: 0, uploads: 0, duiding: 0, signIns: 0, errors: [] as string[] };
const uploaded = new Map<string, number>(); // file name -> rows of its last upload
const duidingIds: number[] = [];
const rss: { t: number; mb: number }[] = [];
const started = Date.now();
const running = () => Date.now() - started < durationMs;
const fail = (what: string, status: number) => stats.errors.length < 50 && stats.errors.push(`${what}: ${status}`);

const sampler = setInterval(() => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'));
  if (m) rss.push({ t: Date.now() - started, mb: Number(m[1]) / 1024 });
}, 1000);

async function reader(offset: number) {
  for (let i = offset; running(); i++) {
    const url = READS[i % READS.length];
    const res = await fetch(`${address}${url}`, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) fail(`GET ${url}`, res.status);
    stats.reads++;
  }
}

async function uploader() {
  for (let i = 0; running(); i++) {
    const month = `20${30 + Math.floor((i % 48) / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    // Hengelo delivers monthly in Twente, so it may send every month (Enschede, the reads' gemeente, per quarter).
    const name = `toewijzingen_GM0164_${month}.csv`;
    // A new row count per round over the 48 months: every upload is new content (loaded or replaced, never unchanged).
    const rows = 5 + Math.floor(i / 48);
    const res = await httpUpload(address, headers, name, toewijzingenCsv(month, rows).replaceAll('GM0153;', 'GM0164;'));
    await res.arrayBuffer();
    if (res.status === 201) uploaded.set(name, rows);
    else fail(`upload ${name}`, res.status);
    stats.uploads++;
  }
}

async function duidingWriter() {
  for (let i = 0; running(); i++) {
    const res = await fetch(`${address}/api/duiding`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'verbetervoorstel', segment: 'wonen', gemeente_code: g, period: `${year}-03`, text: `Soak ${i}: meer pleeggezinnen.` }),
    });
    const body = (await res.json()) as { id?: number };
    if (res.status === 201 && body.id !== undefined) duidingIds.push(body.id);
    else fail('POST /api/duiding', res.status);
    stats.duiding++;
  }
}

async function signIns() {
  while (running()) {
    try {
      await httpSignIn(address, EMAIL, PASSWORD);
    } catch (err) {
      fail('aanmelden', Number(/mislukt: (\d+)/.exec((err as Error).message)?.[1] ?? 0));
    }
    stats.signIns++;
    await new Promise((r) => setTimeout(r, 200));
  }
}

console.log(`Soak: ${args.minutes} min, ${args.readers} lezers + 1 uploader + 1 duiding-schrijver + aanmeldingen; ${availableParallelism()} kernen, belasting ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await Promise.all([...Array.from({ length: Number(args.readers) }, (_, i) => reader(i)), uploader(), duidingWriter(), signIns()]);
clearInterval(sampler);
const seconds = (Date.now() - started) / 1000;
await stopServer(server);

// Every write is there: each uploaded file's last version active with its rows, every duiding.
const after = await openStore(db, loadRegion());
const active = await after.query<{ file_name: string; row_count: number }>(`SELECT file_name, row_count FROM deliveries WHERE status = 'active' AND periode >= '2030-01'`);
const [{ n: duidingFound }] = await after.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duiding WHERE duiding_id IN (SELECT unnest(CAST($ids AS INTEGER[])))`, {
  ids: JSON.stringify(duidingIds),
});
const check = await checkStore(after);
await after.close();
const missingUploads = [...uploaded].filter(([name, rows]) => !active.some((a) => a.file_name === name && a.row_count === rows));

const third = (k: 0 | 2) => {
  const from = (k * durationMs) / 3;
  const xs = rss.filter((s) => s.t >= from && s.t < from + durationMs / 3).map((s) => s.mb).sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)] ?? 0;
};
const growth = third(2) - third(0);
const bound = GROWTH_BOUND_MB;
console.table([
  { meting: 'leesverzoeken', aantal: stats.reads, 'per s': +(stats.reads / seconds).toFixed(1) },
  { meting: 'uploads', aantal: stats.uploads, 'per s': +(stats.uploads / seconds).toFixed(2) },
  { meting: 'duiding geschreven', aantal: stats.duiding, 'per s': +(stats.duiding / seconds).toFixed(2) },
  { meting: 'aanmeldingen', aantal: stats.signIns, 'per s': +(stats.signIns / seconds).toFixed(2) },
  { meting: 'fouten', aantal: stats.errors.length, 'per s': 0 },
]);
console.table([
  {
    'RSS start MB': +(rss[0]?.mb ?? 0).toFixed(0),
    'RSS max MB': +Math.max(...rss.map((s) => s.mb)).toFixed(0),
    'mediaan 1e derde MB': +third(0).toFixed(0),
    'mediaan 3e derde MB': +third(2).toFixed(0),
    'groei MB': +growth.toFixed(0),
    'grens MB': bound,
  },
]);
console.log(`na afloop: ${uploaded.size - missingUploads.length}/${uploaded.size} geüploade bestanden actief met hun regels, ${duidingFound}/${duidingIds.length} duidingen, store-controle: ${check.problems.length === 0 ? 'in orde' : check.problems.join('; ')}`);
if (stats.errors.length) console.log(`fouten: ${stats.errors.slice(0, 10).join(', ')}`);
const ok = stats.errors.length === 0 && growth <= bound && missingUploads.length === 0 && duidingFound === duidingIds.length && check.problems.length === 0;
console.log(ok ? 'Soak geslaagd.' : 'Soak NIET geslaagd.');
rmSync(root, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
