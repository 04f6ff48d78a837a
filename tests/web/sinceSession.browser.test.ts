/**
 * *Sinds de vorige sessie* in headless Chromium against the real server: two sessions at
 * different peilmaanden; the page for the second shows the first session's topics with their
 * figure as known at its peilmaand and as known now (as the API serves them), and the actions
 * that came out of it with their status and history since. Reached from the Sessies list, the
 * "Sessie voorbereiden" form and a session.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action, Duiding, Duidingssessie } from '../../contract/api.ts';
import type { OverviewCard } from '../../contract/indicators.ts';
import { formatValue } from '../../web/charts/options.ts';
import { formatMonth, hiddenCount } from '../../web/lib/format.ts';
import { expectAccessible, launchBrowser, newContext, screenshot, settle, VIEWPORTS, watchErrors } from './helpers/browser.ts';
import { startWebServer, type WebServer } from './helpers/webServer.ts';

let server: WebServer;
let browser: Browser;
let page: Page;
let errors: string[] = [];
let first: Duidingssessie;
let second: Duidingssessie;
let action: Action;

/** A write through the API as the signed-in page (its cookie and CSRF code). */
async function send<T>(method: 'POST' | 'PATCH', path: string, data: object): Promise<T> {
  const me = (await (await page.request.get(`${server.baseUrl}/api/auth/me`)).json()) as { csrf_token: string };
  const res = await page.request.fetch(`${server.baseUrl}/api${path}`, { method, data, headers: { 'x-csrf-token': me.csrf_token } });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  page = await (await newContext(browser, VIEWPORTS[0])).newPage();
  errors = watchErrors(page);
  await page.goto(`${server.baseUrl}/#/sessies`);
  await settle(page);
  // The first session looked at March; the fixtures deliver up to June, so its months moved since.
  first = await send<Duidingssessie>('POST', '/sessions', {
    date: '2025-04-15',
    title: 'Sessie april',
    peilmaand: '2025-03',
    agenda: [
      { segment: 'verblijf', view: 'segment', note: 'Waarom stijgen de kosten van verblijf?' },
      { segment: 'crisis', gemeente_code: 'GM0153', view: 'segment' },
    ],
  });
  const proposal = await send<Duiding>('POST', '/duiding', { kind: 'verbetervoorstel', segment: 'verblijf', gemeente_code: 'REGIO', period: '2025', text: 'Alternatief voor verblijf inkopen.', session_id: first.id });
  action = await send<Action>('POST', '/actions', { duiding_id: proposal.id, title: 'Inkoop alternatief verblijf', owner_organisation: 'Regio Twente', session_id: first.id });
  second = await send<Duidingssessie>('POST', '/sessions', { date: '2025-06-20', title: 'Sessie juni', peilmaand: '2025-05', agenda: [{ segment: 'wonen', view: 'segment' }] });
  // Agreed in the second session: the action is under way.
  action = await send<Action>('PATCH', `/actions/${action.id}`, { status: 'lopend', session_id: second.id });
  // Written beside the page: a reload drops what it had read before.
  await page.reload();
  await settle(page);
}, 240_000);

afterAll(() => expect(errors).toEqual([]));

