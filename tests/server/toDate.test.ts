/**
 * One period on one screen, through real HTTP: the gemeente comparison and the provider list
 * count the same months as the overview card (the year to date) on both sides of every
 * comparison, so a trajectory that starts after the newest delivered month never counts,
 * last year is counted over the same months, and the region row's status is the card's.
 *
 * The store: Enschede delivers monthly from 2024-01 to 2026-06 (2024 the baseline year);
 * 6 verblijf clients all along, claims of € 1.000 a client-month (2026: € 1.100); one crisis
 * start a month in 2024 and 2025, two a month in 2026. The June 2026 delivery already holds a
 * crisis start in August and a verblijf client from September. Almelo delivers 3 verblijf
 * clients (a count below 5) in 2026 only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { FigureAnswer } from '../../contract/queries.ts';
import { deliverDeclaraties, deliverToewijzingen, months, type DeclRow, type TwRow } from '../indicators/helpers/seed.ts';
import { json, testApp } from './testApp.ts';

const E = 'GM0153';
const A = 'GM0141';
const VERBLIJF_AGB = '55556666';
const app = await testApp();
const get = async <T>(url: string): Promise<T> => {
  const res = await app.inject({ method: 'GET', url });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return json<T>(res);
};

const verblijf: TwRow[] = Array.from({ length: 6 }, (_, i) => ({ id: `V${i}`, client: `ens-v${i}`, begin: '2024-01-01', product: '43V01', agb: VERBLIJF_AGB }));
const crisis: TwRow[] = months('2024-01', '2026-06').flatMap((m) =>
  Array.from({ length: m.startsWith('2026') ? 2 : 1 }, (_, i) => ({ id: `C${m}-${i}`, client: `ens-c${m}-${i}`, begin: `${m}-0${3 + i}`, end: `${m}-1${3 + i}`, product: '46C01', agb: '22223333' })),
);
const later: TwRow[] = [
  { id: 'C-aug', client: 'ens-c-aug', begin: '2026-08-03', end: '2026-08-13', product: '46C01', agb: '22223333' },
  { id: 'V-sep', client: 'ens-v-sep', begin: '2026-09-01', product: '43V01', agb: VERBLIJF_AGB },
];

function claims(from: string, to: string, bedrag: number): DeclRow[] {
  return months(from, to).flatMap((m) => verblijf.map((t) => ({ id: `D${m}-${t.id}`, toewijzing: t.id, client: t.client, product: '43V01', month: m, bedrag })));
}

beforeAll(async () => {
  const store = app.store;
  for (const m of months('2024-01', '2026-06')) {
    const active = [...verblijf, ...crisis.filter((c) => c.begin.slice(0, 7) <= m && (c.end ?? '9999') >= `${m}-01`)];
    await deliverToewijzingen(store, E, m, m === '2026-06' ? [...active, ...later] : active);
  }
  for (const m of months('2026-01', '2026-06')) {
    await deliverToewijzingen(store, A, m, Array.from({ length: 3 }, (_, i) => ({ id: `AV${i}`, client: `alm-v${i}`, begin: '2026-01-01', product: '43V01', agb: VERBLIJF_AGB })));
  }
  await deliverDeclaraties(store, E, '2024-12', claims('2024-01', '2024-12', 1000));
  await deliverDeclaraties(store, E, '2025-12', claims('2025-01', '2025-12', 1000));
  await deliverDeclaraties(store, E, '2026-06', claims('2026-01', '2026-06', 1100));
}, 120_000);

type Cards = FigureAnswer<'/overview'>;
type Rows = FigureAnswer<'/comparison'>;
const regio = (rows: Rows) => rows.find((r) => r.gemeente_code === 'REGIO')!;
const yearValue = (values: FigureAnswer<'/values'>, segment: string, indicator: string) =>
  values.find((v) => v.segment === segment && v.gemeente_code === 'REGIO' && v.indicator === indicator)!;

describe('the gemeente comparison counts the months of the card', () => {
  it('in an open year: to date against the target to date, last year over the same months', async () => {
    const card = (await get<Cards>('/api/overview?year=2026')).find((c) => c.segment === 'crisis')!;
    expect(card.month).toBe('2026-06');
    const row = regio(await get<Rows>('/api/comparison?segment=crisis&year=2026'));
    // The whole year already holds the August start: 13, not the 12 to date.
    expect(yearValue(await get('/api/values?year=2026'), 'crisis', 'instroom').value).toBe(13);
    expect(row.measure_value).toEqual({ value: 12, suppressed: false });
    expect(row.measure_value.value).toBe(card.instroom_ytd.value);
    expect(row.clients.value).toBe(card.clients_ytd.value);
    expect(row.target).toBe(card.target!.target_ytd);
    expect(row.status).toBe(card.target!.status_ytd);
    // target_ytd = 12 × 0.975² × 6/12; 12 against 5.7 is off track.
    expect(row.target).toBe(5.7);
    expect(row.status).toBe('uit_koers');
    // 2025 over January to June: 6 crisis clients, not the year's 12.
    expect(row.clients_previous_year).toEqual({ value: 6, suppressed: false });
    expect(row.clients_change_pct).toBe(100);
  });

  it('kosten and clients to date agree with the card to the cent, and small gemeente counts stay hidden', async () => {
    const card = (await get<Cards>('/api/overview?year=2026')).find((c) => c.segment === 'verblijf')!;
    const rows = await get<Rows>('/api/comparison?segment=verblijf&year=2026');
    const row = regio(rows);
    expect(card.kosten_ytd).toBe(6 * 6 * 1100);
    expect(row.measure_value.value).toBe(card.kosten_ytd);
    expect(row.target).toBe(card.target!.target_ytd);
    expect(row.status).toBe(card.target!.status_ytd);
    // 9 to date (the September client is not counted yet), 10 in the whole year.
    expect(row.clients.value).toBe(card.clients_ytd.value);
    expect(row.clients.value).toBe(9);
    expect(yearValue(await get('/api/values?year=2026'), 'verblijf', 'clients').value).toBe(10);
    // Almelo's 3 are hidden, and so is Enschede beside the region row (else 9 − 6 gives them away).
    expect(rows.find((r) => r.gemeente_code === A)!.clients).toEqual({ value: null, suppressed: true });
    expect(rows.find((r) => r.gemeente_code === E)!.clients).toEqual({ value: null, suppressed: true });
  });

  it('takes the months of a month parameter, as the overview does', async () => {
    const card = (await get<Cards>('/api/overview?year=2026&month=2026-03')).find((c) => c.segment === 'crisis')!;
    const row = regio(await get<Rows>('/api/comparison?segment=crisis&year=2026&month=2026-03'));
    expect(row.measure_value.value).toBe(6);
    expect(row.measure_value.value).toBe(card.instroom_ytd.value);
    expect(row.target).toBe(card.target!.target_ytd);
    expect(row.clients_previous_year.value).toBe(3);
  });

  it('keeps the year and its year target for a closed year', async () => {
    const values = await get<FigureAnswer<'/values'>>('/api/values?year=2025');
    const row = regio(await get<Rows>('/api/comparison?segment=crisis&year=2025'));
    const year = yearValue(values, 'crisis', 'instroom');
    expect(row.measure_value.value).toBe(12);
    expect(row.measure_value.value).toBe(year.value);
    expect(row.target).toBe(year.target);
    expect(row.status).toBe(year.status);
  });

  it('refuses a month outside the year in Dutch', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/comparison?segment=crisis&year=2026&month=2025-03' });
    expect(res.statusCode).toBe(400);
    expect(json<{ detail: string }>(res).detail).toBe('Maand 2025-03 valt niet in 2026.');
  });
});

describe('the provider list compares the same months of both years', () => {
  const kosten = (values: FigureAnswer<'/providers'>) => values.find((v) => v.aanbieder_agb === VERBLIJF_AGB && v.indicator === 'kosten')!.value;
  const clients = (values: FigureAnswer<'/providers'>) => values.find((v) => v.aanbieder_agb === VERBLIJF_AGB && v.indicator === 'clients')!.value;

  it('with month: this year and last year over January to June', async () => {
    const now = await get<FigureAnswer<'/providers'>>('/api/providers?year=2026&segment=verblijf&month=2026-06');
    const before = await get<FigureAnswer<'/providers'>>('/api/providers?year=2025&segment=verblijf&month=2025-06');
    const wholeBefore = await get<FigureAnswer<'/providers'>>('/api/providers?year=2025&segment=verblijf');
    expect(kosten(now)).toBe(39_600);
    expect(kosten(before)).toBe(36_000);
    expect(kosten(wholeBefore)).toBe(72_000);
    // The September client is not counted to date; the year already holds it.
    expect(clients(now)).toBe(9);
    expect(clients(await get('/api/providers?year=2026&segment=verblijf'))).toBe(10);
  });

  it('refuses month with monthly grain', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/providers?year=2026&grain=month&month=2026-06' });
    expect(res.statusCode).toBe(400);
    expect(json<{ detail: string }>(res).detail).toMatch(/grain=year/);
  });
});
