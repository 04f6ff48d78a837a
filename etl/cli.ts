/**
 * npm run etl -- load <bestanden of mappen...> [--db PATH] [--json] [--loaded-by NAAM]
 * npm run etl -- history [--db PATH] [--json] [--all]
 * npm run etl -- status [--db PATH] [--json]
 *
 * Exit codes: 0 all well, 1 a delivery was refused, 2 wrong use (command, flag, missing file).
 * With --json, stdout holds one JSON document and load progress goes to stderr as JSON lines.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type { DeliveryReport } from '../contract/deliveries.ts';
import { loadRegion } from '../region/config.ts';
import { resolveDbPath } from '../store/paths.ts';
import { openStore, type Store } from '../store/store.ts';
import { deliveryHistory, deliveryStatus, loadFiles, type LoadProgress } from './index.ts';

const USAGE = `Gebruik:
  npm run etl -- load <bestanden of mappen...> [--db PAD] [--json] [--loaded-by NAAM]
  npm run etl -- history [--db PAD] [--json] [--all]
  npm run etl -- status [--db PAD] [--json]`;

const FLAGS = {
  load: { db: { type: 'string' }, json: { type: 'boolean' }, 'loaded-by': { type: 'string' } },
  history: { db: { type: 'string' }, json: { type: 'boolean' }, all: { type: 'boolean' } },
  status: { db: { type: 'string' }, json: { type: 'boolean' } },
} as const;
type Command = keyof typeof FLAGS;

class UsageError extends Error {}

const OUTCOME_LABEL: Record<DeliveryReport['outcome'], string> = {
  loaded: 'geladen',
  replaced: 'vervangen',
  unchanged: 'ongewijzigd',
  rejected: 'GEWEIGERD',
};

/** Shows a bar only on a terminal and only once a load has taken a few seconds. */
function progressBar() {
  const started = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  const phaseShare = { lezen: 0.05, controleren: 0.2, laden: 0.5, klaar: 1 } as const;
  return {
    update(p: LoadProgress) {
      if (!process.stderr.isTTY) return;
      if (!bar && Date.now() - started < 2000) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { format: '{bar} {percentage}% | bestand {nr}/{files} {file} | {phase} {rows} regels', hideCursor: true, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.fileCount * 100, 0, { nr: 0, files: p.fileCount, file: '', phase: '', rows: 0 });
      }
      let share = phaseShare[p.phase];
      if (p.phase === 'laden' && p.rowsTotal) share += 0.45 * (p.rowsDone / p.rowsTotal);
      bar.update(Math.round((p.fileIndex + share) * 100), { nr: p.fileIndex + 1, files: p.fileCount, file: p.file, phase: p.phase, rows: p.rowsDone });
    },
    stop() {
      bar?.stop();
    },
  };
}

/** A plain aligned table (console.table quotes every string). */
function printTable(rows: Record<string, string | number>[]): void {
  const keys = Object.keys(rows[0]);
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(keys));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(keys.map((k) => String(r[k]))));
}

function printReport(r: DeliveryReport): void {
  const what = [r.kind, r.gemeente_code, r.periode].filter(Boolean).join(' ');
  const rows = r.rows === null ? '' : r.rows === 0 ? ' 0 regels (alleen een kopregel: niets te melden in deze periode)' : ` ${r.rows} regels`;
  const id = r.delivery_id === null ? '' : ` (levering ${r.delivery_id}${r.replaced_delivery_id ? `, vervangt levering ${r.replaced_delivery_id}` : ''})`;
  console.log(`${OUTCOME_LABEL[r.outcome].padEnd(11)} ${r.file}${what ? `  ${what}` : ''}${r.outcome === 'rejected' ? '' : rows}${id}`);
  if (r.outcome === 'rejected') {
    console.log(`  ${r.problem_count} ${r.problem_count === 1 ? 'probleem' : 'problemen'}; de levering is niet geladen:`);
    for (const p of r.problems) console.log(`  - ${p.message}`);
    if (r.problem_count > r.problems.length) console.log(`  ... en nog ${r.problem_count - r.problems.length} (niet getoond)`);
  }
}

async function load(store: Store, files: string[], values: { json?: boolean; 'loaded-by'?: string }): Promise<number> {
  const bar = values.json ? null : progressBar();
  const reports = await loadFiles(store, files, {
    loadedBy: values['loaded-by'],
    onProgress: (p) => {
      if (values.json) process.stderr.write(`${JSON.stringify({ type: 'progress', ...p })}\n`);
      else bar?.update(p);
    },
  });
  bar?.stop();
  const refused = reports.filter((r) => r.outcome === 'rejected').length;
  if (values.json) console.log(JSON.stringify({ ok: refused === 0, reports }, null, 2));
  else {
    reports.forEach(printReport);
    console.log(refused === 0 ? `${reports.length} ${reports.length === 1 ? 'levering' : 'leveringen'} verwerkt.` : `${refused} van ${reports.length} leveringen geweigerd.`);
  }
  return refused === 0 ? 0 : 1;
}

async function history(store: Store, values: { json?: boolean; all?: boolean }): Promise<number> {
  const records = await deliveryHistory(store, { includeReplaced: values.all });
  if (values.json) console.log(JSON.stringify(records, null, 2));
  else if (records.length === 0) console.log('Nog geen leveringen geladen.');
  else {
    printTable(
      records.map((r) => ({
        levering: r.delivery_id,
        soort: r.kind,
        gemeente: r.gemeente_code ?? '',
        periode: r.periode ?? '',
        bestand: r.file_name,
        regels: r.row_count,
        geladen: r.loaded_at,
        door: r.loaded_by ?? '',
        status: r.status === 'active' ? 'actief' : `vervangen door ${r.replaced_by}`,
        sha256: r.file_hash.slice(0, 12),
      })),
    );
  }
  return 0;
}

async function status(store: Store, values: { json?: boolean }): Promise<number> {
  const rows = await deliveryStatus(store);
  if (values.json) console.log(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) console.log('Nog niets geladen.');
  else {
    printTable(
      rows.map((r) => ({ soort: r.kind, gemeente: r.gemeente_code, perioden: r.periods.length, laatste: r.latest, regels: r.rows, geleverd: r.periods.join(' ') })),
    );
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (!(command in FLAGS)) throw new UsageError(`onbekend commando '${command}'.`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: FLAGS[command as Command], allowPositionals: command === 'load', strict: true });
  } catch (err) {
    const flag = /'([^']+)'/.exec((err as Error).message)?.[1];
    throw new UsageError(flag ? `onbekende of onjuist gebruikte optie '${flag}' bij '${command}'.` : `onjuiste opties bij '${command}'.`);
  }
  const { values, positionals } = parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  if (command === 'load') {
    if (positionals.length === 0) throw new UsageError('geef minstens één bestand of map om te laden.');
    const missing = positionals.filter((p) => !existsSync(p));
    if (missing.length > 0) throw new UsageError(`niet gevonden: ${missing.join(', ')}.`);
  }
  const store = await openStore(resolveDbPath(values.db as string | undefined), loadRegion());
  try {
    if (command === 'load') return await load(store, positionals, values);
    if (command === 'history') return await history(store, values);
    return await status(store, values);
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    if (err instanceof UsageError) {
      console.error(`Fout: ${err.message}\n${USAGE}`);
      process.exitCode = 2;
    } else {
      console.error(`Fout: ${err.message}`);
      process.exitCode = 3;
    }
  },
);
