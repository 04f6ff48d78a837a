/**
 * The analysts' feeds (server/routes/feeds.ts): read back, they hold exactly the JSON routes'
 * rows — Parquet through DuckDB with typed columns, CSV in the Dutch Excel form and the plain
 * one — and a token reads them with its owner's gemeente limit.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CreatedAccessToken } from '../../contract/auth.ts';
import { FEED_COLUMNS } from '../../contract/feeds.ts';
import type { CompletenessCell, IndicatorValue, SeriesPoint } from '../../contract/indicators.ts';
import { tempDir } from '../helpers/tempStore.ts';
import { loadDataset } from './dataset.ts';
import { json, signIn, testApp, USER } from './testApp.ts';

const app = await testApp();
const dir = tempDir('koersbord-feeds-');
const MINE = 'GM0141';
let limited: Record<string, string> = {};

/** The Parquet answer read back by DuckDB: its rows and its column types. */
async function parquet(res: { rawPayload: Buffer; statusCode: number; body: string }) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const file = join(dir, `${Math.random().toString(36).slice(2)}.parquet`);
  writeFileSync(file, res.rawPayload);
  const rows = await app.store.query<Record<string, unknown>>(`SELECT * FROM read_parquet($file)`, { file });
  const types = await app.store.query<{ column_name: string; column_type: string }>(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($file))`, { file });
  return { rows, types: Object.fromEntries(types.map((t) => [t.column_name, t.column_type])) };
}

/** The JSON rows on the feed's columns (without the derived ones), in one order, to compare. */
const pick = (rows: object[], columns: string[]) =>
  rows
    .map((r) => Object.fromEntries(columns.map((c) => [c, (r as Record<string, unknown>)[c] ?? null])))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const inputColumns = (feed: keyof typeof FEED_COLUMNS) => FEED_COLUMNS[feed].filter((c) => !('expr' in c)).map((c) => c.name);

beforeAll(async () => {
  await loadDataset(app.store);
  limited = await signIn(app, { name: 'Lezer Almelo', role: 'lezer', gemeenten: [MINE] });
  await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { kind: 'signaal', segment: 'crisis', gemeente_code: 'REGIO', period: '2025', text: '=SOM(A1) meer crisis; "zie notulen"' } });
}, 60_000);

describe('values', () => {
  it('as Parquet equal the JSON route’s values, in typed columns', async () => {
    const fromJson = json<IndicatorValue[]>(await app.inject({ method: 'GET', url: '/api/values?year=2025&grain=month' }));
    const { rows, types } = await parquet(await app.inject({ method: 'GET', url: '/api/feeds/values.parquet?year=2025&grain=month' }));
    expect(rows.length).toBe(fromJson.length);
    expect(fromJson.some((r) => r.suppressed)).toBe(true);
    expect(pick(rows, inputColumns('values'))).toEqual(pick(fromJson, inputColumns('values')));
    expect(types).toMatchObject({ value: 'DOUBLE', suppressed: 'BOOLEAN', year: 'INTEGER', period_start: 'DATE', gemeente_code: 'VARCHAR' });
    expect(Object.keys(types)).toEqual(FEED_COLUMNS.values.map((c) => c.name));
    const march = rows.find((r) => r.period === '2025-03')!;
    expect(march.year).toBe(2025);
    expect(String(march.period_start)).toBe('2025-03-01');
  });

  it('as Dutch CSV: BOM, semicolons, decimal comma; as plain CSV with ?format=csv-en; filtered by segment and scope', async () => {
    const regio = json<IndicatorValue[]>(await app.inject({ method: 'GET', url: `/api/values?year=2025` })).filter((r) => r.gemeente_code === 'REGIO');
    const fractional = regio.find((r) => r.value !== null && !Number.isInteger(r.value))!;
    expect(fractional).toBeDefined();
    const seg = fractional.segment;
    const fromJson = regio.filter((r) => r.segment === seg);
    const nl = await app.inject({ method: 'GET', url: `/api/feeds/values.csv?year=2025&segment=${seg}&scope=REGIO` });
    expect(nl.headers['content-type']).toMatch(/^text\/csv/);
    expect(nl.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = nl.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe(FEED_COLUMNS.values.map((c) => c.name).join(';'));
    expect(lines.length - 1).toBe(fromJson.length);
    const line = lines.find((l) => l.startsWith(`${seg};REGIO;2025;2025;2025-01-01;${fractional.indicator};`))!;
    expect(line.split(';')[6]).toBe(String(Number(fractional.value!.toFixed(6))).replace('.', ','));

    const en = await app.inject({ method: 'GET', url: `/api/feeds/values.csv?year=2025&segment=${seg}&scope=REGIO&format=csv-en` });
    expect(en.rawPayload[0]).not.toBe(0xef);
    const enLine = en.body.trim().split('\n').find((l) => l.startsWith(`${seg},REGIO,2025,2025,2025-01-01,${fractional.indicator},`))!;
    expect(enLine.split(',')[6]).toBe(String(Number(fractional.value!.toFixed(6))));
    // A suppressed figure leaves the feed empty, as it leaves the JSON null.
    const all = json<IndicatorValue[]>(await app.inject({ method: 'GET', url: `/api/values?year=2025` }));
    const hidden = all.find((r) => r.suppressed)!;
    const hiddenCsv = await app.inject({ method: 'GET', url: `/api/feeds/values.csv?year=2025&segment=${hidden.segment}&scope=${hidden.gemeente_code}` });
    const hiddenLine = hiddenCsv.body.split('\n').find((l) => l.startsWith(`${hidden.segment};${hidden.gemeente_code};${hidden.period};`) && l.split(';')[5] === hidden.indicator)!;
    expect(hiddenLine.split(';').slice(6, 8)).toEqual(['', 'true']);
  });

  it('refuses a bad question in Dutch', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/feeds/values.csv?year=twintig' });
    expect(res.statusCode).toBe(400);
    expect(json<{ detail: string }>(res).detail).toMatch(/Ongeldige parameter/);
    expect((await app.inject({ method: 'GET', url: '/api/feeds/values.csv?year=2025&scope=GM9999' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/feeds/values.parquet?year=2025&format=csv' })).statusCode).toBe(400);
  });
});

describe('series, deliveries and duiding', () => {
  it('a series feed holds the series route’s points', async () => {
    const fromJson = json<SeriesPoint[]>(await app.inject({ method: 'GET', url: '/api/series?segment=crisis&indicator=instroom&scope=REGIO' }));
    const { rows } = await parquet(await app.inject({ method: 'GET', url: '/api/feeds/series.parquet?segment=crisis&indicator=instroom' }));
    const cols = inputColumns('series').filter((c) => !['segment', 'gemeente_code', 'indicator'].includes(c));
    expect(pick(rows, cols)).toEqual(pick(fromJson, cols));
    expect(new Set(rows.map((r) => `${r.segment}/${r.indicator}/${r.gemeente_code}`))).toEqual(new Set(['crisis/instroom/REGIO']));
    const all = await parquet(await app.inject({ method: 'GET', url: '/api/feeds/series.parquet?segment=crisis&grain=year&year=2025' }));
    expect(new Set(all.rows.map((r) => r.indicator)).size).toBeGreaterThan(5);
    expect(new Set(all.rows.map((r) => r.period))).toEqual(new Set(['2025']));
  });

  it('the deliveries feed holds the completeness grid', async () => {
    const fromJson = json<CompletenessCell[]>(await app.inject({ method: 'GET', url: '/api/deliveries/completeness' }));
    const { rows } = await parquet(await app.inject({ method: 'GET', url: '/api/feeds/deliveries.parquet' }));
    expect(pick(rows, inputColumns('deliveries'))).toEqual(pick(fromJson, inputColumns('deliveries')));
    const csv = await app.inject({ method: 'GET', url: '/api/feeds/deliveries.csv?format=csv-en' });
    expect(csv.body.trim().split('\n').length - 1).toBe(fromJson.length);
  });

  it('the duiding feed quotes text and defuses a formula', async () => {
    const csv = await app.inject({ method: 'GET', url: '/api/feeds/duiding.csv?segment=crisis' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`"'=SOM(A1) meer crisis; ""zie notulen"""`);
  });
});

describe('a token reads a feed', () => {
  it('and gets exactly what its owner may see', async () => {
    const created = json<CreatedAccessToken>(
      await app.inject({ method: 'POST', url: '/api/tokens', headers: limited, payload: { name: 'Power BI', expires: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) } }),
    );
    const viaToken = await parquet(await app.inject({ method: 'GET', url: '/api/feeds/values.parquet?year=2025', headers: { cookie: '', authorization: `Bearer ${created.token}` } }));
    const ownerJson = json<IndicatorValue[]>(await app.inject({ method: 'GET', url: '/api/values?year=2025', headers: limited }));
    expect(pick(viaToken.rows, inputColumns('values'))).toEqual(pick(ownerJson, inputColumns('values')));
    expect(new Set(viaToken.rows.map((r) => r.gemeente_code))).toEqual(new Set(['REGIO', MINE]));
    const deliveries = await app.inject({ method: 'GET', url: '/api/feeds/deliveries.csv', headers: { cookie: '', authorization: `Bearer ${created.token}` } });
    const codes = new Set(deliveries.body.replace(/^\uFEFF/, '').trim().split('\n').slice(1).map((l) => l.split(';')[0]));
    expect(codes).toEqual(new Set([MINE]));
    expect((await app.inject({ method: 'GET', url: '/api/feeds/values.csv?year=2025&scope=GM0153', headers: { cookie: '', authorization: `Bearer ${created.token}` } })).statusCode).toBe(403);
  });
});