describe('sinds de vorige sessie', { timeout: 120_000 }, () => {
  it('the page for the second session shows the first session’s topics then and now, as the API serves them', async () => {
    await page.goto(`${server.baseUrl}/#/sessie/${second.id}`);
    await settle(page);
    await page.getByRole('link', { name: 'Sinds de vorige sessie' }).click();
    await settle(page);
    expect(page.url()).toContain(`#/sinds/${second.id}`);
    expect(await page.locator('main h1').innerText()).toBe('Sinds de vorige sessie');
    const topics = page.locator('.since-topics > li');
    expect(await topics.locator('h2').allInnerTexts()).toEqual(['Verblijf · Regio Twente', 'Crisis · Enschede']);

    const threshold = (await server.api<{ privacy_threshold: number }>('/region')).privacy_threshold;
    const periods = await server.api<{ newest_peilmaand: string }>('/periods');
    let month = '';
    for (const [segment, scope] of [['verblijf', 'REGIO'], ['crisis', 'GM0153']] as const) {
      const thenCard = (await server.api<OverviewCard[]>(`/overview?year=2025&scope=${scope}&peilmaand=${first.peilmaand}`)).find((c) => c.segment === segment)!;
      month = thenCard.month;
      const nowCard = (await server.api<OverviewCard[]>(`/overview?year=2025&scope=${scope}&month=${thenCard.month}`)).find((c) => c.segment === segment)!;
      const figures = page.locator(`.since-figures[data-segment="${segment}"][data-scope="${scope}"]`);
      // The figure is the estimate to date (the target measure's, what the status rests on), the observed figure beside it while they differ.
      const shown = (card: OverviewCard) => {
        const t = card.target!;
        const hidden = t.measure === 'instroom' && card.instroom_ytd.suppressed;
        return {
          main: hidden ? hiddenCount(threshold) : formatValue(t.estimated_ytd, t.measure === 'kosten' ? 'euro' : 'count', true),
          observed: t.estimate_based && !hidden ? formatValue(t.value_ytd, t.measure === 'kosten' ? 'euro' : 'count', true) : null,
        };
      };
      // The figures as known now come in after those at the peilmaand: wait for them, then compare.
      await expect.poll(() => figures.locator('[data-field="now"]').innerText()).toBe(shown(nowCard).main);
      expect(await figures.locator('[data-field="then"]').innerText()).toBe(shown(thenCard).main);
      for (const [field, card] of [['then', thenCard], ['now', nowCard]] as const) {
        const observed = figures.locator(`[data-field="${field}_observed"]`);
        expect(await observed.count(), `${segment} ${field}`).toBe(shown(card).observed === null ? 0 : 1);
        if (shown(card).observed !== null) expect(await observed.innerText()).toBe(shown(card).observed);
      }
      if (segment === 'verblijf') {
        // The session saw months still coming in: its figure was an estimate, and said so.
        expect(thenCard.target!.estimate_based).toBe(true);
        expect(await figures.locator('.headline-estimate').first().innerText()).toContain('geschat (waargenomen');
        const [t, n] = [thenCard.target!.estimated_ytd!, nowCard.target!.estimated_ytd!];
        expect(n, 'later deliveries moved the months the first session saw').not.toBe(t);
        const sign = n > t ? '+' : '−';
        expect(await figures.locator('[data-field="change"]').innerText()).toContain(`${sign}${formatValue(Math.abs(n - t), 'euro', true)}`);
      }
    }
    // The period and both stands are said once, for the whole page.
    const period = await page.locator('.since-period').innerText();
    expect(period).toContain('Sessie april');
    expect(period).toContain(`eind ${formatMonth(first.peilmaand!)}`);
    expect(period).toContain(`eind ${formatMonth(periods.newest_peilmaand)}`);
    expect(period).toContain(`t/m ${formatMonth(month)}`);
    expect(await page.locator('.since-figures dt', { hasText: /maart|juni/ }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'sinds-vorige-sessie');
  });

  it('shows the actions that came out of the first session, their status and history since', async () => {
    const line = page.locator(`.since-topics > li[data-topic="1"] [data-action-id="${action.id}"]`);
    await line.waitFor();
    expect(await line.locator('[data-field="status"]').innerText()).toBe('Lopend');
    const steps = await line.locator('.since-history li').allInnerTexts();
    expect(steps).toHaveLength(action.history.length);
    expect(steps[0]).toContain('Open');
    expect(steps[0]).toContain('Sessie april');
    expect(steps[1]).toContain('Lopend');
    expect(steps[1]).toContain('Sessie juni');
    // The crisis topic had no action.
    expect(await page.locator('.since-topics > li[data-topic="2"] [data-action-id]').count()).toBe(0);
  });

  it('from the Sessies list and from "Sessie voorbereiden" it looks back on the newest session', async () => {
    await page.goto(`${server.baseUrl}/#/sessies`);
    await settle(page);
    await page.locator('#lijst-kop ~ p').getByRole('link', { name: 'Sinds de vorige sessie' }).click();
    await settle(page);
    expect(page.url()).toMatch(/#\/sinds(\?|$)/);
    expect(await page.locator('.since-topics > li h2').allInnerTexts()).toEqual(['Wonen · Regio Twente']);
    expect(await page.locator('.since-period').innerText()).toContain('Sessie juni');

    await page.goto(`${server.baseUrl}/#/sessies`);
    await settle(page);
    expect(await page.locator('form.plan-form').getByRole('link', { name: 'Sinds de vorige sessie' }).getAttribute('href')).toMatch(/^#\/sinds(\?|$)/);
  });

  it('the first session has none before it, and says so', async () => {
    await page.goto(`${server.baseUrl}/#/sinds/${first.id}`);
    await settle(page);
    expect(await page.locator('.state-empty').innerText()).toContain('Geen eerdere sessie');
  });
});
