import { describe, expect, it } from 'vitest';
import type { Action, Duiding } from '../../contract/api.ts';
import { json, signIn, testApp, USER } from './testApp.ts';

const app = await testApp();

async function duiding(kind: string): Promise<Duiding> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/duiding',
    headers: USER,
    payload: { kind, segment: 'verblijf', gemeente_code: 'GM0164', period: '2025', text: `Een ${kind}.` },
  });
  return json<Duiding>(res);
}

async function action(body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/actions', headers: USER, payload: body });
}

describe('action routes', () => {
  it('creates an open action from a verbetervoorstel', async () => {
    const proposal = await duiding('verbetervoorstel');
    const res = await action({ duiding_id: proposal.id, title: 'Afspraken over afschaling', owner_organisation: 'Gemeente Hengelo', due_date: '2025-12-31' });
    expect(res.statusCode).toBe(201);
    expect(json<Action>(res)).toMatchObject({ duiding_id: proposal.id, status: 'open', due_date: '2025-12-31', created_by: 'Anna de Vries' });
  });

  it('refuses an action from a duiding that is not a verbetervoorstel with 422', async () => {
    const signal = await duiding('signaal');
    const res = await action({ duiding_id: signal.id, title: 'x', owner_organisation: 'Regio Twente' });
    expect(res.statusCode).toBe(422);
    expect(json<{ detail: string }>(res).detail).toBe(`Een actie volgt uit een verbetervoorstel; duiding ${signal.id} is een signaal.`);
  });

  it('refuses an action from a duiding that does not exist with 422', async () => {
    expect((await action({ duiding_id: 9999, title: 'x', owner_organisation: 'Regio Twente' })).statusCode).toBe(422);
  });

  it('refuses an unknown status with 400', async () => {
    const proposal = await duiding('verbetervoorstel');
    const res = await action({ duiding_id: proposal.id, title: 'x', owner_organisation: 'Regio Twente', status: 'klaar' });
    expect(res.statusCode).toBe(400);
    expect(json<{ parameters: { name: string }[] }>(res).parameters.map((p) => p.name)).toEqual(['status']);
  });

  it('moves an action through its statuses and records who did it', async () => {
    const proposal = await duiding('verbetervoorstel');
    const created = json<Action>(await action({ duiding_id: proposal.id, title: 'Evaluatie', owner_organisation: 'Regio Twente' }));
    for (const status of ['lopend', 'afgerond']) {
      const res = await app.inject({ method: 'PATCH', url: `/api/actions/${created.id}`, headers: await signIn(app, { name: 'Chris', role: 'analist' }), payload: { status } });
      expect(res.statusCode).toBe(200);
      expect(json<Action>(res)).toMatchObject({ status, updated_by: 'Chris', created_by: 'Anna de Vries', title: 'Evaluatie' });
    }
  });

  it('keeps the status history: who moved the action to which status, and when', async () => {
    const proposal = await duiding('verbetervoorstel');
    const created = json<Action>(await action({ duiding_id: proposal.id, title: 'Pilot', owner_organisation: 'Regio Twente' }));
    expect(created.history.map((h) => [h.status, h.changed_by])).toEqual([['open', 'Anna de Vries']]);
    const patch = async (payload: Record<string, unknown>, user: string) =>
      app.inject({ method: 'PATCH', url: `/api/actions/${created.id}`, headers: await signIn(app, { name: user, role: 'analist' }), payload });
    await patch({ status: 'lopend' }, 'Chris');
    await patch({ title: 'Pilot gezinshuizen' }, 'Dana'); // no status change: no history step
    const done = json<Action>(await patch({ status: 'afgerond' }, 'Eva'));
    expect(done.history.map((h) => [h.status, h.changed_by])).toEqual([
      ['open', 'Anna de Vries'],
      ['lopend', 'Chris'],
      ['afgerond', 'Eva'],
    ]);
    expect(done.history[2].changed_at).toBe(done.updated_at);
    const listed = json<Action[]>(await app.inject({ method: 'GET', url: `/api/actions?duiding_id=${proposal.id}` }));
    expect(listed[0].history).toEqual(done.history);
  });

  it('lists overdue actions: past their due date and still open or lopend', async () => {
    const proposal = await duiding('verbetervoorstel');
    const late = json<Action>(await action({ duiding_id: proposal.id, title: 'Te laat', owner_organisation: 'Gemeente Almelo', due_date: '2020-01-31' }));
    const done = json<Action>(await action({ duiding_id: proposal.id, title: 'Klaar', owner_organisation: 'Gemeente Almelo', due_date: '2020-01-31', status: 'afgerond' }));
    const future = json<Action>(await action({ duiding_id: proposal.id, title: 'Later', owner_organisation: 'Gemeente Almelo', due_date: '2099-01-31' }));
    const overdue = json<Action[]>(await app.inject({ method: 'GET', url: '/api/actions?owner_organisation=Gemeente%20Almelo&overdue=true' }));
    expect(overdue.map((a) => a.id)).toEqual([late.id]);
    const notOverdue = json<Action[]>(await app.inject({ method: 'GET', url: '/api/actions?owner_organisation=Gemeente%20Almelo&overdue=false' }));
    expect(notOverdue.map((a) => a.id).sort()).toEqual([done.id, future.id].sort());
    const byStatus = json<Action[]>(await app.inject({ method: 'GET', url: `/api/actions?duiding_id=${proposal.id}&status=afgerond` }));
    expect(byStatus.map((a) => a.id)).toEqual([done.id]);
  });

  it('deletes an action, after which its proposal can be deleted', async () => {
    const proposal = await duiding('verbetervoorstel');
    const created = json<Action>(await action({ duiding_id: proposal.id, title: 'Eenmalig', owner_organisation: 'Regio Twente' }));
    expect((await app.inject({ method: 'DELETE', url: `/api/actions/${created.id}`, headers: USER })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/actions/${created.id}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/duiding/${proposal.id}`, headers: USER })).statusCode).toBe(204);
  });
});
