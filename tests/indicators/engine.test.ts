/**
 * The engine's API on hand-made stores: movers between gemeenten, the cache per data version,
 * targets and in-year targets, and a second region whose settings differ everywhere.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../store/paths.ts';
import { createIndicatorEngine, IndicatorQueryError } from '../../indicators/index.ts';
import { unsuppressedValues } from '../../indicators/unsuppressed.ts';
import { tempStore } from '../helpers/tempStore.ts';
import { seedTestregio, testregio } from './helpers/testregio.ts';
import { deliverBevolking, deliverDeclaraties, deliverMonthly, deliverToewijzingen } from './helpers/seed.ts';
import { pick, valueOf } from './helpers/pick.ts';

const E = 'GM0153';
const H = 'GM0164';

describe('a youth who moves between gemeenten', () => {
  it('counts once in the region with one trajectory, and starts a new trajectory in the new gemeente', async () => {
    const store = await tempStore();
    await deliverMonthly(store, E, '2024-01', '2024-12', [{ id: 'm1', client: 'client-MOVER-01', begin: '2024-01-01', end: '2024-05-31', product: '45A01' }]);
    await deliverMonthly(store, H, '2024-01', '2024-12', [{ id: 'm1', client: 'client-MOVER-01', begin: '2024-06-01', end: '2024-12-31', product: '45A01' }]);
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'clients')).toBe(1);
    // Each gemeente counts the youth once, so adding the gemeente rows would give 2: the region does not add them.
    expect(valueOf(v, 'ambulant', E, '2024', 'clients')).toBe(1);
    expect(valueOf(v, 'ambulant', H, '2024', 'clients')).toBe(1);
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'instroom')).toBe(1);
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'trajectduur_mean')).toBe(366);
    expect(valueOf(v, 'ambulant', E, '2024', 'instroom')).toBe(1);
    expect(valueOf(v, 'ambulant', H, '2024', 'instroom')).toBe(1);
    expect(valueOf(v, 'ambulant', E, '2024', 'uitstroom')).toBe(1);
    const m = await unsuppressedValues(store, { year: 2024, grain: 'month' });
    expect(valueOf(m, 'ambulant', H, '2024-06', 'instroom')).toBe(1);
    expect(valueOf(m, 'ambulant', 'REGIO', '2024-06', 'instroom')).toBe(0);
    // Suppressed: one youth is `<5` in each gemeente, while the region year shows 1.
    const engine = createIndicatorEngine(store);
    const s = await engine.values({ year: 2024, grain: 'year' });
    expect(pick(s, 'ambulant', E, '2024', 'clients')).toMatchObject({ value: null, suppressed: true });
    expect(pick(s, 'ambulant', 'REGIO', '2024', 'clients')).toMatchObject({ value: 1, suppressed: false });
  });

  it('builds provider trajectories from that provider’s toewijzingen over the whole region', async () => {
    const store = await tempStore();
    await deliverMonthly(store, E, '2024-01', '2024-03', [
      { id: 'a', client: 'client-PROV-001', begin: '2024-01-01', end: '2024-01-31', product: '45A01', agb: '11111111', naam: 'Aanbieder Een' },
      { id: 'b', client: 'client-PROV-001', begin: '2024-02-01', end: '2024-03-31', product: '45A01', agb: '22222222', naam: 'Aanbieder Twee' },
    ]);
    await deliverDeclaraties(store, E, '2024-04', [
      { id: 'd1', toewijzing: 'a', client: 'client-PROV-001', product: '45A01', month: '2024-01', bedrag: 100 },
      { id: 'd2', toewijzing: 'b', client: 'client-PROV-001', product: '45A01', month: '2024-02', bedrag: 200 },
    ]);
    const engine = createIndicatorEngine(store);
    const p = await engine.providers({ year: 2024, segment: 'ambulant' });
    const of = (agb: string, ind: string) => p.find((x) => x.aanbieder_agb === agb && x.indicator === ind)!;
    expect(of('11111111', 'kosten').value).toBe(100);
    expect(of('22222222', 'kosten').value).toBe(200);
    expect(of('22222222', 'instroom')).toMatchObject({ value: null, suppressed: true });
    expect(of('11111111', 'instroom').aanbieder_naam).toBe('Aanbieder Een');
    const series = await engine.providerSeries({ agb: '22222222', segment: 'ambulant', indicator: 'kosten', grain: 'month' });
    expect(series.find((x) => x.period === '2024-02')?.value).toBe(200);
    await expect(engine.providerSeries({ agb: '99999999', segment: 'ambulant', indicator: 'kosten', grain: 'month' })).rejects.toThrow(IndicatorQueryError);
  });
});

describe('overview', () => {
  it('counts a youth once in the year to date and defaults to the newest delivered month', async () => {
    const store = await tempStore();
    await deliverMonthly(store, E, '2024-01', '2024-03', [
      { id: 'y1', client: 'client-YTD-0001', begin: '2024-01-01', end: '2024-01-31', product: '45A01' },
      { id: 'y2', client: 'client-YTD-0001', begin: '2024-03-01', end: '2024-03-31', product: '45A01' },
      { id: 'y3', client: 'client-YTD-0002', begin: '2024-02-01', end: '2024-02-29', product: '45A01' },
    ]);
    const engine = createIndicatorEngine(store);
    const cards = await engine.overview({ year: 2024, scope: 'REGIO' });
    const ambulant = cards.find((c) => c.segment === 'ambulant')!;
    expect(ambulant.month).toBe('2024-03');
    expect(ambulant.clients_ytd).toEqual({ value: 2, suppressed: false });
    // The 29-day gap keeps client 1 in one trajectory.
    expect(ambulant.instroom_ytd).toEqual({ value: 2, suppressed: false });
    expect(ambulant.months).toHaveLength(12);
    expect(cards.map((c) => c.segment)).toEqual(['verblijf', 'wonen', 'ambulant', 'ambulant_alternatief', 'crisis', 'wonen_verblijf', 'jeugdbescherming', 'jeugdreclassering', 'overig']);
    const february = await engine.overview({ year: 2024, scope: 'REGIO', month: '2024-02' });
    expect(february.find((c) => c.segment === 'ambulant')!.clients_ytd.value).toBe(2);
    const january = await engine.overview({ year: 2024, scope: E, month: '2024-01' });
    expect(january.find((c) => c.segment === 'ambulant')!.clients_ytd).toEqual({ value: null, suppressed: true });
    expect(january.find((c) => c.segment === 'verblijf')!.clients_ytd).toEqual({ value: 0, suppressed: false });
  });
});

describe('suppression through the engine', () => {
  it('hides 1–4 below region level and a second gemeente beside the region row, and a second month beside the year', async () => {
    const store = await tempStore();
    const youths = (n: number, prefix: string, begin: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, client: `client-${prefix}-${String(i).padStart(4, '0')}`, begin: begin(i), end: null, product: '45A01' }));
    await deliverMonthly(store, E, '2024-01', '2024-02', youths(3, 'e', () => '2024-01-01'));
    await deliverMonthly(store, 'GM0141', '2024-01', '2024-02', youths(7, 'a', () => '2024-01-01'));
    // Hengelo: 2 start in January, 8 in February: 10 in the year.
    await deliverMonthly(store, H, '2024-01', '2024-02', youths(10, 'h', (i) => (i < 2 ? '2024-01-15' : '2024-02-01')));
    const engine = createIndicatorEngine(store);
    const year = await engine.values({ year: 2024, grain: 'year' });
    const clients = (g: string) => pick(year, 'ambulant', g, '2024', 'clients');
    expect(clients(E)).toMatchObject({ value: null, suppressed: true }); // 3
    expect(clients('GM0141')).toMatchObject({ value: null, suppressed: true }); // 7, so that 20 − 10 − 7 does not give 3
    expect(clients(H)).toMatchObject({ value: 10, suppressed: false });
    expect(clients('REGIO')).toMatchObject({ value: 20, suppressed: false });
    expect(pick(year, 'ambulant', E, '2024', 'per_1000').suppressed).toBe(true);
    const months = await engine.values({ year: 2024, grain: 'month' });
    expect(pick(months, 'ambulant', H, '2024-01', 'instroom')).toMatchObject({ value: null, suppressed: true }); // 2
    // Hengelo's year instroom (10) is shown, so February (8) is hidden too.
    expect(pick(months, 'ambulant', H, '2024-02', 'instroom')).toMatchObject({ value: null, suppressed: true });
    expect(pick(months, 'ambulant', H, '2024-03', 'instroom')).toMatchObject({ value: null, suppressed: false }); // not delivered
  });
});

describe('the unsuppressed form', () => {
  it('cannot be reached from the engine module the server imports', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) visit(resolve(dirname(file), spec));
    };
    visit(join(PROJECT_ROOT, 'indicators', 'index.ts'));
    expect([...seen].some((f) => f.endsWith('engine.ts'))).toBe(true);
    expect([...seen].filter((f) => f.endsWith('unsuppressed.ts') || f.endsWith('cli.ts'))).toEqual([]);
  });
});

describe('cache', () => {
  it('answers from the cache within a data version and recomputes after a load', async () => {
    const store = await tempStore();
    await deliverToewijzingen(store, E, '2024-01', [{ id: 'c1', client: 'client-CACHE-01', begin: '2024-01-01', end: null, product: '43V01' }]);
    const engine = createIndicatorEngine(store);
    const first = await engine.values({ year: 2024, grain: 'year' });
    expect(await engine.values({ year: 2024, grain: 'year' })).toBe(first);
    expect(valueOf(first, 'verblijf', 'REGIO', '2024', 'clients')).toBe(1);
    await deliverToewijzingen(store, E, '2024-02', [
      { id: 'c1', client: 'client-CACHE-01', begin: '2024-01-01', end: null, product: '43V01' },
      { id: 'c2', client: 'client-CACHE-02', begin: '2024-02-01', end: null, product: '43V01' },
    ]);
    const second = await engine.values({ year: 2024, grain: 'year' });
    expect(second).not.toBe(first);
    expect(valueOf(second, 'verblijf', 'REGIO', '2024', 'clients')).toBe(2);
  });

  it('refuses years without data and gemeenten outside the region', async () => {
    const store = await tempStore();
    await deliverToewijzingen(store, E, '2024-01', []);
    const engine = createIndicatorEngine(store);
    await expect(engine.values({ year: 2019, grain: 'year' })).rejects.toThrow(/geen gegevens voor het jaar 2019/);
    await expect(engine.overview({ year: 2024, scope: 'GM0363' })).rejects.toThrow(/hoort niet bij regio Twente/);
    expect(await engine.periods()).toMatchObject({ years: [2024], months: ['2024-01'], latest_month: '2024-01', baseline_year: 2024 });
  });

  it('holds every caller to the routes’ query shapes, in Dutch', async () => {
    const store = await tempStore();
    await deliverToewijzingen(store, E, '2024-01', []);
    const engine = createIndicatorEngine(store);
    const refused = (p: Promise<unknown>) => p.then(() => null, (err: unknown) => err);
    const extra = await refused(engine.series({ segment: 'crisis', indicator: 'kosten', unsuppressed: true } as never));
    expect(extra).toBeInstanceOf(IndicatorQueryError);
    expect(extra).toMatchObject({ code: 'invalid_query', message: expect.stringContaining('unsuppressed') });
    expect((extra as Error).message).toMatch(/^Onbekende key/);
    const month = await refused(engine.overview({ year: 2024, month: '2024-13' }));
    expect(month).toMatchObject({ code: 'invalid_query', message: expect.stringContaining('maand als JJJJ-MM') });
    // Defaults as in the routes: the region, the year grain.
    expect((await engine.overview({ year: 2024 })).every((c) => c.gemeente_code === 'REGIO')).toBe(true);
    expect((await engine.values({ year: 2024 })).every((v) => v.period === '2024')).toBe(true);
  });
});

describe('a second region with other settings', () => {
  it('applies its own gap: 20 days apart is one trajectory in Twente and two in the test region', async () => {
    const rows = [
      { id: 'g1', client: 'client-GAP-0001', begin: '2024-01-01', end: '2024-01-31', product: 'T4502' },
      { id: 'g2', client: 'client-GAP-0001', begin: '2024-02-21', end: '2024-03-31', product: 'T4502' },
    ];
    const tr = await tempStore(testregio());
    await deliverToewijzingen(tr, 'GM0197', '2024-03', rows);
    const tv = await unsuppressedValues(tr, { year: 2024, grain: 'year' });
    expect(valueOf(tv, 'ambulant', 'REGIO', '2024', 'instroom')).toBe(2);
    const tw = await tempStore();
    await deliverToewijzingen(tw, E, '2024-03', rows.map((r) => ({ ...r, product: '45A01' })));
    const twv = await unsuppressedValues(tw, { year: 2024, grain: 'year' });
    expect(valueOf(twv, 'ambulant', 'REGIO', '2024', 'instroom')).toBe(1);
  });

  it('hides counts below its own threshold of 10', async () => {
    const store = await tempStore(testregio());
    const clients = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({ id: `t${i}`, client: `client-${prefix}-000${i}`, begin: '2024-01-01', end: null, product: 'T4502' }));
    await deliverToewijzingen(store, 'GM0197', '2024-01', clients(9, 'A'));
    await deliverToewijzingen(store, 'GM1859', '2024-01', clients(10, 'B'));
    const v = await createIndicatorEngine(store).values({ year: 2024, grain: 'year' });
    expect(pick(v, 'ambulant', 'GM0197', '2024', 'clients').suppressed).toBe(true);
    // Only two gemeenten beside the region: the other one is hidden too, or 19 − 10 would give 9 away.
    expect(pick(v, 'ambulant', 'GM1859', '2024', 'clients').suppressed).toBe(true);
    expect(pick(v, 'ambulant', 'REGIO', '2024', 'clients').value).toBe(19);
  });

  it('sets targets from its own baseline year and band over three years', async () => {
    const store = await seedTestregio();
    const engine = createIndicatorEngine(store);
    const year = async (y: number) => pick(await engine.values({ year: y, grain: 'year' }), 'verblijf', 'REGIO', String(y), 'kosten');
    expect(await year(2023)).toMatchObject({ value: 10000, target: null, status: null });
    expect(await year(2024)).toMatchObject({ value: 8500, target: 8000, status: 'aandacht' }); // ≤ 8,800
    expect(await year(2025)).toMatchObject({ value: 6000, target: 6400, status: 'op_koers' });
    expect(await year(2026)).toMatchObject({ value: 6000, target: 5120, status: 'uit_koers' }); // > 5,632
    // wonen has no target in this region; in Twente it would.
    expect(pick(await engine.values({ year: 2024, grain: 'year' }), 'wonen', 'REGIO', '2024', 'kosten').target).toBeNull();
    const yearly = await engine.series({ segment: 'verblijf', scope: 'REGIO', indicator: 'kosten', grain: 'year' });
    expect(yearly.map((p) => p.target)).toEqual([null, 8000, 6400, 5120]);
    expect(yearly[1].target_upper).toBe(8800);
  });

  it('follows the baseline’s seasonality in the in-year target, forecast and savings', async () => {
    const store = await seedTestregio();
    const engine = createIndicatorEngine(store);
    const cards = await engine.overview({ year: 2024, scope: 'REGIO', month: '2024-02' });
    const verblijf = cards.find((c) => c.segment === 'verblijf')!;
    // target(2024) = 8,000; the baseline had 5,000 of its 10,000 by February: in-year target 4,000.
    expect(verblijf.target).toMatchObject({
      measure: 'kosten',
      baseline_year: 2023,
      baseline_value: 10000,
      value_ytd: 4000,
      target_ytd: 4000,
      status_ytd: 'op_koers',
      target_year: 8000,
      forecast: 8000,
      forecast_status: 'op_koers',
      savings_ytd: 1000,
      planned_savings_ytd: 1000,
      savings_forecast: 2000,
      planned_savings: 2000,
    });
    expect(verblijf.kosten_ytd).toBe(4000);
    expect(cards.find((c) => c.segment === 'wonen')!.target).toBeNull();
    const monthly = await engine.series({ segment: 'verblijf', scope: 'REGIO', indicator: 'kosten', grain: 'month', from: '2024-01', to: '2024-03' });
    expect(monthly.map((p) => [p.period, p.value, p.target, p.value_ytd, p.target_ytd, p.status])).toEqual([
      ['2024-01', 3000, 3200, 3000, 3200, 'op_koers'],
      ['2024-02', 1000, 800, 4000, 4000, 'op_koers'],
      ['2024-03', 450, 400, 4450, 4400, 'aandacht'],
    ]);
  });

  it('marks the newest month provisional with its one-month lag', async () => {
    const store = await seedTestregio();
    const m = await createIndicatorEngine(store).values({ year: 2026, grain: 'month' });
    expect(pick(m, 'verblijf', 'GM0197', '2026-11', 'kosten').provisional).toBe(false);
    expect(pick(m, 'verblijf', 'GM0197', '2026-12', 'kosten').provisional).toBe(true);
  });
});

describe('per_1000 and comparison', () => {
  it('divides by the youth population of that year and compares gemeenten with the previous year', async () => {
    const store = await tempStore();
    const clients = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({
        id: `${prefix}${i}`,
        client: `client-${prefix}-${String(i).padStart(4, '0')}`,
        begin: i < 20 ? '2023-01-01' : '2024-06-01',
        end: null,
        product: '45A01',
      }));
    await deliverToewijzingen(store, E, '2023-12', clients(20, 'e'));
    await deliverToewijzingen(store, E, '2024-12', clients(25, 'e'));
    await deliverToewijzingen(store, H, '2024-12', clients(8, 'h'));
    await deliverBevolking(store, [
      { gemeente: E, jaar: 2024, jeugd: 25_000 },
      { gemeente: H, jaar: 2024, jeugd: 16_000 },
    ]);
    const engine = createIndicatorEngine(store);
    const rows = await engine.comparison({ segment: 'ambulant', year: 2024 });
    const e = rows.find((r) => r.gemeente_code === E)!;
    expect(e).toMatchObject({ naam: 'Enschede', clients: { value: 25 }, per_1000: { value: 1 }, clients_previous_year: { value: 20 }, clients_change_pct: 25 });
    expect(rows.find((r) => r.gemeente_code === H)!.per_1000).toEqual({ value: 0.5, suppressed: false });
    // REGIO needs the population of every gemeente of the region; only two were delivered.
    expect(rows.find((r) => r.gemeente_code === 'REGIO')!.per_1000.value).toBeNull();
    const refs = await engine.referrers({ segment: 'ambulant', scope: E, year: 2023 });
    expect(refs.find((r) => r.group === 'gemeente')).toMatchObject({ instroom: { value: 20 }, share: 100 });
    const subs = await engine.subsegments({ segment: 'ambulant', scope: E, year: 2024 });
    expect(subs.find((s) => s.subsegment === 'begeleiding')!.clients.value).toBe(25);
    expect(subs.find((s) => s.subsegment === 'jeugd_ggz')!.clients.value).toBe(0);
    expect(subs.some((s) => s.subsegment === 'ambulant_alternatief')).toBe(false);
  });
});

describe('region invariants (property-style over seeded stores)', () => {
  it('region clients never exceed the sum of gemeente clients, for any mix of movers', async () => {
    const fc = (await import('fast-check')).default;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ client: fc.integer({ min: 0, max: 5 }), g: fc.constantFrom(E, H), start: fc.integer({ min: 0, max: 300 }), len: fc.integer({ min: 0, max: 200 }), p: fc.constantFrom('45A01', '43V01', '44W01', '46C01') }), { minLength: 1, maxLength: 12 }),
        async (spec) => {
          const store = await tempStore();
          for (const g of [E, H]) {
            const rows = spec
              .map((s, i) => ({ ...s, i }))
              .filter((s) => s.g === g)
              .map((s) => {
                const begin = new Date(Date.UTC(2024, 0, 1 + s.start));
                const end = new Date(begin.getTime() + s.len * 86_400_000);
                return { id: `t${s.i}`, client: `client-PROP-${s.client}000`, begin: begin.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10), product: s.p };
              });
            await deliverToewijzingen(store, g, '2024-06', rows);
          }
          const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
          for (const row of ['ambulant', 'verblijf', 'wonen', 'wonen_verblijf', 'crisis']) {
            for (const ind of ['clients', 'instroom', 'uitstroom']) {
              const regio = valueOf(v, row, 'REGIO', '2024', ind) ?? 0;
              const sum = (valueOf(v, row, E, '2024', ind) ?? 0) + (valueOf(v, row, H, '2024', ind) ?? 0);
              expect(regio).toBeLessThanOrEqual(sum);
            }
          }
          await store.close();
        },
      ),
      { numRuns: 15 },
    );
  });
});


describe('status invariants on engine output (property)', () => {
  it('the status of every year row agrees with the value and target shown, and target paths fall', async () => {
    const fc = (await import('fast-check')).default;
    const rank = { op_koers: 0, aandacht: 1, uit_koers: 2 } as const;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -500, max: 20_000 }), { minLength: 4, maxLength: 4 }), async (perYear) => {
        const store = await tempStore(testregio());
        for (const [i, amount] of perYear.entries()) {
          const year = 2023 + i;
          await deliverDeclaraties(store, 'GM0197', `${year}-12`, [
            { id: `p${year}`, toewijzing: 'v1', client: 'client-PROP-VERB1', product: 'T4301', month: `${year}-06`, bedrag: amount + 0.01 * i },
          ]);
        }
        const engine = createIndicatorEngine(store);
        const band = testregio().targets.statusBand;
        let previousTarget = Infinity;
        for (const year of [2024, 2025, 2026]) {
          const v = pick(await engine.values({ year, grain: 'year' }), 'verblijf', 'REGIO', String(year), 'kosten');
          expect(v.target).not.toBeNull();
          const expected = v.value! <= v.target! ? 'op_koers' : v.value! <= v.target! * (1 + band) ? 'aandacht' : 'uit_koers';
          expect(v.status).toBe(expected);
          expect(rank[v.status!]).toBeGreaterThanOrEqual(0);
          if (v.target! >= 0) expect(v.target!).toBeLessThanOrEqual(previousTarget);
          previousTarget = v.target!;
        }
        await store.close();
      }),
      { numRuns: 6 },
    );
  });

  it('concurrent calls share one computation per data version', async () => {
    const store = await tempStore();
    await deliverToewijzingen(store, E, '2024-01', [{ id: 'c1', client: 'client-CONC-01', begin: '2024-01-01', end: null, product: '43V01' }]);
    const engine = createIndicatorEngine(store);
    const [a, b] = await Promise.all([engine.values({ year: 2024, grain: 'year' }), engine.values({ year: 2024, grain: 'year' })]);
    expect(a).toBe(b);
  });
});
