/**
 * Load test of the API on the Twente store (npm run bench:api [-- --db PATH --duration 20
 * --connections 100]). The servers run in a child process, so autocannon and the server do
 * not share one event loop; on a 2-core machine they still share the CPU, as they would on a
 * small VM. Beside the API routes the same run measures Fastify serving a static JSON file:
 * the ceiling the API can at best reach.
 *
 * Target: zero errors, p99 under 50 ms on cached responses.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { loadRegion } from '../region/config.ts';
import { buildApp } from '../server/app.ts';
import { internalSession } from '../server/auth/internal.ts';
import { SESSION_COOKIE } from '../server/auth/sessions.ts';
import { deliveryCount, loadDemoData } from '../ops/demoData.ts';
import { resolveDbPath } from '../store/paths.ts';
import { openStore } from '../store/store.ts';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  throughput: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; headers?: Record<string, string> }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '100' },
    serve: { type: 'boolean', default: false },
  },
});

/** Child: the API and the ceiling server on free ports; prints their addresses as one JSON line. */
async function serve(): Promise<void> {
  const store = await openStore(resolveDbPath(args.db), loadRegion());
  if ((await deliveryCount(store)) === 0) await loadDemoData(store);
  const api = await buildApp({ store });
  const apiUrl = await api.listen({ port: 0, host: '127.0.0.1' });
  // Requests carry a session like the web app's: the access check is part of what is measured.
  const cookie = `${SESSION_COOKIE}=${await internalSession(store)}`;

  // The ceiling serves a file of the same size as the overview answer.
  const periods = (await api.inject({ method: 'GET', url: '/api/periods', headers: { cookie } })).json() as { years: number[] };
  const year = periods.years.at(-1)!;
  const overview = await api.inject({ method: 'GET', url: `/api/overview?year=${year}&scope=REGIO`, headers: { cookie } });
  const dir = join(tmpdir(), `koersbord-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'overview.json'), overview.body);
  const ceiling = Fastify();
  await ceiling.register(fastifyStatic, { root: dir });
  // The same bytes from memory: what Fastify costs with no file system and no work at all.
  const bytes = Buffer.from(overview.body);
  ceiling.get('/memory.json', (_request, reply) => reply.type('application/json; charset=utf-8').send(bytes));
  const ceilingUrl = await ceiling.listen({ port: 0, host: '127.0.0.1' });

  process.on('SIGTERM', async () => {
    await ceiling.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
  console.log(JSON.stringify({ apiUrl, ceilingUrl, year, overviewBytes: overview.body.length, cookie }));
}

async function main(): Promise<void> {
  const duration = Number(args.duration);
  const connections = Number(args.connections);
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', ...(args.db ? ['--db', args.db] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ apiUrl: string; ceilingUrl: string; year: number; overviewBytes: number; cookie: string }>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n')) {
        if (line.startsWith('{"apiUrl"')) resolve(JSON.parse(line));
        else if (line.trim()) process.stdout.write(`  ${line}\n`);
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
    child.on('exit', (code) => reject(new Error(`server gestopt (code ${code})`)));
  });

  const targets = [
    { name: 'plafond: statisch JSON-bestand', url: `${ready.ceilingUrl}/overview.json` },
    { name: 'plafond: dezelfde bytes uit geheugen', url: `${ready.ceilingUrl}/memory.json` },
    { name: 'overzicht (REGIO)', url: `${ready.apiUrl}/api/overview?year=${ready.year}&scope=REGIO` },
    { name: 'reeks wonen × kosten × maand', url: `${ready.apiUrl}/api/series?segment=wonen&scope=REGIO&indicator=kosten&grain=month` },
  ];
  console.log(`Koersbord API-belasting: ${connections} verbindingen, ${duration} s per route, jaar ${ready.year}, overzicht ${ready.overviewBytes} bytes`);
  // Latency on a shared machine says as much about the neighbours as about the server.
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`machine: ${availableParallelism()} kernen, belasting (1/5/15 min) bij de start ${load()}`);
  const rows = [];
  for (const target of targets) {
    // The first request fills the response cache; the measurement is of cached answers.
    const warm = await fetch(target.url, { headers: { cookie: ready.cookie } });
    if (!warm.ok) throw new Error(`${target.name}: status ${warm.status}`);
    await warm.arrayBuffer();
    const r = await autocannon({ url: target.url, connections, duration, headers: { cookie: ready.cookie } });
    rows.push({
      route: target.name,
      'req/s': Math.round(r.requests.average),
      'p50 ms': r.latency.p50,
      'p99 ms': r.latency.p99,
      'max ms': r.latency.max,
      fouten: r.errors + r.timeouts + r.non2xx,
      'MB/s': +(r.throughput.average / 1e6).toFixed(1),
    });
  }
  console.table(rows);
  console.log(`belasting aan het eind ${load()}`);
  const api = rows.slice(2);
  // The ceiling of the same run, on the same loaded machine: what the API costs on top of Fastify itself.
  const memory = rows[1];
  for (const r of api) console.log(`${r.route}: p99 ${(r['p99 ms'] / Math.max(1, memory['p99 ms'])).toFixed(2)}× en ${(r['req/s'] / memory['req/s']).toFixed(2)}× de req/s van het plafond uit geheugen`);
  const ok = api.every((r) => r.fouten === 0 && r['p99 ms'] < 50);
  console.log(ok ? 'Doel gehaald: geen fouten, p99 onder 50 ms.' : 'Doel NIET gehaald (geen fouten en p99 < 50 ms).');
  child.kill('SIGTERM');
}

if (args.serve) await serve();
else
  await main().catch((err: unknown) => {
    console.error(`bench:api mislukt: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
