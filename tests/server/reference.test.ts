/** GET /api/reference: the national figures of a year, for every signed-in role, in the contract's shape. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReferenceAnswer } from '../../contract/reference.ts';
import { importCbsFile } from '../../etl/cbs/import.ts';
import type { Role } from '../../server/auth/roles.ts';
import { ANONYMOUS, json, signIn, testApp } from './testApp.ts';

const app = await testApp();
const FIXTURES = join(import.meta.dirname, '..', 'reference', 'fixtures');

describe('GET /api/reference', () => {
  it('answers every signed-in role, also one limited to a gemeente, and nobody anonymous', async () => {
    for (const role of ['lezer', 'analist', 'beheerder'] as Role[]) {
      for (const gemeenten of [[], ['GM0141']]) {
        const res = await app.inject({ method: 'GET', url: '/api/reference?year=2024', headers: await signIn(app, { name: `Ref ${role}`, role, gemeenten }) });
        expect(res.statusCode, `${role} ${gemeenten}`).toBe(200);
        expect(json<ReferenceAnswer>(res).figures.length).toBeGreaterThan(0);
      }
    }
    expect((await app.inject({ method: 'GET', url: '/api/reference?year=2024', headers: ANONYMOUS })).statusCode).toBe(401);
  });

  it('gives per indicator, segment and area the newest figure up to the year, CBS before the Agenda', async () => {
    const shipped = json<ReferenceAnswer>(await app.inject({ method: 'GET', url: '/api/reference?year=2025&segment=wonen_verblijf' }));
    expect(shipped.year).toBe(2025);
    expect(shipped.figures.map((f) => [f.indicator, f.year, f.value, f.source_table])).toEqual([
      ['crisis_start_pct', 2024, 20, 'PA-B1'],
      ['gezinsgericht_pct', 2024, 16.8, 'PA-B1'],
      ['verwijzer_gemeente_gi', 2024, 87.7, 'PA-B1'],
    ]);
    // The year before the Agenda's picture: only CBS's 2023 share of youths with jeugdhulp.
    const earlier = json<ReferenceAnswer>(await app.inject({ method: 'GET', url: '/api/reference?year=2023' }));
    expect(earlier.figures.map((f) => [f.indicator, f.segment, f.year, f.value])).toEqual([['per_1000', 'alle', 2023, 139]]);

    await importCbsFile(app.store, join(FIXTURES, '85098NED.json'));
    const withCbs = json<ReferenceAnswer>(await app.inject({ method: 'GET', url: '/api/reference?year=2024&indicator=per_1000&segment=jeugdbescherming' }));
    expect(withCbs.figures.map((f) => [f.area, f.year, f.value, f.source_table, f.provisional])).toEqual([
      ['GM0153', 2024, 14, '85098NED', true],
      ['NL', 2024, 10, '85098NED', true],
    ]);
  });

  it('refuses a question it cannot answer with a problem in Dutch', async () => {
    const noYear = await app.inject({ method: 'GET', url: '/api/reference' });
    expect(noYear.statusCode).toBe(400);
    expect(noYear.headers['content-type']).toContain('application/problem+json');
    expect(json<{ detail: string }>(noYear).detail).toBe('Ongeldige parameter: year.');
    const extra = await app.inject({ method: 'GET', url: '/api/reference?year=2024&scope=GM0153' });
    expect(extra.statusCode).toBe(400);
    expect(json<{ parameters: { message: string }[] }>(extra).parameters[0].message).toContain('scope');
  });
});
