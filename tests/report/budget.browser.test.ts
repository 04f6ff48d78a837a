/**
 * The jaarrapport's budget section, on the hand-made budget region (tests/server/budgetDataset.ts):
 * the payload carries the engine's budget answer for the report's scope and peilmaand, and the
 * Do chapter prints it in Dutch, for a gemeente (its rows and total, the overrun) and for the
 * region (the gemeenten in the sum and those without a budget), in headless Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Budget } from '../../contract/budget.ts';
import { ReportPayload } from '../../contract/report.ts';
import { formatEuro } from '../../web/lib/format.ts';
import { monthlyRegion, tempStore } from '../helpers/tempStore.ts';
import { loadBudgetDataset } from '../server/budgetDataset.ts';
import { launchBrowser, openView } from '../web/helpers/browser.ts';
import { serve, type WebServer } from '../web/helpers/webServer.ts';

let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  // The hand-made data gives Enschede monthly files: a monthly Twente loads them.
  const store = await tempStore(monthlyRegion());
  await loadBudgetDataset(store);
  server = await serve(store);
  browser = await launchBrowser();
}, 180_000);

const payload = async (query: string) => ReportPayload.parse(await server.api(`/report?${query}`));
const squeeze = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();

/* eslint-disable @typescript-eslint/no-explicit-any -- page functions: the test project compiles without DOM types */
async function reportPage(hash: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openView(browser, server.baseUrl, hash);
  await opened.page.waitForFunction(() => (globalThis as any).document.documentElement.dataset.reportReady === 'true', undefined, { timeout: 30_000 });
  return opened;
}

describe('the budget in the jaarrapport', { timeout: 120_000 }, () => {
  it("the payload carries the scope's budget answer, also at a peilmaand", async () => {
    const r = await payload('year=2025&scope=GM0153');
    expect(r.budget).toEqual(await server.api<Budget>('/budget?year=2025&gemeente=GM0153'));
    expect(r.budget.total).toMatchObject({ budget: 16000, forecast: 18000, forecast_minus_budget: 2000 });
    const early = await payload('year=2025&scope=REGIO&peilmaand=2025-02');
    expect(early.budget).toMatchObject({ gemeente_code: 'REGIO', month: '2025-02', missing_count: 12 });
    expect(early.budget.total.kosten_ytd).toBe(0);
  });

  it("a gemeente's report prints its rows and total, and says it will exceed its budget", async () => {
    const { page, errors } = await reportPage('#/jaarrapport?jaar=2025&gemeente=GM0153');
    const section = page.locator('#do .report-budget[data-budget="GM0153"]');
    expect(squeeze(await section.locator('h3').innerText())).toBe('Begroting en prognose 2025');
    expect(squeeze(await section.locator('p').first().innerText())).toContain(`naar verwachting ${squeeze(formatEuro(2000))} boven de begroting (112,5 %)`);
    const rows = (await section.locator('table').first().locator('tbody tr').allInnerTexts()).map(squeeze);
    expect(rows).toEqual([
      `Ambulant € 15.000 € 4.500 30,0 % € 18.000 +€ 3.000`,
      `Crisis € 1.000 € 0 0,0 % € 0 −€ 1.000`,
      `Totaal jeugdhulp € 16.000 € 4.500 28,1 % € 18.000 +€ 2.000`,
    ]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the region's report prints each gemeente's total and names the gemeenten without a budget", async () => {
    const { page, errors } = await reportPage('#/jaarrapport?jaar=2025');
    const section = page.locator('#do .report-budget[data-budget="REGIO"]');
    const perGemeente = (await section.locator('table').nth(1).locator('tbody tr').allInnerTexts()).map(squeeze);
    expect(perGemeente).toEqual([`Almelo € 10.000 € 2.100 21,0 % € 8.400 −€ 1.600`, `Enschede € 16.000 € 4.500 28,1 % € 18.000 +€ 2.000`]);
    const missing = squeeze(await section.locator('[data-budget-missing]').innerText());
    expect(missing).toMatch(/^Zonder begroting voor 2025 \(niet in de som\): /);
    for (const name of ['Borne', 'Hengelo', 'Losser', 'Wierden']) expect(missing).toContain(name);
    expect(missing).not.toContain('Enschede');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
