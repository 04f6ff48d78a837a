import { describe, expect, it } from 'vitest';
import type { DeliveryRecord, DeliveryReport } from '../../contract/deliveries.ts';
import { brokenToewijzingenCsv, multipartFile, toewijzingenCsv } from './multipart.ts';
import { monthlyRegion } from '../helpers/tempStore.ts';
import { ANONYMOUS, json, signIn, testApp, USER } from './testApp.ts';

// Enschede is quarterly in Twente; these uploads give it months of its own, as a monthly gemeente.
const app = await testApp({ uploadLimitBytes: 64 * 1024, region: monthlyRegion() });

async function upload(name: string, content: string | Buffer, headers: Record<string, string> = USER) {
  const body = multipartFile(name, content);
  return app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...body.headers, ...headers }, payload: body.payload });
}

async function snapshot() {
  const [counts] = await app.store.query<{ d: number; t: number }>(
    `SELECT (SELECT count(*) FROM deliveries)::INTEGER AS d, (SELECT count(*) FROM toewijzingen)::INTEGER AS t`,
  );
  return { ...counts, version: await app.store.dataVersion() };
}

describe('delivery routes', () => {
  it('loads a good upload under its original name and answers 201 with the report', async () => {
    const res = await upload('toewijzingen_GM0153_2025-03.csv', toewijzingenCsv('2025-03', 3));
    expect(res.statusCode, res.body).toBe(201);
    const report = json<DeliveryReport>(res);
    expect(report).toMatchObject({ file: 'toewijzingen_GM0153_2025-03.csv', outcome: 'loaded', kind: 'toewijzingen', gemeente_code: 'GM0153', periode: '2025-03', rows: 3 });
    const history = json<DeliveryRecord[]>(await app.inject({ method: 'GET', url: '/api/deliveries' }));
    expect(history.map((d) => [d.file_name, d.loaded_by, d.status])).toEqual([['toewijzingen_GM0153_2025-03.csv', 'Anna de Vries', 'active']]);
  });

  it('answers 200 unchanged when the same file comes again', async () => {
    const res = await upload('toewijzingen_GM0153_2025-03.csv', toewijzingenCsv('2025-03', 3));
    expect(res.statusCode).toBe(200);
    expect(json<DeliveryReport>(res).outcome).toBe('unchanged');
  });

  it('rejects a bad file with 422 and its report, and changes nothing in the store', async () => {
    const before = await snapshot();
    const res = await upload('toewijzingen_GM0153_2025-04.csv', brokenToewijzingenCsv('2025-04'));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = json<{ detail: string; report: DeliveryReport }>(res);
    expect(problem.detail).toMatch(/^De levering toewijzingen_GM0153_2025-04\.csv is geweigerd/);
    expect(problem.report.outcome).toBe('rejected');
    expect(problem.report.problems.some((p) => p.line === 3 && p.column === 'begindatum')).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file that is not .csv or .xlsx with 400 before loading anything', async () => {
    const before = await snapshot();
    const res = await upload('toewijzingen.pdf', '%PDF-1.4');
    expect(res.statusCode).toBe(400);
    expect(json<{ detail: string }>(res).detail).toBe('Alleen .csv- en .xlsx-bestanden kunnen worden geladen; toewijzingen.pdf is dat niet.');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file over the size limit with 413 and changes nothing', async () => {
    const before = await snapshot();
    const res = await upload('toewijzingen_GM0153_2025-05.csv', toewijzingenCsv('2025-05', 1500));
    expect(res.statusCode).toBe(413);
    expect(json<{ title: string }>(res).title).toBe('Bestand te groot');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an upload without a session with 401', async () => {
    const body = multipartFile('toewijzingen_GM0153_2025-06.csv', toewijzingenCsv('2025-06'));
    const res = await app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...body.headers, ...ANONYMOUS }, payload: body.payload });
    expect(res.statusCode).toBe(401);
  });

  it('refuses an upload that is not multipart with a problem', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/deliveries', headers: USER, payload: { file: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(json<{ detail: string }>(res).detail).toContain('multipart/form-data');
  });

  it('changes the ETag of the history when a delivery is loaded', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/deliveries' });
    const again = await app.inject({ method: 'GET', url: '/api/deliveries', headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect((await upload('toewijzingen_GM0153_2025-07.csv', toewijzingenCsv('2025-07', 2))).statusCode).toBe(201);
    const after = await app.inject({ method: 'GET', url: '/api/deliveries', headers: { 'if-none-match': first.headers.etag as string } });
    expect(after.statusCode).toBe(200);
    expect(json<DeliveryRecord[]>(after).map((d) => d.periode)).toEqual(['2025-03', '2025-07']);
  });

  it('filters the history by kind and refuses unknown parameters', async () => {
    const none = json<DeliveryRecord[]>(await app.inject({ method: 'GET', url: '/api/deliveries?kind=declaraties' }));
    expect(none).toEqual([]);
    const bad = await app.inject({ method: 'GET', url: '/api/deliveries?soort=x' });
    expect(bad.statusCode).toBe(400);
  });

  it('loads uploads and duiding writes that arrive together without conflicts', async () => {
    const uploads = ['2025-08', '2025-09'].map((m) => upload(`toewijzingen_GM0153_${m}.csv`, toewijzingenCsv(m, 50)));
    const writes = Array.from({ length: 5 }, (_, i) =>
      app.inject({
        method: 'POST',
        url: '/api/duiding',
        headers: USER,
        payload: { kind: 'signaal', segment: 'wonen', gemeente_code: 'GM0153', period: '2025-08', text: `Signaal ${i}` },
      }),
    );
    const answers = await Promise.all([...uploads, ...writes]);
    expect(answers.map((r) => r.statusCode)).toEqual(Array(7).fill(201));
  });

  it('loads a budget (begroting) upload, refuses a bad one with its Dutch report, and lists it by kind', async () => {
    const good = await upload('begroting_2025.csv', 'gemeente_code;jaar;segment;bedrag\nGM0153;2025;ambulant;12.500.000,00\nGM0153;2025;crisis;800000\n');
    expect(good.statusCode, good.body).toBe(201);
    expect(json<DeliveryReport>(good)).toMatchObject({ outcome: 'loaded', kind: 'begroting', gemeente_code: null, periode: null, rows: 2 });
    const before = await snapshot();
    const bad = await upload('begroting_2025_v2.csv', 'gemeente_code;jaar;segment;bedrag\nGM0153;2025;jeugdzorg;-5\n');
    expect(bad.statusCode).toBe(422);
    const problem = json<{ detail: string; report: DeliveryReport }>(bad);
    expect(problem.detail).toMatch(/^De levering begroting_2025_v2\.csv is geweigerd/);
    expect(problem.report.problems.map((p) => [p.line, p.column, p.rule])).toEqual([
      [2, 'segment', 'text_format'],
      [2, 'bedrag', 'bedrag_negative'],
    ]);
    expect(await snapshot()).toEqual(before);
    const listed = json<DeliveryRecord[]>(await app.inject({ method: 'GET', url: '/api/deliveries?kind=begroting' }));
    expect(listed.map((d) => [d.file_name, d.kind, d.row_count])).toEqual([['begroting_2025.csv', 'begroting', 2]]);
  });
});

