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
  bytes: number;
  hits: number;
  misses: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, Promise<CachedResponse>>();
  /** Sizes of the entries that have resolved. */
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  private generation = '';
  private hits = 0;
  private misses = 0;

  /** Bounded by count and by bytes: a month-grain long form of a full region is megabytes. */
  constructor(
    private readonly maxEntries = 1000,
    private readonly maxBytes = 256 * 1024 * 1024,
  ) {}

  /**
   * `generation` names the versions the value depends on; a new one empties the cache,
   * since nothing computed at an older version can be served again.
   */
  get(generation: string, key: string, compute: () => Promise<CachedResponse>): Promise<CachedResponse> {
    if (generation !== this.generation) {
      this.clear();
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
    pending.then(
      (response) => {
        if (this.entries.get(key) !== pending) return;
        const size = typeof response.body === 'string' ? Buffer.byteLength(response.body) : response.body.length;
        this.sizes.set(key, size);
        this.bytes += size;
        this.evict();
      },
      // A failure is not cached: the next request tries again.
      () => {
        if (this.entries.get(key) === pending) this.entries.delete(key);
      },
    );
    this.evict();
    return pending;
  }

  private remove(key: string): void {
    this.entries.delete(key);
    this.bytes -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.remove(key);
    }
  }

  stats(): ResponseCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }

  clear(): void {
    this.entries.clear();
    this.sizes.clear();
    this.bytes = 0;
  }
}
