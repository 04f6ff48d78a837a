/**
 * Duiding that keeps its figures, in the browser against the real server: written in
 * presentation mode, changed, its history read; after a later delivery it shows the figure it
 * was written beside and the same figure now. Every agenda topic fits a 1280×720 projector
 * (checked per element with getBoundingClientRect, also with more than three duidingen), and
 * no view scrolls sideways at 1280 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action, Duiding, DuidingHistory, Duidingssessie } from '../../contract/api.ts';
import { formatValue } from '../../web/charts/options.ts';
import { deliverDeclaraties } from '../indicators/helpers/seed.ts';
import { launchBrowser, newContext, screenshot, settle, VIEWPORTS, watchErrors } from './helpers/browser.ts';
import { startWebServer, type WebServer } from './helpers/webServer.ts';

let server: WebServer;
let browser: Browser;
let page: Page;
let errors: string[] = [];
let session: Duidingssessie;
const VIEWPORT = VIEWPORTS[0];

/** A write through the API as the signed-in page (its cookie and CSRF code). */
async function send<T>(method: 'POST' | 'PATCH', path: string, data: object): Promise<T> {
  const me = (await (await page.request.get(`${server.baseUrl}/api/auth/me`)).json()) as { csrf_token: string };
  const res = await page.request.fetch(`${server.baseUrl}/api${path}`, { method, data, headers: { 'x-csrf-token': me.csrf_token } });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Every visible element of the page outside the viewport. An element inside a box that
 * scrolls by itself (the duiding panel) counts by that box: the box must be on screen.
 */
async function offScreen(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    /* eslint-disable @typescript-eslint/no-explicit-any -- page function: the test project compiles without DOM types */
    const g = globalThis as any;
    const scrollsItself = (el: any) => {
      const s = g.getComputedStyle(el);
      return /(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight && el !== g.document.documentElement && el !== g.document.body && el.tagName !== 'MAIN';
    };
    const inScroller = (el: any) => {
      for (let a = el.parentElement; a; a = a.parentElement) if (scrollsItself(a)) return true;
      return false;
    };
    const out: string[] = [];
    for (const el of g.document.querySelectorAll('main *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || g.getComputedStyle(el).visibility === 'hidden' || el.closest('.sr-only')) continue;
      if (inScroller(el)) continue;
      if (r.top < -1 || r.left < -1 || r.bottom > g.innerHeight + 1 || r.right > g.innerWidth + 1) {
        out.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} "${String(el.textContent).trim().slice(0, 30)}" ${Math.round(r.top)}–${Math.round(r.bottom)}`);
      }
    }
    return out;
  });
}

const scrollsSideways = (p: Page) => p.evaluate(() => (globalThis as any).document.documentElement.scrollWidth > (globalThis as any).innerWidth);

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  const context = await newContext(browser, VIEWPORT);
  page = await context.newPage();
  errors = watchErrors(page);
  await page.goto(`${server.baseUrl}/#/sessies`);
  await settle(page);
  session = await send<Duidingssessie>('POST', '/sessions', {
    date: '2025-07-15',
    title: 'Sessie op de beamer',
    agenda: [
      { view: 'overzicht' },
      { segment: 'verblijf', view: 'segment', note: 'Waarom stijgen de kosten van verblijf?' },
      { segment: 'crisis', gemeente_code: 'GM0153', view: 'segment' },
      { segment: 'wonen', view: 'segment' },
      { segment: 'ambulant', view: 'segment' },
    ],
  });
}, 240_000);

afterAll(() => expect(errors).toEqual([]));

describe('duiding in presentation mode', { timeout: 180_000 }, () => {
  it('is written beside the chart, changed by its author and its history read', async () => {
    await page.goto(`${server.baseUrl}/#/presentatie/${session.id}?item=2`);
    await settle(page);
    const form = page.locator('form.duiding-form');
    await form.getByLabel('Soort').selectOption('verklaring');
    await form.getByLabel('Over').selectOption('2025');
    await form.getByLabel('Tekst').fill('Twee dure plaatsingen buiten de regio.');
    await form.getByRole('button', { name: 'Duiding opslaan' }).click();
    const item = page.locator('.duiding', { hasText: 'Twee dure plaatsingen' });
    await item.waitFor();
    const [written] = await server.api<Duiding[]>(`/duiding?session_id=${session.id}`);
    expect(written.figures_at_writing?.peilmaand).toBe(session.peilmaand);
    // Beside it: the figure it was written beside, as the API recorded it.
    const kosten = written.figures_at_writing!.values.find((v) => v.indicator === 'kosten')!;
    expect(await item.locator('[data-field="then"]').innerText()).toBe(formatValue(kosten.value, 'euro', true));

    await item.getByRole('button', { name: /Wijzig/ }).click();
    await item.getByLabel('Tekst').fill('Drie dure plaatsingen buiten de regio.');
    await item.getByRole('button', { name: 'Wijziging bewaren' }).click();
    await page.locator('.duiding-text', { hasText: 'Drie dure plaatsingen' }).waitFor();
    const changed = page.locator('.duiding', { hasText: 'Drie dure plaatsingen' });
    await changed.getByRole('button', { name: /Geschiedenis/ }).click();
    const history = changed.locator('.duiding-history li');
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.nth(0).innerText()).toContain('Geschreven door Test Beheerder');
    expect(await history.nth(1).locator('[data-field="before"]').innerText()).toBe('Twee dure plaatsingen buiten de regio.');
    expect(await history.nth(1).locator('[data-field="after"]').innerText()).toBe('Drie dure plaatsingen buiten de regio.');
    const api = await server.api<DuidingHistory>(`/duiding/${written.id}/history`);
    expect(api.changes.map((c) => c.change)).toEqual(['geschreven', 'gewijzigd']);
  });

  it('after a later delivery shows the figure it was written beside and the same figure now', async () => {
    const store = server.app.store;
    // Late claims for a verblijf trajectory of March, processed in July.
    const [t] = await store.query<{ gemeente_code: string; toewijzing_id: string; client_id: string; productcode: string }>(
      `SELECT t.gemeente_code, t.toewijzing_id, t.client_id, t.productcode FROM toewijzingen t
       JOIN region_products p USING (productcode) WHERE p.segment = 'verblijf' AND t.periode = '2025-03' ORDER BY t.toewijzing_id LIMIT 1`,
    );
    await deliverDeclaraties(store, t.gemeente_code, '2025-07', [{ id: 'laat-1', toewijzing: t.toewijzing_id, client: t.client_id, product: t.productcode, month: '2025-03', bedrag: 250_000 }]);
    // Loaded beside the server: it is told, as its upload route tells itself.
    server.app.versions.invalidate();
    await page.reload();
    await settle(page);
    const [d] = await server.api<Duiding[]>(`/duiding?session_id=${session.id}`);
    const then = d.figures_at_writing!.values.find((v) => v.indicator === 'kosten')!.value;
    const now = d.figures_now.values.find((v) => v.indicator === 'kosten')!.value;
    expect(now).toBeCloseTo(then! + 250_000, 2);
    const item = page.locator('.duiding', { hasText: 'Drie dure plaatsingen' });
    expect(await item.locator('[data-field="then"]').innerText()).toBe(formatValue(then, 'euro', true));
    expect(await item.locator('[data-field="now"]').innerText()).toBe(formatValue(now, 'euro', true));
    expect(await item.locator('[data-field="figures"]').innerText()).toContain('sindsdien veranderd');
    await screenshot(page, 'duiding-toen-nu');
  });
});

describe('presentation at 1280×720', { timeout: 240_000 }, () => {
  it('fits every agenda topic on the screen, also with four duidingen beside the chart, moved through by keyboard', async () => {
    for (const text of ['Tweede duiding.', 'Derde duiding.', 'Vierde duiding, met een langere tekst die over meerdere regels loopt in het paneel.']) {
      await send('POST', '/duiding', { kind: 'signaal', segment: 'verblijf', gemeente_code: 'REGIO', period: '2025', text, session_id: session.id });
    }
    await page.goto(`${server.baseUrl}/#/presentatie/${session.id}?item=1`);
    // Written beside the page: its cached answers are stale.
    await page.reload();
    await settle(page);
    for (let i = 1; i <= session.agenda.length; i++) {
      expect(page.url()).toContain(`item=${i}`);
      expect(await offScreen(page), `onderwerp ${i}`).toEqual([]);
      expect(await scrollsSideways(page), `onderwerp ${i}`).toBe(false);
      // The navigation stays on screen and on one line.
      const nav = await page.locator('.presentation-nav').boundingBox();
      expect(nav!.y + nav!.height, `onderwerp ${i}`).toBeLessThanOrEqual(VIEWPORT.height);
      expect(nav!.height, `onderwerp ${i}: navigatie op één regel`).toBeLessThan(70);
      await screenshot(page, `presentatie-onderwerp-${i}`);
      if (i < session.agenda.length) {
        await page.keyboard.press('ArrowRight');
        await page.waitForURL(new RegExp(`item=${i + 1}`));
        await settle(page);
      }
    }
    // The verblijf topic holds four duidingen; the form scrolls inside the panel.
    await page.goto(`${server.baseUrl}/#/presentatie/${session.id}?item=2`);
    await settle(page);
    expect(await page.locator('.duiding-panel .duiding').count()).toBe(4);
    expect(await offScreen(page)).toEqual([]);
    // The overview topic: every card (Ambulant and Crisis too) and Vorige/Volgende on screen.
    await page.goto(`${server.baseUrl}/#/presentatie/${session.id}?item=1`);
    await settle(page);
    // No figure sticks out of its place on a card (a main figure running into the target beside it).
    const sticking = await page.evaluate(() =>
      [...(globalThis as any).document.querySelectorAll('.card-figures dd')].filter((el: any) => el.scrollWidth > el.clientWidth + 1).map((el: any) => el.textContent),
    );
    expect(sticking).toEqual([]);
    for (const row of ['ambulant', 'crisis']) {
      const box = await page.locator(`article[data-segment="${row}"]`).boundingBox();
      expect(box!.y + box!.height, row).toBeLessThanOrEqual(VIEWPORT.height);
    }
    const next = await page.getByRole('link', { name: /Volgende/ }).boundingBox();
    expect(next!.y + next!.height).toBeLessThanOrEqual(VIEWPORT.height);
  });

  it('no view scrolls sideways at 1280 px, and the navigation is one line', async () => {
    const views = ['#/overzicht', '#/segment/verblijf?jaar=2025', '#/gemeente/GM0153?jaar=2025', '#/datakwaliteit', '#/sessies', `#/sessie/${session.id}`, '#/acties', '#/jaarrapport?jaar=2025', '#/auditlog'];
    const wide: string[] = [];
    for (const hash of views) {
      await page.goto(`${server.baseUrl}/${hash}`);
      await settle(page);
      if (await scrollsSideways(page)) {
        wide.push(
          `${hash} ${await page.evaluate(() => {
            const g = globalThis as any;
            return [...g.document.querySelectorAll('body *')]
              .filter((el: any) => el.getBoundingClientRect().right > g.innerWidth + 1)
              .slice(0, 4)
              .map((el: any) => `${el.tagName}.${String(el.className).split(' ')[0]}:${Math.round(el.getBoundingClientRect().right)}`)
              .join(' ');
          })}`,
        );
      }
      // A table that scrolls inside its box hides its last columns just the same (the Gemeente table's "Status regio").
      const clipped = await page.evaluate(() =>
        [...(globalThis as any).document.querySelectorAll('.table-scroll')].filter((el: any) => el.scrollWidth > el.clientWidth + 1).map((el: any) => `${el.querySelector('caption')?.textContent ?? 'tabel'} (${el.scrollWidth} > ${el.clientWidth}) ${[...el.querySelectorAll('thead th')].map((th: any) => Math.round(th.getBoundingClientRect().width)).join(',')}`),
      );
      if (clipped.length) wide.push(`${hash} tabel: ${clipped.join(', ')}`);
      const rows = await page.evaluate(() => {
        const items = [...(globalThis as any).document.querySelectorAll('.app-header nav li')].map((li: any) => Math.round(li.getBoundingClientRect().top));
        return new Set(items).size;
      });
      expect(rows, `${hash}: navigatie op één regel`).toBe(1);
    }
    expect(wide).toEqual([]);
  });
});

describe('sessions and actions are changed where they are shown', { timeout: 120_000 }, () => {
  it("changes a session's title and an action's owner and status; the status counts as set in that session", async () => {
    const proposal = await send<Duiding>('POST', '/duiding', { kind: 'verbetervoorstel', segment: 'wonen', gemeente_code: 'REGIO', period: '2025', text: 'Meer pleeggezinnen werven.', session_id: session.id });
    const action = await send<Action>('POST', '/actions', { duiding_id: proposal.id, title: 'Wervingscampagne', owner_organisation: 'Regio' });
    await page.goto(`${server.baseUrl}/#/sessie/${session.id}`);
    await page.reload();
    await settle(page);

    await page.getByRole('button', { name: 'Sessie wijzigen' }).click();
    await page.getByLabel('Titel').fill('Sessie op de beamer, bijgewerkt');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect.poll(() => page.locator('main h1').first().innerText()).toBe('Sessie op de beamer, bijgewerkt');
    const saved = await server.api<Duidingssessie>(`/sessions/${session.id}`);
    expect(saved).toMatchObject({ title: 'Sessie op de beamer, bijgewerkt', date: session.date, peilmaand: session.peilmaand });
    // The agenda is the same topics (the form names the region where the session left it open).
    const topics = (s: Duidingssessie) => s.agenda.map((a) => [a.segment, a.gemeente_code ?? 'REGIO', a.note]);
    expect(topics(saved)).toEqual(topics(session));

    const line = page.locator(`.action-line[data-action-id="${action.id}"]`);
    await line.getByRole('button', { name: /Wijzig/ }).click();
    await line.getByLabel('Eigenaar (organisatie)').fill('Gemeente Enschede');
    await line.getByRole('button', { name: 'Actie bewaren' }).click();
    await expect.poll(async () => (await server.api<Action>(`/actions/${action.id}`)).owner_organisation).toBe('Gemeente Enschede');
    await page.locator(`.action-line[data-action-id="${action.id}"]`).getByLabel(/Status van/).selectOption('lopend');
    await expect.poll(async () => (await server.api<Action>(`/actions/${action.id}`)).status).toBe('lopend');
    const after = await server.api<Action>(`/actions/${action.id}`);
    expect(after.history.at(-1)).toMatchObject({ status: 'lopend', session_id: session.id });
    // The proposal says it already has an action.
    expect((await page.locator(`.duiding[data-duiding-id="${proposal.id}"] [data-field="has-actions"]`).innerText()).trim()).toBe('Heeft al een actie.');
  });
});
