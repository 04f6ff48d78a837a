import { describe, expect, it } from 'vitest';
import { launchBrowser } from '../web/helpers/browser.ts';
import { testApp } from './testApp.ts';

describe('API documentation in a real browser', () => {
  it('renders Swagger UI under the security headers, without console errors', async () => {
    const app = await testApp();
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await launchBrowser();
    // No bypassCSP: the page must work under the CSP the server sends.
    const context = await browser.newContext({ locale: 'nl-NL' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${address}/api/docs`);
    await page.waitForSelector('.opblock-tag', { timeout: 20_000 });
    const tags = await page.$$eval('.opblock-tag', (els) => els.map((e) => e.getAttribute('data-tag')));
    expect(tags).toEqual(expect.arrayContaining(['duiding', 'indicatoren', 'leveringen']));
    expect(await page.textContent('.info .title')).toContain('Koersbord API');
    expect(errors).toEqual([]);
    await context.close();
  });
});
