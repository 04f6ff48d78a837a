import { describe, expect, it } from 'vitest';
import { etagMatches } from '../../server/cachedReply.ts';
import { testApp, USER } from './testApp.ts';

const app = await testApp();

describe('ETags and 304', () => {
  it('answers 304 without a body when If-None-Match carries the current ETag', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/sessions' });
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    // Duiding answers carry their figures as known now: both versions are in the tag.
    expect(etag).toMatch(/^"[0-9a-f]+-u\d+d\d+-json"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await app.inject({ method: 'GET', url: '/api/sessions', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['x-content-type-options']).toBe('nosniff');
  });

  it('changes the duiding ETag with a duiding write but keeps the data ETag', async () => {
    const sessions = await app.inject({ method: 'GET', url: '/api/sessions' });
    const deliveries = await app.inject({ method: 'GET', url: '/api/deliveries' });
    await app.inject({ method: 'POST', url: '/api/sessions', headers: USER, payload: { date: '2025-05-01', title: 'Mei' } });
    const sessionsAfter = await app.inject({ method: 'GET', url: '/api/sessions', headers: { 'if-none-match': sessions.headers.etag as string } });
    expect(sessionsAfter.statusCode).toBe(200);
    expect(JSON.parse(sessionsAfter.body)).toHaveLength(1);
    const deliveriesAfter = await app.inject({ method: 'GET', url: '/api/deliveries', headers: { 'if-none-match': deliveries.headers.etag as string } });
    expect(deliveriesAfter.statusCode).toBe(304);
  });

  it('gives another server process other ETags, since it may serve other code or another store', async () => {
    const other = await testApp();
    const a = await app.inject({ method: 'GET', url: '/api/deliveries' });
    const b = await other.inject({ method: 'GET', url: '/api/deliveries' });
    expect(a.headers.etag).not.toBe(b.headers.etag);
  });

  it('answers HEAD with the same ETag and no body', async () => {
    const get = await app.inject({ method: 'GET', url: '/api/deliveries' });
    const head = await app.inject({ method: 'HEAD', url: '/api/deliveries' });
    expect(head.statusCode).toBe(200);
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.body).toBe('');
  });

  it('compares tags weakly and understands lists and *', () => {
    expect(etagMatches('W/"abc-d1-json"', '"abc-d1-json"')).toBe(true);
    expect(etagMatches('"x", "abc-d1-json"', '"abc-d1-json"')).toBe(true);
    expect(etagMatches('*', '"abc-d1-json"')).toBe(true);
    expect(etagMatches('"abc-d2-json"', '"abc-d1-json"')).toBe(false);
    expect(etagMatches(undefined, '"abc-d1-json"')).toBe(false);
  });
});
