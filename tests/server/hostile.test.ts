/**
 * Hostile input: SQL-injection strings, path traversal in file names, oversized and malformed
 * uploads and bodies, scripts in duiding text, Unicode oddities. Each is refused with a Dutch
 * problem (and the store is unchanged), or stored safely exactly as sent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Duiding } from '../../contract/api.ts';
import { loadDataset } from './dataset.ts';
import { multipartFile, toewijzingenCsv } from './multipart.ts';
import { ANONYMOUS, json, testApp, USER } from './testApp.ts';
import { monthlyRegion } from '../helpers/tempStore.ts';

const app = await testApp({ uploadLimitBytes: 64 * 1024, region: monthlyRegion() });

beforeAll(async () => {
  await loadDataset(app.store);
}, 60_000);

/** Everything a write could change: rows per table and both versions. */
async function snapshot() {
  const [counts] = await app.store.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM deliveries)::INTEGER AS deliveries, (SELECT count(*) FROM toewijzingen)::INTEGER AS toewijzingen,
            (SELECT count(*) FROM duiding)::INTEGER AS duiding, (SELECT count(*) FROM duiding_sessions)::INTEGER AS sessions,
            (SELECT count(*) FROM duiding_actions)::INTEGER AS actions, (SELECT count(*) FROM accounts)::INTEGER AS accounts`,
  );
  return { ...counts, versions: await app.versions.read() };
}

function expectDutchProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, statuses: number[]) {
  expect(statuses, res.body).toContain(res.statusCode);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const problem = json<{ detail: string }>(res);
  expect(problem.detail.length).toBeGreaterThan(10);
  expect(problem.detail).not.toMatch(/stack|at \w+ \(|SELECT|duckdb/i);
}

const INJECTIONS = ["REGIO' OR '1'='1", "GM0153'; DROP TABLE duiding; --", '1 OR 1=1', "2025) UNION SELECT * FROM accounts --", '%27%20OR%201%3D1'];

describe('SQL injection strings', () => {
  it('are refused in every kind of query parameter, and nothing changes', async () => {
    const before = await snapshot();
    for (const evil of INJECTIONS) {
      const q = encodeURIComponent(evil);
      for (const url of [
        `/api/overview?year=2025&scope=${q}`,
        `/api/overview?year=${q}`,
        `/api/series?segment=${q}&indicator=clients`,
        `/api/duiding?gemeente_code=${q}`,
        `/api/duiding?period=${q}`,
        `/api/deliveries?gemeente_code=${q}`,
        `/api/providers/${q}/series?segment=crisis&indicator=clients`,
        `/api/duiding/${q}`,
        `/api/report?year=2025&scope=${q}`,
      ]) {
        expectDutchProblem(await app.inject({ method: 'GET', url }), [400, 404]);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('are stored as plain text where text is allowed (audit filter, duiding text, e-mail at sign-in)', async () => {
    for (const evil of INJECTIONS) {
      const audit = await app.inject({ method: 'GET', url: `/api/audit?actor=${encodeURIComponent(evil)}` });
      expect(audit.statusCode).toBe(200);
      expect(json(audit)).toEqual([]);
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: ANONYMOUS, payload: { email: evil, password: evil }, remoteAddress: '10.1.1.1' });
      expect(login.statusCode).toBe(401);
    }
    const text = INJECTIONS.join('\n');
    const created = await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { kind: 'signaal', segment: 'crisis', gemeente_code: 'REGIO', period: '2025', text } });
    expect(created.statusCode).toBe(201);
    expect(json<Duiding>(await app.inject({ method: 'GET', url: `/api/duiding/${json<Duiding>(created).id}` })).text).toBe(text);
    const [tables] = await app.store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name IN ('duiding', 'accounts')`);
    expect(tables.n).toBe(2);
  });
});

async function upload(name: string, content: string | Buffer) {
  const body = multipartFile(name, content);
  return app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...body.headers, ...USER }, payload: body.payload });
}

