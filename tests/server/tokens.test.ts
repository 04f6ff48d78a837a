/**
 * Personal access tokens (server/auth/accessTokens.ts, tokenRoutes.ts): made in a session,
 * shown once, stored hashed; a token reads with its owner's role and gemeente limit (narrowed
 * by its own), never writes, and stops at revocation, expiry or a disabled owner. Every use
 * is in the audit log.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccessTokenOut, CreatedAccessToken } from '../../contract/auth.ts';
import { findAccount, setDisabled } from '../../server/auth/accounts.ts';
import { loadDataset } from './dataset.ts';
import { json, signIn, testApp, USER } from './testApp.ts';

const app = await testApp();
const MINE = 'GM0141';
const OTHER = 'GM0153';
let limited: Record<string, string> = {};

const inAYear = () => new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
const bearer = (token: string) => ({ cookie: '', authorization: `Bearer ${token}` });

async function makeToken(session: Record<string, string>, body: object = {}): Promise<CreatedAccessToken> {
  const res = await app.inject({ method: 'POST', url: '/api/tokens', headers: session, payload: { name: 'Power BI', expires: inAYear(), ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return json<CreatedAccessToken>(res);
}

const codes = (rows: { gemeente_code: string }[]) => [...new Set(rows.map((r) => r.gemeente_code))].sort();

beforeAll(async () => {
  await loadDataset(app.store);
  limited = await signIn(app, { name: 'Analist Almelo', role: 'analist', gemeenten: [MINE] });
}, 60_000);

describe('making a token', () => {
  it('answers the value once, lists the token without it, and stores only its sha256', async () => {
    const created = await makeToken(USER, { name: 'Excel begroting' });
    expect(created.token).toMatch(/^kbt_[A-Za-z0-9_-]{43}$/);
    expect(created.record).toMatchObject({ name: 'Excel begroting', gemeenten: [], active: true, last_used_at: null, revoked_at: null });
    const list = await app.inject({ method: 'GET', url: '/api/tokens', headers: USER });
    expect(list.body).not.toContain(created.token);
    expect(json<AccessTokenOut[]>(list).map((t) => t.id)).toContain(created.record.id);
    const stored = await app.store.query<{ token_hash: string }>(`SELECT token_hash FROM access_tokens WHERE token_id = $id`, { id: created.record.id });
    expect(stored[0].token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
    const audit = await app.store.query<{ action: string }>(`SELECT action FROM audit_log WHERE target = $t`, { t: `token ${created.record.id}` });
    expect(audit.map((a) => a.action)).toEqual(['token-gemaakt']);
  });

  it('refuses a past date, a date beyond a year, a foreign gemeente and one outside the account, in Dutch', async () => {
    const post = (headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url: '/api/tokens', headers, payload: { name: 'x', expires: inAYear(), ...payload } });
    const past = await post(USER, { expires: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(json<{ detail: string }>(past).detail).toMatch(/ligt in het verleden/);
    const far = await post(USER, { expires: `${new Date().getUTCFullYear() + 3}-01-01` });
    expect(json<{ detail: string }>(far).detail).toMatch(/hoogstens een jaar/);
    expect(json<{ detail: string }>(await post(USER, { expires: '2026-02-30' })).detail).toMatch(/bestaat niet/);
    expect(json<{ detail: string }>(await post(USER, { gemeenten: ['GM9999'] })).detail).toMatch(/hoort niet bij de regio: GM9999/);
    const outside = await post(limited, { gemeenten: [OTHER] });
    expect(outside.statusCode).toBe(403);
    expect(json<{ detail: string }>(outside).detail).toMatch(/nooit meer dan je account/);
    expect((await post(USER, { name: '' })).statusCode).toBe(400);
  });
});

describe('reading with a token', () => {
  it('sees exactly what its owner sees: the same JSON answer as the owner’s session', async () => {
    const { token } = await makeToken(limited);
    const viaToken = await app.inject({ method: 'GET', url: '/api/values?year=2025', headers: bearer(token) });
    expect(viaToken.statusCode, viaToken.body).toBe(200);
    const viaSession = await app.inject({ method: 'GET', url: '/api/values?year=2025', headers: limited });
    expect(json(viaToken)).toEqual(json(viaSession));
    expect(codes(json(viaToken))).toEqual(['GM0141', 'REGIO']);
    const foreign = await app.inject({ method: 'GET', url: `/api/overview?year=2025&scope=${OTHER}`, headers: bearer(token) });
    expect(foreign.statusCode).toBe(403);
  });

  it('narrows a whole-region owner to the token’s gemeenten', async () => {
    const { token } = await makeToken(USER, { gemeenten: [OTHER] });
    const rows = json<{ gemeente_code: string }[]>(await app.inject({ method: 'GET', url: '/api/values?year=2025', headers: bearer(token) }));
    expect(codes(rows)).toEqual([OTHER, 'REGIO']);
    expect((await app.inject({ method: 'GET', url: `/api/overview?year=2025&scope=${MINE}`, headers: bearer(token) })).statusCode).toBe(403);
    // The owner is a beheerder and the audit log is for the whole region only: a narrowed token is refused there.
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: bearer(token) })).statusCode).toBe(403);
  });

  it('never writes, never makes or lists tokens, and is not a session', async () => {
    const { token, record } = await makeToken(USER);
    const write = await app.inject({ method: 'POST', url: '/api/duiding', headers: bearer(token), payload: { kind: 'signaal', segment: 'crisis', gemeente_code: 'REGIO', period: '2025', text: 'x' } });
    expect(write.statusCode).toBe(403);
    expect(json<{ detail: string }>(write).detail).toMatch(/alleen lezen/);
    // Not even with a session cookie beside it: a bearer request is a token request.
    const withCookie = await app.inject({ method: 'POST', url: '/api/duiding', headers: { ...USER, authorization: `Bearer ${token}` }, payload: { kind: 'signaal', segment: 'crisis', gemeente_code: 'REGIO', period: '2025', text: 'x' } });
    expect(withCookie.statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/tokens/${record.id}`, headers: bearer(token) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/tokens', headers: bearer(token) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(403);
    expect(await app.store.query(`SELECT 1 FROM duiding WHERE text = 'x'`)).toEqual([]);
  });

  it('audits every use with its route, answered or refused, and keeps the time of last use', async () => {
    const { token, record } = await makeToken(USER, { name: 'Audit-proef' });
    await app.inject({ method: 'GET', url: '/api/periods', headers: bearer(token) });
    await app.inject({ method: 'GET', url: '/api/tokens', headers: bearer(token) });
    const rows = await app.store.query<{ actor: string; after_json: string }>(`SELECT actor, after_json FROM audit_log WHERE action = 'token-gebruikt' AND target = $t ORDER BY audit_id`, {
      t: `token ${record.id}`,
    });
    expect(rows.map((r) => JSON.parse(r.after_json) as { route: string; status: number })).toEqual([
      { token: 'Audit-proef', route: 'GET /api/periods', query: null, status: 200 },
      { token: 'Audit-proef', route: 'GET /api/tokens', query: null, status: 403 },
    ]);
    expect(rows[0].actor).toMatch(/anna\.de\.vries/);
    const [listed] = json<AccessTokenOut[]>(await app.inject({ method: 'GET', url: '/api/tokens', headers: USER })).filter((t) => t.id === record.id);
    expect(listed.last_used_at).not.toBeNull();
  });
});

describe('a token that no longer works is a 401', () => {
  it('after revocation (by its owner only), after expiry, with its owner disabled, and when it is no token at all', async () => {
    const revoked = await makeToken(USER);
    expect((await app.inject({ method: 'DELETE', url: `/api/tokens/${revoked.record.id}`, headers: limited })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/periods', headers: bearer(revoked.token) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: `/api/tokens/${revoked.record.id}`, headers: USER })).statusCode).toBe(204);
    const afterRevoke = await app.inject({ method: 'GET', url: '/api/periods', headers: bearer(revoked.token) });
    expect(afterRevoke.statusCode).toBe(401);
    expect(json<{ detail: string }>(afterRevoke).detail).toMatch(/ingetrokken of verlopen/);
    expect((await app.inject({ method: 'DELETE', url: `/api/tokens/${revoked.record.id}`, headers: USER })).statusCode).toBe(404);

    const expired = await makeToken(USER);
    await app.store.run(`UPDATE access_tokens SET expires_at = current_timestamp::TIMESTAMP - INTERVAL 1 MINUTE WHERE token_id = $id`, { id: expired.record.id });
    expect((await app.inject({ method: 'GET', url: '/api/periods', headers: bearer(expired.token) })).statusCode).toBe(401);
    const listed = json<AccessTokenOut[]>(await app.inject({ method: 'GET', url: '/api/tokens', headers: USER }));
    expect(listed.find((t) => t.id === expired.record.id)?.active).toBe(false);

    const owner = await signIn(app, { name: 'Tijdelijk', role: 'lezer' });
    const ownersToken = await makeToken(owner);
    const account = await findAccount(app.store, 'tijdelijk.lezer@test.koersbord.nl');
    await setDisabled(app.store, account!.email, true);
    expect((await app.inject({ method: 'GET', url: '/api/periods', headers: bearer(ownersToken.token) })).statusCode).toBe(401);

    for (const value of ['kbt_' + 'a'.repeat(43), 'niet-een-token', '']) {
      expect((await app.inject({ method: 'GET', url: '/api/periods', headers: { cookie: '', authorization: `Bearer ${value}` } })).statusCode, value).toBe(401);
    }
  });
});
