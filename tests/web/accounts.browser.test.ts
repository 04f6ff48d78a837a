/**
 * Account management in the browser: a beheerder adds an account and sees its one-time password
 * once, changes its role, disables and enables it, and hands out a new one-time password; the
 * new user must choose an own password first, then sees their open sessions and ends one.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccount } from '../../server/auth/accounts.ts';
import { expectAccessible, launchBrowser, newContext, settle, watchErrors } from './helpers/browser.ts';
import { startWebServer, type WebServer } from './helpers/webServer.ts';

let server: WebServer;
let browser: Browser;
const errors: string[] = [];
const EMAIL = 'nieuwe.collega@almelo.nl';

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  expect(errors).toEqual([]);
});

async function page(signedIn = true): Promise<Page> {
  const p = await (await newContext(browser, undefined, { signedIn })).newPage();
  return p;
}

const oneTimeOnPage = async (p: Page) => {
  await p.waitForSelector('.one-time-password code');
  return p.locator('.one-time-password code').innerText();
};

describe('account management', { timeout: 120_000 }, () => {
  let oneTime = '';

  it('a beheerder adds an account from the user menu and sees its one-time password once', async () => {
    const p = await page();
    errors.push(...watchErrors(p));
    await p.goto(`${server.baseUrl}/#/overzicht`);
    await settle(p);
    await p.locator('.user-menu summary').click();
    await p.getByRole('link', { name: 'Gebruikers' }).click();
    await settle(p);
    expect(await p.locator('main h1').innerText()).toBe('Gebruikers');
    await expectAccessible(p);
    await p.getByLabel('E-mailadres').fill(EMAIL);
    await p.getByLabel('Naam', { exact: true }).fill('Nieuwe Collega');
    await p.getByLabel('Rol', { exact: true }).selectOption('lezer');
    await p.getByLabel('Gemeenten (geen keuze: hele regio)').selectOption(['GM0153']);
    await p.getByRole('button', { name: 'Toevoegen' }).click();
    oneTime = await oneTimeOnPage(p);
    expect(oneTime).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const row = p.locator(`tr[data-email="${EMAIL}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('eenmalig wachtwoord');
    expect((await findAccount(server.app.store, EMAIL))).toMatchObject({ role: 'lezer', gemeenten: ['GM0153'], must_change_password: true });

    // Role changed to analist, then disabled and enabled again: the store follows each step.
    await row.getByLabel(`Rol van ${EMAIL}`).selectOption('analist');
    await expect.poll(async () => (await findAccount(server.app.store, EMAIL))?.role).toBe('analist');
    await row.getByRole('button', { name: 'Uitschakelen' }).click();
    await expect.poll(async () => (await findAccount(server.app.store, EMAIL))?.disabled).toBe(true);
    await row.getByRole('button', { name: 'Inschakelen' }).click();
    await expect.poll(async () => (await findAccount(server.app.store, EMAIL))?.disabled).toBe(false);
    // Reset: a new one-time password; the first stops working.
    await p.getByRole('button', { name: 'Gezien, verbergen' }).click();
    await row.getByRole('button', { name: 'Nieuw wachtwoord' }).click();
    const second = await oneTimeOnPage(p);
    expect(second).not.toBe(oneTime);
    oneTime = second;
    await p.context().close();
  });

  it('the new user chooses an own password first, then sees their sessions and ends another one', async () => {
    const other = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: EMAIL, password: oneTime } });
    expect(other.statusCode).toBe(200);
    const p = await page(false);
    errors.push(...watchErrors(p));
    await p.goto(`${server.baseUrl}/#/overzicht`);
    await p.getByLabel('E-mailadres').fill(EMAIL);
    await p.getByLabel('Wachtwoord').fill(oneTime);
    await p.getByRole('button', { name: 'Aanmelden' }).click();
    await p.waitForSelector('h1:has-text("Kies een eigen wachtwoord")');
    await expectAccessible(p);
    await p.getByLabel('Eenmalig wachtwoord').fill(oneTime);
    await p.getByLabel('Nieuw wachtwoord', { exact: true }).fill('collega-eigen-wachtwoord');
    await p.getByLabel('Nieuw wachtwoord nog eens').fill('collega-eigen-wachtwoord');
    await p.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await p.waitForSelector('.user-menu summary');
    await settle(p);
    expect(await p.locator('.user-menu summary').innerText()).toContain('Nieuwe Collega (analist · GM0153)');

    // Choosing the password ended the other session already; sign in elsewhere once more to end it here.
    await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: EMAIL, password: 'collega-eigen-wachtwoord' } });
    await p.locator('.user-menu summary').click();
    await p.getByRole('link', { name: 'Mijn account' }).click();
    await settle(p);
    const rows = p.locator('.own-sessions tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.filter({ hasText: 'deze sessie' }).count()).toBe(1);
    await rows.getByRole('button', { name: 'Beëindigen' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await p.context().close();
  });
});
