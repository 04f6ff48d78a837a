/**
 * The jaarrapport end to end: the fixtures' small profile through the ETL, duiding recorded
 * through the repository, the real app listening on 127.0.0.1, the PDF fetched from the API
 * (printed by headless Chromium from the app's own address) and read back with pdf.js.
 * PNGs of the first pages go to artifacts/report/ (git-ignored) for people to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverviewCard } from '../../contract/indicators.ts';
import { launchChromium } from '../../report/chromium.ts';
import { pdfPageTexts, squeeze } from '../../report/pdfText.ts';
import { pdfPagesToPng } from '../../report/pngPages.ts';
import { reportPdfPrinter } from '../../ops/reportPdf.ts';
import { buildApp } from '../../server/app.ts';
import { PROJECT_ROOT } from '../../store/paths.ts';
import { formatEuro, formatNumber } from '../../web/lib/format.ts';
import { tempDir } from '../helpers/tempStore.ts';
import { ensureWebBuilt } from '../web/helpers/webBuild.ts';
import { buildReportStore, REPORT_YEAR, SEEDED } from './helpers/reportStore.ts';
import { signInTestAdmin } from '../web/helpers/webServer.ts';

const ARTIFACTS = join(PROJECT_ROOT, 'artifacts', 'report');

let app: FastifyInstance;
let pdf: Uint8Array;
let pages: string[];
let squeezed: string[];
let cards: OverviewCard[];
let browser: Browser;

/** 1-based page of the first page after the contents that shows `text`. */
const pageOf = (text: string) => {
  const toc = squeezed.findIndex((p) => p.includes('Inhoudsopgave'));
  return squeezed.findIndex((p, i) => i > toc && p.includes(squeeze(text))) + 1;
};

beforeAll(async () => {
  const webRoot = await ensureWebBuilt();
  const store = await buildReportStore(tempDir('koersbord-report-'));
  app = await buildApp({ store, webRoot, reportPdf: reportPdfPrinter() });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server luistert niet');
  const cookie = await signInTestAdmin(store, `http://127.0.0.1:${address.port}`);
  const res = await fetch(`http://127.0.0.1:${address.port}/api/report/pdf?year=${REPORT_YEAR}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`PDF: ${res.status} ${await res.text()}`);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  pdf = new Uint8Array(await res.arrayBuffer());
  pages = await pdfPageTexts(pdf);
  squeezed = pages.map(squeeze);
  cards = await app.engine.overview({ year: REPORT_YEAR, scope: 'REGIO' });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the jaarrapport PDF of the region', () => {
  it('is a PDF with a plausible number of pages', () => {
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    // Cover, contents, summary, plan, two of Do, one per target row (5), Act, appendix.
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expect(pages.length).toBeLessThanOrEqual(30);
  });

  it('contains every chapter, each starting on its own page after the contents', () => {
    const chapters = ['1 Samenvatting', '2 Plan', '3 Do', '4 Check', '5 Act', 'Bijlage'].map(pageOf);
    expect(chapters.every((p) => p > 2)).toBe(true);
    expect(new Set(chapters).size).toBe(chapters.length);
    expect([...chapters].sort((a, b) => a - b)).toEqual(chapters);
  });

  it('numbers the contents with the pages the chapters landed on', () => {
    const toc = squeezed.find((p) => p.includes('Inhoudsopgave'))!;
    expect(toc).toContain(`5Act:verbetervoorstellenenacties${pageOf('5 Act')}`);
    expect(toc).toContain(`1Samenvatting${pageOf('1 Samenvatting')}`);
  });

  it('shows the indicator engine’s own numbers in the summary’s status table', () => {
    const summary = squeezed[pageOf('1 Samenvatting') - 1];
    const withTarget = cards.filter((c) => c.target && c.target.value_ytd != null);
    expect(withTarget.length).toBeGreaterThanOrEqual(4);
    for (const c of withTarget) {
      const t = c.target!;
      const fmt = t.measure === 'kosten' ? formatEuro : (v: number | null) => formatNumber(v, 0);
      expect(summary, c.segment).toContain(squeeze(fmt(t.value_ytd)));
      expect(summary, c.segment).toContain(squeeze(t.measure === 'kosten' ? formatEuro(t.target_ytd) : formatNumber(t.target_ytd, 1)));
      if (t.measure === 'kosten') expect(summary, c.segment).toContain(squeeze(formatEuro(t.savings_ytd)));
    }
  });

  it('shows the baseline year’s figures, the targets and the planned savings in Plan', () => {
    const plan = squeezed.slice(pageOf('2 Plan') - 1, pageOf('3 Do') - 1).join('');
    for (const c of cards.filter((x) => x.target?.measure === 'kosten')) {
      expect(plan, c.segment).toContain(squeeze(formatEuro(c.target!.baseline_value)));
      expect(plan, c.segment).toContain(squeeze(formatEuro(c.target!.target_year)));
      expect(plan, c.segment).toContain(squeeze(formatEuro(c.target!.planned_savings)));
    }
  });

  it('puts a recorded interpretation, with its session, in Check and an action in Act', () => {
    const check = pageOf('4 Check');
    const act = pageOf('5 Act');
    const verklaring = pageOf(SEEDED.verklaring);
    expect(verklaring).toBeGreaterThanOrEqual(check);
    expect(verklaring).toBeLessThan(act);
    expect(squeezed[verklaring - 1]).toContain(squeeze(SEEDED.sessionTitle));
    const actText = squeezed.slice(act - 1, pageOf('Bijlage') - 1).join('');
    expect(actText).toContain(squeeze(SEEDED.voorstel));
    expect(actText).toContain(squeeze(SEEDED.action));
    expect(actText).toContain(squeeze(SEEDED.actionOwner));
    // The action's way through the sessions, and the interpretation's figure then and now.
    expect(actText).toContain(squeeze(`voorgesteld in sessie "${SEEDED.sessionTitle}"`));
    expect(squeezed[verklaring - 1]).toContain(squeeze('bij schrijven'));
  });

  it('hides small numbers below region level as <5', () => {
    const check = squeezed.slice(pageOf('4 Check') - 1, pageOf('5 Act') - 1).join('');
    expect(check).toContain('<5');
  });

  it('carries the running header and page numbers on every page but the cover', () => {
    pages.slice(1).forEach((text, i) => {
      expect(squeeze(text)).toContain(squeeze(`Jaarrapport ${REPORT_YEAR} · Regio Twente`));
      expect(squeeze(text)).toContain(squeeze(`Pagina ${i + 2} van ${pages.length}`));
    });
    expect(squeezed[0]).not.toContain('Pagina1');
  });

  it('draws charts as vectors: the PDF holds no raster images', () => {
    expect(Buffer.from(pdf).toString('latin1')).not.toMatch(/\/Subtype\s*\/Image/);
  });

  it('saves PNG renderings of the first pages for people to look at', async () => {
    const pngs = await pdfPagesToPng(browser, pdf, 4);
    expect(pngs).toHaveLength(4);
    mkdirSync(ARTIFACTS, { recursive: true });
    pngs.forEach((png, i) => {
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(10_000);
      writeFileSync(join(ARTIFACTS, `jaarrapport-${REPORT_YEAR}-pagina-${i + 1}.png`), png);
    });
    writeFileSync(join(ARTIFACTS, `jaarrapport-${REPORT_YEAR}.pdf`), pdf);
  });
});
