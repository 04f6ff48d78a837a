/**
 * The export of the small fixtures (generated, loaded through the ETL), year and month grain,
 * byte for byte against snapshots written by the engine before its split into targets,
 * suppression, facts and long form: a refactor of the engine must not change one figure.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../etl/index.ts';
import { generateFixtures } from '../../fixtures/index.ts';
import { toCsv } from '../../indicators/export.ts';
import { createIndicatorEngine } from '../../indicators/index.ts';
import type { Store } from '../../store/store.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';

let store: Store;

beforeAll(async () => {
  const dir = tempDir('koersbord-export-snapshot-');
  await generateFixtures({ outDir: dir, profile: 'small' });
  store = await tempStore();
  const reports = await loadFiles(store, [dir]);
  expect(reports.filter((r) => r.outcome === 'rejected')).toEqual([]);
});

describe('export of the small fixtures', () => {
  it.each(['year', 'month'] as const)('is unchanged at %s grain', async (grain) => {
    const values = await createIndicatorEngine(store).values({ year: 2024, grain });
    const csv = toCsv(values, store.region.privacyThreshold);
    expect(csv.split('\n').length).toBeGreaterThan(grain === 'year' ? 300 : 3000);
    await expect(csv).toMatchFileSnapshot(`__snapshots__/export-small-2024-${grain}.csv`);
  });
});
