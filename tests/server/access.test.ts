/**
 * Access control on every route, table-driven over the OpenAPI document: a route the table
 * below does not know fails this test (and a route without an access rule stops the server).
 * Roles: anonymous, lezer, analist, beheerder; gemeente limits: a lezer and an analist limited
 * to Almelo (GM0141) ask for Enschede (GM0153) by every parameter and find nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Duiding } from '../../contract/api.ts';
import { ACCESS_RULES } from '../../server/auth/accessRules.ts';
import { oidcConfig } from '../../server/auth/oidc.ts';
import type { Role } from '../../server/auth/roles.ts';
import { loadDataset, PLEEGZORG_AGB } from './dataset.ts';
import { multipartFile, toewijzingenCsv } from './multipart.ts';
import { ANONYMOUS, json, signIn, testApp, USER } from './testApp.ts';
import { monthlyRegion } from '../helpers/tempStore.ts';

// With single sign-on configured, so its routes are in the table too (the provider is never reached).
const app = await testApp({
  region: monthlyRegion(),
  oidc: oidcConfig({
    KOERSBORD_OIDC_ISSUER: 'http://127.0.0.1:9/',
    KOERSBORD_OIDC_CLIENT_ID: 'koersbord',
    KOERSBORD_OIDC_CLIENT_SECRET: 'geheim',
    KOERSBORD_OIDC_REDIRECT_URL: 'http://127.0.0.1:3000/api/auth/oidc/callback',
    KOERSBORD_OIDC_GROUPS: '{"grp":{"role":"lezer"}}',
  }),
});
const MINE = 'GM0141';
const OTHER = 'GM0153';

interface Operation {
  method: string;
  url: string;
}

const docs = json<{ paths: Record<string, Record<string, unknown>> }>(await app.inject({ method: 'GET', url: '/api/docs/json' }));
const OPERATIONS: Operation[] = Object.entries(docs.paths).flatMap(([path, ops]) =>
  Object.keys(ops)
    .filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))
    .map((m) => ({ method: m.toUpperCase(), url: path.replace(/\{(\w+)\}/g, ':$1') })),
);

/** A concrete request per route; the gemeente-limit test asks these for the other gemeente. */
const SAMPLE: Record<string, (ids: { duiding: number; session: number; action: number }) => string> = {
  'GET /api/health': () => '/api/health',
  'GET /api/version': () => '/api/version',
  'GET /api/auth/options': () => '/api/auth/options',
  'POST /api/auth/login': () => '/api/auth/login',
  'GET /api/auth/oidc/start': () => '/api/auth/oidc/start',
  'GET /api/auth/oidc/callback': () => '/api/auth/oidc/callback',
  'GET /api/auth/me': () => '/api/auth/me',
  'POST /api/auth/logout': () => '/api/auth/logout',
  'POST /api/auth/logout-all': () => '/api/auth/logout-all',
  'GET /api/audit': () => '/api/audit',
  'GET /api/accounts': () => '/api/accounts',
  'POST /api/accounts': () => '/api/accounts',
  'PATCH /api/accounts/:id': () => '/api/accounts/1',
  'POST /api/accounts/:id/reset-password': () => '/api/accounts/999/reset-password',
  'POST /api/auth/password': () => '/api/auth/password',
  'GET /api/auth/sessions': () => '/api/auth/sessions',
  'DELETE /api/auth/sessions/:handle': () => '/api/auth/sessions/0123456789abcdef',
  'GET /api/region': () => '/api/region',
  'GET /api/periods': () => '/api/periods',
  'GET /api/values': () => '/api/values?year=2025&grain=month',
  'GET /api/overview': () => `/api/overview?year=2025&scope=${OTHER}`,
  'GET /api/budget': () => `/api/budget?year=2025&gemeente=${OTHER}`,
  'GET /api/series': () => `/api/series?segment=wonen_verblijf&indicator=clients&scope=${OTHER}`,
  'GET /api/comparison': () => '/api/comparison?segment=wonen_verblijf&year=2025',
  'GET /api/subsegments': () => `/api/subsegments?segment=wonen_verblijf&year=2025&scope=${OTHER}`,
  'GET /api/referrers': () => `/api/referrers?segment=wonen_verblijf&year=2025&scope=${OTHER}`,
  'GET /api/providers': () => '/api/providers?year=2025',
  'GET /api/providers/:agb/series': () => `/api/providers/${PLEEGZORG_AGB}/series?segment=wonen_verblijf&indicator=clients`,
  'GET /api/reference': () => '/api/reference?year=2025&segment=wonen_verblijf',
  'GET /api/signals': () => `/api/signals?year=2025&scope=${OTHER}`,
  'GET /api/decomposition': () => `/api/decomposition?segment=wonen_verblijf&year=2025&scope=${OTHER}`,
  'GET /api/deliveries': () => `/api/deliveries?include_replaced=true`,
  'GET /api/deliveries/completeness': () => '/api/deliveries/completeness',
  'GET /api/nowcast/patterns': () => `/api/nowcast/patterns?scope=${OTHER}`,
  'POST /api/deliveries': () => '/api/deliveries',
  'GET /api/tokens': () => '/api/tokens',
  'POST /api/tokens': () => '/api/tokens',
  'DELETE /api/tokens/:id': () => '/api/tokens/999999',
  'GET /api/feeds/values.csv': () => `/api/feeds/values.csv?year=2025&scope=${OTHER}`,
  'GET /api/feeds/values.parquet': () => `/api/feeds/values.parquet?year=2025&grain=month&scope=${OTHER}`,
  'GET /api/feeds/series.csv': () => `/api/feeds/series.csv?segment=wonen_verblijf&indicator=clients&scope=${OTHER}`,
  'GET /api/feeds/series.parquet': () => `/api/feeds/series.parquet?segment=wonen_verblijf&scope=${OTHER}`,
  'GET /api/feeds/deliveries.csv': () => '/api/feeds/deliveries.csv',
  'GET /api/feeds/deliveries.parquet': () => '/api/feeds/deliveries.parquet',
  'GET /api/feeds/duiding.csv': () => `/api/feeds/duiding.csv?gemeente_code=${OTHER}`,
  'GET /api/report': () => `/api/report?year=2025&scope=${OTHER}`,
  'GET /api/report/pdf': () => `/api/report/pdf?year=2025&scope=${OTHER}`,
  'GET /api/duiding': () => `/api/duiding?gemeente_code=${OTHER}`,
  'GET /api/duiding/:id': (ids) => `/api/duiding/${ids.duiding}`,
  'POST /api/duiding': () => '/api/duiding',
  'PATCH /api/duiding/:id': (ids) => `/api/duiding/${ids.duiding}`,
  'DELETE /api/duiding/:id': (ids) => `/api/duiding/${ids.duiding}`,
  'GET /api/duiding/:id/history': (ids) => `/api/duiding/${ids.duiding}/history`,
  'GET /api/sessions': () => '/api/sessions',
  'GET /api/sessions/:id': (ids) => `/api/sessions/${ids.session}`,
  'POST /api/sessions': () => '/api/sessions',
  'PATCH /api/sessions/:id': (ids) => `/api/sessions/${ids.session}`,
  'DELETE /api/sessions/:id': (ids) => `/api/sessions/${ids.session}`,
  'GET /api/actions': () => '/api/actions',
  'GET /api/actions/:id': (ids) => `/api/actions/${ids.action}`,
  'POST /api/actions': () => '/api/actions',
  'PATCH /api/actions/:id': (ids) => `/api/actions/${ids.action}`,
  'DELETE /api/actions/:id': (ids) => `/api/actions/${ids.action}`,
};

