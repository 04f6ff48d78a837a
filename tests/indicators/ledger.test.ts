import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../etl/index.ts';
import { createIndicatorEngine } from '../../indicators/index.ts';
import { loadRegion } from '../../region/config.ts';
import { monthlyRegion, tempDir, tempStore } from '../helpers/tempStore.ts';
import { deliverBevolking, deliverDeclaraties, deliverMonthly, deliverToewijzingen } from './helpers/seed.ts';
import { pick } from './helpers/pick.ts';

const E = 'GM0153';
const H = 'GM0164';

describe('delivery coverage', () => {
  it('weighs delivered gemeenten by youth population, and a monthly gemeente’s months without a delivery are missing', async () => {
    const store = await tempStore(monthlyRegion());
    const twente = loadRegion().gemeenten.map((g) => g.code);
    // Enschede 30,000 youths, the 13 others 5,000 each: 95,000 in the region.
    await deliverBevolking(store, twente.map((g) => ({ gemeente: g, jaar: 2024, jeugd: g === E ? 30_000 : 5_000 })));
    const row = { id: 'q1', client: 'client-QUART-01', begin: '2024-01-01', end: null, product: '45A01' };
    await deliverMonthly(store, E, '2024-01', '2024-12', [row]);
    for (const m of ['2024-03', '2024-06', '2024-09', '2024-12']) await deliverToewijzingen(store, H, m, [{ ...row, client: 'client-QUART-02' }]);
    const engine = createIndicatorEngine(store);
    const months = await engine.values({ year: 2024, grain: 'month' });
    expect(pick(months, 'ambulant', 'REGIO', '2024-01', 'clients').coverage).toBe(31.6); // 30 / 95
    expect(pick(months, 'ambulant', 'REGIO', '2024-03', 'clients').coverage).toBe(36.8); // 35 / 95
    expect(pick(months, 'ambulant', H, '2024-01', 'clients')).toMatchObject({ value: null, suppressed: false, coverage: 0 });
    expect(pick(months, 'ambulant', H, '2024-03', 'clients')).toMatchObject({ suppressed: true, coverage: 100 });
    const year = await engine.values({ year: 2024, grain: 'year' });
    // Coverage of a year needs every month: Hengelo's year is 0.0 although it has figures.
    expect(pick(year, 'ambulant', H, '2024', 'clients').coverage).toBe(0);
    expect(pick(year, 'ambulant', E, '2024', 'clients').coverage).toBe(100);
    expect(pick(year, 'ambulant', 'REGIO', '2024', 'clients')).toMatchObject({ value: 2, coverage: 31.6 });
    // Only gemeenten with a delivery get rows.
    expect(new Set(year.map((v) => v.gemeente_code))).toEqual(new Set([E, H, 'REGIO']));
    const march = (await engine.overview({ year: 2024, scope: 'REGIO', month: '2024-03' })).find((c) => c.segment === 'ambulant')!;
    expect(march.covered_gemeenten).toEqual([E]);
    expect(march.coverage).toBe(31.6);
    const grid = await engine.completeness({ from: '2024-01', to: '2024-03' });
    expect(grid).toHaveLength(14 * 3);
    expect(grid.filter((c) => c.gemeente_code === H).map((c) => c.state)).toEqual(['missing', 'missing', 'delivered']);
  });

  it('weighs gemeenten equally when a population figure is missing', async () => {
    const store = await tempStore(monthlyRegion());
    await deliverBevolking(store, [{ gemeente: E, jaar: 2024, jeugd: 30_000 }]);
    await deliverToewijzingen(store, E, '2024-01', []);
    const v = await createIndicatorEngine(store).values({ year: 2024, grain: 'month' });
    expect(pick(v, 'ambulant', 'REGIO', '2024-01', 'clients').coverage).toBe(7.1); // 1 of 14
  });
});

describe('provisional costs in the completeness grid', () => {
  it('flags service months until claims three months later arrived, and leaves gemeenten without claims out', async () => {
    const store = await tempStore(monthlyRegion());
    await deliverToewijzingen(store, E, '2024-01', []);
    await deliverToewijzingen(store, H, '2024-01', []);
    await deliverDeclaraties(store, E, '2024-05', []);
    const grid = await createIndicatorEngine(store).completeness({ from: '2024-01', to: '2024-03' });
    const e = grid.filter((c) => c.gemeente_code === E);
    expect(e.map((c) => c.provisional)).toEqual([false, false, true]); // May covers Jan and Feb, not March
    expect(e.map((c) => c.state)).toEqual(['delivered', 'missing', 'missing']);
    expect(grid.find((c) => c.gemeente_code === H && c.month === '2024-01')).toMatchObject({ provisional: null, state: 'delivered' });
    const v = await createIndicatorEngine(store).values({ year: 2024, grain: 'month' });
    expect(pick(v, 'ambulant', 'REGIO', '2024-02', 'kosten').provisional).toBe(false);
    expect(pick(v, 'ambulant', 'REGIO', '2024-03', 'kosten').provisional).toBe(true);
    expect(pick(v, 'ambulant', H, '2024-01', 'kosten').value).toBeNull();
  });
});

