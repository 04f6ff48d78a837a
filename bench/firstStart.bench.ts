/**
 * First start from a fresh clone (npm run bench:first-start [-- --runs 3]): clones this
 * checkout's HEAD into a temporary folder (node_modules hard-linked: `npm ci` is not what is
 * measured), runs `npm start` (web build included) and polls /api/health. Per run: seconds until
 * the first answer, until the newest 12 months are loaded (the overview of the latest year is
 * complete), and until all demo data is in; the median over the runs, with the machine's load.
 *
 * Targets: first answer within 30 s, newest year usable within 60 s.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../store/paths.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });

interface Run {
  answer: number;
  newestYear: number;
  complete: number;
  load: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function once(): Promise<Run> {
  const root = mkdtempSync(join(tmpdir(), 'koersbord-clone-'));
  const clone = join(root, 'koersbord');
  execFileSync('git', ['clone', '--quiet', PROJECT_ROOT, clone]);
  execFileSync('cp', ['-al', join(PROJECT_ROOT, 'node_modules'), join(clone, 'node_modules')]);
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], { cwd: clone, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const seconds = () => (performance.now() - started) / 1000;
  try {
    let address: string | null = null;
    while (!address) {
      address = /Koersbord draait op (http:\/\/\S+) /.exec(output)?.[1] ?? null;
      if (child.exitCode !== null) throw new Error(`npm start stopte: ${output}`);
      await sleep(100);
    }
    let answer = 0;
    while (!answer) {
      const res = await fetch(`${address}/api/health`).catch(() => null);
      if (res?.ok) answer = seconds();
      else await sleep(100);
    }
    // The newest 12 months: their files, counted once the generator has written them.
    let newestFiles = 0;
    let newestYear = 0;
    let complete = 0;
    while (!complete) {
      const health = (await (await fetch(`${address}/api/health`)).json()) as { loading: { phase: string; done: number; total: number } | null };
      if (!health.loading) complete = seconds();
      else if (health.loading.phase === 'laden') {
        if (!newestFiles) {
          const months = [...new Set(readdirSync(join(clone, 'data', 'demo-fixtures')).map((f) => /_(\d{4}-\d{2})/.exec(f)?.[1]).filter(Boolean))].sort().slice(-12);
          newestFiles = 1 + readdirSync(join(clone, 'data', 'demo-fixtures')).filter((f) => months.some((m) => f.includes(`_${m}`))).length;
        }
        if (!newestYear && health.loading.done >= newestFiles) newestYear = seconds();
      }
      await sleep(250);
    }
    return { answer, newestYear: newestYear || complete, complete, load };
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => child.once('exit', r)).catch(() => undefined);
    await sleep(500);
    rmSync(root, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const runs: Run[] = [];
for (let i = 0; i < Number(args.runs); i++) {
  const r = await once();
  runs.push(r);
  console.log(`run ${i + 1}: answers ${r.answer.toFixed(1)} s, newest 12 months ${r.newestYear.toFixed(1)} s, all ${r.complete.toFixed(1)} s (load average ${r.load})`);
}
console.log(`\nFirst start from a fresh clone, ${availableParallelism()} cores, median of ${runs.length}:`);
console.log('| measure | median | target |');
console.log('|---|---|---|');
console.log(`| first answer | ${median(runs.map((r) => r.answer)).toFixed(1)} s | 30 s |`);
console.log(`| newest 12 months loaded | ${median(runs.map((r) => r.newestYear)).toFixed(1)} s | 60 s |`);
console.log(`| all demo data loaded | ${median(runs.map((r) => r.complete)).toFixed(1)} s | – |`);
