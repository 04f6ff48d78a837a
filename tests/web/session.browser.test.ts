/**
 * A duidingssessie end to end in headless Chromium against the real server: planned with an
 * agenda, run in presentation mode with the keyboard, duiding and an action written beside
 * the chart, and all of it still there after a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action, Duiding, Duidingssessie } from '../../contract/api.ts';
import type { OverviewCard } from '../../contract/indicators.ts';
import { formatValue } from '../../web/charts/options.ts';
import { expectAccessible, launchBrowser, newContext, screenshot, settle, VIEWPORTS, watchErrors } from './helpers/browser.ts';
import { startWebServer, type WebServer } from './helpers/webServer.ts';

let server: WebServer;
let browser: Browser;
let page: Page;
let errors: string[] = [];
let sessionId = 0;
/** Every API request the page made, to see which peilmaand the figures were asked at. */
const requests: string[] = [];
/** The session looks at the figures as known at the end of March; the fixtures run to June. */
const PEILMAAND = '2025-03';

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  const context = await newContext(browser, VIEWPORTS[0]);
  page = await context.newPage();
  errors = watchErrors(page);
  page.on('request', (r) => r.url().includes('/api/') && requests.push(r.url()));
}, 240_000);

afterAll(() => expect(errors).toEqual([]));

const h1 = () => page.locator('main h1').first().innerText();

