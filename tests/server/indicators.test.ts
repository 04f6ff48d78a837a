import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FigureAnswer } from '../../contract/queries.ts';
import { loadDataset, PLEEGZORG_AGB } from './dataset.ts';
import { json, testApp } from './testApp.ts';
import { monthlyRegion } from '../helpers/tempStore.ts';

const app = await testApp({ region: monthlyRegion() });
const ARROW = 'application/vnd.apache.arrow.stream';
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

beforeAll(async () => {
  await loadDataset(app.store);
});

const PERSON_COUNTS = new Set(['clients', 'instroom', 'uitstroom', 'verwijzer_gemeente', 'verwijzer_huisarts', 'verwijzer_gi', 'verwijzer_medisch', 'verwijzer_overig']);

describe('indicator routes', () => {
  it('lists the periods that hold data', async () => {
    const periods = json<FigureAnswer<'/periods'>>(await get('/api/periods'));
    expect(periods).toMatchObject({ years: [2024, 2025], latest_month: '2025-01', baseline_year: 2024 });
  });

  it('describes the region for the web app', async () => {
    const region = json<{ name: string; gemeenten: { code: string }[]; privacy_threshold: number; provisional_lag_months: number; targets: { segment: string }[] }>(await get('/api/region'));
    expect(region.name).toBe('Twente');
    expect(region.gemeenten).toHaveLength(14);
    expect(region.privacy_threshold).toBe(5);
    expect(region.provisional_lag_months).toBe(3);
    expect(region.targets.map((t) => t.segment)).toContain('wonen_verblijf');
  });

  it('shows the region overview unsuppressed and a gemeente overview with small counts hidden', async () => {
    const regio = json<FigureAnswer<'/overview'>>(await get('/api/overview?year=2025'));
    const verblijf = regio.find((c) => c.segment === 'verblijf')!;
    expect(verblijf).toMatchObject({ gemeente_code: 'REGIO', month: '2025-01', clients_ytd: { value: 3, suppressed: false } });
    const almelo = json<FigureAnswer<'/overview'>>(await get('/api/overview?year=2025&scope=GM0141'));
    expect(almelo.find((c) => c.segment === 'verblijf')!.clients_ytd).toEqual({ value: null, suppressed: true });
  });

  it('serves each card’s estimates of kosten and instroom beside the observed figures, hidden with a hidden count', async () => {
    const regio = json<FigureAnswer<'/overview'>>(await get('/api/overview?year=2025'));
    // Enschede's two crisis clients of January: shown at region level, with their estimate, the crisis target's own.
    const crisis = regio.find((c) => c.segment === 'crisis')!;
    expect(crisis.instroom_ytd).toEqual({ value: 2, suppressed: false });
    expect(crisis.instroom_estimated_ytd).not.toBeNull();
    expect(crisis.instroom_estimated_ytd!).toBeGreaterThanOrEqual(2);
    expect(crisis.instroom_estimated_ytd).toBe(crisis.target!.estimated_ytd);
    // January's pleegzorg claims: the wonen target is on kosten, and its estimate is the card's.
    const wonen = regio.find((c) => c.segment === 'wonen')!;
    expect(wonen.kosten_ytd).toBe(6000);
    expect(wonen.kosten_estimated_ytd!).toBeGreaterThanOrEqual(6000);
    expect(wonen.kosten_estimated_ytd).toBe(wonen.target!.estimated_ytd);
    // Below region level the two are a small count: hidden, and so is what would give it away.
    const enschede = json<FigureAnswer<'/overview'>>(await get('/api/overview?year=2025&scope=GM0153')).find((c) => c.segment === 'crisis')!;
    expect(enschede.instroom_ytd).toEqual({ value: null, suppressed: true });
    expect(enschede.instroom_estimated_ytd).toBeNull();
  });

  it('offers no way around suppression: an extra parameter such as unsuppressed is a 400', async () => {
    for (const url of ['/api/overview?year=2025&scope=GM0141&unsuppressed=true', '/api/values?year=2025&unsuppressed=1', '/api/comparison?segment=verblijf&year=2025&unsuppressed=true']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toContain('unsuppressed');
    }
  });

  it('never shows a person count of 1 to 4 below region level (gemeente or month) in the long form', async () => {
    const months = json<FigureAnswer<'/values'>>(await get('/api/values?year=2025&grain=month'));
    const counts = months.filter((v) => PERSON_COUNTS.has(v.indicator));
    expect(counts.some((v) => v.suppressed && v.gemeente_code === 'GM0141')).toBe(true);
    expect(counts.filter((v) => v.value !== null && v.value >= 1 && v.value <= 4)).toEqual([]);
    const years = json<FigureAnswer<'/values'>>(await get('/api/values?year=2025'));
    const almelo = years.find((v) => v.segment === 'verblijf' && v.gemeente_code === 'GM0141' && v.indicator === 'clients');
    expect(almelo).toMatchObject({ value: null, suppressed: true });
    const region = years.find((v) => v.segment === 'verblijf' && v.gemeente_code === 'REGIO' && v.indicator === 'clients');
    expect(region).toMatchObject({ value: 3, suppressed: false });
  });

  it('carries the rows jeugdbescherming and jeugdreclassering and the three steering figures, suppressed as their counts', async () => {
    const years = json<FigureAnswer<'/values'>>(await get('/api/values?year=2025'));
    const at = (segment: string, scope: string, indicator: string) => years.find((v) => v.segment === segment && v.gemeente_code === scope && v.indicator === indicator);
    for (const segment of ['jeugdbescherming', 'jeugdreclassering']) {
      expect(at(segment, 'REGIO', 'clients'), segment).toMatchObject({ value: 0, target: null });
      expect(at(segment, 'REGIO', 'herinstroom_pct'), segment).toMatchObject({ value: null });
    }
    // Six pleegzorg clients and € 6.000 of claims in Enschede: € 1.000 per client.
    expect(at('wonen', 'GM0153', 'kosten_per_client')).toMatchObject({ value: 1000, suppressed: false });
    // Both crisis trajectories ended volgens plan (31): shown for the region, hidden with the 2 below it.
    expect(at('crisis', 'REGIO', 'einde_volgens_plan_pct')).toMatchObject({ value: 100, suppressed: false });
    expect(at('crisis', 'GM0153', 'einde_volgens_plan_pct')).toMatchObject({ value: null, suppressed: true });
    expect(at('verblijf', 'GM0141', 'kosten_per_client')).toMatchObject({ value: null, suppressed: true });
    const series = json<FigureAnswer<'/series'>>(await get('/api/series?segment=wonen&scope=GM0153&indicator=kosten_per_client&grain=year'));
    expect(series.find((p) => p.period === '2025')?.value).toBe(1000);
    const region = json<{ return_window_days: number }>(await get('/api/region'));
    expect(region.return_window_days).toBe(365);
  });

  it('serves a yearly series with the target path', async () => {
    const points = json<FigureAnswer<'/series'>>(await get('/api/series?segment=wonen&indicator=kosten&grain=year'));
    expect(points.map((p) => [p.period, p.value])).toEqual([
      ['2024', 0],
      ['2025', 6000],
    ]);
    expect(points[1]).toHaveProperty('target');
  });

  it('serves the same series as Apache Arrow when asked, with its own ETag', async () => {
    const url = '/api/series?segment=wonen&indicator=kosten&grain=month&scope=GM0153';
    const asJson = await get(url);
    const asArrow = await get(url, { accept: ARROW });
    expect(asArrow.headers['content-type']).toBe(ARROW);
    expect(asArrow.headers.vary).toBe('Accept');
    expect(asArrow.headers.etag).not.toBe(asJson.headers.etag);
    const table = tableFromIPC(asArrow.rawPayload);
    const rows = json<FigureAnswer<'/series'>>(asJson);
    expect(table.numRows).toBe(rows.length);
    expect(table.getChild('period')!.toArray()).toEqual(rows.map((r) => r.period));
    expect(Array.from(table.getChild('value')!.toArray() as Float64Array, (v, i) => (table.getChild('value')!.isValid(i) ? v : null))).toEqual(rows.map((r) => r.value));
  });

  it('prefers JSON when the client ranks it above Arrow', async () => {
    const res = await get('/api/values?year=2025', { accept: `application/json, ${ARROW};q=0.5` });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('compares gemeenten with small counts hidden and the region in full', async () => {
    const rows = json<FigureAnswer<'/comparison'>>(await get('/api/comparison?segment=verblijf&year=2025'));
    expect(rows.find((r) => r.gemeente_code === 'GM0141')!.clients).toEqual({ value: null, suppressed: true });
    expect(rows.find((r) => r.gemeente_code === 'REGIO')!.clients).toEqual({ value: 3, suppressed: false });
  });

  it('breaks a row down into subsegments', async () => {
    const rows = json<FigureAnswer<'/subsegments'>>(await get('/api/subsegments?segment=wonen_verblijf&year=2025'));
    expect(rows.find((r) => r.subsegment === 'pleegzorg')).toMatchObject({ clients: { value: 6, suppressed: false }, kosten: 6000 });
  });

  it('shows the referrer mix with small counts hidden below region level', async () => {
    const rows = json<FigureAnswer<'/referrers'>>(await get('/api/referrers?segment=crisis&year=2025&scope=GM0153'));
    expect(rows.find((r) => r.group === 'huisarts')!.instroom).toEqual({ value: null, suppressed: true });
  });

  it('serves crisis start share and trajectory length as series', async () => {
    for (const indicator of ['crisis_start_pct', 'trajectduur_mean', 'trajectduur_median']) {
      const res = await get(`/api/series?segment=crisis&indicator=${indicator}&grain=year`);
      expect(res.statusCode, indicator).toBe(200);
      expect(json<FigureAnswer<'/series'>>(res).map((p) => p.period)).toEqual(['2024', '2025']);
    }
  });

  it('serves indicators per provider, and a provider series', async () => {
    const values = json<FigureAnswer<'/providers'>>(await get('/api/providers?year=2025&segment=wonen'));
    const clients = values.find((v) => v.aanbieder_agb === PLEEGZORG_AGB && v.indicator === 'clients');
    expect(clients).toMatchObject({ aanbieder_naam: 'Pleegzorg Oost', value: 6, suppressed: false });
    expect(values.filter((v) => PERSON_COUNTS.has(v.indicator) && v.value !== null && v.value >= 1 && v.value <= 4)).toEqual([]);
    const series = json<FigureAnswer<'/providers/:agb/series'>>(await get(`/api/providers/${PLEEGZORG_AGB}/series?segment=wonen&indicator=clients&grain=month&from=2025-01&to=2025-01`));
    expect(series.map((p) => [p.period, p.value])).toEqual([['2025-01', 6]]);
  });

  it('refuses a malformed AGB code with 400', async () => {
    const res = await get('/api/providers/1234/series?segment=wonen&indicator=clients');
    expect(res.statusCode).toBe(400);
    expect(json<{ parameters: { in: string; name: string }[] }>(res).parameters[0]).toMatchObject({ in: 'params', name: 'agb' });
  });

  it('answers a gemeente outside the region with 404', async () => {
    const res = await get('/api/overview?year=2025&scope=GM0363');
    expect(res.statusCode).toBe(404);
    expect(json<{ detail: string }>(res).detail).toBe('Gemeente GM0363 hoort niet bij regio Twente.');
  });

  it('lists missing and wrong parameters of a series', async () => {
    const res = await get('/api/series?segment=jeugdzorg&grain=week');
    expect(res.statusCode).toBe(400);
    const names = json<{ parameters: { name: string }[] }>(res).parameters.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['segment', 'indicator', 'grain']));
  });

  it('shows the completeness grid gemeente × month', async () => {
    const cells = json<FigureAnswer<'/deliveries/completeness'>>(await get('/api/deliveries/completeness?from=2025-01&to=2025-02'));
    const cell = (g: string, m: string) => cells.find((c) => c.gemeente_code === g && c.month === m);
    expect(cell('GM0153', '2025-01')).toMatchObject({ toewijzingen: 'delivered' });
    expect(cell('GM0141', '2025-02')).toMatchObject({ toewijzingen: 'missing', state: 'missing' });
    expect(cells.every((c) => c.month >= '2025-01' && c.month <= '2025-02')).toBe(true);
  });

  it('answers a repeated view from the cache and 304 on a matching ETag', async () => {
    const url = '/api/overview?year=2025&scope=GM0153';
    const first = await get(url);
    const missesBefore = app.cacheContext.caches.data.stats().misses;
    const again = await get(url);
    expect(again.body).toBe(first.body);
    expect(app.cacheContext.caches.data.stats().misses).toBe(missesBefore);
    const notModified = await get(url, { 'if-none-match': first.headers.etag as string });
    expect(notModified.statusCode).toBe(304);
  });

  it.each([
    ['/api/overview?year=2030', 404, 'Geen gegevens voor het jaar 2030.'],
    ['/api/overview?year=2025&month=2026-01', 400, 'Maand 2026-01 valt niet in 2025.'],
    ['/api/overview', 400, 'Ongeldige parameter: year.'],
    ['/api/values?year=2019', 404, 'Geen gegevens voor het jaar 2019.'],
    ['/api/values?year=2025&grain=week', 400, 'Ongeldige parameter: grain.'],
    ['/api/comparison?segment=wonen&year=2019', 404, 'Geen gegevens voor het jaar 2019.'],
    ['/api/comparison?segment=wonen', 400, 'Ongeldige parameter: year.'],
    ['/api/subsegments?segment=jeugd&year=2025', 400, 'Ongeldige parameter: segment.'],
    ['/api/subsegments?segment=wonen&year=2025&scope=GM9999', 404, 'Gemeente GM9999 hoort niet bij regio Twente.'],
    ['/api/referrers?segment=crisis&year=2025&scope=Enschede', 400, 'Ongeldige parameter: scope.'],
    ['/api/referrers?segment=crisis&year=2025&scope=GM0363', 404, 'Gemeente GM0363 hoort niet bij regio Twente.'],
    ['/api/providers?year=twee', 400, 'Ongeldige parameter: year.'],
    ['/api/providers/99999999/series?segment=wonen&indicator=clients', 404, 'Onbekende aanbieder 99999999.'],
    ['/api/series?segment=wonen&indicator=kosten&from=2025-13', 400, 'Ongeldige parameter: from.'],
    ['/api/deliveries/completeness?from=2025-05&to=2025-01', 400, '2025-05 ligt na 2025-01.'],
    ['/api/deliveries/completeness?from=mei', 400, 'Ongeldige parameter: from.'],
  ])('answers %s with %i and a Dutch problem', async (url, status, detail) => {
    const res = await get(url);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(json<{ detail: string }>(res).detail).toBe(detail);
  });

  it('serves the long form as Apache Arrow with the same rows as the JSON', async () => {
    const asJson = json<FigureAnswer<'/values'>>(await get('/api/values?year=2025'));
    const asArrow = await get('/api/values?year=2025', { accept: ARROW });
    const table = tableFromIPC(asArrow.rawPayload);
    expect(table.numRows).toBe(asJson.length);
    expect(table.schema.fields.map((f) => f.name)).toEqual(Object.keys(asJson[0]));
    const suppressed = table.getChild('suppressed')!.toArray() as unknown as boolean[];
    expect(Array.from(suppressed).filter(Boolean).length).toBe(asJson.filter((v) => v.suppressed).length);
  });
});
