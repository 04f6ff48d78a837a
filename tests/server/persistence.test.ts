import { describe, expect, it } from 'vitest';
import type { Action, Duiding, Duidingssessie } from '../../contract/api.ts';
import type { DeliveryReport } from '../../contract/deliveries.ts';
import { loadRegion } from '../../region/config.ts';
import { buildApp } from '../../server/app.ts';
import { openStore } from '../../store/store.ts';
import { tempDbPath } from '../helpers/tempStore.ts';
import { multipartFile, toewijzingenCsv } from './multipart.ts';
import { json, signIn } from './testApp.ts';

const region = loadRegion();
const dbPath = tempDbPath();

async function start() {
  return buildApp({ store: await openStore(dbPath, region) });
}

describe('duiding, sessions and actions are kept', () => {
  it('through a reload of every delivery and a server restart on the same DuckDB file', async () => {
    let app = await start();
    // The session is kept in the store: it still works after the restart below.
    const USER = await signIn(app);
    const upload = async (csv: string) => {
      const body = multipartFile('toewijzingen_GM0153_2025-03.csv', csv);
      return json<DeliveryReport>(await app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...body.headers, ...USER }, payload: body.payload }));
    };
    expect((await upload(toewijzingenCsv('2025-03', 3))).outcome).toBe('loaded');

    const session = json<Duidingssessie>(
      await app.inject({ method: 'POST', url: '/api/sessions', headers: USER, payload: { date: '2025-04-10', title: 'Sessie april', organisations: ['Regio Twente'] } }),
    );
    const proposal = json<Duiding>(
      await app.inject({
        method: 'POST',
        url: '/api/duiding',
        headers: USER,
        payload: { kind: 'verbetervoorstel', segment: 'wonen', gemeente_code: 'GM0153', period: '2025-03', text: 'Meer pleeggezinnen.', session_id: session.id },
      }),
    );
    const action = json<Action>(
      await app.inject({ method: 'POST', url: '/api/actions', headers: USER, payload: { duiding_id: proposal.id, title: 'Werving', owner_organisation: 'Gemeente Enschede' } }),
    );

    // A correction replaces the delivery as a whole: the records change, what people wrote does not.
    const correction = await upload(toewijzingenCsv('2025-03', 5));
    expect(correction.outcome).toBe('replaced');
    const afterReload = {
      duiding: json(await app.inject({ method: 'GET', url: '/api/duiding', headers: USER })),
      sessions: json(await app.inject({ method: 'GET', url: '/api/sessions', headers: USER })),
      actions: json(await app.inject({ method: 'GET', url: '/api/actions', headers: USER })),
    };
    // What was written stays, the figures it was written beside too; only the figures as known now follow the correction.
    const written = (list: unknown) => (list as Duiding[]).map(({ figures_now: _now, ...rest }) => rest);
    expect({ ...afterReload, duiding: written(afterReload.duiding) }).toEqual({ duiding: written([proposal]), sessions: [session], actions: [action] });
    expect((afterReload.duiding as Duiding[])[0].figures_now.data_version).toBeGreaterThan(proposal.figures_now.data_version);

    await app.close();
    app = await start();
    expect(written(json(await app.inject({ method: 'GET', url: '/api/duiding', headers: USER })))).toEqual(written([proposal]));
    expect(json(await app.inject({ method: 'GET', url: '/api/sessions', headers: USER }))).toEqual([session]);
    expect(json(await app.inject({ method: 'GET', url: '/api/actions', headers: USER }))).toEqual([action]);
    const health = json<{ deliveries: number; duiding_version: number }>(await app.inject({ method: 'GET', url: '/api/health', headers: USER }));
    expect(health.deliveries).toBe(1);
    expect(health.duiding_version).toBe(3);

    // New ids continue after a restart instead of colliding with the kept rows.
    const next = json<Duiding>(
      await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { kind: 'signaal', segment: 'crisis', gemeente_code: 'REGIO', period: '2025', text: 'Let op.' } }),
    );
    expect(next.id).toBeGreaterThan(proposal.id);
    await app.close();
  });
});
