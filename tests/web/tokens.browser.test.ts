/**
 * Personal access tokens in the browser (web/views/Toegangstokens.tsx), against the real
 * server: make a token, see its value once, use it as a bearer token, revoke it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newContext, screenshot, settle, watchErrors } from './helpers/browser.ts';
import { startWebServer, YEAR, type WebServer } from './helpers/webServer.ts';

let server: WebServer;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
}, 240_000);

afterAll(() => expect(errors).toEqual([]));

const feed = (token: string) => fetch(`${server.baseUrl}/api/feeds/values.csv?year=${YEAR}`, { headers: { authorization: `Bearer ${token}` } });

describe('toegangstokens', { timeout: 120_000 }, () => {
  it('makes a token shown once, lists it, and revokes it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    errors.push(...watchErrors(page));
    await page.goto(`${server.baseUrl}/#/overzicht`);
    await settle(page);
    await page.locator('.user-menu summary').click();
    await page.getByRole('link', { name: 'Toegangstokens' }).click();
    await settle(page);
    expect(await page.locator('main h1').innerText()).toBe('Toegangstokens');
    expect(await page.getByText('Je hebt nog geen toegangstokens.').count()).toBe(1);

    // A name is required: the server's Dutch refusal is shown (the browser's own check is bypassed).
    await page.getByLabel('Naam').fill('   ');
    await page.getByRole('button', { name: 'Token maken' }).click();
    await page.waitForSelector('.form-error');
    expect(await page.locator('.form-error').innerText()).toBe('Controleer het formulier: geef het token een naam (bijvoorbeeld "Power BI wachtlijsten").');

    await page.getByLabel('Naam').fill('Power BI wachtlijsten');
    await page.getByRole('button', { name: 'Token maken' }).click();
    await page.waitForSelector('[data-token]');
    const token = (await page.locator('[data-token]').innerText()).trim();
    expect(token).toMatch(/^kbt_[A-Za-z0-9_-]{43}$/);
    expect(await page.locator('.token-created').innerText()).toContain('maar één keer');
    await expectAccessible(page);
    await screenshot(page, 'toegangstokens');

    const row = page.locator('.tokens-table tbody tr', { hasText: 'Power BI wachtlijsten' });
    expect(await row.locator('td').nth(5).innerText()).toBe('actief');
    expect(await row.locator('td').nth(4).innerText()).toBe('nooit');

    const answer = await feed(token);
    expect(answer.status).toBe(200);
    expect((await answer.text()).split('\n')[0]).toContain('segment;gemeente_code;period');

    // Once: after "bewaard" and after a reload the value is nowhere on the page.
    await page.getByRole('button', { name: 'Ik heb het bewaard' }).click();
    expect(await page.locator('[data-token]').count()).toBe(0);
    await page.reload();
    await settle(page);
    expect(await page.content()).not.toContain(token);
    expect(await row.locator('td').nth(4).innerText()).not.toBe('nooit');

    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Intrekken' }).click();
    await row.locator('td').nth(5).filter({ hasText: /^ingetrokken / }).waitFor();
    expect(await row.getByRole('button', { name: 'Intrekken' }).count()).toBe(0);
    expect((await feed(token)).status).toBe(401);
    await context.close();
  });
});
