/**
 * The in-year estimate of late data (docs/nowcast.md): a development triangle small enough to
 * check on paper, the interval narrowing with more history, a gemeente with too little
 * history falling back to the region's pattern, the estimate as known at an earlier peilmaand
 * unchanged by a later delivery, the status of a card and of its /comparison row resting
 * on the same estimate, over real HTTP, and the card's estimates of kosten and instroom beside
 * its target (the target's own where it is on that measure, hidden with a hidden count).
 */
import { describe, expect, it } from 'vitest';
import { learnDevelopment, project, totalMse } from '../../indicators/nowcast/chainLadder.ts';
import { createIndicatorEngine } from '../../indicators/index.ts';
import { addMonths, monthRange } from '../../indicators/periods.ts';
import type { Store } from '../../store/store.ts';
import { tempStore } from '../helpers/tempStore.ts';
import { json, testApp } from '../server/testApp.ts';
import { deliverDeclaraties, deliverToewijzingen, type DeclRow, type TwRow } from './helpers/seed.ts';

describe('chain ladder on a triangle checkable on paper', () => {
  // Three service months, three lags (0, 1, 2): cumulative euros known after each lag.
  //            lag 0  lag 1  lag 2
  //   month A   100    140    154
  //   month B   100    160      ·
  //   month C   120      ·      ·
  const triangle = { cum: [[100, 140, 154], [100, 160, 160], [120, 120, 120]], age: [2, 1, 0] };
  const d = learnDevelopment(triangle, 2, 24);

  it('learns volume-weighted factors and the shares known after each lag', () => {
    // f0 = (140 + 160) / (100 + 100) = 1.5; f1 = 154 / 140 = 1.1.
    expect(d.factors[0]).toBeCloseTo(1.5, 12);
    expect(d.factors[1]).toBeCloseTo(1.1, 12);
    // Shares: after 2 lags all, after 1: 1 / 1.1, after 0: 1 / (1.5 × 1.1).
    expect(d.shares[2]).toBe(1);
    expect(d.shares[1]).toBeCloseTo(1 / 1.1, 12);
    expect(d.shares[0]).toBeCloseTo(1 / 1.65, 12);
    // σ²0 = (100 × (1.4 − 1.5)² + 100 × (1.6 − 1.5)²) / (2 − 1) = 2; σ²1 has one month and takes the step before's.
    expect(d.sigma2[0]).toBeCloseTo(2, 12);
    expect(d.sigma2[1]).toBeCloseTo(2, 12);
  });

  it('estimates observed / share known, with Mack’s error', () => {
    const b = project(d, 160, 1);
    const c = project(d, 120, 0);
    expect(b.ultimate).toBeCloseTo(176, 10); // 160 / (1 / 1.1)
    expect(c.ultimate).toBeCloseTo(198, 10); // 120 / (1 / 1.65)
    expect(project(d, 154, 2)).toEqual({ ultimate: 154, mse: 0 });
    // mse = C_ult² × Σ σ²L / fL² × (1 / C_L + 1 / S_L), over the steps still to come.
    expect(b.mse).toBeCloseTo(176 ** 2 * (2 / 1.21) * (1 / 160 + 1 / 140), 8);
    expect(c.mse).toBeCloseTo(198 ** 2 * ((2 / 2.25) * (1 / 120 + 1 / 200) + (2 / 1.21) * (1 / 180 + 1 / 140)), 8);
    // The sum's error adds the covariance of the shared f1: 2 × 176 × 198 × σ²1 / f1² / S1.
    const total = totalMse(d, [{ ...b, age: 1 }, { ...c, age: 0 }]);
    expect(total).toBeCloseTo(b.mse + c.mse + (2 * 176 * 198 * 2) / 1.21 / 140, 8);
  });

  it('gives a wider interval with fewer months of history', () => {
    const few = learnDevelopment({ cum: [[100, 140, 154], [100, 160, 176], [100, 150, 165], [120, 120, 120]], age: [2, 2, 2, 0] }, 2, 24);
    const many = learnDevelopment({ cum: [...Array(4).fill([100, 140, 154]), ...Array(4).fill([100, 160, 176]), ...Array(4).fill([100, 150, 165]), [120, 120, 120]], age: [...Array(12).fill(2), 0] }, 2, 24);
    expect(many.factors[0]).toBeCloseTo(few.factors[0], 12);
    const se = (dev: typeof few) => Math.sqrt(project(dev, 120, 0).mse);
    expect(se(few)).toBeGreaterThan(se(many));
    // Only the parameter error shrinks with more months; the process error of the month itself stays.
    expect(Math.sqrt(project(many, 120, 0).mse)).toBeGreaterThan(0);
  });
});

