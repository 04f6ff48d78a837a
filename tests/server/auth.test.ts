/** Sign-in, sessions, CSRF, lock-out, rate limit, sign-out (everywhere) and the audit log of every write. */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { tempStore } from '../helpers/tempStore.ts';
import type { Duiding } from '../../contract/api.ts';
import { createAccount, setDisabled } from '../../server/auth/accounts.ts';
import { auditCsv, listAudit } from '../../server/auth/audit.ts';
import { multipartFile, toewijzingenCsv } from './multipart.ts';
import { ANONYMOUS, json, signIn, testApp, USER } from './testApp.ts';

const app = await testApp();
const PASSWORD = 'een-goed-wachtwoord';

async function account(email: string, role: 'lezer' | 'analist' | 'beheerder' = 'analist') {
  await createAccount(app.store, { email, name: email.split('@')[0], role, password: PASSWORD });
}
const login = (email: string, password: string, remoteAddress = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, headers: ANONYMOUS, remoteAddress });
const sessionOf = (res: { cookies: { name: string; value: string }[]; body: string }) => ({
  cookie: `koersbord_sessie=${res.cookies.find((c) => c.name === 'koersbord_sessie')!.value}`,
  'x-csrf-token': json<{ csrf_token: string }>(res).csrf_token,
});
const audit = () => listAudit(app.store, { limit: 10_000 });

describe('sign-in', () => {
  it('signs in with the right password and sets an HTTP-only, SameSite=Strict session cookie', async () => {
    await account('ella@gemeente.nl');
    const res = await login('Ella@Gemeente.nl ', PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'koersbord_sessie')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy(); // plain http on 127.0.0.1
    expect(json(res)).toMatchObject({ account: { email: 'ella@gemeente.nl', role: 'analist' } });
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `koersbord_sessie=${cookie.value}` } });
    expect(json(me)).toMatchObject({ account: { email: 'ella@gemeente.nl' } });
  });

  it('marks the cookie Secure when served over https', async () => {
    process.env.KOERSBORD_SECURE_COOKIE = '1';
    try {
      const res = await login('ella@gemeente.nl', PASSWORD);
      expect(res.cookies.find((c) => c.name === 'koersbord_sessie')!.secure).toBe(true);
    } finally {
      delete process.env.KOERSBORD_SECURE_COOKIE;
    }
  });

  it('behind a trusted proxy: Secure cookie from X-Forwarded-Proto, limits per forwarded client address', async () => {
    // Not testApp(): that would make its session the file's USER.
    const proxied = await buildApp({ store: await tempStore(), closeStore: false, trustProxy: true });
    try {
      await createAccount(proxied.store, { email: 'proxy@gemeente.nl', name: 'Proxy', role: 'lezer', password: PASSWORD });
      const via = (ip: string, password: string) =>
        proxied.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'onbekend@gemeente.nl', password }, headers: { ...ANONYMOUS, 'x-forwarded-for': ip, 'x-forwarded-proto': 'https' }, remoteAddress: '10.0.0.99' });
      for (let i = 0; i < 20; i++) expect((await via('192.0.2.1', 'fout-wachtwoord-1')).statusCode).toBe(401);
      expect((await via('192.0.2.1', 'fout-wachtwoord-1')).statusCode).toBe(429);
      expect((await via('192.0.2.2', 'fout-wachtwoord-1')).statusCode).toBe(401); // another client behind the same proxy
      const ok = await proxied.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'proxy@gemeente.nl', password: PASSWORD }, headers: { ...ANONYMOUS, 'x-forwarded-proto': 'https' } });
      expect(ok.cookies.find((c) => c.name === 'koersbord_sessie')!.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('gives the same Dutch refusal for a wrong password and an unknown account', async () => {
    const wrong = await login('ella@gemeente.nl', 'fout-wachtwoord-1');
    const unknown = await login('niemand@gemeente.nl', 'fout-wachtwoord-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(json<{ detail: string }>(wrong).detail).toBe('Het e-mailadres of het wachtwoord klopt niet.');
    expect(json<{ detail: string }>(unknown).detail).toBe(json<{ detail: string }>(wrong).detail);
    expect(wrong.cookies).toEqual([]);
  });

  it('locks an account after 5 failed attempts, even for the right password, and logs it', async () => {
    await account('fenna@gemeente.nl');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login('fenna@gemeente.nl', `fout-${i}-wachtwoord`, '10.0.0.2')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const right = await login('fenna@gemeente.nl', PASSWORD, '10.0.0.3');
    expect(right.statusCode).toBe(423);
    expect(json<{ detail: string }>(right).detail).toMatch(/tijdelijk geblokkeerd/);
    const rows = (await audit()).filter((r) => r.target === 'fenna@gemeente.nl');
    expect(rows.filter((r) => r.action === 'aanmelden-mislukt')).toHaveLength(5);
    expect(rows.filter((r) => r.action === 'account-geblokkeerd')).toHaveLength(1);
  });

  it('a new password (users CLI: reset-password) lifts the lock-out', async () => {
    const { resetPassword } = await import('../../server/auth/accounts.ts');
    await resetPassword(app.store, 'fenna@gemeente.nl', 'nieuw-wachtwoord-99');
    expect((await login('fenna@gemeente.nl', 'nieuw-wachtwoord-99', '10.0.0.3')).statusCode).toBe(200);
  });

  it('slows guessing across accounts: 20 failures from one address, then 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await login(`gok${i}@gemeente.nl`, 'willekeurig-wachtwoord', '10.9.9.9')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(json<{ detail: string }>(await login('ella@gemeente.nl', PASSWORD, '10.9.9.9')).detail).toMatch(/Te veel mislukte aanmeldpogingen/);
    expect((await login('ella@gemeente.nl', PASSWORD, '10.9.9.10')).statusCode).toBe(200);
  });

  it('refuses a disabled account and ends its sessions', async () => {
    await account('gijs@gemeente.nl');
    const session = sessionOf(await login('gijs@gemeente.nl', PASSWORD));
    await setDisabled(app.store, 'gijs@gemeente.nl', true);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: session })).statusCode).toBe(401);
    expect((await login('gijs@gemeente.nl', PASSWORD)).statusCode).toBe(401);
  });

  it('refuses a login body that is not JSON or has extra fields', async () => {
    const form = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { ...ANONYMOUS, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=a&password=b' });
    expect(form.statusCode).toBe(415);
    const extra = await app.inject({ method: 'POST', url: '/api/auth/login', headers: ANONYMOUS, payload: { email: 'ella@gemeente.nl', password: PASSWORD, role: 'beheerder' } });
    expect(extra.statusCode).toBe(400);
  });
});