describe('uploads', () => {
  it('refuses path traversal and deceptive names in the file name, and loads nothing', async () => {
    const before = await snapshot();
    for (const name of [
      '../../etc/toewijzingen_GM0153_2025-03.csv',
      '..\\..\\windows\\toewijzingen_GM0153_2025-03.csv',
      'toewijzingen_GM0153_2025-03/../../../x.csv',
      'toewijzingen_GM0153_2025-03\u202Evsc.xlsx',
      'toewijzingen_GM0153_2025-03\u0000.csv',
      'toewijzingen_GM0153_2025-03.csv\u200B',
    ]) {
      expectDutchProblem(await upload(name, toewijzingenCsv('2025-03', 2)), [400]);
    }
    expectDutchProblem(await upload('/etc/passwd', 'root:x:0:0'), [400]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses oversized, empty, binary, fake-xlsx and not-multipart uploads with a Dutch problem, store unchanged', async () => {
    const before = await snapshot();
    expectDutchProblem(await upload('toewijzingen_GM0153_2025-05.csv', toewijzingenCsv('2025-05', 1500)), [413]);
    expectDutchProblem(await upload('toewijzingen_GM0153_2025-05.csv', ''), [400, 422]);
    expectDutchProblem(await upload('toewijzingen_GM0153_2025-05.csv', Buffer.from([0, 1, 2, 255, 254, 0, 0x1b, 0x5b])), [400, 422]);
    expectDutchProblem(await upload('toewijzingen_GM0153_2025-05.xlsx', 'PK\u0003\u0004 geen echte zip'), [400, 422]);
    expectDutchProblem(await upload('toewijzingen_GM0153_2025-05.csv', '"ongesloten;aanhalingsteken\n'.repeat(50)), [400, 422]);
    const form = multipartFile('toewijzingen_GM0153_2025-05.csv', toewijzingenCsv('2025-05', 2), 'anders');
    expectDutchProblem(await app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...form.headers, ...USER }, payload: form.payload }), [400]);
    expectDutchProblem(await app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...USER, 'content-type': 'text/csv' }, payload: toewijzingenCsv('2025-05', 2) }), [400, 415]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('JSON bodies', () => {
  it('refuses an oversized body (413), malformed JSON (400), a wrong content type (415) and prototype tricks', async () => {
    const before = await snapshot();
    const huge = { kind: 'signaal', segment: 'crisis', gemeente_code: 'REGIO', period: '2025', text: 'x'.repeat(300 * 1024) };
    expectDutchProblem(await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: huge }), [413]);
    expectDutchProblem(await app.inject({ method: 'POST', url: '/api/duiding', headers: { ...USER, 'content-type': 'application/json' }, payload: '{"kind": "signaal",' }), [400]);
    expectDutchProblem(await app.inject({ method: 'POST', url: '/api/duiding', headers: { ...USER, 'content-type': 'text/plain' }, payload: 'signaal' }), [415]);
    expectDutchProblem(await app.inject({ method: 'POST', url: '/api/duiding', headers: { ...USER, 'content-type': 'application/json' }, payload: '{"__proto__": {"admin": true}, "kind": "signaal"}' }), [400]);
    expectDutchProblem(await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { kind: 'signaal', segment: 'crisis', gemeente_code: 'REGIO', period: '2025', text: 'x'.repeat(10_001) } }), [400]);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });
});

const base = { kind: 'signaal', segment: 'crisis', gemeente_code: 'REGIO', period: '2025' } as const;

describe('scripts and Unicode in duiding text', () => {
  it('stores <script> and HTML exactly as written (the web app and PDF print it as text)', async () => {
    const text = '<script>alert("xss")</script><img src=x onerror=alert(1)> & "quotes" \'single\'';
    const res = await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { ...base, text } });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(json<Duiding>(res).text).toBe(text);
  });

  it('stores other scripts, accents, emoji and combining characters unchanged', async () => {
    for (const text of ['Zoë en Anaïs — één', 'مرحبا بالعالم', '👩‍👩‍👧‍👦 gezin 🇳🇱', 'e\u0301 (e + combining accent)', '中文 テキスト', '\uFEFFmet BOM']) {
      const res = await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { ...base, text } });
      expect(res.statusCode, text).toBe(201);
      expect(json<Duiding>(res).text).toBe(text.trim());
    }
  });

  it('refuses NUL, other control characters, bidi overrides and lone surrogates with a Dutch reason, storing nothing', async () => {
    const before = await snapshot();
    for (const text of ['a\u0000b', 'bel\u0007', 'esc \u001b[31m rood', 'betaal \u202Egnireteb\u202C', 'isolaat \u2066x\u2069', 'los \ud800 surrogaat']) {
      const res = await app.inject({ method: 'POST', url: '/api/duiding', headers: USER, payload: { ...base, text } });
      expectDutchProblem(res, [400]);
      expect(json<{ detail: string }>(res).detail).toMatch(/Er is niets opgeslagen/);
    }
    const session = await app.inject({ method: 'POST', url: '/api/sessions', headers: USER, payload: { date: '2025-04-01', title: 'Titel\u202E' } });
    expectDutchProblem(session, [400]);
    expect(await snapshot()).toEqual(before);
  });
});
