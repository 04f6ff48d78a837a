/**
 * Headless Chromium through playwright-core: Debian's /usr/bin/chromium when installed,
 * else the binary shipped inside the @sparticuz/chromium npm package. No browser download.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../../../report/chromium.ts';
import { PROJECT_ROOT } from '../../../store/paths.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- page functions: the test project compiles without DOM types */
const require = createRequire(import.meta.url);
export const SCREENSHOTS = join(PROJECT_ROOT, 'artifacts', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  // The one Chromium lookup of the project (CHROMIUM_PATH, /usr/bin/chromium, @sparticuz/chromium).
  const browser = await chromium.launch({ executablePath: await chromiumExecutablePath(), args: CHROMIUM_ARGS });
  afterAll(() => browser.close());
  return browser;
}

export const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

/**
 * A Dutch browser in Amsterdam time, under the server's real Content-Security-Policy: a
 * violation shows up as a console error and fails the test.
 */
export async function newContext(browser: Browser, viewport: { width: number; height: number } = VIEWPORTS[0], { signedIn = true }: { signedIn?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', acceptDownloads: true });
  if (signedIn && contextSignIn) await contextSignIn(context);
  // axe-core goes in as an init script (through DevTools, before the page's own scripts): an
  // injected <script> would be refused by the CSP, and so would eval.
  await context.addInitScript({ path: require.resolve('axe-core/axe.min.js') });
  trackRequests(context);
  return context;
}

/** The requests a page has sent and not yet seen answered, with when they left: a wait that times out names them. */
const pendingRequests = new WeakMap<Page, Map<Request, number>>();

function trackRequests(context: BrowserContext): void {
  context.on('page', (page) => {
    const pending = new Map<Request, number>();
    pendingRequests.set(page, pending);
    page.on('request', (r) => pending.set(r, Date.now()));
    page.on('requestfinished', (r) => pending.delete(r));
    page.on('requestfailed', (r) => pending.delete(r));
  });
}

/**
 * What the page is doing when a wait timed out: whether its main thread still answers, the
 * loading states left (under which heading) and the requests still open. A browser test that
 * fails under load then says whether the server, the page or the browser was slow.
 */
async function explainTimeout(page: Page, waited: string, err: unknown): Promise<Error> {
  const now = Date.now();
  const open = [...(pendingRequests.get(page)?.entries() ?? [])].map(([r, t]) => `${r.method()} ${new URL(r.url()).pathname}${new URL(r.url()).search} (${now - t} ms open)`);
  const started = Date.now();
  const state = await Promise.race([
    page
      .evaluate(() => {
        const d = (globalThis as any).document;
        const loading = [...d.querySelectorAll('.state-loading')].map((el: any) => el.closest('section, article, main')?.querySelector('h1, h2, h3')?.textContent?.trim() ?? '?');
        const charts = [...d.querySelectorAll('.chart-canvas')].map((c: any) => c.dataset.rendered);
        return `hash ${(globalThis as any).location.hash}, main ${d.querySelector('main#inhoud')?.dataset.hash}, laden onder [${loading.join(' | ')}], grafieken getekend ${charts.filter((r: string) => r === 'true').length}/${charts.length}`;
      })
      .then((s) => `${s}; de pagina antwoordde na ${Date.now() - started} ms`),
    new Promise<string>((resolve) => setTimeout(() => resolve('de pagina antwoordt niet binnen 5 s (hoofdthread bezet of renderer vast)'), 5_000)),
  ]).catch((e: Error) => `de pagina kon niet worden gelezen: ${e.message}`);
  return new Error(`${waited}: ${(err as Error).message.split('\n')[0]}\n  ${state}\n  open verzoeken: ${open.length ? open.join(', ') : 'geen'}`, { cause: err });
}

/** page.waitForFunction, and on a timeout the page's state in the error (explainTimeout). */
async function waitFor(page: Page, waited: string, fn: () => unknown, timeout: number): Promise<void> {
  try {
    await page.waitForFunction(fn, undefined, { timeout });
  } catch (err) {
    throw await explainTimeout(page, waited, err);
  }
}

/** How a new context signs in (set by the test server helper): once per context, through the real sign-in API. */
let contextSignIn: ((context: BrowserContext) => Promise<void>) | null = null;
export function setContextSignIn(fn: ((context: BrowserContext) => Promise<void>) | null): void {
  contextSignIn = fn;
}

/** Signs a browser context in through POST /api/auth/login: the session cookie lands in the context's cookie jar. */
export async function signInContext(context: BrowserContext, baseUrl: string, email: string, password: string): Promise<void> {
  const res = await context.request.post(`${baseUrl}/api/auth/login`, { data: { email, password } });
  if (!res.ok()) throw new Error(`aanmelden als ${email} mislukt: ${res.status()} ${await res.text()}`);
}

/** Fails the test on any uncaught page error or console error. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Waits until no loading state is left and every chart on the page has drawn (scrolling them into view). */
export async function settle(page: Page): Promise<void> {
  await page.waitForSelector('main h1', { timeout: 15_000 });
  // Functions, not strings: the page's CSP forbids eval, which Playwright uses for string predicates.
  // After a click or key that navigates, the old view is still on screen for a moment: wait until
  // the app shows the address in the URL, or the scroll below passes over a view about to go.
  await waitFor(
    page,
    'wachten tot de app het adres toont',
    () => {
      const d = (globalThis as any).document;
      const hash = d.querySelector('main#inhoud')?.dataset.hash;
      return hash === undefined || hash === (globalThis as any).location.hash;
    },
    15_000,
  );
  const noneLoading = () => (globalThis as any).document.querySelectorAll('.state-loading').length === 0;
  await waitFor(page, 'wachten tot niets meer laadt', noneLoading, 20_000);
  const height = await page.evaluate(() => (globalThis as any).document.body.scrollHeight as number);
  const step = await page.evaluate(() => (globalThis as unknown as { innerHeight: number }).innerHeight);
  for (let y = 0; y < height; y += step) {
    await page.evaluate((top) => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, top), y);
    await page.waitForTimeout(50);
  }
  await waitFor(page, 'wachten tot niets meer laadt na het scrollen', noneLoading, 20_000);
  await waitFor(
    page,
    'wachten tot elke grafiek getekend is',
    () => [...(globalThis as any).document.querySelectorAll('.chart-canvas')].every((c: { dataset: Record<string, string> }) => c.dataset.rendered === 'true'),
    20_000,
  );
  await page.evaluate(() => (globalThis as unknown as { scrollTo: (x: number, y: number) => void }).scrollTo(0, 0));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize();
  const suffix = size ? `${size.width}x${size.height}` : 'onbekend';
  try {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${suffix}.png`) });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${suffix}-volledig.png`), fullPage: true });
  } catch (err) {
    throw await explainTimeout(page, `schermafdruk ${name}-${suffix}`, err);
  }
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core in the page; returns serious and critical violations, described. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = (await page.evaluate(() => (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] }))) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

/** A new signed-in context on `hash`, settled, with its console errors collected (close `page.context()` after). */
export async function openView(browser: Browser, baseUrl: string, hash: string, viewport: { width: number; height: number } = VIEWPORTS[0]): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${baseUrl}/${hash}`);
  await settle(page);
  return { page, errors };
}

/**
 * For a test file that opens one view per test: `open(hash)` opens it in a new signed-in
 * context (openView); after each test that context closes and its console must have stayed
 * free of errors.
 */
export function viewPerTest(target: () => { browser: Browser; baseUrl: string }): (hash: string, viewport?: { width: number; height: number }) => Promise<Page> {
  let current: { page: Page; errors: string[] } | null = null;
  afterEach(async () => {
    if (!current) return;
    const { page, errors } = current;
    current = null;
    await page.context().close();
    expect(errors).toEqual([]);
  });
  return async (hash, viewport = VIEWPORTS[0]) => {
    const { browser, baseUrl } = target();
    current = await openView(browser, baseUrl, hash, viewport);
    return current.page;
  };
}