const LONG = 'GM0141';
const SHORT = 'GM0147';
const tw = (g: string) => [{ id: `t-${g}`, client: `client-NOWC-${g}`, begin: '2023-01-01', product: '45A01' }];

/** Per delivery month: the lines of the service month before (two thirds) and of the one before that (the rest). */
function claimsOf(g: string, periode: string, perMonth: (m: string) => number, lags: number[]): DeclRow[] {
  return lags.flatMap((lag, i) => {
    const month = addMonths(periode, -lag);
    const share = lags.length === 1 ? 1 : i === 0 ? 2 / 3 : 1 / 3;
    return month < (g === SHORT ? '2024-10' : '2023-01') ? [] : [{ id: `d-${g}-${month}-${lag}`, toewijzing: `t-${g}`, client: `client-NOWC-${g}`, product: '45A01', month, bedrag: perMonth(month) * share }];
  });
}

/**
 * 150 a month up to 2024, 100 a month in 2025, arriving at lags 1 and 2. The region's baseline
 * holds Almelo only (Borne starts in October 2024), so 2025 is uit koers once its late claims count.
 */
const spend = (m: string) => (m >= '2025-01' ? 100 : 150);

async function deliverMonth(store: Store, periode: string) {
  await deliverToewijzingen(store, LONG, periode, tw(LONG));
  await deliverDeclaraties(store, LONG, periode, claimsOf(LONG, periode, spend, [1, 2]));
  if (periode >= '2024-10') {
    await deliverToewijzingen(store, SHORT, periode, tw(SHORT));
    await deliverDeclaraties(store, SHORT, periode, claimsOf(SHORT, periode, spend, [1]));
  }
}

async function seeded(until: string) {
  const store = await tempStore();
  for (const p of monthRange('2023-01', until)) await deliverMonth(store, p);
  return store;
}

describe('the estimate on a store', () => {
  it('learns a long history’s own pattern and falls back to the region’s for a short one', async () => {
    const engine = createIndicatorEngine(await seeded('2025-03'));
    const own = await engine.nowcastPatterns({ scope: LONG });
    const short = await engine.nowcastPatterns({ scope: SHORT });
    const region = await engine.nowcastPatterns({});
    const ambulant = (a: typeof own) => a.patterns.find((p) => p.segment === 'ambulant' && p.measure === 'kosten')!;
    expect(ambulant(own).source).toBe('eigen');
    // Nothing at lag 0, two thirds after one month, all after two.
    expect(ambulant(own).shares.slice(0, 3)).toEqual([0, 0.6667, 1]);
    expect(ambulant(own).mature_after).toBe(2);
    expect(ambulant(short).source).toBe('regio');
    expect(ambulant(short).shares).toEqual(ambulant(region).shares);
    // The short gemeente's own claims are complete after one month; the region's pattern is not its own.
    expect(ambulant(short).shares[1]).toBeLessThan(1);
    const march = own.maturity.find((m) => m.segment === 'ambulant' && m.measure === 'kosten' && m.month === '2025-03')!;
    expect(march).toMatchObject({ mature: false, share_known: 0 });
  });

  it('keeps the estimate as known at an earlier peilmaand after a later delivery', async () => {
    const store = await seeded('2025-03');
    const engine = createIndicatorEngine(store);
    const before = await engine.overview({ year: 2025, scope: 'REGIO', peilmaand: '2025-02' });
    await deliverMonth(store, '2025-03'); // a correction of March
    await deliverMonth(store, '2025-04');
    const after = await engine.overview({ year: 2025, scope: 'REGIO', peilmaand: '2025-02' });
    expect(after).toEqual(before);
    const card = before.find((c) => c.segment === 'ambulant')!.target!;
    expect(card.estimate_based).toBe(true);
    expect(card.estimated_ytd!).toBeGreaterThan(card.value_ytd!);
  });

  it('rests the card’s status and its /comparison row on the same estimate, raw figure beside it', async () => {
    const app = await testApp({ store: await seeded('2025-03') });
    const cards = json<{ segment: string; target: Record<string, number | string | boolean | null> }[]>(await app.inject({ method: 'GET', url: '/api/overview?year=2025' }));
    const t = cards.find((c) => c.segment === 'ambulant')!.target;
    // Raw: Almelo Jan 100 + Feb 2/3 × 100 + Mar 0, Borne Jan 100 + Feb 100 (its claims come in one month) = 366.67,
    // below the target to date; the estimate adds Almelo's last third of February and both Marches (6 × 100 = 600 in all, give or take the priors).
    expect(t.value_ytd).toBeCloseTo(366.67, 2);
    expect(t.estimated_ytd as number).toBeGreaterThan(550);
    expect(t.estimated_ytd as number).toBeLessThan(700);
    expect(t.value_ytd as number).toBeLessThan(t.target_ytd as number);
    expect(t.status_ytd).toBe('uit_koers');
    expect(t.estimate_based).toBe(true);
    // The plain formula on raw figures stays beside the forecast on the estimate.
    expect(t.plain_forecast as number).toBeLessThan(t.forecast as number);
    expect(t.forecast_low as number).toBeLessThanOrEqual(t.forecast as number);
    expect(t.forecast_high as number).toBeGreaterThanOrEqual(t.forecast as number);
    const rows = json<{ gemeente_code: string; status: string; target: number }[]>(await app.inject({ method: 'GET', url: '/api/comparison?segment=ambulant&year=2025' }));
    const regio = rows.find((r) => r.gemeente_code === 'REGIO')!;
    expect(regio.status).toBe(t.status_ytd);
    expect(regio.target).toBe(t.target_ytd);
    const res = await app.inject({ method: 'GET', url: '/api/nowcast/patterns?scope=GM9999' });
    expect(res.statusCode).toBe(404);
    const patterns = await app.inject({ method: 'GET', url: '/api/nowcast/patterns?peilmaand=2025-02' });
    expect(patterns.statusCode).toBe(200);
    expect(json<{ peilmaand: string }>(patterns).peilmaand).toBe('2025-02');
  });
});

