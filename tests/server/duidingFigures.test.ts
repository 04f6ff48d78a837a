/**
 * A duiding keeps the figures it was written beside (peilmaand, data version, values) and
 * shows them beside the same figures as known now after a later delivery; it is changed and
 * deleted only by its author or a beheerder, every change in its history and the audit log,
 * and its history is held to the gemeente limits like the duiding itself.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Action, Duiding, DuidingHistory, Duidingssessie } from '../../contract/api.ts';
import type { FigureAnswer } from '../../contract/queries.ts';
import { deliverDeclaraties } from '../indicators/helpers/seed.ts';
import { loadDataset } from './dataset.ts';
import { json, signIn, testApp, USER } from './testApp.ts';

const app = await testApp();
const MINE = 'GM0141';
const OTHER = 'GM0153';
const base = { kind: 'verklaring', segment: 'wonen', gemeente_code: OTHER, period: '2025', indicator: 'kosten', text: 'Meer pleegzorg dan begroot.' };

let author: Record<string, string>;
let colleague: Record<string, string>;

const post = async (payload: object, headers = author) => {
  const res = await app.inject({ method: 'POST', url: '/api/duiding', headers, payload });
  expect(res.statusCode, res.body).toBe(201);
  return json<Duiding>(res);
};
const kostenOf = (f: Duiding['figures_now'] | null) => f?.values.find((v) => v.indicator === 'kosten')?.value;
/** The engine's own figure for the same cell, as the API serves it. */
async function engineKosten(peilmaand?: string) {
  const rows = json<FigureAnswer<'/values'>>(await app.inject({ method: 'GET', url: `/api/values?year=2025${peilmaand ? `&peilmaand=${peilmaand}` : ''}`, headers: USER }));
  return rows.find((r) => r.segment === 'wonen' && r.gemeente_code === OTHER && r.period === '2025' && r.indicator === 'kosten')!.value;
}

beforeAll(async () => {
  await loadDataset(app.store);
  author = await signIn(app, { name: 'Aafke Auteur', role: 'analist' });
  colleague = await signIn(app, { name: 'Koen Collega', role: 'analist' });
}, 60_000);

describe('a duiding keeps its figures', () => {
  it('records peilmaand, data version and values at writing, and shows the same figures now after a later load', async () => {
    const health = json<{ data_version: number }>(await app.inject({ method: 'GET', url: '/api/health' }));
    const d = await post(base);
    expect(d.figures_at_writing).toMatchObject({ peilmaand: '2025-02', data_version: health.data_version });
    expect(d.figures_at_writing!.values.map((v) => v.indicator)).toEqual(['kosten', 'clients']);
    const then = await engineKosten();
    expect(then).toBeGreaterThan(0);
    expect(kostenOf(d.figures_at_writing)).toBe(then);
    expect(d.figures_now).toEqual(d.figures_at_writing);

    // Late claims for January, processed in March: the figure moves, the duiding says so.
    await deliverDeclaraties(app.store, OTHER, '2025-03', [{ id: 'late-1', toewijzing: 'EW0', client: 'ens-000000', product: '44W01', month: '2025-01', bedrag: 500 }]);
    // Loaded beside the server (as the CLI would): the server is told, as its upload route tells itself.
    app.versions.invalidate();
    const later = json<Duiding>(await app.inject({ method: 'GET', url: `/api/duiding/${d.id}`, headers: USER }));
    expect(later.figures_at_writing).toEqual(d.figures_at_writing);
    expect(kostenOf(later.figures_now)).toBe(await engineKosten());
    expect(kostenOf(later.figures_now)).toBe(then! + 500);
    expect(later.figures_now.peilmaand).toBe('2025-03');
    expect(later.figures_now.data_version).toBeGreaterThan(d.figures_at_writing!.data_version);
    // The list answer carries the same (its cache follows the data version, too).
    const listed = json<Duiding[]>(await app.inject({ method: 'GET', url: `/api/duiding?gemeente_code=${OTHER}&segment=wonen`, headers: USER })).find((x) => x.id === d.id)!;
    expect(kostenOf(listed.figures_now)).toBe(then! + 500);
  });

  it('takes the figures of a session at its peilmaand, and records them again when an edit moves the duiding', async () => {
    const session = json<Duidingssessie>(await app.inject({ method: 'POST', url: '/api/sessions', headers: author, payload: { date: '2025-03-10', title: 'Februari', peilmaand: '2025-02' } }));
    const d = await post({ ...base, session_id: session.id });
    expect(d.figures_at_writing!.peilmaand).toBe('2025-02');
    expect(kostenOf(d.figures_at_writing)).toBe(await engineKosten('2025-02'));
    expect(kostenOf(d.figures_now)).toBe(await engineKosten());
    expect(kostenOf(d.figures_now)).not.toBe(kostenOf(d.figures_at_writing));
    // A new text keeps what it was written beside; a new row is written beside other figures.
    const retexted = json<Duiding>(await app.inject({ method: 'PATCH', url: `/api/duiding/${d.id}`, headers: author, payload: { text: 'Nieuwe tekst.' } }));
    expect(retexted.figures_at_writing).toEqual(d.figures_at_writing);
    const moved = json<Duiding>(await app.inject({ method: 'PATCH', url: `/api/duiding/${d.id}`, headers: author, payload: { segment: 'crisis', indicator: null } }));
    // Without an indicator of its own: its row's target measure first (crisis: instroom in Twente's plan).
    expect(moved.figures_at_writing!.values.map((v) => v.indicator)).toEqual(['instroom', 'kosten', 'clients']);
    expect(kostenOf(moved.figures_at_writing)).not.toBe(kostenOf(d.figures_at_writing));
  });
});

