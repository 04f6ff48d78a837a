/**
 * The in-year picture in headless Chromium against the real server on the fixtures: months
 * whose claims are still coming in are drawn as the estimate (or left out), never as a line
 * that falls to zero; the chart names what it draws; the "Stand per" travels in the URL and
 * into every figure; and the card and the table of one screen give one value per figure.
 */
import type { Browser, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RegionInfo } from '../../contract/api.ts';
import type { NowcastPatterns, OverviewCard, PeriodsInfo, SeriesPoint } from '../../contract/indicators.ts';
import { estimateLayers } from '../../web/charts/estimate.ts';
import { formatValue } from '../../web/charts/options.ts';
import { formatMonth, formatPercent } from '../../web/lib/format.ts';
import { STATUS } from '../../web/lib/labels.ts';
import { launchBrowser, newContext, settle, watchErrors } from './helpers/browser.ts';
import { startWebServer, YEAR, type WebServer } from './helpers/webServer.ts';

let server: WebServer;
let browser: Browser;
let page: Page;
let errors: string[] = [];
let region: RegionInfo;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  region = await server.api<RegionInfo>('/region');
}, 240_000);

async function open(hash: string, { ready = true }: { ready?: boolean } = {}): Promise<Page> {
  page = await (await newContext(browser)).newPage();
  errors = watchErrors(page);
  await page.goto(`${server.baseUrl}/${hash}`);
  if (ready) await settle(page);
  return page;
}

afterEach(async () => {
  await page?.context().close();
  expect(errors).toEqual([]);
});

const text = async (p: Page, selector: string) => (await p.locator(selector).first().innerText()).trim();

