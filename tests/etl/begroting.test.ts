/**
 * Delivery kind `begroting` (each gemeente's budget per reporting row and year): loaded,
 * refused and replaced like `bevolking`, through the real loader and a real DuckDB store.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliveryHistory, deliveryStatus, loadFiles } from '../../etl/index.ts';
import type { Store } from '../../store/store.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';
import { BEGROTING_ROW, writeCsv, type Row } from './deliveryFiles.ts';

let dir: string;
let counter = 0;
beforeAll(() => {
  dir = tempDir('koersbord-etl-begroting-');
});

async function load(store: Store, rows: Row[], name = `begroting-${++counter}.csv`, delimiter?: string) {
  const [report] = await loadFiles(store, [writeCsv(dir, name, rows, delimiter ? { delimiter } : {})]);
  return report;
}
const budgets = (store: Store) =>
  store.query<{ gemeente_code: string; jaar: number; segment: string; bedrag: number; delivery_id: number }>(
    `SELECT gemeente_code, jaar, segment, bedrag::DOUBLE AS bedrag, delivery_id FROM begroting ORDER BY gemeente_code, jaar, segment`,
  );

describe('a valid budget', () => {
  it('holds many gemeenten, years and rows, with Dutch decimals; it has no gemeente or period of its own', async () => {
    const store = await tempStore();
    const report = await load(
      store,
      [
        { ...BEGROTING_ROW, bedrag: '12.500.000,50' },
        { ...BEGROTING_ROW, segment: 'wonen_verblijf', bedrag: '30000000' },
        { ...BEGROTING_ROW, gemeente_code: 'GM0141', jaar: '2024', segment: 'crisis', bedrag: '0' },
      ],
      'begroting_2025.csv',
      ';',
    );
    expect(report).toMatchObject({ outcome: 'loaded', kind: 'begroting', gemeente_code: null, periode: null, rows: 3 });
    expect((await budgets(store)).map(({ delivery_id: _, ...b }) => b)).toEqual([
      { gemeente_code: 'GM0141', jaar: 2024, segment: 'crisis', bedrag: 0 },
      { gemeente_code: 'GM0153', jaar: 2025, segment: 'ambulant', bedrag: 12_500_000.5 },
      { gemeente_code: 'GM0153', jaar: 2025, segment: 'wonen_verblijf', bedrag: 30_000_000 },
    ]);
    expect(await deliveryStatus(store)).toEqual([
      { kind: 'begroting', gemeente_code: 'GM0141', periods: ['2024'], latest: '2024', rows: 1 },
      { kind: 'begroting', gemeente_code: 'GM0153', periods: ['2025'], latest: '2025', rows: 2 },
    ]);
  });
});

describe('a refused budget', () => {
  it('names line, column and rule of every bad row in Dutch, and leaves the store unchanged', async () => {
    const store = await tempStore();
    const before = await store.dataVersion();
    const report = await load(store, [
      { ...BEGROTING_ROW, segment: 'jeugdzorg' },
      { ...BEGROTING_ROW, bedrag: '-10' },
      { ...BEGROTING_ROW, segment: 'crisis', bedrag: 'veel' },
      { ...BEGROTING_ROW, segment: 'crisis', jaar: '2025' },
      { ...BEGROTING_ROW, gemeente_code: 'GM0363', segment: 'overig' },
      { ...BEGROTING_ROW, segment: 'overig', jaar: '25' },
    ]);
    expect(report.outcome).toBe('rejected');
    expect(report.problems.map((p) => [p.line, p.column, p.rule])).toEqual([
      [2, 'segment', 'text_format'],
      [3, 'bedrag', 'bedrag_negative'],
      [4, 'bedrag', 'decimal_format'],
      [5, 'segment', 'duplicate_key'],
      [6, 'gemeente_code', 'gemeente_not_in_region'],
      [7, 'jaar', 'integer_format'],
    ]);
    expect(report.problems[0].message).toContain('verwacht een rapportagerij: verblijf, wonen, ambulant');
    expect(report.problems[1].message).toContain('verwacht een begroting van 0 euro of meer');
    expect(await store.dataVersion()).toBe(before);
    expect(await budgets(store)).toEqual([]);
  });

  it('a budget without its bedrag column, or named as a budget but holding population, is refused', async () => {
    const store = await tempStore();
    const noAmount = await load(store, [{ gemeente_code: 'GM0153', jaar: '2025', segment: 'crisis' }]);
    expect(noAmount.problems.map((p) => [p.column, p.rule])).toEqual([['bedrag', 'missing_column']]);
    const wrongName = await load(store, [{ gemeente_code: 'GM0153', jaar: '2025', jeugd_0_17: '100' }], 'begroting_2025-b.csv');
    expect(wrongName.problems.map((p) => p.rule)).toEqual(['file_name_mismatch']);
    expect(wrongName.problems[0].message).toContain('een begroting-levering (volgens de bestandsnaam)');
  });
});

describe('a later budget', () => {
  it("replaces the whole budget of each (gemeente, jaar) it holds and leaves the others; loading it twice changes nothing", async () => {
    const store = await tempStore();
    const first = [
      { ...BEGROTING_ROW, segment: 'wonen_verblijf', bedrag: '30000000' },
      { ...BEGROTING_ROW, segment: 'ambulant', bedrag: '12000000' },
      { ...BEGROTING_ROW, jaar: '2024', segment: 'ambulant', bedrag: '11000000' },
    ];
    // The council split wonen and verblijf for 2025: the combined row must not linger beside them.
    const correction = [
      { ...BEGROTING_ROW, segment: 'wonen', bedrag: '10000000' },
      { ...BEGROTING_ROW, segment: 'verblijf', bedrag: '21000000' },
      { ...BEGROTING_ROW, segment: 'ambulant', bedrag: '12500000' },
    ];
    const r1 = await load(store, first, 'begroting_2025.csv');
    const r2 = await load(store, correction, 'begroting_2025_v2.csv');
    expect(r2).toMatchObject({ outcome: 'replaced', replaced_delivery_id: r1.delivery_id });
    expect((await budgets(store)).map((b) => [b.jaar, b.segment, b.bedrag, b.delivery_id])).toEqual([
      [2024, 'ambulant', 11_000_000, r1.delivery_id],
      [2025, 'ambulant', 12_500_000, r2.delivery_id],
      [2025, 'verblijf', 21_000_000, r2.delivery_id],
      [2025, 'wonen', 10_000_000, r2.delivery_id],
    ]);
    // The first still holds 2024, so it stays active until that year is replaced too.
    expect((await deliveryHistory(store)).map((h) => h.delivery_id)).toEqual([r1.delivery_id, r2.delivery_id]);
    const version = await store.dataVersion();
    expect((await loadFiles(store, [join(dir, 'begroting_2025_v2.csv')]))[0].outcome).toBe('unchanged');
    expect(await store.dataVersion()).toBe(version);

    const r3 = await load(store, [{ ...BEGROTING_ROW, jaar: '2024', bedrag: '11500000' }], 'begroting_2024.csv');
    const history = await deliveryHistory(store, { includeReplaced: true });
    expect(history.map((h) => [h.delivery_id, h.kind, h.status, h.replaced_by])).toEqual([
      [r1.delivery_id, 'begroting', 'replaced', r3.delivery_id],
      [r2.delivery_id, 'begroting', 'active', null],
      [r3.delivery_id, 'begroting', 'active', null],
    ]);
  });
});
