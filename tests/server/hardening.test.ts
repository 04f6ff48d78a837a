/**
 * Issue 10, defect 11 and the "decide and document" list:
 * - a request whose body never arrives is cut off (a real listening server, a slow client
 *   over 127.0.0.1, the time limits made small through buildApp's option);
 * - a request line or headers over the size limit, and a request Node cannot parse, get a
 *   Dutch problem+json (431 / 400), not a bare status;
 * - odd paths (`//`, NUL) are a 400 with a 400 text, with or without the web app;
 * - record ids are plain decimal numbers (`0x10` is not 16);
 * - HSTS only over https; the CSP names no outside origins for styles and fonts;
 * - an analist deletes their own duiding, not a beheerder's.
 */
import { connect } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { Duiding } from '../../contract/api.ts';
import { buildApp } from '../../server/app.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';
import { json, signIn, testApp, USER } from './testApp.ts';

const app = await testApp();
/** This app's beheerder: USER is replaced by every later testApp(). */
const ADMIN = { ...USER };

/** Sends `raw` over a plain socket and resolves with everything the server wrote before it closed. */
function rawExchange(port: number, raw: string | Buffer, keepOpen = true): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.write(raw);
    if (!keepOpen) socket.end();
  });
}

async function listening(server: FastifyInstance): Promise<number> {
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('server luistert niet');
  return address.port;
}

describe('request time limits (defect 11)', () => {
  it('cuts off a POST that declares 1000 bytes and sends 5, with a Dutch 408 problem', async () => {
    const slow = await buildApp({ store: await tempStore(), closeStore: false, timeouts: { requestMs: 300, headersMs: 300, checkIntervalMs: 50 } });
    afterAll(() => slow.close());
    const port = await listening(slow);
    const answer = await rawExchange(port, 'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"ema');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toMatch(/application\/problem\+json/);
    expect(answer).toContain('te lang');
  }, 20_000);

  it('has sane defaults: request, headers, keep-alive and idle limits are all set', async () => {
    const server = app.server;
    expect(server.requestTimeout).toBeGreaterThan(0);
    expect(server.headersTimeout).toBeGreaterThan(0);
    expect(server.headersTimeout).toBeLessThanOrEqual(server.requestTimeout);
    expect(server.keepAliveTimeout).toBeGreaterThan(0);
    expect(server.timeout).toBeGreaterThan(90_000); // idle sockets; longer than a PDF print may take
  });
});

describe('client errors Node answers before any route', () => {
  it('answers a URL over 16 KB with a Dutch 431 problem, and garbage with a Dutch 400 problem', async () => {
    const server = await buildApp({ store: await tempStore(), closeStore: false });
    afterAll(() => server.close());
    const port = await listening(server);
    const long = await rawExchange(port, `GET /api/health?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(long).toMatch(/^HTTP\/1\.1 431 /);
    expect(long).toMatch(/application\/problem\+json/);
    expect(JSON.parse(long.slice(long.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431, title: 'Verzoek te groot' });
    const garbage = await rawExchange(port, 'DIT IS GEEN HTTP\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, title: 'Ongeldig verzoek' });
  });
});

describe('odd paths and ids', () => {
  function builtWebApp(): string {
    const root = tempDir('koersbord-web-');
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Koersbord</title><div id="app"></div>');
    return root;
  }

  it('answers //, NUL and control characters in a path with a 400 whose text says so, with the web app served', async () => {
    const web = await testApp({ webRoot: builtWebApp() });
    for (const url of ['/api//overview', '/%00', '/assets/%00.js', '//etc/passwd', '/api/%01']) {
      const res = await web.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toMatch(/problem\+json/);
      expect(json<{ status: number; detail: string }>(res), url).toMatchObject({ status: 400, detail: expect.stringMatching(/adres/) });
    }
    expect((await web.inject({ method: 'GET', url: '/gemeenten' })).statusCode).toBe(200);
  });

  it('reads a record id as a plain decimal number: 0x10, 1e1, +5, 010 and 1.0 are 400', async () => {
    for (const id of ['0x10', '1e1', '+5', '010', '1.0', '0', '-1', '99999999999']) {
      const res = await app.inject({ method: 'GET', url: `/api/duiding/${id}` });
      expect(res.statusCode, id).toBe(400);
    }
    expect((await app.inject({ method: 'GET', url: '/api/duiding/16' })).statusCode).toBe(404);
  });
});

describe('headers', () => {
  it('sends HSTS only over https (here: from a trusted proxy), never over plain http', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    const proxied = await buildApp({ store: await tempStore(), closeStore: false, trustProxy: 1 });
    afterAll(() => proxied.close());
    const https = await proxied.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const http = await proxied.inject({ method: 'GET', url: '/api/health' });
    expect(http.headers['strict-transport-security']).toBeUndefined();
  });

  it('allows no outside origins in the CSP (no https: for styles or fonts)', async () => {
    const csp = (await app.inject({ method: 'GET', url: '/api/health' })).headers['content-security-policy'] as string;
    expect(csp).not.toMatch(/https:/);
    expect(csp).toMatch(/font-src 'self'/);
    expect(csp).toMatch(/object-src 'none'/);
  });
});

describe('deleting duiding written by someone else', () => {
  it('an analist deletes their own duiding, a beheerder any; an analist not a beheerder\'s REGIO duiding', async () => {
    const input = { kind: 'signaal', segment: 'crisis', gemeente_code: 'REGIO', period: '2025', text: 'Van de beheerder' };
    const byAdmin = json<Duiding>(await app.inject({ method: 'POST', url: '/api/duiding', headers: ADMIN, payload: input }));
    const analist = await signIn(app, { name: 'Cas Analist', role: 'analist' });
    const refused = await app.inject({ method: 'DELETE', url: `/api/duiding/${byAdmin.id}`, headers: analist });
    expect(refused.statusCode).toBe(403);
    expect(json<{ detail: string }>(refused).detail).toMatch(/Anna de Vries/);
    expect((await app.inject({ method: 'GET', url: `/api/duiding/${byAdmin.id}` })).statusCode).toBe(200);
    const own = json<Duiding>(await app.inject({ method: 'POST', url: '/api/duiding', headers: analist, payload: { ...input, text: 'Van de analist' } }));
    expect((await app.inject({ method: 'DELETE', url: `/api/duiding/${own.id}`, headers: analist })).statusCode).toBe(204);
    expect((await app.inject({ method: 'DELETE', url: `/api/duiding/${byAdmin.id}`, headers: ADMIN })).statusCode).toBe(204);
  });
});
