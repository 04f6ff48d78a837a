/**
 * PNG pictures of a PDF's first pages, for people to look at (test artifacts, the bench).
 * No poppler on these machines: pdf.js (its legacy build: Chromium 143 lacks newer built-ins the modern one uses) draws each page onto a canvas inside Chromium, and
 * the canvas is saved. Everything is served from memory through request interception, so
 * no server or file URL is involved.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';

const require = createRequire(import.meta.url);
const ORIGIN = 'http://pdf.koersbord.invalid';

const PAGE = `<!doctype html><html><body style="margin:0;background:#fff"><canvas id="c"></canvas>
<script type="module">
import * as pdfjs from '${ORIGIN}/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '${ORIGIN}/pdf.worker.mjs';
const doc = await pdfjs.getDocument({ url: '${ORIGIN}/report.pdf' }).promise;
window.pageCount = doc.numPages;
window.drawPage = async (n, scale) => {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale });
  const canvas = document.getElementById('c');
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: ctx, canvas, viewport }).promise;
  return canvas.toDataURL('image/png');
};
window.pdfReady = true;
</script></body></html>`;

/** PNGs of pages 1..count (fewer when the PDF is shorter), 1.5× the PDF's 72 dpi size. */
export async function pdfPagesToPng(browser: Browser, pdf: Uint8Array, count: number, scale = 1.5): Promise<Buffer[]> {
  const files: Record<string, { body: Buffer; type: string }> = {
    '/index.html': { body: Buffer.from(PAGE), type: 'text/html' },
    '/pdf.mjs': { body: readFileSync(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')), type: 'text/javascript' },
    '/pdf.worker.mjs': { body: readFileSync(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')), type: 'text/javascript' },
    '/report.pdf': { body: Buffer.from(pdf), type: 'application/pdf' },
  };
  const context = await browser.newContext();
  try {
    await context.route(`${ORIGIN}/**`, (route) => {
      const file = files[new URL(route.request().url()).pathname];
      return file ? route.fulfill({ status: 200, body: file.body, contentType: file.type }) : route.fulfill({ status: 404, body: '' });
    });
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/index.html`);
    /* eslint-disable @typescript-eslint/no-explicit-any -- page functions: the Node project compiles without DOM types */
    await page.waitForFunction(() => (globalThis as any).pdfReady === true, undefined, { timeout: 30_000 });
    const pages = Math.min(count, await page.evaluate(() => (globalThis as any).pageCount as number));
    const pngs: Buffer[] = [];
    for (let n = 1; n <= pages; n++) {
      const url = (await page.evaluate(([p, s]) => (globalThis as any).drawPage(p, s), [n, scale] as const)) as string;
      pngs.push(Buffer.from(url.split(',')[1], 'base64'));
    }
    return pngs;
  } finally {
    await context.close();
  }
}