describe('youths (clients) and instroom registered after their month', () => {
  // Almelo alone: ten youths a month, each with a toewijzing of that month only. Six are in the
  // month's own delivery, four come one delivery later with their earlier begindatum (retroactive).
  const G = 'GM0141';
  const lastDay = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const youths = (m: string, from: number, to: number) =>
    Array.from({ length: to - from }, (_, j) => ({ id: `t-${m}-${from + j}`, client: `client-LATE-${m}-${from + j}`, begin: `${m}-01`, end: lastDay(m), product: '45A01' }));

  async function retroactive(until: string) {
    const store = await tempStore();
    for (const p of monthRange('2023-01', until)) await deliverToewijzingen(store, G, p, [...youths(p, 0, 6), ...(p > '2023-01' ? youths(addMonths(p, -1), 6, 10) : [])]);
    return store;
  }

  it('learns the share of a month’s youths known after each delivery and estimates the newest month', async () => {
    const engine = createIndicatorEngine(await retroactive('2025-03'));
    const patterns = await engine.nowcastPatterns({ scope: G });
    const clients = patterns.patterns.find((p) => p.segment === 'ambulant' && p.measure === 'clients')!;
    expect(clients.source).toBe('eigen');
    expect(clients.shares.slice(0, 2)).toEqual([0.6, 1]);
    expect(clients.mature_after).toBe(1);
    const instroom = patterns.patterns.find((p) => p.segment === 'ambulant' && p.measure === 'instroom')!;
    expect(instroom.shares.slice(0, 2)).toEqual([0.6, 1]);

    const series = await engine.series({ segment: 'ambulant', scope: G, indicator: 'clients', grain: 'month', from: '2025-01', to: '2025-03' });
    const [jan, , mar] = series;
    expect(jan).toMatchObject({ period: '2025-01', value: 10, mature: true, estimate: null });
    // March: six known, all ten expected; the development never varied, so the interval is the estimate itself.
    expect(mar).toMatchObject({ period: '2025-03', value: 6, mature: false, estimate: 10, estimate_low: 10, estimate_high: 10 });
    // Youths to date are a distinct count: no sum of month estimates.
    expect(mar.estimate_ytd).toBeNull();
    const inflow = await engine.series({ segment: 'ambulant', scope: 'REGIO', indicator: 'instroom', grain: 'month', from: '2025-03', to: '2025-03' });
    expect(inflow[0]).toMatchObject({ value: 6, mature: false, estimate: 10 });
  });

  it('learns from the counts as they were known, so youths who leave a month again lower its estimate', async () => {
    // Ten youths a month, all in the month's own delivery; two of them come back in the next
    // delivery with their begindatum moved on a month. Known at the month itself: its own ten
    // plus the two moved in from the month before (12); finally 10.
    const store = await tempStore();
    for (const p of monthRange('2023-01', '2025-03')) {
      const moved = p > '2023-01' ? youths(addMonths(p, -1), 8, 10).map((t) => ({ ...t, begin: `${p}-01`, end: lastDay(p) })) : [];
      await deliverToewijzingen(store, G, p, [...youths(p, 0, 10), ...moved]);
    }
    const engine = createIndicatorEngine(store);
    const clients = (await engine.nowcastPatterns({ scope: G })).patterns.find((p) => p.segment === 'ambulant' && p.measure === 'clients')!;
    // 12 known after the month's own delivery, 10 after the next: a share above one.
    expect(clients.shares.slice(0, 2)).toEqual([1.2, 1]);
    expect(clients.mature_after).toBe(1);
    const [feb, mar] = await engine.series({ segment: 'ambulant', scope: G, indicator: 'clients', grain: 'month', from: '2025-02', to: '2025-03' });
    expect(feb).toMatchObject({ value: 10, mature: true });
    expect(mar).toMatchObject({ value: 12, mature: false, estimate: 10, estimate_low: 10, estimate_high: 10 });
  });

  it('does not take the months before a quarterly gemeente’s first delivery for late youths', async () => {
    // Enschede delivers per quarter; ten youths in care since 2022, delivered from the first quarter of 2023 on.
    const store = await tempStore();
    const stock = Array.from({ length: 10 }, (_, i) => ({ id: `t-stock-${i}`, client: `client-STOCK-${i}`, begin: '2022-06-01', product: '45A01' }));
    for (const p of monthRange('2023-01', '2025-03').filter((m) => Number(m.slice(5)) % 3 === 0)) {
      await deliverToewijzingen(store, 'GM0153', p, stock);
      await deliverDeclaraties(store, 'GM0153', p, []);
    }
    const engine = createIndicatorEngine(store);
    const clients = (await engine.nowcastPatterns({ scope: 'GM0153', peilmaand: '2025-03' })).patterns.filter((p) => p.segment === 'ambulant' && p.measure === 'clients');
    // One pattern per month of the quarter; the stock is known from the delivery before, so nothing is late.
    expect(clients.map((p) => p.phase)).toEqual([1, 2, 3]);
    for (const p of clients) expect(p.shares[0]).toBe(1);
  });

  it('does not change a youth count once its month is complete, whatever is delivered later', async () => {
    const store = await retroactive('2025-03');
    const engine = createIndicatorEngine(store);
    const before = await engine.series({ segment: 'ambulant', scope: G, indicator: 'clients', grain: 'month', from: '2025-03', to: '2025-03', peilmaand: '2025-03' });
    await deliverToewijzingen(store, G, '2025-04', [...youths('2025-04', 0, 6), ...youths('2025-03', 6, 10)]);
    const now = await engine.series({ segment: 'ambulant', scope: G, indicator: 'clients', grain: 'month', from: '2025-03', to: '2025-03' });
    expect(now[0]).toMatchObject({ value: 10, mature: true, estimate: null });
    // As known at March, the estimate stays what it was; it turned out right.
    expect(await engine.series({ segment: 'ambulant', scope: G, indicator: 'clients', grain: 'month', from: '2025-03', to: '2025-03', peilmaand: '2025-03' })).toEqual(before);
    expect(before[0].estimate).toBe(now[0].value);
  });
});

