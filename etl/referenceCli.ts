/**
 * The national reference from the command line (docs/reference.md):
 *   import FILE [--db PATH]                         a CBS table as CBS publishes it (OData JSON bundle or folder)
 *   fetch TABLE [--out FILE] [--db PATH]            downloads the table from CBS StatLine and imports it
 *   list [--db PATH] [--format csv|json]            every reference figure
 * Problems in Dutch on stderr, exit 2.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ReferenceFigure } from '../contract/reference.ts';
import { loadRegion } from '../region/config.ts';
import { PROJECT_ROOT, resolveDbPath } from '../store/paths.ts';
import { listReference } from '../store/reference.ts';
import { openStore } from '../store/store.ts';
import { fetchCbsTable, importCbsFile, type ImportResult } from './cbs/import.ts';

const USAGE = 'gebruik: npm run reference -- import BESTAND | fetch TABEL [--out BESTAND] | list [--format csv|json]   (steeds optioneel --db PAD)';

function fail(message: string): never {
  process.stderr.write(`fout: ${message}\n`);
  process.exit(2);
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** `indicator,segment,year,area,value,source,provisional`; the source as `TABLE: title`. */
export function referenceCsv(figures: ReferenceFigure[]): string {
  const lines = figures.map((f) =>
    [f.indicator, f.segment, String(f.year), f.area, String(f.value), csvCell(`${f.source_table}: ${f.source_title}`), String(f.provisional)].join(','),
  );
  return ['indicator,segment,year,area,value,source,provisional', ...lines].join('\n') + '\n';
}

const describe = (r: ImportResult) =>
  `${r.table} (${r.title}): ${r.figures.length} referentiecijfers opgeslagen, jaren ${[...new Set(r.figures.map((f) => f.year))].sort().join(', ')}; eerdere cijfers van deze tabel zijn vervangen.`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { db: { type: 'string' }, out: { type: 'string' }, format: { type: 'string', default: 'csv' } }, allowPositionals: true, strict: true });
  } catch (err) {
    fail(`${(err as Error).message}; ${USAGE}`);
  }
  const { values: o, positionals } = parsed;
  if (!['import', 'fetch', 'list'].includes(command ?? '')) fail(USAGE);
  if (command !== 'list' && positionals.length !== 1) fail(`geef precies één ${command === 'fetch' ? 'tabel' : 'bestand'}; ${USAGE}`);
  if (command === 'list' && o.format !== 'csv' && o.format !== 'json') fail(`--format moet 'csv' of 'json' zijn, niet '${o.format}'`);
  if (command === 'fetch' && !/^\d{5}[A-Z]{3}$/.test(positionals[0])) fail(`'${positionals[0]}' is geen CBS-tabelnummer (zoals 85098NED)`);

  const store = await openStore(resolveDbPath(o.db), loadRegion());
  try {
    if (command === 'list') {
      const figures = await listReference(store);
      process.stdout.write(o.format === 'json' ? JSON.stringify(figures, null, 2) + '\n' : referenceCsv(figures));
    } else if (command === 'import') {
      console.log(describe(await importCbsFile(store, resolve(positionals[0]))));
    } else {
      const out = resolve(o.out ?? join(PROJECT_ROOT, 'data', 'cbs', `${positionals[0]}.json`));
      const result = await fetchCbsTable(store, positionals[0], out);
      console.log(`Opgehaald naar ${out}.\n${describe(result)}`);
    }
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