describe('CSRF', () => {
  it('refuses a write with the session cookie but without (or with a wrong) CSRF token, and changes nothing', async () => {
    const before = json<Duiding[]>(await app.inject({ method: 'GET', url: '/api/duiding' }));
    const payload = { kind: 'signaal', segment: 'crisis', gemeente_code: 'REGIO', period: '2025', text: 'Via een vreemde site' };
    for (const token of [undefined, 'verkeerd', `${USER['x-csrf-token']}x`]) {
      const headers: Record<string, string> = { cookie: USER.cookie };
      if (token) headers['x-csrf-token'] = token;
      const res = await app.inject({ method: 'POST', url: '/api/duiding', headers, payload });
      expect(res.statusCode).toBe(403);
      expect(json<{ detail: string }>(res).detail).toMatch(/CSRF/);
    }
    const body = multipartFile('toewijzingen_GM0153_2025-03.csv', toewijzingenCsv('2025-03', 2));
    expect((await app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...body.headers, cookie: USER.cookie }, payload: body.payload })).statusCode).toBe(403);
    expect(json<Duiding[]>(await app.inject({ method: 'GET', url: '/api/duiding' }))).toEqual(before);
  });

  it("refuses another session's CSRF token", async () => {
    const other = await signIn(app, { name: 'Hanna', role: 'analist' });
    const res = await app.inject({ method: 'POST', url: '/api/sessions', headers: { cookie: USER.cookie, 'x-csrf-token': other['x-csrf-token'] }, payload: { date: '2025-04-01', title: 'x' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('sign-out', () => {
  it('ends this session only', async () => {
    await account('ilse@gemeente.nl');
    const a = sessionOf(await login('ilse@gemeente.nl', PASSWORD));
    const b = sessionOf(await login('ilse@gemeente.nl', PASSWORD));
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: a })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/periods', headers: a })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: b })).statusCode).toBe(200);
  });

  it('everywhere: every session of the account ends', async () => {
    const a = sessionOf(await login('ilse@gemeente.nl', PASSWORD));
    const b = sessionOf(await login('ilse@gemeente.nl', PASSWORD));
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: a });
    expect(res.statusCode).toBe(200);
    expect(json<{ ended: number }>(res).ended).toBeGreaterThanOrEqual(2);
    for (const s of [a, b]) expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: s })).statusCode).toBe(401);
    expect((await audit()).some((r) => r.actor === 'ilse@gemeente.nl' && r.action === 'overal-afgemeld')).toBe(true);
  });

  it('a forged or malformed cookie is simply not signed in', async () => {
    for (const cookie of ['koersbord_sessie=abc', "koersbord_sessie=' OR 1=1 --", `koersbord_sessie=${'A'.repeat(43)}`]) {
      expect((await app.inject({ method: 'GET', url: '/api/periods', headers: { cookie } })).statusCode).toBe(401);
    }
  });
});

