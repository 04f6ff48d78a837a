/**
 * Local command line of the engine:
 *   export --year YYYY [--grain year|month] [--as-of YYYY-MM] [--db PATH] [--unsuppressed] [--format csv|json]
 *   forecast --year YYYY [--as-of YYYY-MM] [--db PATH] [--unsuppressed] [--format csv|json]
 *   calibration --year YYYY [--db PATH]
 * Output on stdout; problems in Dutch on stderr with exit code 2.
 */
import { parseArgs } from 'node:util';
import { loadRegion } from '../region/config.ts';
import { resolveDbPath } from '../store/paths.ts';
import { openStore } from '../store/store.ts';
import { calibration, formatCalibration } from './calibration.ts';
import { loadContext } from './context.ts';
import { forecastCsv, forecastJson, forecastRows } from './forecast.ts';
import { toCsv, toJson } from './export.ts';
import { createIndicatorEngine } from './index.ts';
import { unsuppressedValues } from './unsuppressed.ts';

function fail(message: string): never {
  process.stderr.write(`fout: ${message}\n`);
  process.exit(2);
}

// Analysts pipe the export into `head` or `less`: a reader that stops early is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const { values: opts } = parseArgs({
    args: rest,
    options: {
      year: { type: 'string' },
      grain: { type: 'string', default: 'year' },
      db: { type: 'string' },
      unsuppressed: { type: 'boolean', default: false },
      format: { type: 'string', default: 'csv' },
      'as-of': { type: 'string' },
    },
    strict: true,
  });
  if (command !== 'export' && command !== 'forecast' && command !== 'calibration') {
    fail(`onbekende opdracht '${command ?? ''}': gebruik 'export', 'forecast' of 'calibration'`);
  }
  if (!opts.year || !/^\d{4}$/.test(opts.year)) fail('--year JJJJ is verplicht');
  const year = Number(opts.year);
  if (opts.grain !== 'year' && opts.grain !== 'month') fail(`--grain moet 'year' of 'month' zijn, niet '${opts.grain}'`);
  if (opts.format !== 'csv' && opts.format !== 'json') fail(`--format moet 'csv' of 'json' zijn, niet '${opts.format}'`);
  const asOf = opts['as-of'];
  if (asOf !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(asOf)) fail(`--as-of moet een maand als JJJJ-MM zijn, niet '${asOf}'`);

  const store = await openStore(resolveDbPath(opts.db), loadRegion());
  try {
    if (command === 'calibration') {
      process.stdout.write(formatCalibration(year, store.region.name, await calibration(store, year)));
      return;
    }
    const threshold = store.region.privacyThreshold;
    if (command === 'forecast') {
      const ctx = await loadContext(store, { asOf });
      if (asOf && ctx.ledger.firstMonth !== null && asOf < ctx.ledger.firstMonth) fail(`peilmaand ${asOf} ligt vóór de eerste levering (${ctx.ledger.firstMonth})`);
      const rows = forecastRows(ctx, year, opts.unsuppressed);
      process.stdout.write(opts.format === 'json' ? forecastJson(rows, threshold) : forecastCsv(rows, threshold));
      return;
    }
    const grain = opts.grain as 'year' | 'month';
    const values = opts.unsuppressed
      ? await unsuppressedValues(store, { year, grain, asOf })
      : await createIndicatorEngine(store).values({ year, grain, peilmaand: asOf });
    process.stdout.write(opts.format === 'json' ? toJson(values, threshold) : toCsv(values, threshold));
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).catch((err: Error) => fail(err.message));
