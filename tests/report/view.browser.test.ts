/**
 * The report view on screen in headless Chromium, against the real app on the fixtures:
 * it signals readiness, shows the engine's numbers, switches to a gemeente through the URL,
 * offers the PDF download, and axe-core finds nothing serious. Screenshots go to
 * artifacts/screenshots/.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { formatEuro } from '../../web/lib/format.ts';
import { tempDir } from '../helpers/tempStore.ts';
import { expectAccessible, launchBrowser, newContext, screenshot, watchErrors } from '../web/helpers/browser.ts';
import { ensureWebBuilt } from '../web/helpers/webBuild.ts';
import { buildReportStore, REPORT_YEAR } from './helpers/reportStore.ts';
import { signInTestAdmin } from '../web/helpers/webServer.ts';

let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  const webRoot = await ensureWebBuilt();
  const store = await buildReportStore(tempDir('koersbord-report-view-'));
  app = await buildApp({ store, webRoot });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server luistert niet');
  baseUrl = `http://127.0.0.1:${address.port}`;
  await signInTestAdmin(store, baseUrl);
  browser = await launchBrowser();
}, 180_000);
afterAll(() => app?.close());

/* eslint-disable @typescript-eslint/no-explicit-any -- page functions: the test project compiles without DOM types */
const ready = (page: Page) =>
  page.waitForFunction(() => (globalThis as any).document.documentElement.dataset.reportReady === 'true', undefined, { timeout: 30_000 });

describe('the jaarrapport view', { timeout: 120_000 }, () => {
  it('shows the region report with the engine’s figures, ready for printing, accessible', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${baseUrl}/#/jaarrapport?jaar=${REPORT_YEAR}`);
    await ready(page);
    expect((await page.locator('main h1').innerText()).trim()).toBe(`Jaarrapport ${REPORT_YEAR}`);
    const cards = await app.engine.overview({ year: REPORT_YEAR, scope: 'REGIO' });
    const verblijf = cards.find((c) => c.segment === 'verblijf')!.target!;
    const row = page.locator('[data-testid="status-table"] tr[data-segment="verblijf"]');
    expect(await row.innerText()).toContain(formatEuro(verblijf.value_ytd));
    expect(await page.locator('.report-chart svg').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('a', { hasText: 'Download PDF' }).getAttribute('href')).toBe(`/api/report/pdf?year=${REPORT_YEAR}&scope=REGIO`);
    await expectAccessible(page);
    await screenshot(page, 'jaarrapport');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('in the middle of a quarter: the quarterly Enschede’s months of that quarter are not yet expected, not missing', async () => {
    const peilmaand = `${REPORT_YEAR}-08`;
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${baseUrl}/#/jaarrapport?jaar=${REPORT_YEAR}&peilmaand=${peilmaand}`);
    await ready(page);
    const table = page.locator('#bijlage table').first();
    expect((await table.locator('thead').innerText()).replace(/\s+/g, ' ')).toContain('Nog niet verwacht');
    // Q3 (periode september) was not due at the end of August: July and August, not missing; January to June delivered.
    expect((await table.locator('tr', { hasText: 'Enschede' }).innerText()).replace(/\s+/g, ' ')).toMatch(/Enschede 6 van 8 geen jul, aug/);
    expect((await table.locator('tr', { hasText: 'Losser' }).innerText()).replace(/\s+/g, ' ')).toMatch(/Losser 8 van 8 geen geen/);
    expect(await page.locator('[data-testid="coverage-note"]').innerText()).toContain('Een gemeente die per kwartaal levert');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('at an earlier peilmaand: says its stand on the cover, marks the immature months, and calls no later month missing', async () => {
    const peilmaand = `${REPORT_YEAR}-09`;
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${baseUrl}/#/jaarrapport?jaar=${REPORT_YEAR}&peilmaand=${peilmaand}`);
    await ready(page);
    expect((await page.locator('[data-testid="report-peilmaand"]').innerText()).trim()).toBe(`september ${REPORT_YEAR}`);
    // Claims of July to September were still coming in at the end of September.
    const note = page.locator('[data-testid="immature-note"][data-segment="verblijf"]');
    expect(await note.innerText()).toContain('Nog niet volledig bij de stand van september 2025: jul, aug, sep');
    expect(await note.innerText()).toContain('voorlopig');
    // The appendix stops at September: October to December are no missing months.
    const coverage = (await page.locator('#bijlage table').first().innerText()).replace(/\s+/g, ' ');
    expect(coverage).toContain('van 9');
    expect(coverage).not.toMatch(/okt|nov|dec/);
    expect(await page.locator('[data-testid="coverage-note"]').innerText()).toContain('De maanden na september 2025 staan er niet in');
    expect(await page.locator('a', { hasText: 'Download PDF' }).getAttribute('href')).toBe(`/api/report/pdf?year=${REPORT_YEAR}&scope=REGIO&peilmaand=${peilmaand}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to a gemeente report through the choice in the toolbar, kept in the URL', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/#/jaarrapport?jaar=${REPORT_YEAR}`);
    await ready(page);
    await page.locator('.report-toolbar select').selectOption('GM0153');
    await page.waitForFunction(() => (globalThis as any).location.hash.includes('gemeente=GM0153'));
    await ready(page);
    await page.locator('.report-scope', { hasText: 'Enschede' }).waitFor();
    expect(await page.locator('a', { hasText: 'Download PDF' }).getAttribute('href')).toBe(`/api/report/pdf?year=${REPORT_YEAR}&scope=GM0153`);
    await context.close();
  });
});