describe('audit log', () => {
  it('records every write with who, what, before and after', async () => {
    const body = multipartFile('toewijzingen_GM0153_2025-03.csv', toewijzingenCsv('2025-03', 2));
    expect((await app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...body.headers, ...USER }, payload: body.payload })).statusCode).toBe(201);
    const d = json<Duiding>(await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { kind: 'signaal', segment: 'crisis', gemeente_code: 'REGIO', period: '2025', text: 'Eerst' } }));
    await app.inject({ method: 'PATCH', url: `/api/duiding/${d.id}`, headers: USER, payload: { text: 'Daarna' } });
    const s = json<{ id: number }>(await app.inject({ method: 'POST', url: '/api/sessions', headers: USER, payload: { date: '2025-04-01', title: 'April' } }));
    await app.inject({ method: 'PATCH', url: `/api/sessions/${s.id}`, headers: USER, payload: { title: 'April (verzet)' } });
    const v = json<Duiding>(await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { kind: 'verbetervoorstel', segment: 'crisis', gemeente_code: 'REGIO', period: '2025', text: 'Voorstel' } }));
    const a = json<{ id: number }>(await app.inject({ method: 'POST', url: '/api/actions', headers: USER, payload: { duiding_id: v.id, title: 'Actie', owner_organisation: 'Regio' } }));
    await app.inject({ method: 'PATCH', url: `/api/actions/${a.id}`, headers: USER, payload: { status: 'lopend' } });
    await app.inject({ method: 'DELETE', url: `/api/actions/${a.id}`, headers: USER });
    await app.inject({ method: 'DELETE', url: `/api/duiding/${d.id}`, headers: USER });
    await app.inject({ method: 'DELETE', url: `/api/sessions/${s.id}`, headers: USER });

    const res = await app.inject({ method: 'GET', url: '/api/audit?limit=100' });
    expect(res.statusCode).toBe(200);
    const rows = json<{ actor: string; action: string; target: string | null; before: { text?: string; title?: string } | null; after: { text?: string; outcome?: string } | null }[]>(res).reverse();
    const writes = rows.filter((r) => /^(POST|PATCH|DELETE) \/api\/(deliveries|duiding|sessions|actions)/.test(r.action));
    expect(writes.map((r) => r.action)).toEqual([
      'POST /api/deliveries',
      'POST /api/duiding',
      'PATCH /api/duiding/:id',
      'POST /api/sessions',
      'PATCH /api/sessions/:id',
      'POST /api/duiding',
      'POST /api/actions',
      'PATCH /api/actions/:id',
      'DELETE /api/actions/:id',
      'DELETE /api/duiding/:id',
      'DELETE /api/sessions/:id',
    ]);
    expect(writes.every((r) => r.actor === 'anna.de.vries.beheerder@test.koersbord.nl')).toBe(true);
    expect(writes[0]).toMatchObject({ target: 'toewijzingen_GM0153_2025-03.csv', after: { outcome: 'loaded' } });
    expect(writes[2]).toMatchObject({ target: String(d.id), before: { text: 'Eerst' }, after: { text: 'Daarna' } });
    expect(writes[9]).toMatchObject({ before: { text: 'Daarna' }, after: null });
    expect(rows.some((r) => r.action === 'aangemeld')).toBe(true);
  });

  it('does not log refused writes as changes', async () => {
    const before = (await audit()).length;
    await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { kind: 'mening' } });
    expect((await audit()).length).toBe(before);
  });

  it('exports as CSV with formulas defused; readable by a whole-region beheerder only', async () => {
    const csv = await app.inject({ method: 'GET', url: '/api/audit?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe('\uFEFF"id";"tijdstip (Amsterdam)";"wie";"soort";"wat";"wijzigingen";"onderwerp";"ip"');
    const row = { id: 1, at: 'x', at_amsterdam: 'x', kind: 'wijziging' as const, description: 'a', changes: [], action: 'a', target: null, before: null, after: null, ip: null };
    expect(auditCsv([{ ...row, actor: '=HYPERLINK("http://kwaad")' }])).toContain(`"'=HYPERLINK(""http://kwaad"")"`);
    for (const role of ['lezer', 'analist'] as const) {
      expect((await app.inject({ method: 'GET', url: '/api/audit', headers: await signIn(app, { name: 'Kijker', role }) })).statusCode).toBe(403);
    }
  });
});