describe('an upload off a quarterly gemeente’s rhythm', () => {
  it('is refused with 422 and a problem naming the rhythm, and a quarter’s last month loads; the completeness grid counts it for the quarter', async () => {
    const twente = await testApp(); // Twente as configured: Enschede per kwartaal
    const headers = await signIn(twente);
    const send = (name: string, content: string) => {
      const body = multipartFile(name, content);
      return twente.inject({ method: 'POST', url: '/api/deliveries', headers: { ...body.headers, ...headers }, payload: body.payload });
    };
    const before = await twente.store.dataVersion();
    const refused = await send('toewijzingen_GM0153_2025-05.csv', toewijzingenCsv('2025-05', 2));
    expect(refused.statusCode).toBe(422);
    const problem = json<{ detail: string; report: DeliveryReport }>(refused);
    expect(problem.report.problems.map((p) => [p.column, p.rule, p.found])).toEqual([['periode', 'delivery_rhythm', '2025-05']]);
    expect(problem.report.problems[0].message).toContain('leveringsritme van Enschede (per kwartaal)');
    expect(problem.report.problems[0].message).toContain('voor deze maand 2025-06');
    expect(await twente.store.dataVersion()).toBe(before);

    expect((await send('toewijzingen_GM0153_2025-06.csv', toewijzingenCsv('2025-06', 2))).statusCode).toBe(201);
    const grid = json<{ gemeente_code: string; month: string; toewijzingen: string }[]>(
      await twente.inject({ method: 'GET', url: '/api/deliveries/completeness?from=2025-04&to=2025-06', headers }),
    );
    expect(grid.filter((c) => c.gemeente_code === 'GM0153').map((c) => c.toewijzingen)).toEqual(['delivered', 'delivered', 'delivered']);
    // The region info tells the web which gemeenten deliver per quarter.
    const region = json<{ gemeenten: { code: string; rhythm: string }[] }>(await twente.inject({ method: 'GET', url: '/api/region', headers }));
    expect(region.gemeenten.filter((g) => g.rhythm === 'kwartaal').map((g) => g.code)).toEqual(['GM0153']);
  });
});
