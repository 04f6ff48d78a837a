/**
 * The national reference on screen, in headless Chromium against the real server on the
 * fixtures: the Agenda's figures shipped with the region, and CBS's 85098NED imported from the
 * recorded-shape response, appear as a Nederland row, column and reference list with their source.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceAnswer } from '../../contract/reference.ts';
import { importCbsFile } from '../../etl/cbs/import.ts';
import { expectAccessible, launchBrowser, viewPerTest } from './helpers/browser.ts';
import { startWebServer, YEAR, type WebServer } from './helpers/webServer.ts';

let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  await importCbsFile(server.app.store, join(import.meta.dirname, '..', 'reference', 'fixtures', '85098NED.json'));
  browser = await launchBrowser();
}, 240_000);

const open = viewPerTest(() => ({ browser, baseUrl: server.baseUrl }));


const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

describe('Nederland beside the region', { timeout: 120_000 }, () => {
  it('the segment view has a Nederland row in the gemeente comparison and national shares with their source', async () => {
    const reference = await server.api<ReferenceAnswer>(`/reference?year=${YEAR}&segment=wonen_verblijf&indicator=per_1000`);
    const cbs = reference.figures.find((f) => f.area === 'NL')!;
    expect(cbs).toMatchObject({ source_table: '85098NED', year: 2024, value: 12, provisional: true });
    const p = await open('#/segment/wonen_verblijf');
    const table = p.locator('.data-table').first();
    const nl = table.locator('tbody tr', { has: p.locator('th', { hasText: /^Nederland/ }) });
    expect(await nl.count()).toBe(1);
    expect(await nl.locator('th').innerText()).toBe('Nederland (CBS 2024, voorlopig)');
    expect(await nl.locator('td[data-col="per_1000"]').innerText()).toBe('12,0');
    expect(await p.locator('[data-reference-notes]').first().innerText()).toContain('CBS telt jongeren met jeugdhulp in natura');

    const shares = p.locator('[data-reference="nederland"]');
    expect(nbsp(await shares.locator('[data-reference-indicator="gezinsgericht_pct"] dd').innerText())).toBe('▏Nederland 16,8 % (CBS 2024, voorlopig)');
    expect(nbsp(await shares.locator('[data-reference-indicator="crisis_start_pct"] dd').innerText())).toContain('Nederland 20,0 %');
    expect(nbsp(await shares.locator('[data-reference-indicator="verwijzer_gemeente_gi"] dd').innerText())).toContain('Nederland 87,7 %');
    // CBS has no trajectory length of this segment: its total, said as such, with the footnote on in natura.
    expect(await shares.locator('[data-reference-indicator="trajectduur_mean"] dt').innerText()).toBe('Gemiddelde trajectduur (alle jeugdhulp)');
    expect(nbsp(await shares.locator('[data-reference-indicator="trajectduur_mean"] dd').innerText())).toContain('Nederland 370 dagen');
    expect(await shares.locator('[data-reference-notes]').innerText()).toContain('CBS telt alleen trajecten in natura');
    await expectAccessible(p);
  });

  it('a segment without a national figure of its own has no Nederland row', async () => {
    const p = await open('#/segment/verblijf');
    expect(await p.locator('.data-table').first().locator('tbody th', { hasText: /^Nederland/ }).count()).toBe(0);
  });

  it('the gemeente view has a Nederland column where the definitions meet', async () => {
    const p = await open('#/gemeente/GM0153');
    // The comparison table, not the steering and budget tables below it, which name the same rows.
    const table = p.locator('section[aria-labelledby="rijen-kop"] .data-table');
    const tr = table.locator('tbody tr', { has: p.locator('th', { hasText: /^Wonen \+ verblijf$/ }) });
    const header = p.locator('.data-table').first().locator('thead th', { hasText: 'Nederland' });
    expect(await header.innerText()).toContain('Per 1.000 jeugdigen (Nederland, CBS 2024, voorlopig)');
    expect(await tr.locator('td[data-col="per_1000_nl"]').innerText()).toBe('12,0');
    const verblijf = table.locator('tbody tr', { has: p.locator('th', { hasText: /^Verblijf$/ }) });
    expect(await verblijf.locator('td[data-col="per_1000_nl"]').innerText()).toBe('–');
  });
});