/**
 * Crisis in Almelo: six trajectories start every month, four registered in their own month and
 * two a month later; each claims € 50 for its month, all of it one month later. Borne has one
 * crisis trajectory in January 2025 only, a count hidden below region level.
 */
const CRISIS = '46C01';
const crisisMonths = monthRange('2023-01', '2025-03');

function crisisAllocations(periode: string): TwRow[] {
  const starts = (m: string, from: number, to: number) =>
    Array.from({ length: to - from }, (_, j) => ({ id: `c-${m}-${from + j}`, client: `client-CR-${m}-${from + j}`, begin: `${m}-02`, end: `${m}-20`, product: CRISIS }));
  const before = addMonths(periode, -1);
  return [...starts(periode, 0, 4), ...(before >= '2023-01' ? starts(before, 4, 6) : [])];
}

async function seededCrisis() {
  const store = await tempStore();
  for (const p of crisisMonths) {
    await deliverToewijzingen(store, LONG, p, crisisAllocations(p));
    const before = addMonths(p, -1);
    const claims: DeclRow[] = before < '2023-01' ? [] : Array.from({ length: 6 }, (_, i) => ({ id: `dc-${before}-${i}`, toewijzing: `c-${before}-${i}`, client: `client-CR-${before}-${i}`, product: CRISIS, month: before, bedrag: 50 }));
    await deliverDeclaraties(store, LONG, p, claims);
    if (p >= '2025-01') {
      await deliverToewijzingen(store, SHORT, p, p === '2025-01' ? [{ id: 'c-borne', client: 'client-CR-borne', begin: '2025-01-05', end: '2025-01-25', product: CRISIS }] : []);
      await deliverDeclaraties(store, SHORT, p, []);
    }
  }
  return store;
}

