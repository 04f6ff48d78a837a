import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeliveryReport } from '../../contract/deliveries.ts';
import type { IndicatorValue, PeriodsInfo } from '../../contract/indicators.ts';
import { buildApp } from '../../server/app.ts';
import { deliveryCount, loadDemoData } from '../../ops/demoData.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';
import { figureReads } from './figureReads.ts';
import { signIn } from './testApp.ts';

describe('demo data', () => {
  it('generates the fixtures once into a folder and loads them into an empty store', async () => {
    const dir = join(tempDir('koersbord-demo-'), 'demo-fixtures');
    const store = await tempStore();
    // Every report that is not a load names its file, rule and (for an unreadable file) DuckDB's
    // error class: a refusal under load must say what happened, not only that a count is short.
    const notLoaded = (reports: DeliveryReport[]) =>
      reports.filter((r) => r.outcome !== 'loaded' && r.outcome !== 'replaced').map((r) => ({ file: r.file, outcome: r.outcome, problems: r.problems }));
    expect(notLoaded(await loadDemoData(store, dir, 'small'))).toEqual([]);
    const loaded = await deliveryCount(store);
    expect(loaded).toBeGreaterThan(10);
    const [rejected] = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM deliveries WHERE status = 'replaced'`);
    expect(rejected.n).toBeGreaterThan(0); // the fixtures' corrections replaced their originals

    // A second empty store reuses the generated files instead of generating again.
    const generatedAt = statSync(join(dir, 'summary.json')).mtimeMs;
    const second = await tempStore();
    expect(notLoaded(await loadDemoData(second, dir, 'small'))).toEqual([]);
    expect(statSync(join(dir, 'summary.json')).mtimeMs).toBe(generatedAt);
    expect(await deliveryCount(second)).toBe(loaded);
  });

  it('serves every figure route on the small fixtures, with no person count of 1 to 4 below region level', async () => {
    const store = await tempStore();
    await loadDemoData(store, join(tempDir('koersbord-demo-'), 'small'), 'small');
    const app = await buildApp({ store, closeStore: false });
    const headers = await signIn(app, { role: 'lezer' });
    try {
      const periods = (await app.inject({ method: 'GET', url: '/api/periods', headers })).json() as PeriodsInfo;
      const year = periods.years.at(-1)!;
      const gemeente = 'GM0153';
      for (const url of figureReads(year, gemeente)) {
        const res = await app.inject({ method: 'GET', url, headers });
        expect(res.statusCode, url).toBe(200);
      }
      const values = (await app.inject({ method: 'GET', url: `/api/values?year=${year}&grain=month`, headers })).json() as IndicatorValue[];
      const counts = values.filter((v) => ['clients', 'instroom', 'uitstroom'].includes(v.indicator));
      expect(counts.length).toBeGreaterThan(100);
      expect(counts.filter((v) => v.value !== null && v.value >= 1 && v.value <= 4)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