describe('edit and delete: the author or a beheerder, with history', () => {
  it('lets the author and a beheerder change it, refuses another analist and a lezer, and keeps every change', async () => {
    const d = await post(base);
    const patch = (headers: Record<string, string>, text: string) => app.inject({ method: 'PATCH', url: `/api/duiding/${d.id}`, headers, payload: { text } });
    const refused = await patch(colleague, 'Door een ander.');
    expect(refused.statusCode).toBe(403);
    expect(json<{ detail: string }>(refused).detail).toBe('Deze duiding is geschreven door Aafke Auteur; alleen die persoon of een beheerder mag haar wijzigen.');
    expect((await patch(await signIn(app, { name: 'Lotte Lezer', role: 'lezer' }), 'Lezer.')).statusCode).toBe(403);
    expect((await patch(author, 'Tweede versie.')).statusCode).toBe(200);
    expect((await patch(await signIn(app, { name: 'Bea Beheer', role: 'beheerder' }), 'Derde versie.')).statusCode).toBe(200);

    const h = json<DuidingHistory>(await app.inject({ method: 'GET', url: `/api/duiding/${d.id}/history`, headers: USER }));
    expect(h).toMatchObject({ id: d.id, gemeente_code: OTHER, deleted: false });
    expect(h.changes.map((c) => [c.change, c.changed_by, c.before?.text ?? null, c.after?.text ?? null])).toEqual([
      ['geschreven', 'Aafke Auteur', null, base.text],
      ['gewijzigd', 'Aafke Auteur', base.text, 'Tweede versie.'],
      ['gewijzigd', 'Bea Beheer', 'Tweede versie.', 'Derde versie.'],
    ]);
    expect(h.changes.every((c, i) => i === 0 || c.changed_at >= h.changes[i - 1].changed_at)).toBe(true);

    // The audit log has the change with before and after.
    const audit = json<{ action: string; target: string; before: { text: string }; after: { text: string } }[]>(
      await app.inject({ method: 'GET', url: '/api/audit?action=PATCH%20/api/duiding/:id', headers: USER }),
    );
    expect(audit.find((a) => a.target === String(d.id) && a.after.text === 'Derde versie.')?.before.text).toBe('Tweede versie.');
  });

  it('refuses a delete by another analist; after the author deletes it, it is gone but its history and actions stay', async () => {
    const d = await post({ ...base, kind: 'verbetervoorstel', text: 'Werf pleeggezinnen.' });
    const action = json<Action>(await app.inject({ method: 'POST', url: '/api/actions', headers: author, payload: { duiding_id: d.id, title: 'Campagne', owner_organisation: 'Enschede' } }));
    expect((await app.inject({ method: 'DELETE', url: `/api/duiding/${d.id}`, headers: colleague })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/duiding/${d.id}`, headers: author })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/api/duiding/${d.id}`, headers: USER })).statusCode).toBe(404);
    expect(json<Duiding[]>(await app.inject({ method: 'GET', url: '/api/duiding', headers: USER })).map((x) => x.id)).not.toContain(d.id);
    const h = json<DuidingHistory>(await app.inject({ method: 'GET', url: `/api/duiding/${d.id}/history`, headers: USER }));
    expect(h.deleted).toBe(true);
    expect(h.changes.at(-1)).toMatchObject({ change: 'verwijderd', changed_by: 'Aafke Auteur', after: null, before: { text: 'Werf pleeggezinnen.' } });
    const kept = json<Action>(await app.inject({ method: 'GET', url: `/api/actions/${action.id}`, headers: USER }));
    expect(kept.proposal_deleted).toMatchObject({ by: 'Aafke Auteur' });
    expect((await app.inject({ method: 'GET', url: '/api/duiding/424242/history', headers: USER })).statusCode).toBe(404);
  });

  it('holds the history to the gemeente limit, also for a duiding moved from another gemeente', async () => {
    const almelo = await signIn(app, { name: 'Almelo analist', role: 'lezer', gemeenten: [MINE] });
    const other = await post(base);
    const own = await post({ ...base, gemeente_code: MINE });
    const moved = await post(base);
    await app.inject({ method: 'PATCH', url: `/api/duiding/${moved.id}`, headers: author, payload: { gemeente_code: MINE } });
    expect((await app.inject({ method: 'GET', url: `/api/duiding/${own.id}/history`, headers: almelo })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/duiding/${other.id}/history`, headers: almelo })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/duiding/${moved.id}/history`, headers: almelo })).statusCode).toBe(403);
  });
});

