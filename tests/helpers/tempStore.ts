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
