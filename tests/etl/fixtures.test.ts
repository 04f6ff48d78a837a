/**
 * The synthetic Twente (small profile) goes through the loader as a municipality would send
 * it: every file accepted, corrections replace their original, counts match the files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliveryHistory, loadFiles } from '../../etl/index.ts';
import { generateFixtures, type FixtureSummary } from '../../fixtures/index.ts';
import type { DeliveryReport } from '../../contract/deliveries.ts';
import type { Store } from '../../store/store.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';

const dir = tempDir('koersbord-fixtures-small-');
let summary: FixtureSummary;
let store: Store;
let reports: DeliveryReport[];

/** Data rows of a delivered file, counted without the loader. */
async function rowsInFile(name: string): Promise<number> {
  const path = join(dir, name);
  if (name.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    return wb.worksheets[0].actualRowCount - 1;
  }
  return readFileSync(path, 'latin1').split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;
}

beforeAll(async () => {
  summary = await generateFixtures({ outDir: dir, profile: 'small' });
  store = await tempStore();
  reports = await loadFiles(store, [dir]);
});

describe('the small fixtures profile', () => {
  it('every delivery is accepted', () => {
    const deliveries = summary.files.filter((f) => f !== 'summary.json');
    expect(reports.map((r) => r.file)).toEqual(deliveries);
    expect(reports.filter((r) => r.outcome === 'rejected').map((r) => r.problems[0]?.message)).toEqual([]);
  });

  it('each correction (_v2) replaces its original, which stays in the history', async () => {
    const replaced = reports.filter((r) => r.outcome === 'replaced');
    expect(replaced.length).toBe(summary.deliveries.corrections);
    expect(replaced.every((r) => /_v2\.(csv|xlsx)$/.test(r.file))).toBe(true);
    const history = await deliveryHistory(store, { includeReplaced: true });
    expect(history.filter((h) => h.status === 'replaced').length).toBe(summary.deliveries.corrections);
  });

  it('the stored rows match the files, delivery by delivery and table by table', async () => {
    const active = await deliveryHistory(store);
    for (const h of active) expect([h.file_name, h.row_count]).toEqual([h.file_name, await rowsInFile(h.file_name)]);
    for (const kind of ['toewijzingen', 'declaraties', 'bevolking', 'begroting'] as const) {
      const [{ n }] = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${kind}`);
      expect([kind, n]).toEqual([kind, active.filter((h) => h.kind === kind).reduce((s, h) => s + h.row_count, 0)]);
    }
    expect(active.filter((h) => h.kind === 'toewijzingen').length).toBe(summary.deliveries.toewijzingen);
  });

  it('loading the same folder again changes nothing', async () => {
    const version = await store.dataVersion();
    const again = await loadFiles(store, [dir]);
    expect(new Set(again.map((r) => r.outcome))).toEqual(new Set(['unchanged']));
    expect(await store.dataVersion()).toBe(version);
  });
});
