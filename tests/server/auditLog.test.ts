/**
 * The audit log for people (server/auth/audit.ts, auditDescription.ts): a Dutch sentence per
 * entry, the changed fields only, Amsterdam time, filters by who, kind, period and text, the
 * CSV in the same words, and a refused upload logged with its problem count.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/auth.ts';
import { amsterdamMidnightUtc, amsterdamTime, changedFields } from '../../server/auth/auditDescription.ts';
import { brokenToewijzingenCsv, multipartFile } from './multipart.ts';
import { json, signIn, testApp, USER } from './testApp.ts';

const app = await testApp();
const audit = async (query = '') => json<AuditEntry[]>(await app.inject({ method: 'GET', url: `/api/audit?limit=1000${query}` }));

describe('the audit log for people', () => {
  it('tells a change in Dutch with the changed fields only', async () => {
    const d = json<{ id: number }>(await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { kind: 'verbetervoorstel', segment: 'verblijf', gemeente_code: 'REGIO', period: '2025', text: 'Meer pleegzorg' } }));
    const a = json<{ id: number }>(await app.inject({ method: 'POST', url: '/api/actions', headers: USER, payload: { duiding_id: d.id, title: 'Wachtlijst verblijf', owner_organisation: 'Regio' } }));
    const patched = await app.inject({ method: 'PATCH', url: `/api/actions/${a.id}`, headers: USER, payload: { status: 'lopend' } });
    expect(patched.statusCode, patched.body).toBe(200);
    const [entry] = await audit('&action=PATCH%20/api/actions/:id');
    expect(entry.description).toBe(`Actie ${a.id} 'Wachtlijst verblijf' status open → lopend`);
    expect(entry.changes).toEqual([{ field: 'status', before: 'open', after: 'lopend' }]);
    expect(entry.kind).toBe('wijziging');
    const created = (await audit('&action=POST%20/api/actions'))[0];
    expect(created.description).toBe(`Actie ${a.id} 'Wachtlijst verblijf' toegevoegd`);
    expect(created.changes).toEqual([]);
  });

  it('shows Amsterdam time, summer and winter', () => {
    expect(amsterdamTime('2026-01-15T12:00:00')).toBe('15-01-2026 13:00:00');
    expect(amsterdamTime('2026-07-15T12:00:00')).toBe('15-07-2026 14:00:00');
    expect(amsterdamMidnightUtc('2026-07-15')).toBe('2026-07-14T22:00:00');
    expect(changedFields({ id: 1, text: 'a', updated_at: 'x' }, { id: 1, text: 'b', updated_at: 'y' })).toEqual([{ field: 'tekst', before: 'a', after: 'b' }]);
  });

  it('filters by kind, who, period and text, so sign-ins do not bury the changes', async () => {
    await signIn(app, { name: 'Piet Analist', role: 'analist' });
    const all = await audit();
    expect(new Set(all.map((e) => e.kind))).toEqual(new Set(['aanmelden', 'wijziging']));
    const changes = await audit('&kind=wijziging');
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((e) => e.kind === 'wijziging')).toBe(true);
    const signIns = await audit('&kind=aanmelden');
    expect(signIns.map((e) => e.description)).toContain('Aangemeld');
    const piet = await audit('&actor=piet.analist.analist@test.koersbord.nl');
    expect(piet.map((e) => e.description)).toEqual(['Aangemeld']);
    const today = all[0].at_amsterdam.slice(0, 10).split('-').reverse().join('-');
    expect((await audit(`&from=${today}&to=${today}`)).length).toBe(all.length);
    expect(await audit('&to=2020-01-01')).toEqual([]);
    expect((await audit('&q=pleegzorg')).map((e) => e.action)).toEqual(['POST /api/duiding']);
    const bad = await app.inject({ method: 'GET', url: '/api/audit?kind=alles' });
    expect(bad.statusCode).toBe(400);
  });

  it('logs a refused upload with its problem count, and the CSV tells it in the same words', async () => {
    const body = multipartFile('toewijzingen_GM0153_2025-04.csv', brokenToewijzingenCsv('2025-04'));
    const res = await app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...body.headers, ...USER }, payload: body.payload });
    expect(res.statusCode).toBe(422);
    const count = json<{ report: { problem_count: number } }>(res).report.problem_count;
    const [entry] = await audit('&kind=levering');
    expect(entry).toMatchObject({ action: 'levering-geweigerd', target: 'toewijzingen_GM0153_2025-04.csv', after: { problem_count: count } });
    expect(entry.description).toBe(`Levering toewijzingen_GM0153_2025-04.csv geweigerd: ${count} ${count === 1 ? 'probleem' : 'problemen'}`);
    const csv = await app.inject({ method: 'GET', url: '/api/audit?format=csv&kind=levering' });
    const lines = csv.body.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"levering";"${entry.description}";""`);
    expect(lines[1]).toContain(`"${entry.at_amsterdam}"`);
  });
});
