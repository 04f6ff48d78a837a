/**
 * GET /api/budget over real HTTP on the hand-made budget region (tests/server/budgetDataset.ts):
 * a gemeente's budget per row and in total against its forecast, the region as the sum of the
 * gemeenten with a budget (naming the others), roles, gemeente limits and bad questions.
 * Forecast = costs to date × m(2024) / m_ytd(2024, March), the overview card's formula.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Budget } from '../../contract/budget.ts';
import { loadRegion } from '../../region/config.ts';
import { loadBudgetDataset } from './budgetDataset.ts';
import { ANONYMOUS, json, signIn, testApp } from './testApp.ts';

const app = await testApp();
const OTHERS = loadRegion()
  .gemeenten.map((g) => g.code)
  .filter((c) => c !== 'GM0153' && c !== 'GM0141')
  .sort();

beforeAll(async () => {
  await loadBudgetDataset(app.store);
});

const get = async (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const budget = async (query: string, headers: Record<string, string> = {}) => {
  const res = await get(`/api/budget?${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return json<Budget>(res);
};
const line = (b: Budget, segment: string) => b.rows.find((r) => r.segment === segment);

describe('a gemeente against its own budget', () => {
  it('Enschede exceeds its ambulant budget: 4.500 used of 15.000, forecast 18.000 (+3.000)', async () => {
    const b = await budget('year=2025&gemeente=GM0153');
    expect(b).toMatchObject({ gemeente_code: 'GM0153', year: 2025, month: '2025-03', provisional: true, missing_gemeenten: [], missing_count: 0, gemeenten: [] });
    expect(b.rows.map((r) => r.segment)).toEqual(['ambulant', 'crisis']);
    expect(line(b, 'ambulant')).toEqual({
      segment: 'ambulant', budget: 15000, kosten_ytd: 4500, used_pct: 30, forecast: 18000, forecast_low: 18000, forecast_high: 18000,
      forecast_minus_budget: 3000, forecast_pct: 120,
    });
    // No crisis costs this year nor in the baseline: nothing spent, nothing forecast.
    expect(line(b, 'crisis')).toMatchObject({ budget: 1000, kosten_ytd: 0, used_pct: 0, forecast: 0, forecast_minus_budget: -1000 });
    expect(b.total).toMatchObject({ budget: 16000, kosten_ytd: 4500, used_pct: 28.1, forecast: 18000, forecast_minus_budget: 2000, forecast_pct: 112.5 });
  });

  it('Almelo stays within its verblijf budget, and its unbudgeted ambulant costs count in its total', async () => {
    const b = await budget('year=2025&gemeente=GM0141');
    expect(b.rows.map((r) => [r.segment, r.budget, r.kosten_ytd, r.forecast, r.forecast_minus_budget])).toEqual([
      ['verblijf', 10000, 1500, 6000, -4000],
      ['ambulant', null, 600, 2400, null],
    ]);
    expect(b.total).toMatchObject({ budget: 10000, kosten_ytd: 2100, used_pct: 21, forecast: 8400, forecast_minus_budget: -1600, forecast_pct: 84 });
  });

  it('a gemeente without a budget shows its costs and says the budget is missing', async () => {
    const b = await budget('year=2025&gemeente=GM0164');
    expect(b).toMatchObject({ missing_gemeenten: ['GM0164'], missing_count: 1, rows: [] });
    expect(b.total).toMatchObject({ budget: null, used_pct: null, forecast_minus_budget: null });
  });
});

describe('the region', () => {
  it('sums the gemeenten that delivered a budget and names the twelve that did not', async () => {
    const b = await budget('year=2025&gemeente=REGIO');
    expect(b.gemeenten.map((g) => [g.gemeente_code, g.budget, g.forecast])).toEqual([
      ['GM0141', 10000, 8400],
      ['GM0153', 16000, 18000],
    ]);
    expect([...b.missing_gemeenten].sort()).toEqual(OTHERS);
    expect(b.missing_count).toBe(12);
    expect(b.rows.map((r) => [r.segment, r.budget, r.kosten_ytd, r.forecast])).toEqual([
      ['verblijf', 10000, 1500, 6000],
      ['ambulant', 15000, 5100, 20400],
      ['crisis', 1000, 0, 0],
    ]);
    expect(b.total).toMatchObject({ budget: 26000, kosten_ytd: 6600, used_pct: 25.4, forecast: 26400, forecast_minus_budget: 400, forecast_pct: 101.5 });
  });

  it('the same figures as known at a peilmaand before the 2025 claims: budgets always count', async () => {
    const b = await budget('year=2025&gemeente=REGIO&peilmaand=2025-02');
    expect(b.total).toMatchObject({ budget: 26000, kosten_ytd: 0 });
    expect(b.month).toBe('2025-02');
  });
});

describe('who may ask what', () => {
  it('every role reads it; without a session it is refused', async () => {
    for (const role of ['lezer', 'analist', 'beheerder'] as const) {
      const headers = await signIn(app, { name: `Budget ${role}`, role });
      expect((await budget('year=2025&gemeente=GM0153', headers)).total.budget).toBe(16000);
    }
    expect((await get('/api/budget?year=2025&gemeente=GM0153', ANONYMOUS)).statusCode).toBe(401);
  });

  it('an account limited to Almelo reads the region sum unchanged but names only Almelo, and is refused Enschede', async () => {
    const headers = await signIn(app, { name: 'Analist Almelo', role: 'analist', gemeenten: ['GM0141'] });
    const region = await budget('year=2025&gemeente=REGIO', headers);
    expect(region.total).toMatchObject({ budget: 26000, forecast: 26400 });
    expect(region.gemeenten.map((g) => g.gemeente_code)).toEqual(['GM0141']);
    expect(region).toMatchObject({ missing_gemeenten: [], missing_count: 12 });
    expect(JSON.stringify(region)).not.toMatch(/GM0153|GM0164/);
    expect((await budget('year=2025&gemeente=GM0141', headers)).total.budget).toBe(10000);
    const refused = await get('/api/budget?year=2025&gemeente=GM0153', headers);
    expect(refused.statusCode).toBe(403);
    expect(json<{ detail: string }>(refused).detail).toContain('GM0153');
  });

  it('bad questions get a clear Dutch answer', async () => {
    const outside = await get('/api/budget?year=2025&gemeente=GM0363');
    expect(outside.statusCode).toBe(404);
    expect(json<{ detail: string }>(outside).detail).toContain('hoort niet bij regio');
    const noYear = await get('/api/budget?year=2019&gemeente=GM0153');
    expect(noYear.statusCode).toBe(404);
    expect(json<{ detail: string }>(noYear).detail).toBe('Geen gegevens voor het jaar 2019.');
    expect((await get('/api/budget?year=2025')).statusCode).toBe(400);
    expect((await get('/api/budget?year=2025&gemeente=GM0153&unsuppressed=true')).statusCode).toBe(400);
  });
});
