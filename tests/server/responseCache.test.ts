import { describe, expect, it } from 'vitest';
import { ResponseCache } from '../../server/responseCache.ts';

const body = (text: string) => ({ contentType: 'application/json', body: text });

describe('ResponseCache', () => {
  it('computes once for twenty concurrent requests of the same view', async () => {
    const cache = new ResponseCache();
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((r) => setTimeout(r, 20));
      return body(`"${computed}"`);
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get('d1', '/api/overview?year=2025', compute)));
    expect(computed).toBe(1);
    expect(new Set(answers.map((a) => a.body))).toEqual(new Set(['"1"']));
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 19, misses: 1 });
  });

  it('drops everything computed at an older version when a newer one is seen', async () => {
    const cache = new ResponseCache();
    await cache.get('d1', 'a', async () => body('old'));
    const fresh = await cache.get('d2', 'a', async () => body('new'));
    expect(fresh.body).toBe('new');
    expect(cache.stats().entries).toBe(1);
  });

  it('does not keep a failed computation, so the next request tries again', async () => {
    const cache = new ResponseCache();
    await expect(cache.get('d1', 'a', async () => Promise.reject(new Error('kapot')))).rejects.toThrow('kapot');
    await new Promise((r) => setImmediate(r));
    expect((await cache.get('d1', 'a', async () => body('goed'))).body).toBe('goed');
  });

  it('evicts the least recently used entry beyond its size', async () => {
    const cache = new ResponseCache(2);
    await cache.get('d1', 'a', async () => body('a'));
    await cache.get('d1', 'b', async () => body('b'));
    await cache.get('d1', 'a', async () => body('a2')); // a is now the most recent
    await cache.get('d1', 'c', async () => body('c'));
    expect((await cache.get('d1', 'a', async () => body('a3'))).body).toBe('a');
    expect((await cache.get('d1', 'b', async () => body('b2'))).body).toBe('b2');
  });

  it('keeps its bytes under the budget by evicting the oldest answers', async () => {
    const cache = new ResponseCache(100, 25);
    for (const key of ['a', 'b', 'c']) await cache.get('d1', key, async () => body('x'.repeat(10)));
    await new Promise((r) => setImmediate(r));
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 20 });
    expect((await cache.get('d1', 'a', async () => body('opnieuw'))).body).toBe('opnieuw');
  });
});
