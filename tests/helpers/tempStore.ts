/** Real DuckDB files in a temporary folder, removed after each test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { loadRegion, type RegionConfig } from '../../region/config.ts';
import { openStore, type Store } from '../../store/store.ts';

export function tempDir(prefix = 'koersbord-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function tempDbPath(): string {
  return join(tempDir('koersbord-db-'), 'test.duckdb');
}

export async function tempStore(region: RegionConfig = loadRegion()): Promise<Store> {
  const store = await openStore(tempDbPath(), region);
  afterAll(() => store.close());
  return store;
}

/**
 * The region with every gemeente delivering monthly: for hand-made deliveries that give a
 * gemeente (often Enschede, quarterly in Twente) months of its own, as tests written before
 * the delivery rhythm do. Tests of the rhythm itself use the region as configured.
 */
export function monthlyRegion(region: RegionConfig = loadRegion()): RegionConfig {
  return { ...region, gemeenten: region.gemeenten.map((g) => ({ ...g, rhythm: 'maand' as const })) };
}
