import { describe, expect, it } from 'vitest';
import type { Duiding, Duidingssessie } from '../../contract/api.ts';
import { json, signIn, testApp, USER } from './testApp.ts';

const app = await testApp();

const april = {
  date: '2025-04-10',
  title: 'Duidingssessie april',
  organisations: ['Gemeente Enschede', 'Regio Twente', 'Aanbieder De Hoeve'],
  agenda: [{ segment: 'wonen', indicator: 'kosten', view: 'overzicht' }, { segment: 'crisis', gemeente_code: 'GM0153' }],
};

describe('session routes', () => {
  it('creates a session with its organisations and a normalised agenda', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/sessions', headers: USER, payload: april });
    expect(res.statusCode).toBe(201);
    const s = json<Duidingssessie>(res);
    expect(s).toMatchObject({ date: '2025-04-10', title: 'Duidingssessie april', organisations: april.organisations, created_by: 'Anna de Vries' });
    expect(s.agenda).toEqual([
      { segment: 'wonen', indicator: 'kosten', gemeente_code: null, view: 'overzicht', note: null },
      { segment: 'crisis', indicator: null, gemeente_code: 'GM0153', view: null, note: null },
    ]);
    expect(json(await app.inject({ method: 'GET', url: `/api/sessions/${s.id}` }))).toEqual(s);
  });

  it('refuses an impossible date and an unknown agenda indicator with 400', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/sessions',
      headers: USER,
      payload: { ...april, date: '2025-02-30x', agenda: [{ indicator: 'tevredenheid' }] },
    });
    expect(res.statusCode).toBe(400);
    const names = json<{ parameters: { name: string }[] }>(res).parameters.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['date', 'agenda.0.indicator']));
  });

  it('refuses an agenda item about a gemeente outside the region with 422', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/sessions', headers: USER, payload: { ...april, agenda: [{ gemeente_code: 'GM0344' }] } });
    expect(res.statusCode).toBe(422);
  });

  it('lists sessions newest first, within a date range', async () => {
    for (const date of ['2025-01-15', '2025-06-12']) {
      await app.inject({ method: 'POST', url: '/api/sessions', headers: USER, payload: { ...april, date, title: `Sessie ${date}` } });
    }
    const all = json<Duidingssessie[]>(await app.inject({ method: 'GET', url: '/api/sessions?from=2025-01-01&to=2025-05-01' }));
    expect(all.map((s) => s.date)).toEqual(['2025-04-10', '2025-01-15']);
  });

  it('changes the title and keeps the rest', async () => {
    const s = json<Duidingssessie>(await app.inject({ method: 'POST', url: '/api/sessions', headers: USER, payload: april }));
    const res = await app.inject({ method: 'PATCH', url: `/api/sessions/${s.id}`, headers: await signIn(app, { name: 'Bram', role: 'analist' }), payload: { title: 'Duidingssessie Q2' } });
    expect(res.statusCode).toBe(200);
    expect(json<Duidingssessie>(res)).toMatchObject({ title: 'Duidingssessie Q2', agenda: s.agenda, organisations: s.organisations, created_by: 'Anna de Vries', updated_by: 'Bram' });
  });

  it('links duiding to a session and refuses to delete a session that still has duiding', async () => {
    const s = json<Duidingssessie>(await app.inject({ method: 'POST', url: '/api/sessions', headers: USER, payload: april }));
    const d = json<Duiding>(
      await app.inject({
        method: 'POST',
        url: '/api/duiding',
        headers: USER,
        payload: { kind: 'verklaring', segment: 'wonen', gemeente_code: 'REGIO', period: '2025-03', text: 'Uitschieter door één dure plaatsing.', session_id: s.id },
      }),
    );
    const linked = json<Duiding[]>(await app.inject({ method: 'GET', url: `/api/duiding?session_id=${s.id}` }));
    expect(linked.map((x) => x.id)).toEqual([d.id]);
    expect((await app.inject({ method: 'DELETE', url: `/api/sessions/${s.id}`, headers: USER })).statusCode).toBe(409);
    await app.inject({ method: 'PATCH', url: `/api/duiding/${d.id}`, headers: USER, payload: { session_id: null } });
    expect((await app.inject({ method: 'DELETE', url: `/api/sessions/${s.id}`, headers: USER })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/sessions/${s.id}` })).statusCode).toBe(404);
  });

  it('answers 404 for a session that does not exist', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/sessions/9999' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PATCH', url: '/api/sessions/9999', headers: USER, payload: { title: 'x' } })).statusCode).toBe(404);
  });
});
