/** GET /api/decomposition: the volume/intensity split over HTTP, for every role and within a gemeente limit. */
import { describe, expect, it } from 'vitest';
import type { DecompositionAnswer } from '../../contract/decomposition.ts';
import type { Role } from '../../server/auth/roles.ts';
import { seedCostRise } from '../indicators/helpers/costRise.ts';
import { ANONYMOUS, json, signIn, testApp } from './testApp.ts';

const app = await testApp();
await seedCostRise(app.store);
const URL = '/api/decomposition?segment=verblijf&year=2025';

describe('GET /api/decomposition', () => {
  it('answers every signed-in role with effects that add up to the change, and nobody anonymous', async () => {
    for (const role of ['lezer', 'analist', 'beheerder'] as Role[]) {
      const res = await app.inject({ method: 'GET', url: URL, headers: await signIn(app, { name: `Dec ${role}`, role }) });
      expect(res.statusCode, role).toBe(200);
      const d = json<DecompositionAnswer>(res);
      expect(d).toMatchObject({ comparison_year: 2024, change_eur: 4499, interaction_eur: 0 });
      expect(d.volume_eur! + d.intensity_eur!).toBeCloseTo(d.change_eur!, 6);
      expect(d.gemeenten.map((g) => g.gemeente_code)).toEqual(['GM0153', 'GM0141', 'GM0164']);
    }
    expect((await app.inject({ method: 'GET', url: URL, headers: ANONYMOUS })).statusCode).toBe(401);
  });

  it('gives a gemeente-limited account its own gemeente only, and refuses another', async () => {
    const h = await signIn(app, { name: 'Dec Almelo', role: 'lezer', gemeenten: ['GM0141'] });
    const region = json<DecompositionAnswer>(await app.inject({ method: 'GET', url: URL, headers: h }));
    expect(region.gemeenten.map((g) => g.gemeente_code)).toEqual(['GM0141']);
    expect(region.change_eur).toBe(4499);
    const own = await app.inject({ method: 'GET', url: `${URL}&scope=GM0141`, headers: h });
    expect(own.statusCode).toBe(200);
    expect(json<DecompositionAnswer>(own)).toMatchObject({ scope: 'GM0141', volume_eur: null, clients: { suppressed: true } });
    const other = await app.inject({ method: 'GET', url: `${URL}&scope=GM0153`, headers: h });
    expect(other.statusCode).toBe(403);
    expect(json<{ detail: string }>(other).detail).toMatch(/Je account ziet alleen de regio en GM0141/);
  });

  it('refuses bad questions with a problem in Dutch', async () => {
    const h = await signIn(app, { name: 'Dec fout', role: 'lezer' });
    const bad = await app.inject({ method: 'GET', url: `${URL}&compare=gisteren`, headers: h });
    expect(bad.statusCode).toBe(400);
    expect(json<{ detail: string }>(bad).detail).toBe('Ongeldige parameter: compare.');
    const base = await app.inject({ method: 'GET', url: '/api/decomposition?segment=verblijf&year=2024&compare=baseline', headers: h });
    expect(base.statusCode).toBe(400);
    expect(json<{ detail: string }>(base).detail).toMatch(/is zelf het basisjaar/);
    const noYear = await app.inject({ method: 'GET', url: '/api/decomposition?segment=verblijf&year=2031', headers: h });
    expect(noYear.statusCode).toBe(404);
    expect(json<{ detail: string }>(noYear).detail).toMatch(/geen gegevens voor het jaar 2031/i);
  });
});
