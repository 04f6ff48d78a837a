/**
 * Backtest of the in-year estimate (docs/nowcast.md) on the full Twente fixtures, generated
 * one year past the backtested year so that its months are mature. Replays every peilmaand of
 * the last complete, mature year and compares the year-end forecast, as it was known then,
 * with the final figure: the plain formula on raw figures against the estimate, per target
 * row for the region and as the median over the gemeenten; then how often the 80 % interval
 * held the final value, and how long a peilmaand takes against a full recompute.
 *
 *   npm run bench:nowcast
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadFiles } from '../etl/index.ts';
import { generateFixtures } from '../fixtures/index.ts';
import { loadContext, type EngineContext } from '../indicators/context.ts';
import { targetToDate } from '../indicators/estimatedTarget.ts';
import { factOf, measureValue, ytdSum } from '../indicators/longForm.ts';
import { MAX_LAG } from '../indicators/nowcast/cells.ts';
import { addMonths, monthKey } from '../indicators/periods.ts';
import { loadRegion } from '../region/config.ts';
import { PROJECT_ROOT } from '../store/paths.ts';
import { openStore, type Store } from '../store/store.ts';

const BENCH_DIR = join(PROJECT_ROOT, 'data', 'bench');
const FROM = '2023-01';
const UNTIL = '2026-11';
const DIR = join(BENCH_DIR, `nowcast-fixtures-twente-${FROM}-${UNTIL}`);
const DB = join(BENCH_DIR, 'nowcast-twente.duckdb');
const REPORTED = [3, 6, 9];

async function prepared(): Promise<Store> {
  if (existsSync(DB)) {
    const store = await openStore(DB, loadRegion());
    if ((await store.dataVersion()) > 0) return store;
    await store.close();
    rmSync(DB, { force: true });
  }
  if (!existsSync(join(DIR, 'summary.json'))) {
    console.error(`fixtures genereren in ${DIR} ...`);
    rmSync(DIR, { recursive: true, force: true });
    await generateFixtures({ outDir: DIR, profile: 'full', from: FROM, until: UNTIL, seed: 20240101 });
  }
  console.error(`laden via de ETL in ${DB} ...`);
  const store = await openStore(DB, loadRegion());
  await loadFiles(store, [DIR]);
  return store;
}

interface Outcome {
  row: string;
  scope: string;
  k: number;
  plain: number;
  estimate: number;
  /** The same forecast from the months to date as they finally turned out: the floor an estimate of late data can reach. */
  complete: number;
  held: boolean;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} %`.padStart(9);

/** The last year whose every month has had its full development by the newest delivery. */
function matureYear(ctx: EngineContext): number {
  const last = ctx.ledger.lastMonth!;
  const years = ctx.ledger.years.filter((y) => addMonths(monthKey(y, 12), MAX_LAG - 1) <= last);
  if (!years.length) throw new Error('geen jaar dat volledig is uitgeleverd');
  return years[years.length - 1];
}

async function main() {
  const store = await prepared();
  try {
    const t0 = performance.now();
    const final = await loadContext(store);
    const fullMs = performance.now() - t0;
    const year = matureYear(final);
    const rows = Object.entries(final.region.targets.rows);
    const scopes = [...final.ledger.activeGemeenten, 'REGIO'];
    const outcomes: Outcome[] = [];
    /** Youths in care in the peilmaand's month and the month before, as known then, against their final count (region). */
    const youths: { row: string; age: number; observed: number; estimate: number }[] = [];
    const peilMs: number[] = [];
    for (let k = 1; k <= 12; k++) {
      const t = performance.now();
      const ctx = await loadContext(store, { asOf: monthKey(year, k) });
      peilMs.push(performance.now() - t);
      for (const [row] of rows) {
        for (const age of [0, 1]) {
          if (k - age < 1) continue;
          const m = monthKey(year, k - age);
          const truth = factOf(final, 'REGIO', row, m).clients;
          const seen = factOf(ctx, 'REGIO', row, m).clients;
          if (!truth) continue;
          const late = ctx.nowcast.late('REGIO', row, 'clients', [m], seen).late;
          youths.push({ row, age, observed: seen / truth - 1, estimate: (seen + late) / truth - 1 });
        }
      }
      for (const [row, rule] of rows) {
        for (const scope of scopes) {
          const truth = measureValue(final, scope, row, String(year), rule.measure);
          const card = targetToDate(ctx, scope, row, year, k, ytdSum(ctx, scope, row, year, k, rule.measure), () => false);
          if (!truth || !card || card.forecast === null || card.plain_forecast === null) continue;
          const baselineYear = final.region.targets.baselineYear;
          const completeForecast = (ytdSum(final, scope, row, year, k, rule.measure)! * measureValue(final, scope, row, String(baselineYear), rule.measure)!) / ytdSum(final, scope, row, baselineYear, k, rule.measure)!;
          outcomes.push({
            row,
            scope,
            k,
            plain: card.plain_forecast / truth - 1,
            estimate: card.forecast / truth - 1,
            complete: completeForecast / truth - 1,
            held: card.forecast_low! <= truth && truth <= card.forecast_high!,
          });
        }
      }
    }
    console.log(`Backtest van de jaareindprognose ${year} (Twente, fixtures ${FROM} t/m ${UNTIL}); fout = prognose / eindwaarde − 1`);
    console.log('');
    console.log('"volledig": dezelfde prognose uit de maanden tot nu zoals ze uiteindelijk bleken, de ondergrens voor een schatting van late gegevens');
    console.log('rij                 peil   regio: gewoon  geschat  volledig   gemeenten (mediaan): |fout| gewoon  |fout| geschat  |fout| volledig  bias gewoon  bias geschat');
    for (const [row] of rows) {
      for (const k of REPORTED) {
        const r = outcomes.find((o) => o.row === row && o.scope === 'REGIO' && o.k === k);
        const g = outcomes.filter((o) => o.row === row && o.scope !== 'REGIO' && o.k === k);
        console.log(
          `${row.padEnd(18)}  P${String(k).padEnd(3)} ${r ? pct(r.plain) : '       –'}  ${r ? pct(r.estimate) : '       –'}  ${r ? pct(r.complete) : '       –'}                 ${pct(median(g.map((o) => Math.abs(o.plain))))}     ${pct(median(g.map((o) => Math.abs(o.estimate))))}      ${pct(median(g.map((o) => Math.abs(o.complete))))}    ${pct(median(g.map((o) => o.plain)))}    ${pct(median(g.map((o) => o.estimate)))}`,
        );
      }
    }
    console.log('');
    console.log('cliënten per maand (regio), gemiddelde fout over de 12 peilmaanden: waargenomen → geschat');
    for (const [row] of rows) {
      const cells = [0, 1].map((age) => {
        const list = youths.filter((y) => y.row === row && y.age === age);
        const mean = (f: (y: (typeof list)[number]) => number) => list.reduce((sum, y) => sum + f(y), 0) / list.length;
        return `${age === 0 ? 'peilmaand' : 'maand ervoor'} ${pct(mean((y) => y.observed))} → ${pct(mean((y) => y.estimate))}`;
      });
      console.log(`${row.padEnd(18)}  ${cells.join('   ')}`);
    }
    const share = (list: Outcome[]) => (list.length ? list.filter((o) => o.held).length / list.length : NaN);
    const region = outcomes.filter((o) => o.scope === 'REGIO');
    console.log('');
    console.log(`80 %-interval hield de eindwaarde: ${(100 * share(outcomes)).toFixed(1)} % van ${outcomes.length} prognoses (regio ${(100 * share(region)).toFixed(1)} % van ${region.length}; gemeenten ${(100 * share(outcomes.filter((o) => o.scope !== 'REGIO'))).toFixed(1)} %)`);
    for (const k of REPORTED) console.log(`  bij peilmaand ${k}: ${(100 * share(outcomes.filter((o) => o.k === k))).toFixed(1)} %`);
    const meanPeil = peilMs.reduce((s, x) => s + x, 0) / peilMs.length;
    console.log(`rekentijd: volledige herberekening (nieuwste stand) ${Math.round(fullMs)} ms; per peilmaand gemiddeld ${Math.round(meanPeil)} ms  →  ${(meanPeil / fullMs).toFixed(2)}×`);
  } finally {
    await store.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
