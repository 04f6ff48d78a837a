/**
 * The jaarrapport on screen beside Nederland (real app on the fixtures, headless Chromium): the
 * Do chapter lists the national lines and the wonen + verblijf Check section says
 * "Twente … · Nederland 16,8 % (CBS 2024, voorlopig)" with the region's own figure.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportPayload } from '../../contract/report.ts';
import { buildApp } from '../../server/app.ts';
import { nationalLineText } from '../../web/lib/reference.ts';
import { tempDir } from '../helpers/tempStore.ts';
import { launchBrowser, newContext, watchErrors } from '../web/helpers/browser.ts';
import { ensureWebBuilt } from '../web/helpers/webBuild.ts';
import { signInTestAdmin } from '../web/helpers/webServer.ts';
import { buildReportStore, REPORT_YEAR } from './helpers/reportStore.ts';

let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;
let cookie: string;

beforeAll(async () => {
  const webRoot = await ensureWebBuilt();
  const store = await buildReportStore(tempDir('koersbord-report-national-'));
  app = await buildApp({ store, webRoot });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server luistert niet');
  baseUrl = `http://127.0.0.1:${address.port}`;
  cookie = await signInTestAdmin(store, baseUrl);
  browser = await launchBrowser();
}, 180_000);
afterAll(() => app?.close());

/* eslint-disable @typescript-eslint/no-explicit-any -- page functions: the test project compiles without DOM types */
describe('the jaarrapport beside Nederland', { timeout: 120_000 }, () => {
  it('says the region and Nederland side by side in the Do chapter and the Check section of the row', async () => {
    const payload = (await (await fetch(`${baseUrl}/api/report?year=${REPORT_YEAR}`, { headers: { cookie } })).json()) as ReportPayload;
    const gezinsgericht = payload.national.find((l) => l.indicator === 'gezinsgericht_pct' && l.segment === 'wonen_verblijf')!;
    expect(gezinsgericht.value).not.toBeNull();
    const expected = nationalLineText(payload, gezinsgericht);
    expect(expected).toMatch(/^Twente \d+,\d\u00a0% · Nederland 16,8\u00a0% \(CBS 2024, voorlopig\)$/);

    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${baseUrl}/#/jaarrapport?jaar=${REPORT_YEAR}`);
    await page.waitForFunction(() => (globalThis as any).document.documentElement.dataset.reportReady === 'true', undefined, { timeout: 30_000 });
    const inDo = page.locator('#do [data-national="alle"] [data-national-indicator="gezinsgericht_pct"]');
    expect(await inDo.innerText()).toContain(expected);
    const inCheck = page.locator('#check-wonen_verblijf [data-national="wonen_verblijf"]');
    expect(await inCheck.locator('[data-national-indicator="gezinsgericht_pct"]').innerText()).toContain(expected);
    expect(await inCheck.locator('.footnotes').innerText()).toContain('CBS telt trajecten in natura die vanuit crisis startten');
    expect(errors).toEqual([]);
    await context.close();
  });
});
