/**
 * The zod row schema and the set-based SQL checks come from one column definition: fed the
 * same rows, good and bad, they find the same problems (column and rule) on the same rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BEGROTING, BEVOLKING, DECLARATIES, TOEWIJZINGEN, rowSchema, type KindSpec } from '../../etl/columns.ts';
import { loadFiles } from '../../etl/index.ts';
import { loadRegion } from '../../region/config.ts';
import type { Store } from '../../store/store.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';
import { BEGROTING_ROW, BEVOLKING_ROW, DECLARATIE, TOEWIJZING, writeCsv, type Row } from './deliveryFiles.ts';

const region = loadRegion();
let store: Store;
const dir = tempDir('koersbord-columns-');
beforeAll(async () => {
  store = await tempStore(region);
});

/** Rules that look across rows of a delivery: only the bulk side can check them. */
const DELIVERY_RULES = new Set(['gemeente_code_mismatch', 'periode_mismatch', 'duplicate_key']);

function zodProblems(spec: KindSpec, row: Row): string[] {
  const result = rowSchema(spec, region).safeParse(row);
  if (result.success) return [];
  return result.error.issues.map((i) => `${String(i.path[0])}:${(i as { params?: { rule?: string } }).params?.rule}:${i.message}`).sort();
}

async function sqlProblems(spec: KindSpec, rows: Row[], name: string): Promise<string[][]> {
  const path = writeCsv(dir, name, rows);
  const [report] = await loadFiles(store, [path], { maxProblems: 10_000 });
  const perRow: string[][] = rows.map(() => []);
  for (const p of report.problems) {
    if (!DELIVERY_RULES.has(p.rule)) perRow[(p.line as number) - 2].push(`${p.column}:${p.rule}:${p.expected}`);
  }
  expect(report.problem_count).toBe(report.problems.length);
  return perRow.map((r) => r.sort());
}

const variants: Record<string, [KindSpec, Row, Row[]]> = {
  toewijzingen: [
    TOEWIJZINGEN,
    TOEWIJZING,
    [
      {},
      { gemeente_code: 'gm0153' },
      { gemeente_code: 'GM0363' },
      { gemeente_code: '' },
      { periode: '2025-13' },
      { toewijzing_id: 'x'.repeat(40) },
      { toewijzing_id: 'x'.repeat(41) },
      { client_id: '111222333' },
      { client_id: '111222334' },
      { client_id: 'kort' },
      { client_id: 'met spatie 1' },
      { geboortejaar: '2025' },
      { geboortejaar: '2026' },
      { geboortejaar: '2002' },
      { geboortejaar: '2001' },
      { geboortejaar: '20o1' },
      { aanbieder_agb: '123456789' },
      { aanbieder_naam: '' },
      { productcategorie: '451' },
      { productcode: '45A01', begindatum: '1999-12-31' },
      { productcode: '44W09', begindatum: '2024-12-31' },
      { productcode: '44W09', begindatum: '2025-01-01' },
      { productcode: 'ABCDE' },
      { begindatum: '29-02-2024' },
      { begindatum: '30/02/2024' },
      { einddatum: '2025-01-04' },
      { einddatum: '2025-01-05' },
      { einddatum: '04-01-2025', begindatum: '2025-01-05' },
      { einddatum: 'morgen' },
      { reden_einde: '31' },
      { reden_einde: '3' },
      { verwijzer: '' },
      { verwijzer: '08' },
      { geboortejaar: '', begindatum: 'x', productcode: '' },
    ],
  ],
  declaraties: [
    DECLARATIES,
    DECLARATIE,
    [
      {},
      { declaratie_id: '' },
      { toewijzing_id: 'x'.repeat(41) },
      { client_id: '123456782' },
      { prestatie_eind: '2025-03-01' },
      { prestatie_eind: '2025-02-01' },
      { prestatie_begin: '2025-02-02', prestatie_eind: '2025-02-01' },
      { prestatie_begin: '2024-12-01', prestatie_eind: '2024-12-31', productcode: '44W09' },
      { prestatie_begin: '2025-01-01', prestatie_eind: '2025-01-31', productcode: '44W09' },
      { volume: '1,234' },
      { volume: '1,2345' },
      { volume: 'veel' },
      { eenheid: '4' },
      { bedrag: '-1.234,56' },
      { bedrag: '1.234' },
      { bedrag: '12,345,678.90' },
      { bedrag: '' },
    ],
  ],
  bevolking: [BEVOLKING, BEVOLKING_ROW, [{}, { jaar: '24' }, { jeugd_0_17: '0' }, { jeugd_0_17: '-1' }, { jeugd_0_17: '1.000' }, { gemeente_code: 'GM9999' }]],
  begroting: [
    BEGROTING,
    BEGROTING_ROW,
    [{}, { segment: 'wonen_verblijf' }, { segment: 'jeugdzorg' }, { segment: '' }, { bedrag: '0' }, { bedrag: '-0,01' }, { bedrag: '1.234' }, { jaar: '24' }, { gemeente_code: 'GM9999' }],
  ],
};

describe.each(Object.entries(variants))('the %s columns', (kind, [spec, base, overrides]) => {
  it('zod and the SQL checks agree on every good and bad row: same column, rule and expectation', async () => {
    const rows: Row[] = overrides.map((o, i) => ({ ...base, ...(spec.uniqueKey.length === 1 ? { [spec.uniqueKey[0]]: `K${i}` } : { jaar: String(2000 + i) }), ...o }));
    const sql = await sqlProblems(spec, rows, `${kind}-agree.csv`);
    const zod = rows.map((r) => zodProblems(spec, r));
    expect(sql).toEqual(zod);
    // The set holds both accepted and refused rows, so agreement is not trivial.
    expect(zod.filter((p) => p.length === 0).length).toBeGreaterThan(0);
    expect(zod.filter((p) => p.length > 0).length).toBeGreaterThan(overrides.length / 3);
  });
});

describe('the zod row schema', () => {
  it('yields the typed row of a valid line', () => {
    const row = rowSchema(DECLARATIES, region).parse({ ...DECLARATIE, prestatie_begin: '01-02-2025', bedrag: '1.234,56', volume: ' 2,5 ' });
    expect(row).toMatchObject({ gemeente_code: 'GM0153', prestatie_begin: '2025-02-01', bedrag: 1234.56, volume: 2.5 });
  });

  it('names the rule of each problem, and a BSN as a rule, not a value', () => {
    const result = rowSchema(TOEWIJZINGEN, region).safeParse({ ...TOEWIJZING, client_id: '111222333', verwijzer: '' });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path[0], (i as { params?: { rule?: string } }).params?.rule, i.message]);
    expect(issues).toEqual([
      ['client_id', 'bsn', expect.stringContaining('BSN')],
      ['verwijzer', 'required', 'verplicht: iJw-verwijzercode van 2 cijfers'],
    ]);
    expect(JSON.stringify(result.error!.issues)).not.toContain('111222333');
  });
});
