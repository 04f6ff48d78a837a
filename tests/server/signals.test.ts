/** GET /api/signals: ranked signals over HTTP, for every role and within a gemeente limit. */
import { describe, expect, it } from 'vitest';
import type { SignalsAnswer } from '../../contract/signals.ts';
import type { Role } from '../../server/auth/roles.ts';
import { seedCostRise } from '../indicators/helpers/costRise.ts';
import { ANONYMOUS, json, signIn, testApp } from './testApp.ts';

const app = await testApp();
await seedCostRise(app.store);

describe('GET /api/signals', () => {
  it('answers every signed-in role with ranked signals, each with a Dutch reason, and nobody anonymous', async () => {
    for (const role of ['lezer', 'analist', 'beheerder'] as Role[]) {
      const res = await app.inject({ method: 'GET', url: '/api/signals?year=2025', headers: await signIn(app, { name: `Sig ${role}`, role }) });
      expect(res.statusCode, role).toBe(200);
      const { signals } = json<SignalsAnswer>(res);
      expect(signals.find((s) => s.kind === 'bijdrage' && s.segment === 'verblijf')).toMatchObject({ gemeente_code: 'GM0153', period: '2025', indicator: 'kosten', value: 4199 });
      expect(signals.map((s) => s.score)).toEqual([...signals.map((s) => s.score)].sort((a, b) => b - a));
      for (const s of signals) expect(s.reason).toMatch(/kosten|Kosten|procentpunt/);
    }
    expect((await app.inject({ method: 'GET', url: '/api/signals?year=2025', headers: ANONYMOUS })).statusCode).toBe(401);
  });

  it('gives a gemeente-limited account the region and its own gemeente only, and refuses another', async () => {
    const h = await signIn(app, { name: 'Sig Almelo', role: 'analist', gemeenten: ['GM0141'] });
    const { signals } = json<SignalsAnswer>(await app.inject({ method: 'GET', url: '/api/signals?year=2025', headers: h }));
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.some((s) => s.gemeente_code === 'GM0141')).toBe(true);
    expect(signals.every((s) => s.gemeente_code === 'REGIO' || s.gemeente_code === 'GM0141')).toBe(true);
    expect(signals.every((s) => !s.reason.includes('Enschede') && !s.reason.includes('Hengelo'))).toBe(true);
    const other = await app.inject({ method: 'GET', url: '/api/signals?year=2025&scope=GM0153', headers: h });
    expect(other.statusCode).toBe(403);
  });

  it('refuses bad questions with a problem in Dutch', async () => {
    const h = await signIn(app, { name: 'Sig fout', role: 'lezer' });
    const bad = await app.inject({ method: 'GET', url: '/api/signals?year=2025&soort=alles', headers: h });
    expect(bad.statusCode).toBe(400);
    const none = await app.inject({ method: 'GET', url: '/api/signals?year=2031', headers: h });
    expect(none.statusCode).toBe(404);
    expect(json<{ detail: string }>(none).detail).toMatch(/geen gegevens voor het jaar 2031/i);
  });
});
