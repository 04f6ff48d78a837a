/**
 * Single sign-on in the browser against a real OpenID provider (oidc-provider on 127.0.0.1):
 * sign in with the organisation's account, land with the role and gemeenten the provider's
 * groups map to, sign out there too; and the refusals: no mapped group, an ID token for
 * another application, an expired one, and a callback replayed.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { listAudit } from '../../server/auth/audit.ts';
import type { OidcConfig } from '../../server/auth/oidc.ts';
import { startOidcProvider, type Person, type TestProvider } from '../helpers/oidcProvider.ts';
import { tempDir } from '../helpers/tempStore.ts';
import { loadFiles } from '../../etl/index.ts';
import { generateFixtures } from '../../fixtures/index.ts';
import { loadRegion } from '../../region/config.ts';
import { openStore } from '../../store/store.ts';
import { FIXTURE_UNTIL, YEAR } from './helpers/webServer.ts';
import { launchBrowser, newContext, settle } from './helpers/browser.ts';
import { ensureWebBuilt } from './helpers/webBuild.ts';

const people: Record<string, Person> = {
  anna: { email: 'Anna.Jansen@enschede.nl', name: 'Anna Jansen', groups: ['grp-koersbord-enschede'] },
  zonder: { email: 'piet@hengelo.nl', name: 'Piet Zonder Groep', groups: ['grp-iets-anders'] },
  bert: { email: 'bert@samentwente.nl', name: 'Bert Beheer', groups: ['grp-koersbord-beheer', 'grp-koersbord-enschede'] },
};

let provider: TestProvider;
let app: FastifyInstance;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  provider = await startOidcProvider(people);
  const config: OidcConfig = {
    issuer: new URL(provider.issuer),
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    redirectUrl: new URL('http://127.0.0.1/api/auth/oidc/callback'),
    groupsClaim: 'groups',
    groups: { 'grp-koersbord-enschede': { role: 'lezer', gemeenten: ['GM0153'] }, 'grp-koersbord-beheer': { role: 'beheerder' } },
    contact: 'het Koersbord-team van SamenTwente',
  };
  // The small fixtures (Enschede among them), so the overview a person lands on has figures.
  const dir = tempDir('koersbord-sso-');
  await generateFixtures({ outDir: join(dir, 'fixtures'), profile: 'small', until: FIXTURE_UNTIL });
  const store = await openStore(join(dir, 'sso.duckdb'), loadRegion());
  await loadFiles(store, [join(dir, 'fixtures')], { loadedBy: 'test' });
  app = await buildApp({ store, webRoot: await ensureWebBuilt(), oidc: config });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  // The redirect URI holds Koersbord's port, known only now that it listens.
  config.redirectUrl.port = String(port);
  provider.trust(baseUrl);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await provider?.close();
});

/** A new browser (no Koersbord or provider session), at the provider's login page, signing in as `login`. */
async function signInThroughProvider(login: string, page?: Page): Promise<Page> {
  page ??= await (await newContext(browser, undefined, { signedIn: false })).newPage();
  await page.goto(`${baseUrl}/#/overzicht?jaar=${YEAR}`);
  await page.getByRole('link', { name: 'Aanmelden met je organisatie-account' }).click();
  await page.waitForSelector('input[name=login]');
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'wat-dan-ook');
  await page.click('button.login-submit');
  await page.waitForURL((url) => url.href.startsWith(baseUrl));
  await page.waitForLoadState('load');
  return page;
}

const me = async (page: Page) => {
  const res = await page.request.get(`${baseUrl}/api/auth/me`);
  return { status: res.status(), body: res.ok() ? ((await res.json()) as { account: { role: string; gemeenten: string[]; email: string } }) : null };
};

