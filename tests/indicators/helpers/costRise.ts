/**
 * A small hand-made region whose verblijf kosten rise from 2024 to 2025, for the decomposition
 * and the signals (engine and API tests).
 */
import type { Store } from '../../../store/store.ts';
import { deliverDeclaraties, deliverToewijzingen, type DeclRow, type TwRow } from './seed.ts';

const VERBLIJF = '43V01';
const tw = (prefix: string, n: number, begin: string): TwRow[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, client: `client-${prefix}-${String(i).padStart(4, '0')}`, begin, product: VERBLIJF }));
const claims = (rows: TwRow[], month: string, bedrag: number): DeclRow[] => rows.map((r) => ({ id: `d-${r.id}-${month}`, toewijzing: r.id, client: r.client, product: VERBLIJF, month, bedrag }));

/**
 * Enschede 10 → 12 verblijf clients, 10.000 → 13.200 euro; Almelo 3 clients (hidden below
 * region level), 1.500 → 1.800; Hengelo 6 clients, 3.000 both years (its count is hidden too,
 * the second cell that keeps Almelo's from being worked out). Region: 19 → 21, 14.500 → 18.000.
 */
export async function seedCostRise(store: Store): Promise<Store> {
  const e = [...tw('E', 10, '2024-01-01')];
  const eNew = tw('EN', 2, '2025-01-01');
  const a = tw('A', 3, '2024-01-01');
  const h = tw('H', 6, '2024-01-01');
  for (const [g, rows, extra] of [['GM0153', e, eNew], ['GM0141', a, []], ['GM0164', h, []]] as const) {
    // June and December of both years: the year to June and the whole year both have toewijzingen.
    for (const m of ['2024-06', '2024-12']) await deliverToewijzingen(store, g, m, rows);
    for (const m of ['2025-06', '2025-12']) await deliverToewijzingen(store, g, m, [...rows, ...extra]);
  }
  await deliverDeclaraties(store, 'GM0153', '2024-12', claims(e, '2024-01', 1000));
  await deliverDeclaraties(store, 'GM0153', '2025-12', [...claims([...e, ...eNew], '2025-01', 1100), ...claims(e.slice(0, 1), '2025-07', 999)]);
  await deliverDeclaraties(store, 'GM0141', '2024-12', claims(a, '2024-01', 500));
  await deliverDeclaraties(store, 'GM0141', '2025-12', claims(a, '2025-01', 600));
  await deliverDeclaraties(store, 'GM0164', '2024-12', claims(h, '2024-01', 500));
  await deliverDeclaraties(store, 'GM0164', '2025-12', claims(h, '2025-01', 500));
  return store;
}

