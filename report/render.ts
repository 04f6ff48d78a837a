/**
 * The jaarrapport as PDF: the web app's report view, printed by headless Chromium. The page
 * says when every chart has drawn (`data-report-ready` on <html>); the report's own print CSS
 * decides page breaks, running header and page numbers. The contents' page numbers come from
 * a first print: the page each chapter heading landed on is read back with pdf.js, written
 * into the contents, and the page printed again (the layout does not move: the numbers have
 * reserved room).
 */
import type { Browser, Page } from 'playwright-core';
import { ChromiumError, launchChromium } from './chromium.ts';
import { pdfPageTexts, squeeze } from './pdfText.ts';

export interface RenderReportOptions {
  /** Where the app (API + built web app) listens, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  year: number;
  /** A gemeente code; the region when absent. */
  gemeente?: string;
  /** The figures as known at the end of this month (`YYYY-MM`); the newest data when absent. */
  peilmaand?: string;
  /** The whole render, Chromium start included (default 60 s). */
  timeoutMs?: number;
  /** Reuse a running browser (several reports in one go); started and closed here otherwise. */
  browser?: Browser;
  onProgress?: (step: string) => void;
  /** The session cookie the page signs in with (the server's name for it): the PDF shows exactly what that account may see. */
  cookie?: { name: string; value: string };
}

/** A4 at 96 dpi: the page lays out as it will print. */
export const A4_VIEWPORT = { width: 794, height: 1123 };

export function reportPath(year: number, gemeente?: string, peilmaand?: string): string {
  const params = new URLSearchParams({ jaar: String(year) });
  if (gemeente) params.set('gemeente', gemeente);
  if (peilmaand) params.set('peilmaand', peilmaand);
  return `/#/jaarrapport?${params.toString()}`;
}

async function waitForReport(page: Page, timeout: number): Promise<void> {
  // A function predicate: the app's CSP forbids eval, which a string predicate would need.
  /* eslint-disable @typescript-eslint/no-explicit-any -- page functions: the Node project compiles without DOM types */
  const handle = await page.waitForFunction(() => (globalThis as any).document.documentElement.dataset.reportReady ?? null, undefined, { timeout });
  const state = (await handle.jsonValue()) as string;
  if (state !== 'true') {
    const message = await page.evaluate(() => (globalThis as any).document.documentElement.dataset.reportError ?? 'onbekende fout');
    throw new Error(`Het rapport kon niet worden opgebouwd: ${message}`);
  }
}

async function tocEntries(page: Page): Promise<{ id: string; heading: string }[]> {
  return page.evaluate(() =>
    [...(globalThis as any).document.querySelectorAll('[data-toc-heading]')].map((el: any) => ({ id: el.dataset.tocHeading as string, heading: el.textContent as string })),
  );
}

/** The page (1-based) each heading starts on: the first page after the contents that shows it. */
export function chapterPages(pages: string[], entries: { id: string; heading: string }[]): Record<string, number> {
  const squeezed = pages.map(squeeze);
  const toc = squeezed.findIndex((p) => p.includes('Inhoudsopgave'));
  const found: Record<string, number> = {};
  let from = toc + 1;
  for (const e of entries) {
    const h = squeeze(e.heading);
    const i = squeezed.findIndex((p, idx) => idx >= from && p.includes(h));
    if (i >= 0) {
      found[e.id] = i + 1;
      from = i;
    }
  }
  return found;
}

const PDF_OPTIONS = { format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true } as const;

async function renderWith(browser: Browser, o: RenderReportOptions, deadline: number): Promise<Uint8Array> {
  const left = () => Math.max(1, deadline - Date.now());
  const context = await browser.newContext({ viewport: A4_VIEWPORT, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  try {
    if (o.cookie) await context.addCookies([{ name: o.cookie.name, value: o.cookie.value, url: o.baseUrl, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
    o.onProgress?.('pagina laden');
    await page.goto(new URL(reportPath(o.year, o.gemeente, o.peilmaand), o.baseUrl).toString(), { timeout: left(), waitUntil: 'load' });
    o.onProgress?.('gegevens en grafieken');
    await waitForReport(page, left());
    o.onProgress?.('afdrukken');
    const first = await page.pdf(PDF_OPTIONS);
    o.onProgress?.('paginanummers inhoud');
    const pages = chapterPages(await pdfPageTexts(first), await tocEntries(page));
    await page.evaluate((numbers) => {
      for (const el of (globalThis as any).document.querySelectorAll('[data-toc-page]')) {
        const n = numbers[el.dataset.tocPage as string];
        el.textContent = n ? String(n) : '';
      }
    }, pages);
    o.onProgress?.('afdrukken');
    return await page.pdf(PDF_OPTIONS);
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** Prints the report page to a PDF within `timeoutMs`, or fails with a Dutch message. */
export async function renderReportPdf(o: RenderReportOptions): Promise<Uint8Array> {
  const timeoutMs = o.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  let launching: Promise<Browser> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ChromiumError(`Het rapport was niet binnen ${Math.round(timeoutMs / 1000)} seconden klaar; het afdrukken is afgebroken.`)), timeoutMs);
  });
  const work = (async () => {
    o.onProgress?.('Chromium starten');
    const browser = o.browser ?? (await (launching = launchChromium({ timeoutMs })));
    return renderWith(browser, o, deadline);
  })();
  try {
    return await Promise.race([work, timedOut]);
  } catch (err) {
    if (err instanceof ChromiumError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new ChromiumError(/Timeout/i.test(message) ? `Het rapport was niet binnen ${Math.round(timeoutMs / 1000)} seconden klaar; het afdrukken is afgebroken.` : message, { cause: err });
  } finally {
    clearTimeout(timer);
    // A timed-out render leaves Chromium busy: closing it ends the work (and any hang) for good.
    work.catch(() => undefined);
    if (launching) await (launching as Promise<Browser>).then((b) => b.close()).catch(() => undefined);
  }
}
