/**
 * Account management through the API: a beheerder adds an account with a one-time password
 * (shown once, never in the audit log), the account must choose its own before anything else,
 * role and gemeenten changes end its sessions, nobody changes their own role, and everyone sees
 * and ends their own sessions only.
 */
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../server/auth/audit.ts';
import { ANONYMOUS, json, signIn, testApp, USER } from './testApp.ts';

const app = await testApp();

const login = async (email: string, password: string) => {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: ANONYMOUS, payload: { email, password } });
  const cookie = res.cookies.find((c) => c.name === 'koersbord_sessie');
  return { status: res.statusCode, headers: cookie ? { cookie: `koersbord_sessie=${cookie.value}`, 'x-csrf-token': (res.json() as { csrf_token: string }).csrf_token } : null, body: res.json() as { account?: { must_change_password: boolean } } };
};

describe('a beheerder manages accounts', () => {
  let id: number;
  let oneTime: string;

  it('adds an account with a one-time password, shown once and not in the audit log', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/accounts', headers: USER, payload: { email: 'Nieuw.Lid@Hengelo.nl', name: 'Nieuw Lid', role: 'analist', gemeenten: ['GM0164'] } });
    expect(res.statusCode, res.body).toBe(201);
    const body = json<{ account: { id: number; email: string; must_change_password: boolean }; one_time_password: string }>(res);
    expect(body.account).toMatchObject({ email: 'nieuw.lid@hengelo.nl', must_change_password: true });
    expect(body.one_time_password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    ({ id } = body.account);
    oneTime = body.one_time_password;
    const audit = await listAudit(app.store, { action: 'gebruiker-toegevoegd', limit: 5 });
    expect(audit[0]).toMatchObject({ target: 'nieuw.lid@hengelo.nl' });
    expect(JSON.stringify(await listAudit(app.store, { limit: 100 }))).not.toContain(oneTime);
    const list = json<{ email: string }[]>(await app.inject({ method: 'GET', url: '/api/accounts', headers: USER }));
    expect(list.map((a) => a.email)).toContain('nieuw.lid@hengelo.nl');
  });

  it('refuses a taken address, an unknown gemeente and a wrong role in Dutch', async () => {
    const taken = await app.inject({ method: 'POST', url: '/api/accounts', headers: USER, payload: { email: 'nieuw.lid@hengelo.nl', role: 'lezer' } });
    expect(taken.statusCode).toBe(400);
    expect(json<{ detail: string }>(taken).detail).toBe('Er is al een account nieuw.lid@hengelo.nl.');
    const elsewhere = await app.inject({ method: 'POST', url: '/api/accounts', headers: USER, payload: { email: 'a@b.nl', role: 'lezer', gemeenten: ['GM0363'] } });
    expect(json<{ detail: string }>(elsewhere).detail).toBe('Gemeente GM0363 hoort niet bij regio Twente.');
    const role = await app.inject({ method: 'POST', url: '/api/accounts', headers: USER, payload: { email: 'a@b.nl', role: 'koning' } });
    expect(role.statusCode).toBe(400);
  });

  it('with the one-time password the account can only choose its own password first', async () => {
    const first = await login('nieuw.lid@hengelo.nl', oneTime);
    expect(first.body.account?.must_change_password).toBe(true);
    const blocked = await app.inject({ method: 'GET', url: '/api/region', headers: first.headers! });
    expect(blocked.statusCode).toBe(403);
    expect(json<{ title: string }>(blocked).title).toBe('Kies eerst een eigen wachtwoord');
    const short = await app.inject({ method: 'POST', url: '/api/auth/password', headers: first.headers!, payload: { current_password: oneTime, new_password: 'kort' } });
    expect(json<{ detail: string }>(short).detail).toBe('Een wachtwoord heeft minstens 12 tekens.');
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/password', headers: first.headers!, payload: { current_password: 'niet-het-goede-1', new_password: 'mijn-eigen-wachtwoord-1' } });
    expect(json<{ detail: string }>(wrong).detail).toBe('Je huidige wachtwoord klopt niet.');
    const changed = await app.inject({ method: 'POST', url: '/api/auth/password', headers: first.headers!, payload: { current_password: oneTime, new_password: 'mijn-eigen-wachtwoord-1' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/region', headers: first.headers! })).statusCode).toBe(200);
    expect((await login('nieuw.lid@hengelo.nl', oneTime)).status).toBe(401);
    expect((await login('nieuw.lid@hengelo.nl', 'mijn-eigen-wachtwoord-1')).body.account?.must_change_password).toBe(false);
  });

  it('changes role and gemeenten (ending the account’s sessions), disables, and resets to a new one-time password', async () => {
    const session = await login('nieuw.lid@hengelo.nl', 'mijn-eigen-wachtwoord-1');
    const res = await app.inject({ method: 'PATCH', url: `/api/accounts/${id}`, headers: USER, payload: { role: 'lezer', gemeenten: ['GM0164', 'GM0153'] } });
    expect(json(res)).toMatchObject({ role: 'lezer', gemeenten: ['GM0153', 'GM0164'] });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: session.headers! })).statusCode).toBe(401);
    const [audit] = await listAudit(app.store, { action: 'gebruiker-gewijzigd', limit: 1 });
    expect(audit).toMatchObject({ before: { role: 'analist', gemeenten: ['GM0164'] }, after: { role: 'lezer', gemeenten: ['GM0153', 'GM0164'] } });

    await app.inject({ method: 'PATCH', url: `/api/accounts/${id}`, headers: USER, payload: { disabled: true } });
    expect((await login('nieuw.lid@hengelo.nl', 'mijn-eigen-wachtwoord-1')).status).toBe(401);
    await app.inject({ method: 'PATCH', url: `/api/accounts/${id}`, headers: USER, payload: { disabled: false } });

    const reset = json<{ one_time_password: string }>(await app.inject({ method: 'POST', url: `/api/accounts/${id}/reset-password`, headers: USER }));
    expect((await login('nieuw.lid@hengelo.nl', 'mijn-eigen-wachtwoord-1')).status).toBe(401);
    expect((await login('nieuw.lid@hengelo.nl', reset.one_time_password)).body.account?.must_change_password).toBe(true);
  });

  it('does not let a beheerder change their own role or status, and refuses other roles and limited beheerders', async () => {
    const me = json<{ account: { id: number } }>(await app.inject({ method: 'GET', url: '/api/auth/me', headers: USER }));
    const own = await app.inject({ method: 'PATCH', url: `/api/accounts/${me.account.id}`, headers: USER, payload: { role: 'lezer' } });
    expect(own.statusCode).toBe(400);
    expect(json<{ detail: string }>(own).detail).toContain('Je eigen rol, gemeenten of status wijzig je niet zelf');
    const analist = await signIn(app, { name: 'Ana List', role: 'analist' });
    expect((await app.inject({ method: 'GET', url: '/api/accounts', headers: analist })).statusCode).toBe(403);
    const limited = await signIn(app, { name: 'Beperkt Beheer', role: 'beheerder', gemeenten: ['GM0141'] });
    expect((await app.inject({ method: 'POST', url: '/api/accounts', headers: limited, payload: { email: 'x@y.nl', role: 'lezer' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PATCH', url: `/api/accounts/${id}`, headers: analist, payload: { role: 'beheerder' } })).statusCode).toBe(403);
  });
});

describe('everyone sees and ends their own sessions', () => {
  it('lists open sessions with the current one marked, ends another, and cannot end someone else’s', async () => {
    const a = await signIn(app, { name: 'Sessie Houder', role: 'lezer' });
    const b = await signIn(app, { name: 'Sessie Houder', role: 'lezer' });
    const sessions = json<{ id: string; current: boolean }[]>(await app.inject({ method: 'GET', url: '/api/auth/sessions', headers: a }));
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current)!;
    // Someone else asking to end it: not found, and it stays open.
    const stranger = await signIn(app, { name: 'Vreemde', role: 'lezer' });
    expect((await app.inject({ method: 'DELETE', url: `/api/auth/sessions/${other.id}`, headers: stranger })).statusCode).toBe(404);
    const ended = await app.inject({ method: 'DELETE', url: `/api/auth/sessions/${other.id}`, headers: a });
    expect(ended.statusCode).toBe(204);
    const left = json<{ id: string }[]>(await app.inject({ method: 'GET', url: '/api/auth/sessions', headers: a }));
    expect(left.map((s) => s.id)).not.toContain(other.id);
    // One of a's and b's two sessions was ended: exactly one of them still answers.
    const alive = await Promise.all([a, b].map(async (h) => (await app.inject({ method: 'GET', url: '/api/auth/me', headers: h })).statusCode));
    expect(alive.sort()).toEqual([200, 401]);
  });
});