describe('a delivery of 0 rows through the ETL', () => {
  it('counts as delivered, and a header-only declaraties delivery advances the claims maturity', async () => {
    const store = await tempStore(monthlyRegion());
    const dir = tempDir('koersbord-ledger-empty-');
    const header = (kind: 'toewijzingen' | 'declaraties') =>
      kind === 'toewijzingen'
        ? 'gemeente_code;periode;toewijzing_id;client_id;geboortejaar;aanbieder_agb;aanbieder_naam;productcategorie;productcode;begindatum;einddatum;reden_einde;verwijzer'
        : 'gemeente_code;periode;declaratie_id;toewijzing_id;client_id;productcode;prestatie_begin;prestatie_eind;volume;eenheid;bedrag';
    const file = (kind: 'toewijzingen' | 'declaraties', month: string) => {
      const path = join(dir, `${kind}_${E}_${month}.csv`);
      writeFileSync(path, `${header(kind)}\r\n`);
      return path;
    };
    expect((await loadFiles(store, [file('declaraties', '2024-02')]))[0]).toMatchObject({ outcome: 'loaded', rows: 0 });
    const before = await createIndicatorEngine(store).completeness({ from: '2024-01', to: '2024-03' });
    expect(before.filter((c) => c.gemeente_code === E).map((c) => c.provisional)).toEqual([true, true, true]);

    const reports = await loadFiles(store, [file('toewijzingen', '2024-01'), file('declaraties', '2024-05')]);
    expect(reports.map((r) => [r.outcome, r.rows])).toEqual([['loaded', 0], ['loaded', 0]]);
    const grid = await createIndicatorEngine(store).completeness({ from: '2024-01', to: '2024-03' });
    const e = grid.filter((c) => c.gemeente_code === E);
    expect(e.map((c) => c.state)).toEqual(['delivered', 'missing', 'missing']);
    expect(e.map((c) => c.provisional)).toEqual([false, false, true]); // claims processed up to May: Jan and Feb are mature
  });
});


describe('a quarterly gemeente (Enschede in Twente)', () => {
  const row = { id: 'q1', client: 'client-QUART-01', begin: '2024-01-01', end: null, product: '45A01' };

  /** Enschede (30,000 youths) delivers for Q1 and Q2, not for Q3; Hengelo (5,000) every month up to October. */
  async function seeded() {
    const store = await tempStore(); // Twente as configured: Enschede per kwartaal
    expect(store.region.gemeenten.find((g) => g.code === E)?.rhythm).toBe('kwartaal');
    const twente = store.region.gemeenten.map((g) => g.code);
    await deliverBevolking(store, twente.map((g) => ({ gemeente: g, jaar: 2024, jeugd: g === E ? 30_000 : 5_000 })));
    for (const q of ['2024-03', '2024-06']) {
      await deliverToewijzingen(store, E, q, [row]);
      await deliverDeclaraties(store, E, q, []);
    }
    await deliverMonthly(store, H, '2024-01', '2024-10', [{ ...row, client: 'client-QUART-02' }]);
    return createIndicatorEngine(store);
  }

  it('counts a quarterly delivery as delivered for its three months, so the region’s coverage does not drop between quarters', async () => {
    const engine = await seeded();
    const months = await engine.values({ year: 2024, grain: 'month' });
    // Enschede and Hengelo: 35 of 95 thousand youths, in January and February as in March.
    for (const m of ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']) {
      expect(pick(months, 'ambulant', 'REGIO', m, 'clients').coverage).toBe(36.8);
      expect(pick(months, 'ambulant', E, m, 'clients')).toMatchObject({ suppressed: true, coverage: 100 });
    }
    // Q3 was due at September and did not come: Enschede's July is missing, Hengelo alone covers it.
    expect(pick(months, 'ambulant', 'REGIO', '2024-07', 'clients').coverage).toBe(5.3);
    expect(pick(months, 'ambulant', E, '2024-07', 'clients')).toMatchObject({ value: null, coverage: 0 });
    const may = (await engine.overview({ year: 2024, scope: 'REGIO', month: '2024-05' })).find((c) => c.segment === 'ambulant')!;
    expect(may.covered_gemeenten).toEqual([E, H]);
  });

  it('marks the months of a quarter whose delivery is not due yet as not_due, a missed quarter as missing', async () => {
    const engine = await seeded();
    const grid = await engine.completeness({ from: '2024-01', to: '2024-10' });
    const e = grid.filter((c) => c.gemeente_code === E);
    // The newest delivery is October's: Q3 (periode 2024-09) was due, Q4 (2024-12) is not yet.
    expect(e.map((c) => c.toewijzingen)).toEqual([...Array(6).fill('delivered'), 'missing', 'missing', 'missing', 'not_due']);
    // Claims processed up to June: April to June stay provisional, as for a monthly gemeente.
    expect(e.map((c) => c.state)).toEqual(['delivered', 'delivered', 'delivered', 'provisional', 'provisional', 'provisional', 'missing', 'missing', 'missing', 'not_due']);
    expect(e.map((c) => c.declaraties)).toEqual([...Array(6).fill('delivered'), 'missing', 'missing', 'missing', 'not_due']);
    expect(grid.filter((c) => c.gemeente_code === H).every((c) => c.state === 'delivered')).toBe(true);
    // As known at the end of May: Q2 is not due yet, so April and May are not missing either.
    const may = await engine.completeness({ from: '2024-01', to: '2024-05', peilmaand: '2024-05' });
    expect(may.filter((c) => c.gemeente_code === E).map((c) => c.toewijzingen)).toEqual(['delivered', 'delivered', 'delivered', 'not_due', 'not_due']);
    // A monthly gemeente's month without a delivery stays missing at any peilmaand.
    expect(may.find((c) => c.gemeente_code === 'GM0141' && c.month === '2024-05')?.state).toBe('missing');
  });
});
