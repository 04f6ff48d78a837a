/**
 * A duidingssessie records its peilmaand: by default the newest delivered month at creation,
 * settable within the delivered months, held to the same roles and gemeente limits as the
 * other session fields; and the figures at that peilmaand stay what the session saw after a
 * later delivery, while the figures as known now move on.
 */
import { copyFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRegion } from '../../region/config.ts';
import { openStore } from '../../store/store.ts';
import { monthlyRegion, tempDbPath, tempDir } from '../helpers/tempStore.ts';
import type { Duidingssessie } from '../../contract/api.ts';
import type { FigureAnswer } from '../../contract/queries.ts';
import { deliverDeclaraties } from '../indicators/helpers/seed.ts';
import { loadDataset } from './dataset.ts';
import { json, signIn, testApp, USER } from './testApp.ts';

const app = await testApp({ region: monthlyRegion() });
const MINE = 'GM0141';
const OTHER = 'GM0153';
const base = { date: '2025-03-10', title: 'Duidingssessie maart', agenda: [{ segment: 'wonen', indicator: 'kosten' }] };
const post = (payload: object, headers = USER) => app.inject({ method: 'POST', url: '/api/sessions', headers, payload });

beforeAll(async () => {
  // Toewijzingen for 2024-12 and 2025-01, claims processed in 2025-02.
  await loadDataset(app.store);
}, 60_000);

describe('a session records its peilmaand', () => {
  it('defaults to the newest delivered month and keeps one asked for', async () => {
    const s = json<Duidingssessie>(await post(base));
    expect(s.peilmaand).toBe('2025-02');
    const asked = await post({ ...base, peilmaand: '2025-01' });
    expect(asked.statusCode).toBe(201);
    const saved = json<Duidingssessie>(await app.inject({ method: 'GET', url: `/api/sessions/${json<Duidingssessie>(asked).id}` }));
    expect(saved.peilmaand).toBe('2025-01');
  });

  it('refuses a peilmaand outside the delivered months, and a malformed one, in Dutch', async () => {
    const before = await post({ ...base, peilmaand: '2024-11' });
    expect(before.statusCode).toBe(422);
    expect(json<{ detail: string }>(before).detail).toBe('Peilmaand 2024-11 ligt vóór de eerste levering (2024-12).');
    const after = await post({ ...base, peilmaand: '2025-06' });
    expect(after.statusCode).toBe(422);
    expect(json<{ detail: string }>(after).detail).toBe('Peilmaand 2025-06 ligt na de nieuwste levering (2025-02).');
    const bad = await post({ ...base, peilmaand: '2025-13' });
    expect(bad.statusCode).toBe(400);
    expect(json<{ parameters: { name: string }[] }>(bad).parameters.map((p) => p.name)).toContain('peilmaand');
  });

  it('is changed like the other fields: an analist may, a lezer may not, a gemeente account only on its own sessions', async () => {
    const own = json<Duidingssessie>(await post({ ...base, agenda: [{ gemeente_code: MINE }] }));
    const other = json<Duidingssessie>(await post({ ...base, agenda: [{ gemeente_code: OTHER }] }));
    const patch = (id: number, headers: Record<string, string>) => app.inject({ method: 'PATCH', url: `/api/sessions/${id}`, headers, payload: { peilmaand: '2024-12' } });
    expect((await patch(own.id, await signIn(app, { name: 'Lotte', role: 'lezer' }))).statusCode).toBe(403);
    const almelo = await signIn(app, { name: 'Almelo analist', role: 'analist', gemeenten: [MINE] });
    expect((await patch(other.id, almelo)).statusCode).toBe(403);
    const res = await patch(own.id, almelo);
    expect(res.statusCode).toBe(200);
    expect(json<Duidingssessie>(res)).toMatchObject({ peilmaand: '2024-12', agenda: own.agenda, title: own.title });
    // A change of the title alone keeps the peilmaand the session saw.
    const retitled = await app.inject({ method: 'PATCH', url: `/api/sessions/${own.id}`, headers: almelo, payload: { title: 'Andere titel' } });
    expect(json<Duidingssessie>(retitled).peilmaand).toBe('2024-12');
    // A gemeente account may not create a session about another gemeente, peilmaand or not.
    expect((await post({ ...base, peilmaand: '2025-01', agenda: [{ gemeente_code: OTHER }] }, almelo)).statusCode).toBe(403);
  });

  it("shows what the session saw after a later delivery, beside the figures as known now", async () => {
    const s = json<Duidingssessie>(await post({ ...base, title: 'Voor de late declaraties' }));
    const wonen = async (peilmaand?: string) =>
      json<FigureAnswer<'/overview'>>(await app.inject({ method: 'GET', url: `/api/overview?year=2025${peilmaand ? `&peilmaand=${peilmaand}` : ''}` })).find((c) => c.segment === 'wonen')!.kosten_ytd;
    const then = await wonen(s.peilmaand!);
    expect(then).toBe(6000);
    // Late claims for January 2025, processed in March.
    await deliverDeclaraties(app.store, OTHER, '2025-03', [{ id: 'late-1', toewijzing: 'EW0', client: 'ens-000000', product: '44W01', month: '2025-01', bedrag: 500 }]);
    expect(await wonen()).toBe(6500);
    expect(await wonen(s.peilmaand!)).toBe(then);
    // A session created now records the new month.
    expect(json<Duidingssessie>(await post(base)).peilmaand).toBe('2025-03');
  });
});

describe('migration 007', () => {
  it('gives sessions written before it the newest month delivered by their creation, or none', async () => {
    const all = join(dirname(fileURLToPath(import.meta.url)), '../../store/migrations');
    const older = tempDir('koersbord-migrations-');
    for (const f of readdirSync(all).filter((f) => Number.parseInt(f, 10) < 7)) copyFileSync(join(all, f), join(older, f));
    const db = tempDbPath();
    const store = await openStore(db, loadRegion(), { migrationsDir: older });
    const delivery = (id: number, kind: string, periode: string, loadedAt: string) =>
      store.run(`INSERT INTO deliveries VALUES ($id, $kind, 'GM0153', $periode, 'f.csv', $hash, 1, CAST($at AS TIMESTAMP), 'test', 'active', NULL, NULL)`, {
        id, kind, periode, hash: `h${id}`, at: loadedAt,
      });
    await delivery(1, 'toewijzingen', '2025-01', '2025-02-05 10:00:00');
    await delivery(2, 'declaraties', '2025-02', '2025-03-05 10:00:00');
    await delivery(3, 'toewijzingen', '2025-03', '2025-04-05 10:00:00');
    const session = (id: number, createdAt: string) =>
      store.run(`INSERT INTO duiding_sessions VALUES ($id, DATE '2025-03-10', 'oud', '[]', '[]', 'x', CAST($at AS TIMESTAMP), 'x', CAST($at AS TIMESTAMP))`, { id, at: createdAt });
    await session(1, '2025-01-10 09:00:00');
    await session(2, '2025-03-10 09:00:00');
    await store.close();
    const upgraded = await openStore(db, loadRegion());
    const rows = await upgraded.query<{ id: number; peilmaand: string | null }>(`SELECT session_id::INTEGER AS id, peilmaand FROM duiding_sessions ORDER BY id`);
    await upgraded.close();
    expect(rows).toEqual([
      { id: 1, peilmaand: null },
      { id: 2, peilmaand: '2025-02' },
    ]);
  });
});
