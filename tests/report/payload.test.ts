/**
 * The report payload over HTTP (Fastify inject, real store): the engine's own suppressed
 * figures, the duiding of the year with its session and actions, and clear problems.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportPayload } from '../../contract/report.ts';
import { appendixUntil, mainSignals } from '../../server/reportPayload.ts';
import { reportPdfPrinter } from '../../ops/reportPdf.ts';
import { buildApp } from '../../server/app.ts';
import { tempDir } from '../helpers/tempStore.ts';
import { buildReportStore, REPORT_YEAR, SEEDED } from './helpers/reportStore.ts';
import { signIn } from '../server/testApp.ts';

let app: FastifyInstance;
let headers: Record<string, string>;

beforeAll(async () => {
  const store = await buildReportStore(tempDir('koersbord-report-payload-'));
  app = await buildApp({ store });
  headers = await signIn(app, { role: 'lezer' });
}, 120_000);
afterAll(() => app?.close());

async function report(query: string): Promise<ReportPayload> {
  const res = await app.inject({ headers, method: 'GET', url: `/api/report?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return ReportPayload.parse(res.json());
}

describe('GET /api/report', () => {
  it('carries the overview cards exactly as the engine computes them for the region', async () => {
    const r = await report(`year=${REPORT_YEAR}`);
    expect(r.cards).toEqual(await app.engine.overview({ year: REPORT_YEAR, scope: 'REGIO' }));
    expect(r.scope_name).toBe('Regio Twente');
    expect(r.month).toBe(`${REPORT_YEAR}-12`);
  });

  it('has a Check section per target row with the gemeente comparison and the monthly target path', async () => {
    const r = await report(`year=${REPORT_YEAR}`);
    expect(r.check.map((c) => c.segment)).toEqual(['verblijf', 'wonen', 'wonen_verblijf', 'ambulant', 'crisis']);
    const verblijf = r.check[0];
    expect(verblijf.months).toHaveLength(12);
    expect(verblijf.months.some((p) => p.target != null)).toBe(true);
    expect(verblijf.comparison).toEqual(await app.engine.comparison({ segment: 'verblijf', year: REPORT_YEAR }));
    expect(verblijf.duiding.map((d) => d.text)).toEqual([SEEDED.verklaring]);
    // Why the kosten changed, as the decomposition route answers it; the effects add up.
    expect(verblijf.decomposition).toEqual(await app.engine.decomposition({ segment: 'verblijf', year: REPORT_YEAR }));
    expect(verblijf.decomposition.comparison_year).toBe(REPORT_YEAR - 1);
    if (verblijf.decomposition.volume_eur !== null) expect(verblijf.decomposition.volume_eur + verblijf.decomposition.intensity_eur!).toBeCloseTo(verblijf.decomposition.change_eur!, 6);
  });

  it('gives the Do chapter every row, jeugdbescherming and jeugdreclassering included, with the steering figures of the engine', async () => {
    const r = await report(`year=${REPORT_YEAR}`);
    expect(r.years.map((y) => y.segment)).toEqual(expect.arrayContaining(['jeugdbescherming', 'jeugdreclassering']));
    expect(r.check.map((c) => c.segment)).not.toContain('jeugdbescherming');
    expect(r.return_window_days).toBe(365);
    for (const indicator of ['kosten_per_client', 'einde_volgens_plan_pct', 'herinstroom_pct'] as const) {
      const own = r.years.find((y) => y.segment === 'ambulant')![indicator];
      expect(own, indicator).toEqual(await app.engine.series({ segment: 'ambulant', scope: 'REGIO', indicator, grain: 'year', to: String(REPORT_YEAR) }));
    }
  });

  it('keeps suppression: a gemeente report shows hidden counts hidden, as the engine does', async () => {
    const r = await report(`year=${REPORT_YEAR}&scope=GM0147`);
    const engineCards = await app.engine.overview({ year: REPORT_YEAR, scope: 'GM0147' });
    expect(r.cards).toEqual(engineCards);
    const months = r.monthly_clients.flatMap((m) => m.points);
    expect(months.some((p) => p.suppressed && p.value === null)).toBe(true);
    expect(months.every((p) => p.suppressed || p.value === null || p.value === 0 || p.value >= 5)).toBe(true);
  });

  it('brings the session a duiding came from, and the actions under each verbetervoorstel', async () => {
    const r = await report(`year=${REPORT_YEAR}`);
    expect(r.sessions.map((s) => s.title)).toEqual([SEEDED.sessionTitle]);
    expect(r.act).toHaveLength(1);
    expect(r.act[0].proposal.text).toBe(SEEDED.voorstel);
    expect(r.act[0].actions.map((a) => [a.title, a.owner_organisation, a.due_date, a.status])).toEqual([[SEEDED.action, SEEDED.actionOwner, SEEDED.actionDue, 'lopend']]);
    // Its status was set after the session, outside any other: it counts as set in that session.
    expect(r.act[0].actions[0].history.map((h) => h.session_id)).toEqual([r.sessions[0].id]);
  });

  it("gives Check each duiding's figures at writing beside the same figures now", async () => {
    const r = await report(`year=${REPORT_YEAR}`);
    const [d] = r.check.find((c) => c.segment === 'verblijf')!.duiding;
    const values = await app.engine.values({ year: REPORT_YEAR, grain: 'year' });
    const kosten = values.find((v) => v.segment === 'verblijf' && v.gemeente_code === 'REGIO' && v.period === String(REPORT_YEAR) && v.indicator === 'kosten')!.value;
    expect(d.figures_at_writing?.values.find((v) => v.indicator === 'kosten')?.value).toBe(kosten);
    expect(d.figures_now.values.find((v) => v.indicator === 'kosten')?.value).toBe(kosten);
  });

  it('leaves duiding of another year out', async () => {
    const r = await report(`year=${REPORT_YEAR - 1}`);
    expect(r.check.flatMap((c) => c.duiding)).toEqual([]);
    expect(r.act).toEqual([]);
  });

  it('a closed year shows that year and the years before it, not the unfinished next one', async () => {
    const r = await report(`year=${REPORT_YEAR - 1}`);
    const periods = r.years.flatMap((y) => [...y.clients, ...y.kosten].map((p) => p.period));
    expect(periods.length).toBeGreaterThan(0);
    expect(new Set(periods)).toEqual(new Set([String(REPORT_YEAR - 1)]));
    expect((await report(`year=${REPORT_YEAR}`)).years[0].kosten.map((p) => p.period)).toEqual([String(REPORT_YEAR - 1), String(REPORT_YEAR)]);
  });

  it('says the peilmaand of its data, and the appendix stops there: a later month is not missing', async () => {
    const full = await report(`year=${REPORT_YEAR}`);
    expect(full.peilmaand).toBe(`${REPORT_YEAR}-12`);
    expect(full.completeness_until).toBe(`${REPORT_YEAR}-12`);
    const r = await report(`year=${REPORT_YEAR}&peilmaand=${REPORT_YEAR}-09`);
    expect(r.peilmaand).toBe(`${REPORT_YEAR}-09`);
    expect(r.month).toBe(`${REPORT_YEAR}-09`);
    expect(r.completeness_until).toBe(`${REPORT_YEAR}-09`);
    const months = new Set(r.completeness.map((c) => c.month));
    expect([...months].sort().at(-1)).toBe(`${REPORT_YEAR}-09`);
    expect(r.completeness.filter((c) => c.month > `${REPORT_YEAR}-09`)).toEqual([]);
    // The figures are those known then: the same as the engine's at that peilmaand.
    expect(r.cards).toEqual(await app.engine.overview({ year: REPORT_YEAR, scope: 'REGIO', peilmaand: `${REPORT_YEAR}-09` }));
    // The months whose claims were still coming in are marked (no estimate yet: voorlopig).
    const verblijf = r.check.find((c) => c.segment === 'verblijf')!;
    expect(verblijf.months.filter((p) => p.period <= r.month && p.provisional).map((p) => p.period)).toEqual([`${REPORT_YEAR}-07`, `${REPORT_YEAR}-08`, `${REPORT_YEAR}-09`]);
  });

  it('lists in the appendix no month after the peilmaand or after the month the report is made', () => {
    const dec2026 = new Date('2026-12-02T08:00:00Z');
    expect(appendixUntil(2025, '2026-11', dec2026)).toBe('2025-12');
    expect(appendixUntil(2026, '2026-11', dec2026)).toBe('2026-11');
    expect(appendixUntil(2026, '2026-12', new Date('2026-10-15T08:00:00Z'))).toBe('2026-10');
    expect(appendixUntil(2026, null, dec2026)).toBe('2026-12');
  });

  it('answers 404 for a gemeente outside the region and for a year without data, 400 for unknown parameters', async () => {
    expect((await app.inject({ headers, url: `/api/report?year=${REPORT_YEAR}&scope=GM0363` })).statusCode).toBe(404);
    const noYear = await app.inject({ headers, url: '/api/report?year=2031' });
    expect(noYear.statusCode).toBe(404);
    expect(noYear.json().detail).toMatch(/2031/);
    const extra = await app.inject({ headers, url: `/api/report?year=${REPORT_YEAR}&unsuppressed=true` });
    expect(extra.statusCode).toBe(400);
  });

  it('is documented in the OpenAPI document, JSON and PDF', async () => {
    const doc = (await app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/report', '/api/report/pdf']));
  });

  it('explains that the PDF needs a listening server instead of trying to print', async () => {
    const res = await app.inject({ headers, url: `/api/report/pdf?year=${REPORT_YEAR}` });
    expect(res.statusCode).toBe(503);
    expect(res.json().detail).toMatch(/luistert niet/);
  });

  it('answers 503 with a clear message when no Chromium can be started for the PDF', async () => {
    const listening = await buildApp({ store: app.store, closeStore: false, reportPdf: reportPdfPrinter() });
    await listening.listen({ host: '127.0.0.1', port: 0 });
    const previous = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nergens/chromium';
    try {
      const address = listening.server.address() as { port: number };
      // The session lives in the store, so the second app on the same store knows it.
      const res = await fetch(`http://127.0.0.1:${address.port}/api/report/pdf?year=${REPORT_YEAR}`, { headers: { cookie: headers.cookie } });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/Chromium niet gevonden/);
    } finally {
      if (previous === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = previous;
      await listening.close();
    }
  });

  it('answers 503 in Dutch when the app was built without a PDF printer (the start script gives one)', async () => {
    const bare = await buildApp({ store: app.store, closeStore: false });
    await bare.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = bare.server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${address.port}/api/report/pdf?year=${REPORT_YEAR}`, { headers: { cookie: headers.cookie } });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/zonder PDF-afdruk/);
    } finally {
      await bare.close();
    }
  });

  it('answers a PDF request for a year or gemeente without data with 404 before anything is printed', async () => {
    expect((await app.inject({ headers, url: '/api/report/pdf?year=2031' })).statusCode).toBe(404);
    expect((await app.inject({ headers, url: `/api/report/pdf?year=${REPORT_YEAR}&scope=GM0363` })).statusCode).toBe(404);
  });
});

describe('mainSignals', () => {
  it('ranks target rows by how far they are above their target, three at most, hidden values left out', async () => {
    const cards = await app.engine.overview({ year: REPORT_YEAR, scope: 'REGIO' });
    const signals = mainSignals(cards);
    expect(signals.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < signals.length; i++) expect(signals[i - 1].difference_pct).toBeGreaterThanOrEqual(signals[i].difference_pct);
    const first = cards.find((c) => c.segment === signals[0].segment)!.target!;
    expect(signals[0].difference_pct).toBeCloseTo(((first.value_ytd! - first.target_ytd!) / first.target_ytd!) * 100, 10);
    const hidden = cards.map((c) => (c.target ? { ...c, target: { ...c.target, value_ytd: null, status_ytd: null } } : c));
    expect(mainSignals(hidden)).toEqual([]);
  });
});
