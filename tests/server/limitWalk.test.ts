/**
 * Issue 10, defect 1 (and 8, 9): a gemeente-limited account must find no other gemeente's
 * code, name or record in any answer. An analist limited to Borne (GM0147) calls every GET
 * route of the OpenAPI document on the small fixtures (Enschede, Losser, Borne), after a
 * beheerder wrote duiding, verbetervoorstellen, actions and a session for the other gemeenten,
 * and every field of every answer is walked. The report payload is also built directly for the
 * limit (without the HTTP layer), to show the builder itself is limited, not a filter after it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Duiding } from '../../contract/api.ts';
import { loadFiles } from '../../etl/index.ts';
import { generateFixtures } from '../../fixtures/index.ts';
import { loadRegion } from '../../region/config.ts';
import { assembleReport } from '../../server/reportPayload.ts';
import { openStore } from '../../store/store.ts';
import { tempDir } from '../helpers/tempStore.ts';
import { json, signIn, testApp, USER } from './testApp.ts';

const MINE = 'GM0147';
const YEAR = 2024;
const region = loadRegion();
const OTHER_NAMES = region.gemeenten.filter((g) => g.code !== MINE).map((g) => g.name);

const dir = tempDir('koersbord-limit-walk-');
await generateFixtures({ outDir: join(dir, 'fixtures'), profile: 'small' });
const store = await openStore(join(dir, 'walk.duckdb'), region);
const loaded = await loadFiles(store, [join(dir, 'fixtures')], { loadedBy: 'test' });
if (loaded.some((r) => r.outcome === 'rejected')) throw new Error('fixtures geweigerd');
const app = await testApp({ store, closeStore: true });

/** A concrete request for every GET route; a GET route missing here fails the test. */
const SAMPLES: Record<string, string[]> = {
  '/api/health': ['/api/health'],
  '/api/version': ['/api/version'],
  '/api/auth/options': ['/api/auth/options'],
  '/api/auth/me': ['/api/auth/me'],
  '/api/auth/sessions': ['/api/auth/sessions'],
  '/api/region': ['/api/region'],
  '/api/periods': ['/api/periods'],
  '/api/values': [`/api/values?year=${YEAR}`, `/api/values?year=${YEAR}&grain=month`],
  '/api/overview': [`/api/overview?year=${YEAR}`, `/api/overview?year=${YEAR}&scope=${MINE}`, `/api/overview?year=${YEAR}&month=${YEAR}-03`],
  '/api/series': [`/api/series?segment=ambulant&indicator=clients`, `/api/series?segment=verblijf&indicator=kosten&scope=${MINE}&grain=year`],
  '/api/comparison': [`/api/comparison?segment=ambulant&year=${YEAR}`],
  '/api/subsegments': [`/api/subsegments?segment=ambulant&year=${YEAR}`, `/api/subsegments?segment=ambulant&year=${YEAR}&scope=${MINE}`],
  '/api/referrers': [`/api/referrers?segment=ambulant&year=${YEAR}`, `/api/referrers?segment=ambulant&year=${YEAR}&scope=${MINE}`],
  '/api/budget': [`/api/budget?year=${YEAR}&gemeente=REGIO`, `/api/budget?year=${YEAR}&gemeente=${MINE}`],
  '/api/reference': [`/api/reference?year=${YEAR}`, `/api/reference?year=${YEAR}&segment=wonen_verblijf`],
  '/api/providers': [`/api/providers?year=${YEAR}`],
  '/api/signals': [`/api/signals?year=${YEAR}`, `/api/signals?year=${YEAR}&scope=${MINE}`],
  '/api/decomposition': [`/api/decomposition?segment=ambulant&year=${YEAR}`, `/api/decomposition?segment=verblijf&year=${YEAR}&scope=${MINE}`],
  '/api/providers/{agb}/series': ['/api/providers/98100017/series?segment=ambulant&indicator=clients'],
  '/api/deliveries': ['/api/deliveries', '/api/deliveries?include_replaced=true'],
  '/api/deliveries/completeness': ['/api/deliveries/completeness'],
  '/api/nowcast/patterns': ['/api/nowcast/patterns', `/api/nowcast/patterns?scope=${MINE}`],
  '/api/report': [`/api/report?year=${YEAR}`, `/api/report?year=${YEAR}&scope=${MINE}`],
  '/api/tokens': ['/api/tokens'],
  '/api/feeds/values.csv': [`/api/feeds/values.csv?year=${YEAR}`, `/api/feeds/values.csv?year=${YEAR}&grain=month&scope=${MINE}&format=csv-en`],
  '/api/feeds/values.parquet': [`/api/feeds/values.parquet?year=${YEAR}&grain=month`],
  '/api/feeds/series.csv': [`/api/feeds/series.csv?segment=ambulant&indicator=clients&scope=${MINE}`],
  '/api/feeds/series.parquet': [`/api/feeds/series.parquet?segment=verblijf&year=${YEAR}`],
  '/api/feeds/deliveries.csv': ['/api/feeds/deliveries.csv'],
  '/api/feeds/deliveries.parquet': ['/api/feeds/deliveries.parquet'],
  '/api/feeds/duiding.csv': ['/api/feeds/duiding.csv', `/api/feeds/duiding.csv?year=${YEAR}`],
  '/api/duiding': ['/api/duiding', `/api/duiding?year=${YEAR}`],
  '/api/duiding/{id}': [],
  '/api/duiding/{id}/history': [],
  '/api/sessions': ['/api/sessions'],
  '/api/sessions/{id}': [],
  '/api/actions': ['/api/actions'],
  '/api/actions/{id}': [],
};
/** Not JSON about data: the PDF is walked in tests/report/access.pdf.test.ts, the audit log and the account list are refused (whole-region beheerders only). */
const NOT_WALKED = new Set(['/api/report/pdf', '/api/audit', '/api/accounts']);

