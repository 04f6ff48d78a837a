/**
 * The decomposition in the segment view, in headless Chromium against the real server on the
 * fixtures: the sentence on screen is the API's split in words, with Dutch number formats, and
 * the waterfall is drawn beside it; a gemeente's view asks for that gemeente's split.
 */
import type { Browser, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DecompositionAnswer } from '../../contract/decomposition.ts';
import { decompositionSentence } from '../../web/lib/decomposition.ts';
import { ROW_LABELS } from '../../web/lib/labels.ts';
import { launchBrowser, newContext, settle, watchErrors } from './helpers/browser.ts';
import { startWebServer, YEAR, type WebServer } from './helpers/webServer.ts';

let server: WebServer;
let browser: Browser;
let page: Page;
let errors: string[] = [];

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
}, 240_000);

afterEach(async () => {
  await page?.context().close();
  expect(errors).toEqual([]);
});

async function open(hash: string): Promise<Page> {
  page = await (await newContext(browser)).newPage();
  errors = watchErrors(page);
  await page.goto(`${server.baseUrl}/${hash}`);
  await settle(page);
  return page;
}

describe('the decomposition in the segment view', { timeout: 120_000 }, () => {
  it('shows the split of the region change as one Dutch sentence and a waterfall', async () => {
    const d = await server.api<DecompositionAnswer>(`/decomposition?segment=verblijf&year=${YEAR}`);
    expect(d.volume_pct).not.toBeNull();
    const p = await open(`#/segment/verblijf?jaar=${YEAR}`);
    const sentence = p.locator('[data-testid="decomposition-sentence"]');
    await expect.poll(() => sentence.count()).toBe(1);
    const shown = (await sentence.innerText()).trim();
    expect(shown).toBe(decompositionSentence(d, ROW_LABELS.verblijf));
    // Dutch: a decimal comma, signs on each part, and the words for each effect.
    expect(shown).toMatch(/^Kosten verblijf [+−]\d+,\d\u00a0%: [+−]\d+,\d\u00a0% door (meer|minder) cliënten, [+−]\d+,\d\u00a0% door (hogere|lagere) kosten per cliënt$/);
    expect(await p.locator('.decomposition [role="img"], .decomposition canvas').count()).toBeGreaterThan(0);
  });

  it('a gemeente view shows that gemeente\'s change', async () => {
    const code = (await server.api<DecompositionAnswer>(`/decomposition?segment=ambulant&year=${YEAR}`)).gemeenten[0].gemeente_code;
    const d = await server.api<DecompositionAnswer>(`/decomposition?segment=ambulant&year=${YEAR}&scope=${code}`);
    const p = await open(`#/segment/ambulant?jaar=${YEAR}&gemeente=${code}`);
    const sentence = p.locator('[data-testid="decomposition-sentence"]');
    await expect.poll(() => sentence.count()).toBe(1);
    expect((await sentence.innerText()).trim()).toBe(decompositionSentence(d, ROW_LABELS.ambulant));
  });
});
