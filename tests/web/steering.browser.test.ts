/**
 * The rows of the gecertificeerde instellingen and the steering figures on screen, in headless
 * Chromium against the real server on the fixtures: jeugdbescherming has its own segment page
 * with its subsegments, and kosten per cliënt, einde volgens plan and herinstroom show the
 * API's figures in the segment and gemeente views.
 */
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RegionInfo } from '../../contract/api.ts';
import type { IndicatorValue, SeriesPoint, SubsegmentRow } from '../../contract/indicators.ts';
import { formatValue } from '../../web/charts/options.ts';
import { hiddenCount } from '../../web/lib/format.ts';
import { unitOf } from '../../web/lib/measure.ts';
import { expectAccessible, launchBrowser, viewPerTest } from './helpers/browser.ts';
import { startWebServer, YEAR, type WebServer } from './helpers/webServer.ts';

let server: WebServer;
let browser: Browser;
let region: RegionInfo;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  region = await server.api<RegionInfo>('/region');
}, 240_000);

const open = viewPerTest(() => ({ browser, baseUrl: server.baseUrl }));


const STEERING = ['kosten_per_client', 'einde_volgens_plan_pct', 'herinstroom_pct'] as const;
const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');
const shown = (v: { value: number | null; suppressed: boolean } | undefined, indicator: (typeof STEERING)[number]) =>
  nbsp(v?.suppressed ? hiddenCount(region.privacy_threshold) : formatValue(v?.value, unitOf(indicator)));

describe('jeugdbescherming and the steering figures', { timeout: 120_000 }, () => {
  it('jeugdbescherming has its own segment page: no target, ots and voogdij, and the steering figures of the API', async () => {
    const subsegments = await server.api<SubsegmentRow[]>(`/subsegments?segment=jeugdbescherming&scope=REGIO&year=${YEAR}&grain=year`);
    expect(subsegments.map((s) => s.subsegment).sort()).toEqual(['ots', 'voogdij']);
    expect(subsegments.some((s) => (s.clients.value ?? 0) > 0)).toBe(true);
    const p = await open('#/segment/jeugdbescherming');
    expect(await p.locator('h1').innerText()).toBe(`Jeugdbescherming ${YEAR}`);
    expect(await p.locator('[data-justice-note]').innerText()).toContain('geen jeugdhulp');
    expect(await p.getByText('Dit segment heeft geen doel in het Sturingsplan.').count()).toBe(1);
    const sub = p.locator('.data-table', { has: p.locator('caption', { hasText: 'Subsegmenten Jeugdbescherming' }) });
    for (const s of ['ots', 'voogdij']) expect(await sub.locator('tbody tr th', { hasText: new RegExp(`^${s}$`) }).count()).toBe(1);

    const block = p.locator('[data-steering="jeugdbescherming"]');
    for (const ind of STEERING) {
      const series = await server.api<SeriesPoint[]>(`/series?segment=jeugdbescherming&scope=REGIO&indicator=${ind}&grain=year&from=${YEAR - 1}&to=${YEAR}`);
      const now = series.find((x) => x.period === String(YEAR));
      const own = nbsp(await block.locator(`[data-indicator="${ind}"] dd[data-side="own"]`).innerText());
      expect(own.startsWith(shown(now, ind)), `${ind}: ${own}`).toBe(true);
    }
    expect(await block.locator('[data-indicator="herinstroom_pct"]').innerText()).toContain(`${region.return_window_days} dagen`);
    await expectAccessible(p);
  });

  it('the gemeente view lists the steering figures of every row beside the region, hidden as the API hides them', async () => {
    const values = await server.api<IndicatorValue[]>(`/values?year=${YEAR}&grain=year`);
    const code = values.find((v) => v.gemeente_code !== 'REGIO')!.gemeente_code;
    const p = await open(`#/gemeente/${code}`);
    const table = p.locator('.data-table', { has: p.locator('caption', { hasText: 'kosten per cliënt, einde volgens plan en herinstroom' }) });
    for (const segment of ['jeugdbescherming', 'jeugdreclassering', 'verblijf'] as const) {
      const label = segment === 'verblijf' ? 'Verblijf' : segment === 'jeugdbescherming' ? 'Jeugdbescherming' : 'Jeugdreclassering';
      const tr = table.locator('tbody tr', { has: p.locator('th', { hasText: new RegExp(`^${label}$`) }) });
      expect(await tr.count(), segment).toBe(1);
      for (const ind of STEERING) {
        const at = (scope: string) => values.find((v) => v.segment === segment && v.gemeente_code === scope && v.indicator === ind);
        expect(nbsp(await tr.locator(`td[data-col="${ind}_own"]`).innerText()), `${segment} ${ind}`).toBe(shown(at(code), ind));
        expect(nbsp(await tr.locator(`td[data-col="${ind}_regio"]`).innerText()), `${segment} ${ind} regio`).toBe(shown(at('REGIO'), ind));
      }
    }
  });
});