let ids = { duiding: 0, session: 0, action: 0 };
const headers: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  await loadDataset(app.store);
  const session = json<{ id: number }>(
    await app.inject({ method: 'POST', url: '/api/sessions', headers: USER, payload: { date: '2025-03-01', title: 'Sessie Enschede', agenda: [{ gemeente_code: OTHER, note: 'Enschede-detail' }] } }),
  );
  const duiding = json<Duiding>(
    await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { kind: 'verbetervoorstel', segment: 'wonen_verblijf', gemeente_code: OTHER, period: '2025', text: 'Geheim Enschede-voorstel' } }),
  );
  const action = json<{ id: number }>(await app.inject({ method: 'POST', url: '/api/actions', headers: USER, payload: { duiding_id: duiding.id, title: 'Enschede-actie', owner_organisation: 'Gemeente Enschede' } }));
  ids = { duiding: duiding.id, session: session.id, action: action.id };
  for (const role of ['lezer', 'analist', 'beheerder'] as Role[]) {
    headers[role] = await signIn(app, { name: `Test ${role}`, role });
    headers[`${role}-${MINE}`] = await signIn(app, { name: `Almelo ${role}`, role, gemeenten: [MINE] });
  }
}, 60_000);

const key = (op: Operation) => `${op.method} ${op.url}`;
/** These end the caller's session; they are tested on their own below. */
const ENDS_SESSION = new Set(['POST /api/auth/logout', 'POST /api/auth/logout-all']);
/** Steps of the single sign-on flow: they answer pages, never data, so no gemeente can leak (tests/web/sso.browser.test.ts). */
const SIGN_IN_FLOW = new Set(['GET /api/auth/oidc/start', 'GET /api/auth/oidc/callback']);

