import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempStore.ts';
import { testApp } from './testApp.ts';

function builtWebApp(): string {
  const root = tempDir('koersbord-web-');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Koersbord</title><div id="app"></div>');
  writeFileSync(join(root, 'assets', 'main-abc123.js'), 'console.log("koersbord")');
  return root;
}

describe('web app serving', () => {
  it('serves index.html at / and the built assets', async () => {
    const app = await testApp({ webRoot: builtWebApp() });
    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<div id="app">');
    const asset = await app.inject({ method: 'GET', url: '/assets/main-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
  });

  it('falls back to index.html for app routes outside /api/', async () => {
    const app = await testApp({ webRoot: builtWebApp() });
    const res = await app.inject({ method: 'GET', url: '/gemeenten/GM0153?jaar=2025' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<div id="app">');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('keeps unknown API routes a 404 problem even with the web app served', async () => {
    const app = await testApp({ webRoot: builtWebApp() });
    const res = await app.inject({ method: 'GET', url: '/api/onbekend' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('does not fall back for writes outside /api/', async () => {
    const app = await testApp({ webRoot: builtWebApp() });
    const res = await app.inject({ method: 'POST', url: '/gemeenten', payload: {} });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('says in Dutch that the web app is not built when web/dist is missing', async () => {
    const app = await testApp({ webRoot: join(tempDir('koersbord-web-'), 'dist') });
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('De webapp is nog niet gebouwd');
    const api = await app.inject({ method: 'GET', url: '/api/health' });
    expect(api.statusCode).toBe(200);
  });

  it('answers a missing asset with 404 instead of the app page', async () => {
    const app = await testApp({ webRoot: builtWebApp() });
    const res = await app.inject({ method: 'GET', url: '/assets/main-oud.js' });
    expect(res.statusCode).toBe(404);
  });

  it('serves many app routes without piling listeners on a response (no leak warning)', async () => {
    const app = await testApp({ webRoot: builtWebApp() });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      for (let i = 0; i < 12; i++) expect((await app.inject({ method: 'GET', url: `/segment/${i}` })).statusCode).toBe(200);
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.includes('listeners'))).toEqual([]);
  });
});
