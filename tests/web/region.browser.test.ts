/**
 * The same built web app on two regions, in headless Chromium against the real server:
 * Twente on the fixtures and testregio on its seeded store (threshold 10, claims lag 1 month,
 * no wonen target). What the screen and the printed report say about targets, hidden counts
 * and the claims lag must be the region's, not Twente's. One page load per check group.
 */
import type { Browser, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RegionInfo } from '../../contract/api.ts';
import type { GemeenteComparisonRow, PeriodsInfo } from '../../contract/indicators.ts';
import type { ReportingRow } from '../../contract/domain.ts';
import { formatCount } from '../../web/lib/format.ts';
import { ROW_LABELS } from '../../web/lib/labels.ts';
import { launchBrowser, newContext, settle, watchErrors } from './helpers/browser.ts';
import { startTestregioServer, startWebServer, type WebServer } from './helpers/webServer.ts';

interface Expected {
  name: string;
  start: () => Promise<WebServer>;
  targetRows: ReportingRow[];
  hidden: string;
  lag: string;
  planMeasures: string;
}

/** What each region's configuration (region/<id>/region.json) says, written out by hand. */
const REGIONS: Expected[] = [
  {
    name: 'Twente',
    start: startWebServer,
    targetRows: ['verblijf', 'wonen', 'wonen_verblijf', 'ambulant', 'crisis'],
    hidden: '<5',
    lag: 'drie maanden',
    planMeasures: 'Voor verblijf, wonen, wonen + verblijf en ambulant is de maatstaf de uitgaven, voor crisis de instroom.',
  },
  {
    name: 'Testregio',
    start: startTestregioServer,
    targetRows: ['verblijf', 'ambulant', 'crisis'],
    hidden: '<10',
    lag: 'een maand',
    planMeasures: 'Voor verblijf en ambulant is de maatstaf de uitgaven, voor crisis de instroom.',
  },
];

let browser: Browser;
let page: Page | undefined;
let errors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
}, 120_000);

afterEach(async () => {
  await page?.context().close();
  page = undefined;
  expect(errors).toEqual([]);
});

const text = async (p: Page, selector: string) => (await p.locator(selector).first().innerText()).trim();

describe.each(REGIONS)('the web app on $name', { timeout: 120_000 }, (expected) => {
  let server: WebServer;
  let region: RegionInfo;
  let year: number;

  beforeAll(async () => {
    server = await expected.start();
    region = await server.api<RegionInfo>('/region');
    const periods = await server.api<PeriodsInfo>('/periods');
    year = Number(periods.latest_month!.slice(0, 4));
  }, 240_000);

  async function open(hash: string): Promise<Page> {
    const context = await newContext(browser);
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(`${server.baseUrl}/${hash}`);
    await settle(page);
    return page;
  }

  it('shows a card for each target row of the region, and the other rows without a target', async () => {
    expect(region.name).toBe(expected.name);
    const p = await open('#/overzicht');
    const cards = await p.locator('article.card').evaluateAll((els) => els.map((e) => (e as unknown as { dataset: Record<string, string> }).dataset.segment));
    expect(cards).toEqual(expected.targetRows);
    const untargeted = (await p.locator('.untargeted tbody th').allInnerTexts()).map((t) => t.trim());
    for (const row of expected.targetRows) expect(untargeted).not.toContain(ROW_LABELS[row]);
    if (!expected.targetRows.includes('wonen')) expect(untargeted).toContain(ROW_LABELS.wonen);
  });

  it('writes hidden counts with the region’s privacy threshold', async () => {
    const rows = await server.api<GemeenteComparisonRow[]>(`/comparison?segment=verblijf&year=${year}`);
    // The check means something only when the API hid at least one count.
    expect(rows.some((r) => r.clients.suppressed)).toBe(true);
    const p = await open(`#/segment/verblijf?jaar=${year}`);
    const table = p.locator('.data-table').first();
    for (const r of rows) {
      const tr = table.locator('tbody tr', { has: p.locator('th', { hasText: r.naam }) });
      const cell = (await tr.locator('td[data-col="clients"]').innerText()).trim();
      expect(cell, r.naam).toBe(formatCount(r.clients.value, r.clients.suppressed, region.privacy_threshold));
      if (r.clients.suppressed) expect(cell).toBe(expected.hidden);
    }
  });

  it('words the plan and the claims lag as the region configures them, in the report and on screen', async () => {
    const p = await open(`#/jaarrapport?jaar=${year}`);
    await p.waitForFunction(() => (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document.documentElement.dataset.reportReady === 'true', undefined, {
      timeout: 30_000,
    });
    expect(await text(p, '[data-testid="plan-measures"]')).toBe(expected.planMeasures);
    const note = await text(p, '[data-testid="coverage-note"]');
    expect(note).toContain(`de declaraties van ${expected.lag} later binnen zijn`);
    const checked = await p.locator('section.report-section[id^="check-"]').evaluateAll((els) => els.map((e) => (e as unknown as { id: string }).id));
    expect(checked).toEqual(expected.targetRows.map((row) => `check-${row}`));
    expect(await text(p, '.jaarrapport')).toContain(`Aantallen onder de ${region.privacy_threshold} staan als ${expected.hidden}.`);

    // The same page, on to the data quality view (a hash change, no reload).
    await p.evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#/datakwaliteit';
    });
    await settle(p);
    expect(await text(p, '.page-header .intro')).toContain(`kosten zijn voorlopig tot ${expected.lag} aan declaraties binnen zijn`);
  });
});