describe('every route has a rule and a sample', () => {
  it('the OpenAPI document and the access table list the same API routes', () => {
    const api = OPERATIONS.filter((op) => !op.url.startsWith('/api/docs')).map(key).sort();
    expect(api).toEqual(Object.keys(ACCESS_RULES).sort());
    expect(Object.keys(SAMPLE).sort()).toEqual(api);
  });

  it('refuses to start an app with an API route that has no access rule', async () => {
    const { buildApp } = await import('../../server/app.ts');
    const { tempStore } = await import('../helpers/tempStore.ts');
    const store = await tempStore();
    const { fastifyTestRouteHook } = await import('./routeHook.ts');
    await expect(fastifyTestRouteHook(buildApp, store)).rejects.toThrow(/geen toegangsregel/);
  });
});

describe('roles on every route', () => {
  for (const op of OPERATIONS.filter((o) => !o.url.startsWith('/api/docs'))) {
    const rule = ACCESS_RULES[key(op)];
    it(`${key(op)}: ${rule.role}`, async () => {
      // Records that do not exist: a permitted PATCH or DELETE then finds nothing instead of changing the fixtures.
      const url = SAMPLE[key(op)]({ duiding: 999_999, session: 999_999, action: 999_999 }).replace(OTHER, MINE);
      const anonymous = await app.inject({ method: op.method as 'GET', url, headers: ANONYMOUS });
      if (rule.role === 'public') expect(anonymous.statusCode).not.toBe(401);
      else expect(anonymous.statusCode, url).toBe(401);
      if (ENDS_SESSION.has(key(op)) || rule.role === 'public') return;
      for (const role of ['lezer', 'analist', 'beheerder'] as Role[]) {
        // Without a body: a permitted write is refused for its body (400) or not found, never for the role.
        const res = await app.inject({ method: op.method as 'GET', url: op.url.includes('pdf') ? `/api/report/pdf?year=1999` : url, headers: headers[role] });
        const mayCall = role === 'beheerder' || rule.role === 'lezer' || (rule.role === 'analist' && role === 'analist');
        if (mayCall) expect([401, 403], `${role} ${url}: ${res.body}`).not.toContain(res.statusCode);
        else expect(res.statusCode, `${role} ${url}`).toBe(403);
      }
    });
  }
});

/** Any field naming a gemeente other than `mine`, anywhere in an answer. */
function foreignGemeenten(value: unknown, mine: string): string[] {
  const found: string[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (['gemeente_code', 'scope', 'gemeente'].includes(k) && typeof x === 'string' && /^GM\d{4}$/.test(x) && x !== mine) found.push(`${k}=${x}`);
        else visit(x);
      }
    }
  };
  visit(value);
  return found;
}