describe('in-year estimate on screen', { timeout: 120_000 }, () => {
  it('the Segment chart draws no immature month falling to zero, and its legend and note say what is estimated', async () => {
    // Up to the newest delivered month: later months have not happened yet and are not drawn at all.
    const { latest_month: latest } = await server.api<PeriodsInfo>('/periods');
    const points = (await server.api<SeriesPoint[]>(`/series?segment=verblijf&scope=REGIO&indicator=kosten&grain=month&from=${YEAR}-01&to=${latest}`)).filter(
      (p) => p.value != null || p.estimate != null,
    );
    const layers = estimateLayers(points);
    const immature = points.filter((_, i) => layers.immature[i]);
    // The fixtures end with months whose claims are still coming in: the case this is about.
    expect(immature.length).toBeGreaterThan(0);
    const p = await open('#/segment/verblijf');
    const figures = p.locator('.chart-figures');
    for (const point of immature) {
      const row = figures.locator(`tr[data-period="${point.period}"]`);
      // The table is folded: its text is read whether or not it is open.
      const drawn = ((await row.locator('td[data-col="drawn"]').textContent()) ?? '').trim();
      // The estimate where there is one, else a gap: never the incomplete raw sum, never zero.
      expect(drawn, point.period).toBe(point.estimate != null ? formatValue(point.estimate, 'euro') : '–');
      expect(drawn).not.toBe(formatValue(0, 'euro'));
      expect(await row.getAttribute('data-kind')).toBe(point.estimate != null ? 'geschat' : 'gat');
    }
    // Mature months (if any yet) are drawn as observed.
    for (const mature of points.filter((_, i) => !layers.immature[i])) {
      expect(((await figures.locator(`tr[data-period="${mature.period}"] td[data-col="drawn"]`).textContent()) ?? '').trim()).toBe(formatValue(mature.value, 'euro'));
    }
    const legend = (await p.locator('.panel .chart-canvas').first().getAttribute('data-legend')) ?? '';
    expect(legend).toContain('Realisatie');
    expect(legend).toContain('Doelpad');
    if (layers.hasEstimate) {
      expect(legend).toContain('Geschat');
      expect(legend).toContain('Interval 80 %');
    } else {
      expect(legend).not.toContain('Voorlopig');
    }
    const note = await text(p, '.estimate-note');
    expect(note).toMatch(/declaraties komen tot .+ maand(en)? later binnen/);
    expect(note.startsWith(layers.hasEstimate ? 'Geschat:' : 'Nog onvolledig:')).toBe(true);
  });

  it('one value per figure on one screen: the verblijf card and the region row of the table agree', async () => {
    const card = (await server.api<OverviewCard[]>(`/overview?year=${YEAR}&scope=REGIO`)).find((c) => c.segment === 'verblijf')!;
    const t = card.target!;
    const p = await open('#/segment/verblijf');
    // Each figure once on the card: observed to date, and the estimate only when the status rests on it.
    expect(await p.locator('.kpis [data-field="value_ytd"]').count()).toBe(1);
    // The card reads the amount in millions, the table in whole euros: both the one API value.
    expect(await text(p, '.kpis [data-field="value_ytd"]')).toBe(formatValue(t.value_ytd, 'euro', true));
    expect(await p.locator('.kpis [data-field="estimated_ytd"]').count()).toBe(t.estimate_based && t.estimated_ytd != null ? 1 : 0);
    expect(await p.locator('.kpis [data-field="estimate_based"]').count()).toBe(t.estimate_based && t.estimated_ytd != null ? 1 : 0);
    const regio = p.locator('.data-table').first().locator('tbody tr', { has: p.locator('th', { hasText: new RegExp(`^${region.name}$`) }) });
    await expect.poll(() => regio.count()).toBe(1);
    expect(await regio.locator('td[data-col="measure"]').innerText()).toBe(formatValue(t.value_ytd, 'euro'));
    expect(await regio.locator('td[data-col="target"]').innerText()).toBe(formatValue(t.target_ytd, 'euro'));
    expect(await regio.locator('td[data-col="status"]').innerText()).toContain(STATUS[t.status_ytd!].label);
    expect(await text(p, '.kpis dt')).toBe(`Status t/m ${formatMonth(card.month)}`);
  });

  it('"Stand per" is kept in the URL and every figure follows it, links included', async () => {
    const periods = await server.api<PeriodsInfo>('/periods');
    const stand = `${YEAR}-03`;
    expect(periods.months).toContain(stand);
    const then = (await server.api<OverviewCard[]>(`/overview?year=${YEAR}&scope=REGIO&peilmaand=${stand}`)).find((c) => c.segment === 'verblijf')!;
    const now = (await server.api<OverviewCard[]>(`/overview?year=${YEAR}&scope=REGIO`)).find((c) => c.segment === 'verblijf')!;
    expect(then.target!.value_ytd).not.toBe(now.target!.value_ytd);
    const p = await open('#/overzicht');
    await p.getByRole('combobox', { name: 'Stand per' }).selectOption(stand);
    await settle(p);
    expect(p.url()).toContain(`peilmaand=${stand}`);
    expect(await text(p, 'article[data-segment="verblijf"] .card-period')).toBe(`t/m ${formatMonth(then.month)}`);
    expect(await text(p, 'article[data-segment="verblijf"] [data-field="value_ytd"]')).toBe(formatValue(then.target!.value_ytd, 'euro', true));
    // A reload keeps it, and the way into a segment carries it.
    await p.reload();
    await settle(p);
    expect(await p.getByRole('combobox', { name: 'Stand per' }).inputValue()).toBe(stand);
    await p.locator('article[data-segment="verblijf"] a.card-link').click();
    await settle(p);
    expect(p.url()).toContain(`peilmaand=${stand}`);
    expect(await text(p, '.kpis [data-field="value_ytd"]')).toBe(formatValue(then.target!.value_ytd, 'euro', true));
  });

  it('Datakwaliteit shows per gemeente the learnt lag pattern and each month\'s maturity, as the engine learnt them', async () => {
    const answers = await Promise.all(region.gemeenten.map(async (g) => ({ code: g.code, answer: await server.api<NowcastPatterns>(`/nowcast/patterns?scope=${g.code}`) })));
    const shown = answers
      .map(({ code, answer }) => ({ code, patterns: answer.patterns.filter((x) => x.segment === 'verblijf' && x.measure === 'kosten'), maturity: answer.maturity.filter((m) => m.segment === 'verblijf' && m.measure === 'kosten') }))
      .filter((x) => x.patterns.length > 0);
    expect(shown.length).toBeGreaterThan(0);
    const p = await open('#/datakwaliteit');
    // One chart per pattern: a quarterly deliverer has one per month of the quarter.
    expect(await p.locator('.lag-patterns li').count()).toBe(shown.reduce((n, x) => n + x.patterns.length, 0));
    for (const { code, patterns, maturity } of shown) {
      const pattern = [...patterns].sort((a, b) => (a.phase ?? 0) - (b.phase ?? 0))[0];
      const chart = p.locator(`.lag-patterns li[data-gemeente="${code}"] .chart-canvas`).first();
      expect(await chart.getAttribute('aria-label')).toContain(`na 0: ${formatPercent(pattern.shares[0] * 100, 0)}`);
      for (const m of maturity) {
        const cell = p.locator(`.maturity tr[data-gemeente="${code}"] td[data-month="${m.month}"]`);
        expect(await cell.getAttribute('data-state')).toBe(m.mature ? 'mature' : 'immature');
        expect((await cell.innerText()).trim()).toBe(m.mature ? 'definitief' : formatPercent(m.share_known * 100, 0));
      }
    }
    // The newest month is never final while its claims are still coming in.
    expect(shown.some((x) => x.maturity.some((m) => !m.mature))).toBe(true);

    // Youths: registered late with an earlier begindatum, a month's count grows too.
    await p.getByLabel('Maat').selectOption('clients');
    await settle(p);
    expect(p.url()).toContain('maat=clients');
    expect(await text(p, '#patroon-kop + p')).toContain('welk deel van de cliënten van een maand');
    const youths = answers
      .map(({ code, answer }) => ({ code, pattern: answer.patterns.filter((x) => x.segment === 'verblijf' && x.measure === 'clients').sort((a, b) => (a.phase ?? 0) - (b.phase ?? 0))[0] }))
      .filter((x) => x.pattern);
    expect(youths.length).toBe(shown.length);
    expect(youths.some((x) => x.pattern.shares[0] < 1)).toBe(true);
    for (const { code, pattern } of youths) {
      const chart = p.locator(`.lag-patterns li[data-gemeente="${code}"] .chart-canvas`).first();
      expect(await chart.getAttribute('aria-label')).toContain(`na 0: ${formatPercent(pattern.shares[0] * 100, 0)}, na 1: ${formatPercent(pattern.shares[1] * 100, 0)}`);
    }
  });

  it('a Stand per that is not on offer is told in Dutch', async () => {
    const p = await open('#/overzicht?peilmaand=1999-01', { ready: false });
    await p.waitForSelector('.state-error');
    expect(await text(p, '.state-error')).toContain('Stand per "1999-01" kan niet: kies een maand van');
    // "Opnieuw proberen" goes back to the newest data.
    await p.getByRole('button', { name: 'Opnieuw proberen' }).click();
    await settle(p);
    expect(p.url()).not.toContain('peilmaand=');
  });
});
