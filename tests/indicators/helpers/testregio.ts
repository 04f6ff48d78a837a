/** The second region's hand-made store: verblijf spend 2023–2026 for checking targets by hand. */
import { join } from 'node:path';
import { loadRegion } from '../../../region/config.ts';
import { PROJECT_ROOT } from '../../../store/paths.ts';
import type { Store } from '../../../store/store.ts';
import { tempStore } from '../../helpers/tempStore.ts';
import { deliverDeclaraties, deliverToewijzingen, type DeclRow } from './seed.ts';

export const TESTREGIO_DIR = join(PROJECT_ROOT, 'region', 'testregio');
export const testregio = () => loadRegion(TESTREGIO_DIR);

/** Testregio: baseline 2023, verblijf −20 %/year, band 10 %, gap 14 days, threshold 10, claims lag 1 month. */
export async function seedTestregio(store?: Store): Promise<Store> {
  store ??= await tempStore(testregio());
  const A = 'GM0197';
  // Verblijf spend per service month: 2023 = 10,000 with 4,000 in Jan and 1,000 in Feb;
  // 2024 = 8,500 (3,000 + 1,000 + 10 × 450); 2025 = 6,000; 2026 = 6,000.
  const spend: Record<string, number[]> = {
    2023: [4000, 1000, ...Array(10).fill(500)],
    2024: [3000, 1000, ...Array(10).fill(450)],
    2025: Array(12).fill(500),
    2026: Array(12).fill(500),
  };
  for (const [year, perMonth] of Object.entries(spend)) {
    const lines: DeclRow[] = perMonth.map((bedrag, i) => ({
      id: `v${year}-${i}`,
      toewijzing: 'v1',
      client: 'client-TR-VERBL1',
      product: 'T4301',
      month: `${year}-${String(i + 1).padStart(2, '0')}`,
      bedrag,
    }));
    await deliverDeclaraties(store, A, `${year}-12`, lines);
    await deliverToewijzingen(store, A, `${year}-01`, [{ id: 'v1', client: 'client-TR-VERBL1', begin: '2023-01-01', end: null, product: 'T4301' }]);
  }
  return store;
}