describe('a gemeente-limited account sees the region and its own gemeente only', () => {
  for (const op of OPERATIONS.filter((o) => !o.url.startsWith('/api/docs') && !ENDS_SESSION.has(key(o)) && !SIGN_IN_FLOW.has(key(o)))) {
    it(`${key(op)} asked about ${OTHER} by a lezer and an analist limited to ${MINE}`, async () => {
      for (const who of [`lezer-${MINE}`, `analist-${MINE}`]) {
        const url = SAMPLE[key(op)](ids);
        const res = await app.inject({ method: op.method as 'GET', url, headers: headers[who] });
        if (res.statusCode === 200) {
          const body = res.headers['content-type']?.toString().includes('json') ? (json(res) as unknown) : null;
          expect(foreignGemeenten(body, MINE), `${who} ${url}`).toEqual([]);
          expect(res.body, url).not.toContain('Enschede-');
        } else {
          expect([400, 403, 404, 422], `${who} ${url}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
        }
      }
    });
  }

  it('gets 403 with a Dutch reason for another gemeente by scope, gemeente_code, body and record', async () => {
    const h = headers[`analist-${MINE}`];
    for (const url of [`/api/overview?year=2025&scope=${OTHER}`, `/api/budget?year=2025&gemeente=${OTHER}`, `/api/duiding?gemeente_code=${OTHER}`, `/api/duiding/${ids.duiding}`, `/api/actions/${ids.action}`, `/api/report?year=2025&scope=${OTHER}`]) {
      const res = await app.inject({ method: 'GET', url, headers: h });
      expect(res.statusCode, url).toBe(403);
      expect(json<{ detail: string }>(res).detail).toMatch(/Je account ziet alleen de regio en GM0141/);
    }
    const write = await app.inject({ method: 'POST', url: '/api/duiding', headers: h, payload: { kind: 'signaal', segment: 'crisis', gemeente_code: OTHER, period: '2025', text: 'x' } });
    expect(write.statusCode).toBe(403);
    const agenda = await app.inject({ method: 'POST', url: '/api/sessions', headers: h, payload: { date: '2025-04-01', title: 'x', agenda: [{ gemeente_code: OTHER }] } });
    expect(agenda.statusCode).toBe(403);
    const patch = await app.inject({ method: 'PATCH', url: `/api/duiding/${ids.duiding}`, headers: h, payload: { gemeente_code: MINE } });
    expect(patch.statusCode).toBe(403);
    const action = await app.inject({ method: 'POST', url: '/api/actions', headers: h, payload: { duiding_id: ids.duiding, title: 'x', owner_organisation: 'y' } });
    expect(action.statusCode).toBe(403);
  });

  it('still sees region totals and its own gemeente in the comparison and the values', async () => {
    const h = headers[`lezer-${MINE}`];
    const comparison = json<{ gemeente_code: string }[]>(await app.inject({ method: 'GET', url: '/api/comparison?segment=wonen_verblijf&year=2025', headers: h }));
    expect(new Set(comparison.map((r) => r.gemeente_code).filter((c) => c !== 'REGIO'))).toEqual(new Set([MINE]));
    const values = json<{ gemeente_code: string }[]>(await app.inject({ method: 'GET', url: '/api/values?year=2025', headers: h }));
    expect(new Set(values.map((r) => r.gemeente_code))).toEqual(new Set(['REGIO', MINE]));
    const all = json<{ gemeente_code: string }[]>(await app.inject({ method: 'GET', url: '/api/values?year=2025', headers: headers.lezer }));
    expect(new Set(all.map((r) => r.gemeente_code)).has(OTHER)).toBe(true);
  });

  it('cannot reach another gemeente through Arrow, HEAD, a repeated parameter or a cached answer of a wider account', async () => {
    const h = headers[`lezer-${MINE}`];
    await app.inject({ method: 'GET', url: '/api/values?year=2025', headers: headers.lezer }); // fills the cache for the whole region
    const arrow = await app.inject({ method: 'GET', url: '/api/values?year=2025', headers: { ...h, accept: 'application/vnd.apache.arrow.stream' } });
    expect(arrow.statusCode).toBe(200);
    expect(arrow.rawPayload.includes(Buffer.from(OTHER))).toBe(false);
    expect((await app.inject({ method: 'HEAD', url: `/api/overview?year=2025&scope=${OTHER}`, headers: h })).statusCode).toBe(403);
    const twice = await app.inject({ method: 'GET', url: `/api/overview?year=2025&scope=${MINE}&scope=${OTHER}`, headers: h });
    expect([400, 403]).toContain(twice.statusCode);
    const etagWide = (await app.inject({ method: 'GET', url: '/api/comparison?segment=wonen_verblijf&year=2025', headers: headers.lezer })).headers.etag as string;
    const narrow = await app.inject({ method: 'GET', url: '/api/comparison?segment=wonen_verblijf&year=2025', headers: { ...h, 'if-none-match': etagWide } });
    expect(narrow.statusCode).toBe(200);
  });

  it('cannot upload (a delivery file may hold any gemeente)', async () => {
    const body = multipartFile(`toewijzingen_${MINE}_2025-03.csv`, toewijzingenCsv('2025-03', 2));
    const res = await app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...body.headers, ...headers[`lezer-${MINE}`] }, payload: body.payload });
    expect(res.statusCode).toBe(403);
    const limitedAdmin = await signIn(app, { name: 'Almelo beheer', role: 'beheerder', gemeenten: [MINE] });
    expect((await app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...body.headers, ...limitedAdmin }, payload: body.payload })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: limitedAdmin })).statusCode).toBe(403);
  });
});