describe('single sign-on', { timeout: 120_000 }, () => {
  it('signs in with the organisation account, with the mapped role and gemeenten, and signs out at the provider too', async () => {
    const page = await signInThroughProvider('anna');
    // Koersbord's own page errors only (the provider's development pages ask for web fonts that cannot load here).
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => void (r.url().startsWith(baseUrl) && r.status() >= 400 && !r.url().endsWith('/api/auth/me') && errors.push(`${r.status()} ${r.url()}`)));
    await page.waitForSelector('.user-menu summary');
    await settle(page);
    expect(await page.locator('.user-menu summary').innerText()).toBe('Anna Jansen (lezer · GM0153)');
    const signedIn = await me(page);
    expect(signedIn.body?.account).toMatchObject({ email: 'anna.jansen@enschede.nl', role: 'lezer', gemeenten: ['GM0153'] });
    const audit = await listAudit(app.store, { actor: 'anna.jansen@enschede.nl', limit: 10 });
    expect(audit.map((a) => a.action)).toEqual(['aangemeld', 'sso-account-aangemaakt']);

    await page.locator('.user-menu summary').click();
    await page.getByRole('button', { name: 'Afmelden', exact: true }).click();
    // RP-initiated logout: the provider asks to confirm, then sends the browser back to Koersbord.
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((url) => url.href.startsWith(baseUrl));
    await page.waitForSelector('form.signin-form');
    expect((await me(page)).status).toBe(401);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('updates role and limits at every sign-in from the groups the provider sends now', async () => {
    people.anna.groups = ['grp-koersbord-beheer'];
    const page = await signInThroughProvider('anna');
    await page.waitForSelector('.user-menu summary');
    expect((await me(page)).body?.account).toMatchObject({ role: 'beheerder', gemeenten: [] });
    const [change] = await listAudit(app.store, { actor: 'anna.jansen@enschede.nl', action: 'sso-rechten-bijgewerkt', limit: 1 });
    expect(change).toMatchObject({ before: { role: 'lezer', gemeenten: ['GM0153'] }, after: { role: 'beheerder', gemeenten: [] } });
    // In two groups: the highest role, and the whole region since one of them has no limit.
    const both = await signInThroughProvider('bert');
    await both.waitForSelector('.user-menu summary');
    expect((await me(both)).body?.account).toMatchObject({ role: 'beheerder', gemeenten: [] });
    await page.context().close();
    await both.context().close();
  });

  it('refuses someone in no mapped group with a Dutch page that says whom to ask', async () => {
    const page = await signInThroughProvider('zonder');
    expect(await page.locator('h1').innerText()).toBe('Geen toegang tot Koersbord');
    expect(await page.locator('main p').first().innerText()).toContain('Vraag het Koersbord-team van SamenTwente');
    expect((await me(page)).status).toBe(401);
    expect((await listAudit(app.store, { action: 'sso-geen-toegang', limit: 5 })).map((a) => a.actor)).toContain('piet@hengelo.nl');
    await page.context().close();
  });

  for (const [tamper, words] of [
    ['audience', 'voor een andere toepassing bedoeld'],
    ['expired', 'verlopen'],
  ] as const) {
    it(`refuses an ID token that is ${tamper === 'audience' ? 'for another application' : 'expired'}`, async () => {
      provider.tamper = tamper;
      try {
        const page = await signInThroughProvider('bert');
        expect(await page.locator('h1').innerText()).toBe('Aanmelden mislukt');
        expect(await page.locator('main p').first().innerText()).toContain(words);
        expect((await me(page)).status).toBe(401);
        await page.context().close();
      } finally {
        provider.tamper = 'none';
      }
    });
  }

  it('refuses a callback that comes back a second time (replayed state)', async () => {
    const context = await newContext(browser, undefined, { signedIn: false });
    const page = await context.newPage();
    const callbacks: string[] = [];
    page.on('request', (r) => void (r.url().includes('/api/auth/oidc/callback') && callbacks.push(r.url())));
    await signInThroughProvider('bert', page);
    await page.waitForSelector('.user-menu summary');
    expect(callbacks).toHaveLength(1);
    // The same code and state again, from a second browser that stole the URL, and from the first.
    const thief = await (await newContext(browser, undefined, { signedIn: false })).newPage();
    for (const p of [thief, page]) {
      const res = await p.goto(callbacks[0]);
      expect(res?.status()).toBe(401);
      expect(await p.locator('main p').first().innerText()).toContain('onbekend, verlopen of al gebruikt');
    }
    expect((await me(thief)).status).toBe(401);
    await thief.context().close();
    await context.close();
  });
});