interface Written {
  foreignDuiding: number[];
  foreignActions: number[];
}
const written: Written = { foreignDuiding: [], foreignActions: [] };
let limited: Record<string, string> = {};

beforeAll(async () => {
  const post = async <T>(url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: USER, payload });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return json<T>(res);
  };
  const session = await post<{ id: number }>('/api/sessions', {
    date: `${YEAR}-10-01`,
    title: 'Duidingssessie najaar',
    agenda: [{ gemeente_code: 'GM0153', note: 'Enschede bespreekt verblijf' }, { gemeente_code: MINE, note: 'Eigen punt' }, { gemeente_code: 'GM0168', note: 'Losser bespreekt wonen' }],
  });
  for (const [code, name] of [['GM0153', 'Enschede'], ['GM0168', 'Losser']] as const) {
    for (const kind of ['verbetervoorstel', 'verklaring', 'signaal'] as const) {
      const d = await post<Duiding>('/api/duiding', { kind, segment: 'verblijf', gemeente_code: code, period: String(YEAR), text: `${name}: ${kind} alleen voor ${name}`, session_id: session.id });
      written.foreignDuiding.push(d.id);
      if (kind === 'verbetervoorstel') {
        const a = await post<{ id: number }>('/api/actions', { duiding_id: d.id, title: `Actie ${name}`, owner_organisation: `Team ${name}` });
        written.foreignActions.push(a.id);
      }
    }
  }
  const regio = await post<Duiding>('/api/duiding', { kind: 'verbetervoorstel', segment: 'verblijf', gemeente_code: 'REGIO', period: String(YEAR), text: 'Regionaal voorstel', session_id: session.id });
  await post('/api/actions', { duiding_id: regio.id, title: 'Regionale actie', owner_organisation: 'Regio' });
  await post('/api/duiding', { kind: 'verbetervoorstel', segment: 'verblijf', gemeente_code: MINE, period: String(YEAR), text: 'Eigen voorstel', session_id: session.id });
  limited = await signIn(app, { name: 'Analist Borne', role: 'analist', gemeenten: [MINE] });
}, 120_000);

/** An answer to walk: JSON as parsed, a CSV feed as its text, a Parquet feed as the rows DuckDB reads back from it. */
async function answerOf(res: { headers: Record<string, unknown>; body: string; rawPayload: Buffer }): Promise<unknown> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.startsWith('text/csv')) return res.body;
  if (type.includes('parquet')) {
    const file = join(dir, `walk-${Math.random().toString(36).slice(2)}.parquet`);
    writeFileSync(file, res.rawPayload);
    const rows = await store.query<Record<string, unknown>>(`SELECT * FROM read_parquet($file)`, { file });
    expect(rows.length).toBeGreaterThan(0);
    return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)])));
  }
  return json(res);
}

