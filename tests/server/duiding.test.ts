import { describe, expect, it } from 'vitest';
import type { Duiding } from '../../contract/api.ts';
import { ANONYMOUS, json, signIn, testApp, USER } from './testApp.ts';

const app = await testApp();

const proposal = {
  kind: 'verbetervoorstel',
  segment: 'wonen',
  gemeente_code: 'GM0153',
  period: '2025-03',
  indicator: 'kosten',
  text: 'Meer pleeggezinnen werven in Enschede.',
};

async function create(body: Record<string, unknown>) {
  const res = await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return json<Duiding>(res);
}

describe('duiding routes', () => {
  it('creates a duiding with author, timestamps and a location header', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: proposal });
    expect(res.statusCode).toBe(201);
    const created = json<Duiding>(res);
    expect(created).toMatchObject({ ...proposal, session_id: null, author: 'Anna de Vries', updated_by: 'Anna de Vries' });
    expect(created.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(res.headers.location).toBe(`/api/duiding/${created.id}`);
    const read = await app.inject({ method: 'GET', url: `/api/duiding/${created.id}` });
    expect(json(read)).toEqual(created);
  });

  it('accepts a region-wide duiding without an indicator', async () => {
    const created = await create({ kind: 'signaal', segment: 'crisis', gemeente_code: 'REGIO', period: '2025', text: 'Crisisinstroom stijgt.' });
    expect(created.indicator).toBeNull();
    expect(created.gemeente_code).toBe('REGIO');
  });

  it('refuses a write without a session with 401', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/duiding', headers: ANONYMOUS, payload: proposal });
    expect(res.statusCode).toBe(401);
    expect(json<{ detail: string }>(res).detail).toContain('Meld je aan');
  });

  it('refuses a gemeente outside the region with 422', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { ...proposal, gemeente_code: 'GM0363' } });
    expect(res.statusCode).toBe(422);
    expect(json<{ detail: string }>(res).detail).toBe('Gemeente GM0363 hoort niet bij regio Twente; kies een gemeente van de regio of REGIO.');
  });

  it('refuses a link to a session that does not exist with 422', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { ...proposal, session_id: 999 } });
    expect(res.statusCode).toBe(422);
    expect(json<{ detail: string }>(res).detail).toBe('Duidingssessie 999 bestaat niet.');
  });

  it('lists the bad body fields of an invalid duiding in a 400', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/duiding',
      headers: USER,
      payload: { kind: 'mening', segment: 'wonen', gemeente_code: 'Enschede', period: '2025-13', text: '   ' },
    });
    expect(res.statusCode).toBe(400);
    const names = json<{ parameters: { in: string; name: string }[] }>(res).parameters.map((p) => `${p.in}:${p.name}`);
    expect(names).toEqual(expect.arrayContaining(['body:kind', 'body:gemeente_code', 'body:period', 'body:text']));
  });

  it('updates only the given fields and records who changed it', async () => {
    const created = await create(proposal);
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/duiding/${created.id}`,
      // Not the author: a beheerder may change anyone's duiding.
      headers: await signIn(app, { name: 'Bram', role: 'beheerder' }),
      payload: { text: 'Pleegzorg uitbreiden met twee gezinshuizen.' },
    });
    expect(res.statusCode).toBe(200);
    const updated = json<Duiding>(res);
    expect(updated).toMatchObject({ ...proposal, text: 'Pleegzorg uitbreiden met twee gezinshuizen.', author: 'Anna de Vries', updated_by: 'Bram' });
    expect(updated.updated_at >= created.updated_at).toBe(true);
  });

  it('refuses an empty patch with 400', async () => {
    const created = await create(proposal);
    const res = await app.inject({ method: 'PATCH', url: `/api/duiding/${created.id}`, headers: USER, payload: {} });
    expect(res.statusCode).toBe(400);
  });

  it('answers 404 for a duiding that does not exist, on read, change and delete', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/api/duiding/424242', headers: USER, payload: method === 'PATCH' ? { text: 'x' } : undefined });
      expect(res.statusCode, method).toBe(404);
      expect(json<{ detail: string }>(res).detail).toBe('Duiding 424242 bestaat niet.');
    }
  });

  it('answers 400 for an id that is not a number', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/duiding/abc' });
    expect(res.statusCode).toBe(400);
    expect(json<{ parameters: { in: string; name: string }[] }>(res).parameters[0]).toMatchObject({ in: 'params', name: 'id' });
  });

  it('filters by gemeente, kind, indicator and year', async () => {
    await create({ ...proposal, gemeente_code: 'GM0141', kind: 'verklaring', period: '2024-11' });
    await create({ ...proposal, gemeente_code: 'GM0141', kind: 'signaal', period: '2025', indicator: 'instroom' });
    const list = async (qs: string) => json<Duiding[]>(await app.inject({ method: 'GET', url: `/api/duiding?${qs}` }));
    expect((await list('gemeente_code=GM0141')).map((d) => d.period)).toEqual(['2025', '2024-11']);
    expect((await list('gemeente_code=GM0141&kind=verklaring')).map((d) => d.kind)).toEqual(['verklaring']);
    expect((await list('gemeente_code=GM0141&indicator=instroom')).map((d) => d.kind)).toEqual(['signaal']);
    expect((await list('gemeente_code=GM0141&year=2024')).map((d) => d.period)).toEqual(['2024-11']);
    expect((await list('gemeente_code=GM0141&period=2025')).map((d) => d.period)).toEqual(['2025']);
  });

  it('deletes a duiding without actions', async () => {
    const created = await create(proposal);
    const del = await app.inject({ method: 'DELETE', url: `/api/duiding/${created.id}`, headers: USER });
    expect(del.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/duiding/${created.id}` })).statusCode).toBe(404);
  });

  it('deletes a verbetervoorstel with actions but keeps the actions, marked; its kind cannot change while they exist (409)', async () => {
    const created = await create(proposal);
    const action = await app.inject({
      method: 'POST',
      url: '/api/actions',
      headers: USER,
      payload: { duiding_id: created.id, title: 'Wervingscampagne', owner_organisation: 'Gemeente Enschede' },
    });
    expect(action.statusCode).toBe(201);
    const change = await app.inject({ method: 'PATCH', url: `/api/duiding/${created.id}`, headers: USER, payload: { kind: 'verklaring' } });
    expect(change.statusCode).toBe(409);
    const del = await app.inject({ method: 'DELETE', url: `/api/duiding/${created.id}`, headers: USER });
    expect(del.statusCode).toBe(204);
    const kept = json<{ title: string; proposal_deleted: { by: string } | null }>(await app.inject({ method: 'GET', url: `/api/actions/${json<{ id: number }>(action).id}` }));
    expect(kept).toMatchObject({ title: 'Wervingscampagne', proposal_deleted: { by: 'Anna de Vries' } });
  });

  it('bumps the duiding version with every write but leaves the data version alone', async () => {
    const before = json<{ data_version: number; duiding_version: number }>(await app.inject({ method: 'GET', url: '/api/health' }));
    await create(proposal);
    const after = json<{ data_version: number; duiding_version: number }>(await app.inject({ method: 'GET', url: '/api/health' }));
    expect(after.duiding_version).toBe(before.duiding_version + 1);
    expect(after.data_version).toBe(before.data_version);
  });

  it('saves twenty duidingen sent at the same moment, each with its own id', async () => {
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { ...proposal, kind: 'signaal', text: `Signaal ${i}` } }),
      ),
    );
    expect(sent.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(sent.map((r) => json<Duiding>(r).id)).size).toBe(20);
  });
});
