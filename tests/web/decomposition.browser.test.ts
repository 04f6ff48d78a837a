/**
 * The decomposition in the segment view, in headless Chromium against the real server on the
 * fixtures: the sentence on screen is the API's split in words, with Dutch number formats, and
 * the waterfall is drawn beside it; a gemeente's view asks for that gemeente's split. And
 * "Sessie voorbereiden" fills the agenda from the top signals, editable before it is saved.
 */
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DecompositionAnswer } from '../../contract/decomposition.ts';
import type { SignalsAnswer } from '../../contract/signals.ts';
import { proposeAgenda } from '../../web/lib/agendaProposal.ts';
import { decompositionSentence } from '../../web/lib/decomposition.ts';
import { ROW_LABELS } from '../../web/lib/labels.ts';
import { launchBrowser, viewPerTest } from './helpers/browser.ts';
import { startWebServer, YEAR, type WebServer } from './helpers/webServer.ts';

let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
}, 240_000);


const open = viewPerTest(() => ({ browser, baseUrl: server.baseUrl }));

describe('the decomposition in the segment view', { timeout: 120_000 }, () => {
  it('shows the split of the region change as one Dutch sentence and a waterfall', async () => {
    const d = await server.api<DecompositionAnswer>(`/decomposition?segment=verblijf&year=${YEAR}`);
    expect(d.volume_pct).not.toBeNull();
    const p = await open(`#/segment/verblijf?jaar=${YEAR}`);
    const sentence = p.locator('[data-testid="decomposition-sentence"]');
    await expect.poll(() => sentence.count()).toBe(1);
    const shown = (await sentence.innerText()).trim();
    expect(shown).toBe(decompositionSentence(d, ROW_LABELS.verblijf));
    // Dutch: a decimal comma, signs on each part, and the words for each effect.
    expect(shown).toMatch(/^Kosten verblijf [+−]\d+,\d\u00a0%( \(voorlopig\))?: [+−]\d+,\d\u00a0% door (meer|minder) cliënten, [+−]\d+,\d\u00a0% door (hogere|lagere) kosten per cliënt$/);
    expect(await p.locator('.decomposition [role="img"], .decomposition canvas').count()).toBeGreaterThan(0);
    // Beside it the row's signals as the API words them.
    const { signals } = await server.api<SignalsAnswer>(`/signals?year=${YEAR}`);
    const mine = signals.filter((s) => s.segment === 'verblijf' && (s.gemeente_code === 'REGIO' || s.kind === 'bijdrage'));
    const list = p.locator('.signal-list li');
    await expect.poll(() => list.count(), { timeout: 60_000 }).toBe(mine.length);
    expect(mine.length).toBeGreaterThan(0);
    for (const [i, s] of mine.entries()) expect(await list.nth(i).innerText()).toContain(s.reason);
  });

  it('a gemeente view shows that gemeente\'s change', async () => {
    const code = (await server.api<DecompositionAnswer>(`/decomposition?segment=ambulant&year=${YEAR}`)).gemeenten[0].gemeente_code;
    const d = await server.api<DecompositionAnswer>(`/decomposition?segment=ambulant&year=${YEAR}&scope=${code}`);
    const p = await open(`#/segment/ambulant?jaar=${YEAR}&gemeente=${code}`);
    const sentence = p.locator('[data-testid="decomposition-sentence"]');
    await expect.poll(() => sentence.count()).toBe(1);
    expect((await sentence.innerText()).trim()).toBe(decompositionSentence(d, ROW_LABELS.ambulant));
  });
});

describe('Sessie voorbereiden', { timeout: 120_000 }, () => {
  it('proposes an agenda from the top signals, which the planner edits and saves', async () => {
    const periods = await server.api<{ newest_peilmaand: string }>('/periods');
    const peilmaand = periods.newest_peilmaand;
    const { signals } = await server.api<SignalsAnswer>(`/signals?year=${peilmaand.slice(0, 4)}&peilmaand=${peilmaand}`);
    const topics = proposeAgenda(signals, ['verblijf', 'wonen', 'wonen_verblijf', 'ambulant', 'ambulant_alternatief', 'crisis']);
    expect(topics.length).toBeGreaterThan(1);
    const p = await open('#/sessies');
    await p.getByRole('button', { name: 'Sessie voorbereiden' }).click();
    // The first signals of a store take a few seconds on a busy machine: wait for the proposal, not for a clock.
    await p.locator('[data-testid="agenda-proposal"]').waitFor({ timeout: 60_000 });
    expect(await p.locator('.agenda-edit > li').count()).toBe(topics.length);
    for (const [i, t] of topics.entries()) {
      expect(await p.locator(`#agenda-${i}-segment`).inputValue()).toBe(t.segment);
      expect(await p.locator(`#agenda-${i}-gemeente`).inputValue()).toBe(t.gemeente);
      expect(await p.locator(`#agenda-${i}-note`).inputValue()).toBe(t.note);
    }
    // Editable: drop the last topic, change the first question, and save.
    await p.getByRole('button', { name: `Verwijder onderwerp ${topics.length}` }).click();
    await p.locator('#agenda-0-note').fill('Wat verklaart dit?');
    await p.locator('#sessie-datum').fill('2025-07-01');
    await p.locator('#sessie-titel').fill('Sessie uit signalen');
    await p.getByRole('button', { name: 'Sessie opslaan' }).click();
    await p.waitForURL(/#\/sessie\//);
    const id = Number(/#\/sessie\/(\d+)/.exec(p.url())![1]);
    const saved = await server.api<{ agenda: { segment: string; gemeente_code: string; note: string }[] }>(`/sessions/${id}`);
    expect(saved.agenda.map((a) => [a.segment, a.gemeente_code])).toEqual(topics.slice(0, -1).map((t) => [t.segment, t.gemeente]));
    expect(saved.agenda[0].note).toBe('Wat verklaart dit?');
  });
});
