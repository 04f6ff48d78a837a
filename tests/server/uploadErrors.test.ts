/**
 * Issue 10, defects 6 and 7: a malformed multipart body (no boundary, the wrong boundary, no
 * closing boundary, garbage) and a file without a name (filename="") are the client's fault:
 * 400 with a Dutch problem+json, never 500, and nothing loaded.
 */
import { describe, expect, it } from 'vitest';
import { multipartFile, toewijzingenCsv } from './multipart.ts';
import { json, testApp, USER } from './testApp.ts';

const app = await testApp();

const upload = (payload: string | Buffer, contentType: string) =>
  app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...USER, 'content-type': contentType }, payload });

async function deliveries(): Promise<number> {
  return json<unknown[]>(await app.inject({ method: 'GET', url: '/api/deliveries?include_replaced=true' })).length;
}

const csv = toewijzingenCsv('2025-03', 2);
const part = (boundary: string, closing = true, name = 'toewijzingen_GM0153_2025-03.csv') =>
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n${closing ? `--${boundary}--\r\n` : ''}`;

describe('malformed multipart (defect 6)', () => {
  const cases: [string, string | Buffer, string][] = [
    ['no boundary', part('abc'), 'multipart/form-data'],
    ['the wrong boundary', part('abc'), 'multipart/form-data; boundary=xyz'],
    ['no closing boundary', part('abc', false), 'multipart/form-data; boundary=abc'],
    ['garbage', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x2d, 0x2d]), 'multipart/form-data; boundary=abc'],
    ['an empty body', '', 'multipart/form-data; boundary=abc'],
  ];
  for (const [what, payload, type] of cases) {
    it(`answers 400 in Dutch for ${what}, and loads nothing`, async () => {
      const before = await deliveries();
      const res = await upload(payload, type);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(json<{ detail: string }>(res).detail).toMatch(/multipart|bestand/i);
      expect(await deliveries()).toBe(before);
    });
  }
});

describe('a file without a name (defect 7)', () => {
  it('answers 400 in Dutch for filename="", and loads nothing', async () => {
    const before = await deliveries();
    const body = multipartFile('', csv);
    const res = await app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...USER, ...body.headers }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(400);
    expect(json<{ detail: string }>(res).detail).toMatch(/naam/);
    expect(await deliveries()).toBe(before);
  });

  it('still loads the same file with a name', async () => {
    const body = multipartFile('toewijzingen_GM0153_2025-03.csv', csv);
    const res = await app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...USER, ...body.headers }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(201);
  });
});