describe('the card’s estimates of kosten and instroom beside its target', () => {
  it('estimates instroom and kosten to date as observed plus what is still expected, the target’s own where it is on that measure, and hides a hidden count’s estimate', async () => {
    const engine = createIndicatorEngine(await seededCrisis());
    const almelo = (await engine.overview({ year: 2025, scope: LONG })).find((c) => c.segment === 'crisis')!;
    expect(almelo.month).toBe('2025-03');
    // Instroom: January and February complete (6 each), March 4 of 6 known, and four in six known in the month itself: 16 seen, 18 estimated.
    expect(almelo.instroom_ytd).toEqual({ value: 16, suppressed: false });
    expect(almelo.instroom_estimated_ytd).toBe(18);
    // The crisis target is on instroom: the card's estimate is the target's, and its status rests on it.
    expect(almelo.target!.measure).toBe('instroom');
    expect(almelo.target!.estimated_ytd).toBe(almelo.instroom_estimated_ytd);
    expect(almelo.target!.value_ytd).toBe(16);
    // Kosten, which crisis has no target on: January and February € 300 each; March's claims come a month later, so
    // nothing of it is known yet and it is the same month a year earlier (€ 300), the level of the year being unchanged.
    expect(almelo.kosten_ytd).toBe(600);
    expect(almelo.kosten_estimated_ytd).toBeCloseTo(900, 2);
    const regio = await engine.overview({ year: 2025, scope: 'REGIO' });
    const crisis = regio.find((c) => c.segment === 'crisis')!;
    // Borne's one January trajectory is known: the region adds it to what is seen, and Almelo's two still to come to the estimate
    // (Borne's months, on the region's pattern, may expect a fraction more).
    expect(crisis.instroom_ytd.value).toBe(17);
    expect(crisis.instroom_estimated_ytd!).toBeGreaterThanOrEqual(19);
    expect(crisis.instroom_estimated_ytd!).toBeLessThan(20);
    expect(crisis.target!.estimated_ytd).toBe(crisis.instroom_estimated_ytd);
    expect(crisis.kosten_estimated_ytd).toBeCloseTo(900, 2);
    // Rows without claims or trajectories estimate nothing: the estimate is the observed figure.
    const ambulant = regio.find((c) => c.segment === 'ambulant')!;
    expect(ambulant.kosten_estimated_ytd).toBe(ambulant.kosten_ytd ?? null);
    // A kosten target's estimate is the card's kosten estimate, on every card.
    for (const c of [...regio, ...(await engine.overview({ year: 2025, scope: LONG }))]) {
      if (c.target?.measure === 'kosten') expect(c.kosten_estimated_ytd, c.segment).toBe(c.target.estimated_ytd);
      if (c.target?.measure === 'instroom') expect(c.instroom_estimated_ytd, c.segment).toBe(c.target.estimated_ytd);
    }
    // Borne's one trajectory is a count below the threshold: its estimate is hidden with it.
    const borne = (await engine.overview({ year: 2025, scope: SHORT })).find((c) => c.segment === 'crisis')!;
    expect(borne.instroom_ytd).toEqual({ value: null, suppressed: true });
    expect(borne.instroom_estimated_ytd).toBeNull();
    expect(borne.target?.estimated_ytd ?? null).toBeNull();
  });
});
