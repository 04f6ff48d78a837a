/**
 * Access control in the browser, against the real server: the sign-in page (under the real
 * CSP, accessible), the user menu with sign-out, views and forms by role, the audit log view,
 * and a script in duiding text shown as text, never run.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/auth/accounts.ts';
import { signIn } from '../server/testApp.ts';
import { expectAccessible, launchBrowser, newContext, screenshot, settle, watchErrors } from './helpers/browser.ts';
import { startWebServer, TEST_ADMIN, YEAR, type WebServer } from './helpers/webServer.ts';

let server: WebServer;
let browser: Browser;
const errors: string[] = [];
const SCRIPT = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> let op';

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  await createAccount(server.app.store, { email: 'lezer.almelo@test.koersbord.nl', name: 'Lezer Almelo', role: 'lezer', gemeenten: ['GM0141'], password: 'lezer-wachtwoord-1' });
  const admin = await signIn(server.app, { name: 'API Beheerder' });
  const res = await server.app.inject({ method: 'POST', url: '/api/duiding', headers: admin, payload: { kind: 'signaal', segment: 'verblijf', gemeente_code: 'REGIO', period: String(YEAR), text: SCRIPT } });
  if (res.statusCode !== 201) throw new Error(res.body);
}, 240_000);

afterAll(() => expect(errors).toEqual([]));

async function signedOutPage(): Promise<Page> {
  const context = await newContext(browser, undefined, { signedIn: false });
  const page = await context.newPage();
  errors.push(...watchErrors(page));
  return page;
}

async function signInThroughPage(page: Page, email: string, password: string) {
  await page.goto(`${server.baseUrl}/#/overzicht`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  // The app replaces the sign-in page once the session is there: settle the app, not the form.
  await page.waitForSelector('.user-menu summary');
  await settle(page);
}

describe('signing in and out', { timeout: 120_000 }, () => {
  it('shows an accessible sign-in page, refuses a wrong password in Dutch, then opens the app', async () => {
    const page = await signedOutPage();
    await page.goto(`${server.baseUrl}/#/overzicht`);
    await page.waitForSelector('form.signin-form');
    expect(await page.locator('main h1').innerText()).toContain('aanmelden');
    await expectAccessible(page);
    await screenshot(page, 'aanmelden');
    await page.getByLabel('E-mailadres').fill(TEST_ADMIN.email);
    await page.getByLabel('Wachtwoord').fill('helemaal-fout-123');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForSelector('.form-error');
    expect(await page.locator('.form-error').innerText()).toBe('Het e-mailadres of het wachtwoord klopt niet.');
    await page.getByLabel('Wachtwoord').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForSelector('.user-menu summary');
    await settle(page);
    expect(await page.locator('.user-menu summary').innerText()).toContain(TEST_ADMIN.name);
    expect(await page.getByRole('link', { name: 'Auditlog' }).count()).toBe(1);

    // Sign out: back to the sign-in page, and a reload stays there.
    await page.locator('.user-menu summary').click();
    await page.getByRole('button', { name: 'Afmelden', exact: true }).click();
    await page.waitForSelector('form.signin-form');
    await page.reload();
    await page.waitForSelector('form.signin-form');
    await page.context().close();
  });

  it('the audit log view starts on the changes in Dutch, filters by kind through the URL, and offers the CSV', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    errors.push(...watchErrors(page));
    await page.goto(`${server.baseUrl}/#/auditlog`);
    await settle(page);
    expect(await page.locator('main h1').innerText()).toBe('Auditlog');
    // Changes first, told in Dutch: the duiding written in beforeAll, not the sign-ins.
    expect(await page.locator('.audit-table tbody tr', { hasText: /^.*Duiding \d+ .* toegevoegd/ }).count()).toBe(1);
    expect(await page.locator('.audit-table tbody tr[data-action="aangemeld"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Download als CSV' }).getAttribute('href')).toContain('/api/audit?format=csv');
    expect(await page.getByRole('link', { name: 'Download als CSV' }).getAttribute('href')).toContain('kind=wijziging');
    // The kind filter goes into the URL and the list follows it.
    await page.getByLabel('Soort').selectOption('aanmelden');
    await settle(page);
    expect(page.url()).toContain('soort=aanmelden');
    expect(await page.locator('.audit-table tbody tr', { hasText: 'Aangemeld' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.audit-table tbody tr', { hasText: 'Aanmelden mislukt voor' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.audit-table tbody tr').first().locator('td').first().innerText()).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
    await expectAccessible(page);
    await context.close();
  });

  it('a limited lezer sees no audit log, no upload and no duiding form', async () => {
    const page = await signedOutPage();
    await signInThroughPage(page, 'lezer.almelo@test.koersbord.nl', 'lezer-wachtwoord-1');
    expect(await page.locator('.user-menu summary').innerText()).toContain('lezer · GM0141');
    expect(await page.getByRole('link', { name: 'Auditlog' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/#/datakwaliteit`);
    await settle(page);
    expect(await page.locator('form.upload').count()).toBe(0);
    await page.goto(`${server.baseUrl}/#/segment/verblijf`);
    await settle(page);
    expect(await page.locator('form.duiding-form').count()).toBe(0);
    await page.goto(`${server.baseUrl}/#/acties`);
    await settle(page);
    expect(await page.locator('table select').count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });
});

describe('a script in duiding text', { timeout: 120_000 }, () => {
  it('is shown as text and never runs', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    errors.push(...watchErrors(page));
    await page.goto(`${server.baseUrl}/#/segment/verblijf?jaar=${YEAR}`);
    await settle(page);
    const shown = page.locator('.duiding-text', { hasText: 'let op' }).first();
    expect(await shown.innerText()).toBe(SCRIPT);
    /* eslint-disable-next-line @typescript-eslint/no-explicit-any -- page function */
    expect(await page.evaluate(() => (globalThis as any).__xss ?? null)).toBeNull();
    expect(await page.locator('.duiding-text img').count()).toBe(0);
    await context.close();
  });
});