describe('an action remembers the session of each status', () => {
  it('records the session a status was set in, else the latest session on or before that day', async () => {
    const s1 = json<Duidingssessie>(await app.inject({ method: 'POST', url: '/api/sessions', headers: author, payload: { date: '2025-03-01', title: 'A' } }));
    const s2 = json<Duidingssessie>(await app.inject({ method: 'POST', url: '/api/sessions', headers: author, payload: { date: '2025-06-01', title: 'B' } }));
    const d = await post({ ...base, kind: 'verbetervoorstel', text: 'Voorstel', session_id: s1.id });
    const a = json<Action>(await app.inject({ method: 'POST', url: '/api/actions', headers: author, payload: { duiding_id: d.id, title: 'X', owner_organisation: 'Y', session_id: s1.id } }));
    const moved = json<Action>(await app.inject({ method: 'PATCH', url: `/api/actions/${a.id}`, headers: author, payload: { status: 'lopend', session_id: s2.id } }));
    expect(moved.history.map((h) => [h.status, h.session_id])).toEqual([['open', s1.id], ['lopend', s2.id]]);
    const latest = json<Duidingssessie[]>(await app.inject({ method: 'GET', url: '/api/sessions', headers: USER }))[0];
    const done = json<Action>(await app.inject({ method: 'PATCH', url: `/api/actions/${a.id}`, headers: author, payload: { status: 'afgerond' } }));
    expect(done.history.at(-1)).toMatchObject({ status: 'afgerond', session_id: latest.id });
    const bad = await app.inject({ method: 'PATCH', url: `/api/actions/${a.id}`, headers: author, payload: { status: 'vervallen', session_id: 4242 } });
    expect(bad.statusCode).toBe(422);
    expect(json<{ detail: string }>(bad).detail).toBe('Duidingssessie 4242 bestaat niet.');
  });
});

describe('migration 009', () => {
  it('starts the history of duiding written before it, with no figures at writing', async () => {
    const { copyFileSync, readdirSync } = await import('node:fs');
    const { dirname, join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const { loadRegion } = await import('../../region/config.ts');
    const { openStore } = await import('../../store/store.ts');
    const { tempDbPath, tempDir } = await import('../helpers/tempStore.ts');
    const { createDuidingRepositories } = await import('../../server/duiding/index.ts');
    const all = join(dirname(fileURLToPath(import.meta.url)), '../../store/migrations');
    const older = tempDir('koersbord-migrations-');
    for (const f of readdirSync(all).filter((f) => Number.parseInt(f, 10) < 9)) copyFileSync(join(all, f), join(older, f));
    const db = tempDbPath();
    const store = await openStore(db, loadRegion(), { migrationsDir: older });
    await store.run(`INSERT INTO duiding VALUES (7, 'verklaring', 'wonen', 'REGIO', '2025', NULL, 'Van voor 009', NULL, 'Oud Auteur', TIMESTAMP '2025-05-01 10:00:00', 'Oud Auteur', TIMESTAMP '2025-05-01 10:00:00')`);
    await store.close();
    const upgraded = await openStore(db, loadRegion());
    const repo = createDuidingRepositories(upgraded);
    const d = await repo.duiding.get(7);
    const h = await repo.duiding.history(7);
    await upgraded.close();
    expect(d.figures_at_writing).toBeNull();
    expect(h.changes).toEqual([
      {
        change: 'geschreven', changed_by: 'Oud Auteur', changed_at: '2025-05-01T10:00:00.000Z', before: null,
        after: { kind: 'verklaring', segment: 'wonen', gemeente_code: 'REGIO', period: '2025', indicator: null, text: 'Van voor 009', session_id: null },
      },
    ]);
  });
});