// The steps build on each other (one browser page, one session), so they run in order.
describe('duidingssessie', { timeout: 120_000 }, () => {
  it('a session is planned with a date, organisations and an agenda of views', async () => {
    await page.goto(`${server.baseUrl}/#/sessies`);
    await settle(page);
    await page.getByLabel('Datum').fill('2025-07-15');
    await page.getByLabel('Titel').fill('Duidingssessie juli');
    await page.getByLabel(/Aanwezige organisaties/).fill('Gemeente Enschede, Jeugdhulp Twente');
    await page.getByLabel('Onderwerp 1').selectOption('verblijf');
    await page.getByRole('button', { name: 'Agendapunt toevoegen' }).click();
    await page.getByLabel('Onderwerp 2').selectOption('crisis');
    await page.getByLabel('Gemeente 2').selectOption('GM0153');
    await page.getByLabel('Vraag of toelichting 2').fill('Waarom stijgt de crisisinstroom in Enschede?');
    // The form offers the newest delivered month; the session looks back at March.
    expect(await page.getByLabel(/Peilmaand/).inputValue()).toBe((await server.api<{ newest_peilmaand: string }>('/periods')).newest_peilmaand);
    await page.getByLabel(/Peilmaand/).fill(PEILMAAND);
    await page.getByRole('button', { name: 'Sessie opslaan' }).click();
    await page.waitForURL(/#\/sessie\/\d+/);
    await settle(page);
    sessionId = Number(/sessie\/(\d+)/.exec(page.url())![1]);

    const saved = await server.api<Duidingssessie>(`/sessions/${sessionId}`);
    expect(saved).toMatchObject({ date: '2025-07-15', title: 'Duidingssessie juli', organisations: ['Gemeente Enschede', 'Jeugdhulp Twente'], created_by: 'Test Beheerder' });
    expect(saved.agenda.map((a) => [a.segment, a.gemeente_code])).toEqual([['verblijf', 'REGIO'], ['crisis', 'GM0153']]);
    expect(saved.peilmaand).toBe(PEILMAAND);
    // Verblijf: the kosten to date as the session saw them, beside the same months as known now (late claims since).
    const then = (await server.api<OverviewCard[]>(`/overview?year=2025&scope=REGIO&peilmaand=${PEILMAAND}`)).find((c) => c.segment === 'verblijf')!;
    const now = (await server.api<OverviewCard[]>(`/overview?year=2025&scope=REGIO&month=${then.month}`)).find((c) => c.segment === 'verblijf')!;
    expect(now.target!.value_ytd, 'later deliveries changed the same months').not.toBe(then.target!.value_ytd);
    // At the peilmaand the newest months were still coming in: the figure is the estimate the status rested on.
    expect(then.target!.estimate_based).toBe(true);
    const euro = (x: number | null) => formatValue(x, 'euro', true);
    expect(euro(then.target!.estimated_ytd), 'the estimate reads otherwise than the observed figure').not.toBe(euro(then.target!.value_ytd));
    const line = page.locator('.then-now[data-segment="verblijf"]');
    await expect.poll(() => line.locator('[data-field="now"]').count()).toBe(1);
    expect(await line.locator('[data-field="then"]').innerText()).toBe(euro(then.target!.estimated_ytd));
    expect(await line.locator('[data-field="then_observed"]').innerText()).toBe(euro(then.target!.value_ytd));
    // The figures as known now come in after those at the peilmaand: wait for them, then compare.
    await expect.poll(() => line.locator('[data-field="now"]').innerText()).toBe(euro(now.target!.estimated_ytd));
    // Marked geschat with the observed figure beside it, while the figure rests on an estimate; as it was, once it no longer does.
    expect(await line.locator('[data-field="now_observed"]').count()).toBe(now.target!.estimate_based ? 1 : 0);
    if (now.target!.estimate_based) expect(await line.locator('[data-field="now_observed"]').innerText()).toBe(euro(now.target!.value_ytd));
    expect((await line.innerText()).replace(/\s+/g, ' ')).toContain(`toen ${euro(then.target!.estimated_ytd)} geschat (waargenomen ${euro(then.target!.value_ytd)}) · nu ${euro(now.target!.estimated_ytd)}`.replace(/\s+/g, ' '));
    expect(await page.locator('.session-peilmaand').innerText()).toContain('maart 2025');
    expect(await h1()).toBe('Duidingssessie juli');
    expect(await page.locator('.agenda li').count()).toBe(2);
    await expectAccessible(page);
    await screenshot(page, 'sessie');
  });

  it('the session runs in presentation mode, one agenda item at a time, moved on with the keyboard', async () => {
    await page.getByRole('link', { name: 'Start presentatie' }).click();
    await settle(page);
    expect(page.url()).toContain(`#/presentatie/${sessionId}?item=1`);
    expect(await h1()).toBe('Verblijf · Regio Twente');
    expect(await page.locator('.presentation-count').innerText()).toContain('Onderwerp 1 van 2');
    expect(await page.locator('.presentation-count').innerText()).toContain('stand maart 2025');
    // The chart shows the figures at the session's peilmaand.
    const series = requests.filter((u) => u.includes('/api/series') && u.includes('segment=verblijf'));
    expect(series.length).toBeGreaterThan(0);
    expect(series.every((u) => u.includes(`peilmaand=${PEILMAAND}`))).toBe(true);
    // no application header on the projector: the chart and the duiding get the room
    expect(await page.locator('.app-header').count()).toBe(0);

    await page.keyboard.press('ArrowRight');
    await settle(page);
    expect(page.url()).toContain('item=2');
    expect(await h1()).toBe('Crisis · Enschede');
    expect(await page.locator('.presentation-note').innerText()).toBe('Waarom stijgt de crisisinstroom in Enschede?');
    await page.keyboard.press('ArrowRight'); // already the last item: stays
    expect(page.url()).toContain('item=2');
    await page.keyboard.press('ArrowLeft');
    await settle(page);
    expect(await h1()).toBe('Verblijf · Regio Twente');
  });

  it('the presentation is readable at 1280×720: title, chart and duiding fit on the screen', async () => {
    const fits = await page.evaluate(() => {
      const g = globalThis as any;
      const d = g.document;
      const inView = (el: any) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= g.innerHeight && r.right <= g.innerWidth;
      };
      return {
        title: inView(d.querySelector('main h1')),
        chart: inView(d.querySelector('.chart-canvas')),
        form: d.querySelector('.duiding-panel').getBoundingClientRect().top < g.innerHeight,
        fontPx: parseFloat(g.getComputedStyle(d.querySelector('main h1')).fontSize),
        scrollsSideways: d.documentElement.scrollWidth > g.innerWidth,
      };
    });
    expect(fits).toEqual({ title: true, chart: true, form: true, fontPx: expect.any(Number), scrollsSideways: false });
    expect((fits as { fontPx: number }).fontPx).toBeGreaterThanOrEqual(32);
    await expectAccessible(page);
    await screenshot(page, 'presentatie');
  });

  it('a verklaring and a verbetervoorstel are written next to the chart and marked on it', async () => {
    const form = page.locator('form.duiding-form');
    await form.getByLabel('Soort').selectOption('verklaring');
    await form.getByLabel('Over').selectOption('2025-03');
    await form.getByLabel('Tekst').fill('Twee plaatsingen in JeugdzorgPlus na sluiting van een groep elders.');
    await form.getByRole('button', { name: 'Duiding opslaan' }).click();
    await page.locator('.duiding-text', { hasText: 'Twee plaatsingen in JeugdzorgPlus' }).waitFor();

    await form.getByLabel('Soort').selectOption('verbetervoorstel');
    await form.getByLabel('Over').selectOption('2025');
    await form.getByLabel('Tekst').fill('Samen met aanbieders een alternatief voor verblijf inkopen.');
    await form.getByRole('button', { name: 'Duiding opslaan' }).click();
    await page.locator('.duiding-text', { hasText: 'alternatief voor verblijf' }).waitFor();

    const written = await server.api<Duiding[]>(`/duiding?session_id=${sessionId}`);
    expect(written.map((d) => [d.kind, d.segment, d.gemeente_code, d.period, d.author]).sort()).toEqual([
      ['verbetervoorstel', 'verblijf', 'REGIO', '2025', 'Test Beheerder'],
      ['verklaring', 'verblijf', 'REGIO', '2025-03', 'Test Beheerder'],
    ]);
    await expect.poll(() => page.locator('.presentation-body .chart-canvas').first().getAttribute('aria-label')).toContain('2 duidingen gemarkeerd');
  });

  it('a verbetervoorstel becomes an action', async () => {
    const proposal = page.locator('.duiding-verbetervoorstel');
    await proposal.getByRole('button', { name: /Maak actie/ }).click();
    await proposal.getByLabel('Actie', { exact: true }).fill('Inkoopverkenning alternatief voor verblijf');
    await proposal.getByLabel('Eigenaar (organisatie)').fill('Regio Twente inkoop');
    await proposal.getByLabel('Uiterlijk').fill('2025-10-01');
    await proposal.getByRole('button', { name: 'Actie opslaan' }).click();
    await expect.poll(async () => (await server.api<Action[]>('/actions')).length).toBe(1);
    const [action] = await server.api<Action[]>('/actions');
    expect(action).toMatchObject({ title: 'Inkoopverkenning alternatief voor verblijf', owner_organisation: 'Regio Twente inkoop', due_date: '2025-10-01', status: 'open' });
    // and the action shows under its proposal
    await expect.poll(() => proposal.locator('.duiding-actions').innerText()).toContain('Actie: Inkoopverkenning alternatief voor verblijf · Regio Twente inkoop · uiterlijk 1 oktober 2025');
    expect(await proposal.getByLabel('Status van Inkoopverkenning alternatief voor verblijf').inputValue()).toBe('open');
    // The proposal says it has an action already; another can still be made.
    expect((await proposal.locator('[data-field="has-actions"]').innerText()).trim()).toBe('Heeft al een actie.');
    expect(await proposal.getByRole('button', { name: /Nog een actie maken/ }).count()).toBe(1);
    // Made in the session: its first status counts as set there.
    expect(action.history[0].session_id).toBe(sessionId);
  });

  it('duiding and the action are still there after a reload, and the duiding shows on the segment chart', async () => {
    await page.reload();
    await settle(page);
    expect(await page.locator('.duiding-text').allInnerTexts()).toEqual(
      expect.arrayContaining(['Twee plaatsingen in JeugdzorgPlus na sluiting van een groep elders.', 'Samen met aanbieders een alternatief voor verblijf inkopen.']),
    );

    await page.goto(`${server.baseUrl}/#/acties`);
    await settle(page);
    const row = page.locator('tbody tr', { hasText: 'Inkoopverkenning alternatief voor verblijf' });
    expect(await row.locator('td').first().innerText()).toBe('Regio Twente inkoop');
    expect(await row.locator('td').nth(1).innerText()).toContain('1 oktober 2025');
    await expectAccessible(page);
    await screenshot(page, 'acties-met-actie');

    await page.goto(`${server.baseUrl}/#/segment/verblijf?jaar=2025`);
    await settle(page);
    expect(await page.locator('.panel .chart-canvas').first().getAttribute('aria-label')).toContain('2 duidingen gemarkeerd');
    expect(await page.locator('aside .duiding-text').count()).toBe(2);
  });

  it('an action is moved on from the list of open actions', async () => {
    await page.goto(`${server.baseUrl}/#/acties`);
    await settle(page);
    await page.getByLabel('Status van Inkoopverkenning alternatief voor verblijf').selectOption('afgerond');
    await expect.poll(async () => (await server.api<Action[]>('/actions'))[0].status).toBe('afgerond');
    await page.waitForSelector('.state-empty');
    expect(await page.locator('.state-empty .state-title').innerText()).toBe('Geen acties met deze status');
  });

  it('the session page lists its duiding and is saved at both screen sizes', async () => {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await page.goto(`${server.baseUrl}/#/sessie/${sessionId}`);
      await settle(page);
      expect(await page.locator('.duiding-text').count()).toBe(2);
      await screenshot(page, 'sessie');
      await page.goto(`${server.baseUrl}/#/presentatie/${sessionId}?item=1`);
      await settle(page);
      await screenshot(page, 'presentatie');
    }
  });
});
