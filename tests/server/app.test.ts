import { describe, expect, it } from 'vitest';
import { json, testApp, USER } from './testApp.ts';

const app = await testApp();

describe('app', () => {
  it('answers health with the region and the versions', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ status: 'ok', region: 'twente', data_version: 0, duiding_version: 0, deliveries: 0, loading: null });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers version with the schema version including the duiding migration', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/version' });
    const body = json<{ name: string; schema_version: number }>(res);
    expect(body.name).toBe('koersbord');
    expect(body.schema_version).toBeGreaterThanOrEqual(2);
  });

  it('answers an unknown API route with a Dutch 404 problem', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/bestaat-niet' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = json<{ type: string; title: string; status: number; detail: string }>(res);
    expect(problem).toMatchObject({ status: 404, title: 'Niet gevonden', type: 'urn:koersbord:probleem:niet-gevonden' });
    expect(problem.detail).toContain('Er is geen API-route GET /api/bestaat-niet');
  });

  it('answers an unknown page with a 404 problem when no web app is served', async () => {
    const res = await app.inject({ method: 'GET', url: '/iets' });
    expect(res.statusCode).toBe(404);
    expect(json<{ detail: string }>(res).detail).toBe('De pagina /iets bestaat niet.');
  });

  it('sets security headers on success, problem and 404 responses alike', async () => {
    for (const url of ['/api/health', '/api/duiding?kind=fout', '/api/nergens', '/api/docs']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy'], url).toContain("default-src 'self'");
      // HSTS only over https (tests/server/hardening.test.ts); these requests are plain http.
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
  });

  it('lists every bad query parameter in a 400 problem with Dutch messages', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/duiding?kind=mening&year=twintig' });
    expect(res.statusCode).toBe(400);
    const problem = json<{ detail: string; parameters: { in: string; name: string; message: string }[] }>(res);
    expect(problem.detail).toBe('Ongeldige parameters: kind, year.');
    expect(problem.parameters.map((p) => [p.in, p.name])).toEqual([
      ['query', 'kind'],
      ['query', 'year'],
    ]);
    expect(problem.parameters[0].message).toMatch(/^Ongeldige optie/);
  });

  it('answers malformed JSON with a Dutch problem and no stack trace', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/duiding',
      headers: { 'content-type': 'application/json', ...USER },
      payload: '{"kind": ',
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ detail: string }>(res).detail).toBe('De inhoud van het verzoek is geen geldige JSON.');
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(res.body).not.toContain('stack');
  });

  it('answers an unsupported content type with 415 in Dutch', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/duiding',
      headers: { 'content-type': 'application/xml', ...USER },
      payload: '<duiding/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(json<{ title: string }>(res).title).toBe('Mediatype niet ondersteund');
  });

  it('hides an internal failure behind a generic Dutch 500 without details', async () => {
    const broken = await testApp();
    await broken.store.close();
    const res = await broken.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(500);
    const problem = json<{ detail: string; title: string }>(res);
    expect(problem.title).toBe('Interne fout');
    expect(problem.detail).toMatch(/^Er ging iets mis aan de kant van de server/);
    expect(res.body).not.toMatch(/duckdb|Error:|\.ts:\d+/i);
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = json<{ openapi: string; paths: Record<string, Record<string, { parameters?: { name: string }[] }>> }>(res);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/duiding', '/api/sessions', '/api/actions', '/api/overview', '/api/series']));
    expect(doc.paths['/api/series'].get.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['segment', 'indicator', 'grain']));
    const ui = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });
});
