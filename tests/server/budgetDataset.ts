/**
 * A hand-made region for the budget (docs/budget.md), loaded through the real ETL. The
 * baseline year 2024 and 2025 to March (toewijzingen delivered for January to March):
 * - Enschede (GM0153): ambulant claims of € 1.000 a month in 2024 and € 1.500 a month in 2025;
 *   budget 2025: ambulant € 15.000, crisis € 1.000 (no crisis costs at all).
 * - Almelo (GM0141): verblijf € 1.000 a month in 2024 and € 500 in 2025, ambulant € 100 and
 *   € 200 a month; budget 2025: verblijf € 10.000 only (its ambulant care has no budget).
 * - the other twelve gemeenten of Twente deliver no budget.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFiles } from '../../etl/index.ts';
import type { Store } from '../../store/store.ts';
import { tempDir } from '../helpers/tempStore.ts';

const TW = 'gemeente_code;periode;toewijzing_id;client_id;geboortejaar;aanbieder_agb;aanbieder_naam;productcategorie;productcode;begindatum;einddatum;reden_einde;verwijzer';
const DECL = 'gemeente_code;periode;declaratie_id;toewijzing_id;client_id;productcode;prestatie_begin;prestatie_eind;volume;eenheid;bedrag';
const MONTHS_2024 = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
const MONTHS_2025 = ['2025-01', '2025-02', '2025-03'];
const lastDay = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** One claim line per (product, service month) for a gemeente, all processed in `periode`. */
function claims(gemeente: string, periode: string, lines: [string, string, number][]): string[] {
  return [
    DECL,
    ...lines.map(([product, month, amount], i) => `${gemeente};${periode};${gemeente}-${periode}-${i};T-${product};client-${product}-01;${product};${month}-01;${lastDay(month)};1;83;${amount.toFixed(2)}`),
  ];
}

export function budgetFiles(): string[] {
  const dir = tempDir('koersbord-budget-');
  const files: Record<string, string[]> = {};
  for (const m of MONTHS_2025) {
    files[`toewijzingen_GM0153_${m}.csv`] = [TW, `GM0153;${m};T-45A01;client-45A01-01;2012;11112222;Ambulant Oost;45;45A01;2024-01-01;;;01`];
    files[`toewijzingen_GM0141_${m}.csv`] = [
      TW,
      `GM0141;${m};T-43V01;client-43V01-01;2010;33334444;Residentie Twente;43;43V01;2024-01-01;;;04`,
      `GM0141;${m};T-45A01;client-45A01-01;2011;11112222;Ambulant Oost;45;45A01;2024-01-01;;;01`,
    ];
  }
  files['declaraties_GM0153_2024-12.csv'] = claims('GM0153', '2024-12', MONTHS_2024.map((m) => ['45A01', m, 1000]));
  files['declaraties_GM0153_2025-03.csv'] = claims('GM0153', '2025-03', MONTHS_2025.map((m) => ['45A01', m, 1500]));
  files['declaraties_GM0141_2024-12.csv'] = claims('GM0141', '2024-12', MONTHS_2024.flatMap((m): [string, string, number][] => [['43V01', m, 1000], ['45A01', m, 100]]));
  files['declaraties_GM0141_2025-03.csv'] = claims('GM0141', '2025-03', MONTHS_2025.flatMap((m): [string, string, number][] => [['43V01', m, 500], ['45A01', m, 200]]));
  files['begroting_2025.csv'] = ['gemeente_code;jaar;segment;bedrag', 'GM0153;2025;ambulant;15000', 'GM0153;2025;crisis;1000', 'GM0141;2025;verblijf;10000'];
  return Object.entries(files).map(([name, lines]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  });
}

export async function loadBudgetDataset(store: Store): Promise<void> {
  const reports = await loadFiles(store, budgetFiles(), { loadedBy: 'test' });
  const rejected = reports.filter((r) => r.outcome === 'rejected');
  if (rejected.length) throw new Error(`testdata geweigerd: ${JSON.stringify(rejected.map((r) => r.problems.slice(0, 3)))}`);
}
