import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../etl/index.ts';
import { generateFixtures } from '../../fixtures/index.ts';
import { createIndicatorEngine } from '../../indicators/index.ts';
import { demoDataProvider, newestFirst } from '../../ops/demoData.ts';
import { initialLoadPending, runInitialLoad, type StartupState } from '../../server/startup.ts';
import type { Store } from '../../store/store.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';

/** What a store holds, apart from ids and load times: the history by file, and each record table's content. */
async function content(store: Store) {
  const history = await store.query(
    `SELECT kind, gemeente_code, periode, file_name, file_hash, row_count, loaded_by, status, replaced_by IS NOT NULL AS replaced FROM deliveries ORDER BY file_name`,
  );
  const tables: Record<string, unknown> = {};
  for (const t of ['toewijzingen', 'declaraties', 'bevolking', 'begroting']) {
    tables[t] = await store.query(`SELECT count(*)::INTEGER AS n, sum(hash(r))::VARCHAR AS fingerprint FROM (SELECT * EXCLUDE (delivery_id) FROM ${t}) r`);
  }
  const engine = createIndicatorEngine(store);
  const years = (await engine.periods()).years;
  const values = await Promise.all(years.map((year) => engine.values({ year, grain: 'month' })));
  return { history, tables, values, completeness: await engine.completeness() };
}

describe('the first start loads the demo data newest month first', () => {
  it('orders files without a month first, then newest month back, an original before its _v2', () => {
    const f = (name: string) => ({ name, path: `/x/${name}` });
    const groups = newestFirst(
      ['bevolking.csv', 'declaraties_GM0153_2024-01.csv', 'toewijzingen_GM0153_2024-02.csv', 'toewijzingen_GM0153_2024-02_v2.csv', 'declaraties_GM0153_2024-02.xlsx'].map(f),
    );
    expect(groups.map((g) => g.map((x) => x.name))).toEqual([
      ['bevolking.csv'],
      ['declaraties_GM0153_2024-02.xlsx', 'toewijzingen_GM0153_2024-02.csv', 'toewijzingen_GM0153_2024-02_v2.csv', 'declaraties_GM0153_2024-01.csv'],
    ]);
  });

  it('ends in the same store as loading the folder through loadFiles: history, records and every figure', async () => {
    const dir = join(tempDir('koersbord-demo-'), 'small');
    await generateFixtures({ outDir: dir, profile: 'small' });

    const viaEtl = await tempStore();
    const reports = await loadFiles(viaEtl, [dir], { loadedBy: 'demo' });
    expect(reports.filter((r) => r.outcome === 'rejected')).toEqual([]);

    const viaStart = await tempStore();
    expect(await initialLoadPending(viaStart, 'demo')).toBe(true);
    const state: StartupState = { phase: 'voorbereiden', label: '', done: 0, total: 0 };
    const seen: number[] = [];
    const result = await runInitialLoad(viaStart, demoDataProvider(viaStart.region, dir, 'small'), state, { onData: () => seen.push(state.done) });
    expect(result).toMatchObject({ files: reports.length, rejected: 0 });
    expect(state).toMatchObject({ phase: 'klaar', done: reports.length, total: reports.length });
    expect(seen.at(-1)).toBe(reports.length);
    expect(await initialLoadPending(viaStart, 'demo')).toBe(false);

    expect(await content(viaStart)).toEqual(await content(viaEtl));
  });
});
