/**
 * Without a working Chromium the report fails at once with a Dutch message, and a render
 * that takes too long is cut off: never a hang.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChromiumError, chromiumExecutablePath, launchChromium } from '../../report/chromium.ts';
import { chapterPages, renderReportPdf } from '../../report/render.ts';
import { tempDir } from '../helpers/tempStore.ts';

describe('locating and launching Chromium', () => {
  it('takes CHROMIUM_PATH first and names it when nothing is there', async () => {
    await expect(chromiumExecutablePath({ CHROMIUM_PATH: '/nergens/chromium' })).rejects.toThrow(/CHROMIUM_PATH wijst naar \/nergens\/chromium/);
  });

  it('falls back to a Chromium that exists when nothing is configured', async () => {
    const path = await chromiumExecutablePath({});
    expect(path.length).toBeGreaterThan(0);
  });

  it('reports a binary that cannot start as a ChromiumError in Dutch', async () => {
    const fake = join(tempDir('koersbord-chromium-'), 'chromium');
    writeFileSync(fake, '#!/bin/sh\necho kapot >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const err = await launchChromium({ env: { CHROMIUM_PATH: fake }, timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChromiumError);
    expect((err as Error).message).toMatch(/kon niet starten/);
  });
});

describe('the render time limit', () => {
  it('stops a page that never becomes ready within the limit, with a clear message', async () => {
    // A server that accepts the request and never answers: the page never loads.
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('geen adres');
    const started = Date.now();
    try {
      const err = await renderReportPdf({ baseUrl: `http://127.0.0.1:${address.port}`, year: 2025, timeoutMs: 4_000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChromiumError);
      expect((err as Error).message).toMatch(/niet binnen 4 seconden klaar/);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('chapterPages', () => {
  it('finds each heading on the first page after the contents, in order', () => {
    const pages = ['Jaarrapport', 'Inhoudsopgave 1 Samenvatting 2 Plan', 'Pagina 3 1 Samenvatting', '2 Plan: doelen', 'tabel', '2 Plan komt hier niet meer'];
    expect(chapterPages(pages, [{ id: 's', heading: '1 Samenvatting' }, { id: 'p', heading: '2 Plan' }, { id: 'x', heading: 'Ontbreekt' }])).toEqual({ s: 3, p: 4 });
  });
});
