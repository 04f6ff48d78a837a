/**
 * A gemeente's budget against its forecast on screen, in headless Chromium against the real
 * server on the fixtures (their budgets: docs/fixtures.md): every cell of the gemeente view's
 * budget table is the API's figure in Dutch format, an overrun reads as such, the overview
 * shows the table once a gemeente is chosen, and a budget uploaded in the app appears at once.
 */
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Budget } from '../../contract/budget.ts';
import { formatEuro, formatPercent } from '../../web/lib/format.ts';
import { ROW_LABELS } from '../../web/lib/labels.ts';
import { expectAccessible, launchBrowser, viewPerTest } from './helpers/browser.ts';
import { startWebServer, type WebServer } from './helpers/webServer.ts';

/** The complete year of the fixtures, in which every budgeting gemeente exceeds its budget. */
const YEAR = 2024;

let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
}, 240_000);

const open = viewPerTest(() => ({ browser, baseUrl: server.baseUrl }));


const budgetRow = (p: Page, label: string) => p.locator('section.budget tbody tr', { has: p.locator('th', { hasText: new RegExp(`^${label.replace('+', '\\+')}$`) }) });
const cell = (p: Page, label: string, col: string) => budgetRow(p, label).locator(`td[data-col="${col}"]`).innerText();
const overrun = (v: number | null) => (v == null ? '–' : v > 0 ? `+${formatEuro(v)}` : formatEuro(v));

describe("a gemeente's budget table", { timeout: 120_000 }, () => {
  it('Enschede: every row and the total as the API gives them, the overrun marked', async () => {
    const b = await server.api<Budget>(`/budget?year=${YEAR}&gemeente=GM0153`);
    expect(b.rows.length).toBeGreaterThan(3);
    expect(b.total.forecast_minus_budget).toBeGreaterThan(0);
    const p = await open(`#/gemeente/GM0153?jaar=${YEAR}`);
    expect(await p.locator('#begroting-kop').innerText()).toBe(`Begroting en prognose ${YEAR}`);
    expect(await p.locator('section.budget tbody tr').count()).toBe(b.rows.length + 1);
    for (const r of [...b.rows.map((x) => ({ ...x, label: ROW_LABELS[x.segment] })), { ...b.total, label: 'Totaal jeugdhulp' }]) {
      expect(await cell(p, r.label, 'begroting'), r.label).toBe(r.budget == null ? 'niet begroot' : formatEuro(r.budget));
      expect(await cell(p, r.label, 'kosten')).toBe(formatEuro(r.kosten_ytd));
      expect(await cell(p, r.label, 'gebruikt')).toBe(formatPercent(r.used_pct));
      expect(await cell(p, r.label, 'prognose')).toBe(formatEuro(r.forecast));
      expect(await cell(p, r.label, 'verschil')).toBe(overrun(r.forecast_minus_budget));
    }
    const total = budgetRow(p, 'Totaal jeugdhulp');
    expect(await total.getAttribute('class')).toBe('row-total');
    expect(await total.locator('td[data-col="verschil"]').innerText()).toMatch(/^\+€\u00a0\d/);
    expect(await total.locator('td[data-col="verschil"]').getAttribute('class')).toContain('status-bad');
    await expectAccessible(p);
  });

  it('the overview shows the budget table when a gemeente is chosen, not for the region', async () => {
    const p = await open(`#/overzicht?jaar=${YEAR}&gemeente=GM0153`);
    expect(await p.locator('section.budget[data-scope="GM0153"] tbody tr').count()).toBeGreaterThan(3);
    const q = await open(`#/overzicht?jaar=${YEAR}`);
    expect(await q.locator('section.budget').count()).toBe(0);
  });

  it('Losser, without a budget, says so; a budget uploaded in the app then shows in its table', async () => {
    const p = await open(`#/gemeente/GM0168?jaar=${YEAR}`);
    expect(await p.locator('section.budget .state-title').innerText()).toBe(`Losser heeft voor ${YEAR} geen begroting geleverd`);
    const u = await open('#/datakwaliteit');
    await u.getByLabel('Leveringsbestand (CSV of XLSX)').setInputFiles({
      name: `begroting_GM0168_${YEAR}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(`gemeente_code;jaar;segment;bedrag\nGM0168;${YEAR};ambulant;250.000,00\nGM0168;${YEAR};wonen;300000\n`),
    });
    await u.getByRole('button', { name: 'Controleren en laden' }).click();
    await u.waitForSelector('.report-loaded');
    const b = await server.api<Budget>(`/budget?year=${YEAR}&gemeente=GM0168`);
    expect(b.total.budget).toBe(550_000);
    const q = await open(`#/gemeente/GM0168?jaar=${YEAR}`);
    expect(await cell(q, 'Ambulant', 'begroting')).toBe(formatEuro(250_000));
    expect(await cell(q, 'Totaal jeugdhulp', 'begroting')).toBe(formatEuro(550_000));
  });
});
