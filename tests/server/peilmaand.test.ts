/**
 * `peilmaand` over HTTP: every figure route takes it, the answer is the figures as known at
 * the end of that month, each peilmaand has its own cached answer, and a bad one is a
 * Dutch problem.
 */
import { describe, expect, it } from 'vitest';
import type { IndicatorValue, PeriodsInfo } from '../../contract/indicators.ts';
import { deliverDeclaraties, deliverToewijzingen } from '../indicators/helpers/seed.ts';
import { json, testApp } from './testApp.ts';

const app = await testApp();
const E = 'GM0153';
const tw = [{ id: 't1', client: 'client-PEIL-0001', begin: '2025-01-05', product: '45A01' }];
await deliverToewijzingen(app.store, E, '2025-01', tw);
await deliverToewijzingen(app.store, E, '2025-02', tw);
await deliverDeclaraties(app.store, E, '2025-01', [{ id: 'd1', toewijzing: 't1', client: 'client-PEIL-0001', product: '45A01', month: '2025-01', bedrag: 100 }]);
await deliverDeclaraties(app.store, E, '2025-02', [{ id: 'd2', toewijzing: 't1', client: 'client-PEIL-0001', product: '45A01', month: '2025-01', bedrag: 40 }]);

const januaryKosten = async (query: string) => {
  const res = await app.inject({ method: 'GET', url: `/api/values?year=2025&grain=month${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return json<IndicatorValue[]>(res).find((v) => v.segment === 'ambulant' && v.gemeente_code === 'REGIO' && v.period === '2025-01' && v.indicator === 'kosten')?.value;
};

describe('peilmaand on the figure routes', () => {
  it('answers the figures as known at the end of the month, each peilmaand on its own', async () => {
    expect(await januaryKosten('&peilmaand=2025-01')).toBe(100);
    expect(await januaryKosten('')).toBe(140);
    // Asked again after the newest: still the earlier figure, not a cached newer one.
    expect(await januaryKosten('&peilmaand=2025-01')).toBe(100);
    const periods = json<PeriodsInfo>(await app.inject({ method: 'GET', url: '/api/periods?peilmaand=2025-01' }));
    expect(periods).toMatchObject({ peilmaand: '2025-01', newest_peilmaand: '2025-02', months: ['2025-01'] });
  });

  it('refuses a malformed peilmaand (400) and one before the first delivery (404), in Dutch', async () => {
    const bad = await app.inject({ method: 'GET', url: '/api/overview?year=2025&peilmaand=2025-1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('peilmaand');
    const early = await app.inject({ method: 'GET', url: '/api/series?segment=ambulant&indicator=kosten&peilmaand=2024-06' });
    expect(early.statusCode).toBe(404);
    expect(json<{ detail: string }>(early).detail).toMatch(/^Peilmaand 2024-06 ligt vóór de eerste levering \(2025-01\)\.$/);
  });
});