/** Every place in `value` that names another gemeente (code or name), with its path. */
function foreign(value: unknown): string[] {
  const found: string[] = [];
  const names = new RegExp(`(^|[^\\p{L}])(${OTHER_NAMES.join('|')})($|[^\\p{L}])`, 'u');
  const visit = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      for (const code of v.match(/GM\d{4}/g) ?? []) if (code !== MINE) found.push(`${path}: ${code}`);
      if (names.test(v)) found.push(`${path}: ${v.slice(0, 80)}`);
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        // A provider's name is the provider's, region-wide by definition ("GGZ Jeugd Almelo–Hengelo").
        if (k === 'aanbieder_naam') continue;
        visit(x, `${path}.${k}`);
        if (k === 'id' && typeof x === 'number' && path.match(/duiding|proposal|check/) && written.foreignDuiding.includes(x)) found.push(`${path}.id: duiding ${x}`);
      }
    }
  };
  visit(value, '');
  return found;
}

describe('a gemeente-limited analist walks every GET route', () => {
  it('the sample table knows every GET route of the OpenAPI document', async () => {
    const docs = json<{ paths: Record<string, Record<string, unknown>> }>(await app.inject({ method: 'GET', url: '/api/docs/json' }));
    const gets = Object.entries(docs.paths)
      .filter(([path, ops]) => 'get' in ops && !path.startsWith('/api/docs') && !NOT_WALKED.has(path))
      .map(([path]) => path)
      .sort();
    expect(gets).toEqual(Object.keys(SAMPLES).sort());
  });

  it('finds no other gemeente in any field of any answer', async () => {
    const own = json<Duiding[]>(await app.inject({ method: 'GET', url: '/api/duiding', headers: limited }));
    const actions = json<{ id: number }[]>(await app.inject({ method: 'GET', url: '/api/actions', headers: limited }));
    const sessions = json<{ id: number }[]>(await app.inject({ method: 'GET', url: '/api/sessions', headers: limited }));
    expect(own.length).toBeGreaterThan(0);
    SAMPLES['/api/duiding/{id}'] = own.map((d) => `/api/duiding/${d.id}`);
    SAMPLES['/api/duiding/{id}/history'] = own.map((d) => `/api/duiding/${d.id}/history`);
    SAMPLES['/api/actions/{id}'] = actions.map((a) => `/api/actions/${a.id}`);
    SAMPLES['/api/sessions/{id}'] = sessions.map((s) => `/api/sessions/${s.id}`);
    const leaks: string[] = [];
    for (const url of Object.values(SAMPLES).flat()) {
      const res = await app.inject({ method: 'GET', url, headers: limited });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
      leaks.push(...foreign(await answerOf(res)).map((l) => `${url} ${l}`));
    }
    expect(leaks).toEqual([]);
    for (const id of written.foreignDuiding) expect((await app.inject({ method: 'GET', url: `/api/duiding/${id}`, headers: limited })).statusCode).toBe(403);
    for (const id of written.foreignActions) expect((await app.inject({ method: 'GET', url: `/api/actions/${id}`, headers: limited })).statusCode).toBe(403);
  });

  it('still sees its own gemeente and the region: the walk has something to find', async () => {
    const report = json<{ act: { proposal: Duiding }[]; completeness: { gemeente_code: string }[]; gemeenten: { code: string }[]; cards: { covered_gemeenten: string[] }[] }>(
      await app.inject({ method: 'GET', url: `/api/report?year=${YEAR}`, headers: limited }),
    );
    expect(report.act.map((a) => a.proposal.text).sort()).toEqual(['Eigen voorstel', 'Regionaal voorstel']);
    expect(new Set(report.completeness.map((c) => c.gemeente_code))).toEqual(new Set([MINE]));
    expect(report.gemeenten.map((g) => g.code)).toEqual([MINE]);
    expect(report.cards[0].covered_gemeenten.every((g) => g === MINE)).toBe(true);
    const wide = json<{ act: unknown[]; completeness: { gemeente_code: string }[] }>(await app.inject({ method: 'GET', url: `/api/report?year=${YEAR}`, headers: USER }));
    expect(wide.act.length).toBe(4);
    expect(new Set(wide.completeness.map((c) => c.gemeente_code)).size).toBe(region.gemeenten.length);
  });

  it('builds the report payload for the limit itself, before any filter of the HTTP layer', async () => {
    const payload = await assembleReport({ region, engine: app.engine, duiding: app.duiding, duidingssessies: app.duidingssessies, actions: app.actions, versions: () => app.versions.read() }, YEAR, 'REGIO', [MINE]);
    expect(foreign(payload)).toEqual([]);
    expect(payload.act.map((a) => a.proposal.text).sort()).toEqual(['Eigen voorstel', 'Regionaal voorstel']);
  });
});
