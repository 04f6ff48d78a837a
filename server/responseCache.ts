/**
 * In-process cache of serialised responses, keyed by route, parameters, format and the
 * versions they were computed at. Twenty people opening the same view during a
 * duidingssessie cost one computation: concurrent misses share one promise, later hits are
 * a map lookup. Entries of an older version are dropped as soon as a newer one is seen.
 */
export interface CachedResponse {
  contentType: string;
  body: string | Buffer;
}

export interface ResponseCacheStats {
  entries: number;
  hits: number;
  misses: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, Promise<CachedResponse>>();
  private generation = '';
  private hits = 0;
  private misses = 0;

  constructor(private readonly maxEntries = 1000) {}

  /**
   * `generation` names the versions the value depends on; a new one empties the cache,
   * since nothing computed at an older version can be served again.
   */
  get(generation: string, key: string, compute: () => Promise<CachedResponse>): Promise<CachedResponse> {
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    const found = this.entries.get(key);
    if (found) {
      this.hits++;
      // Re-insert so the map's order is least-recently-used first.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    this.misses++;
    const pending = compute();
    this.entries.set(key, pending);
    // A failure is not cached: the next request tries again.
    pending.catch(() => {
      if (this.entries.get(key) === pending) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return pending;
  }

  stats(): ResponseCacheStats {
    return { entries: this.entries.size, hits: this.hits, misses: this.misses };
  }

  clear(): void {
    this.entries.clear();
  }
}
