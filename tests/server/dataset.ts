/**
 * A small hand-made region for the indicator routes, loaded through the real ETL:
 * - Enschede (GM0153): 6 pleegzorg clients from 2024-06 (open), 2 crisis clients in January
 *   2025, and claims of € 1.000 per pleegzorg client for January 2025;
 * - Almelo (GM0141): 3 verblijf clients from 2024-10, a count that must be hidden (<5)
 *   below region level.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeliveryReport } from '../../contract/deliveries.ts';
import { loadFiles } from '../../etl/index.ts';
import type { Store } from '../../store/store.ts';
import { monthlyRegion, tempDir } from '../helpers/tempStore.ts';

const TW = 'gemeente_code;periode;toewijzing_id;client_id;geboortejaar;aanbieder_agb;aanbieder_naam;productcategorie;productcode;begindatum;einddatum;reden_einde;verwijzer';
const DECL = 'gemeente_code;periode;declaratie_id;toewijzing_id;client_id;productcode;prestatie_begin;prestatie_eind;volume;eenheid;bedrag';

const pad = (n: number) => String(n).padStart(6, '0');

export const PLEEGZORG_AGB = '11112222';

export function datasetFiles(): string[] {
  const dir = tempDir('koersbord-dataset-');
  const files: Record<string, string[]> = {};
  for (const month of ['2024-12', '2025-01']) {
    files[`toewijzingen_GM0153_${month}.csv`] = [
      TW,
      ...Array.from({ length: 6 }, (_, i) => `GM0153;${month};EW${i};ens-${pad(i)};2012;${PLEEGZORG_AGB};Pleegzorg Oost;44;44W01;2024-06-01;;;01`),
      ...(month === '2025-01'
        ? Array.from({ length: 2 }, (_, i) => `GM0153;${month};EC${i};ens-c${pad(i)};2010;33334444;Crisisdienst;46;46C01;2025-01-10;2025-01-20;31;02`)
        : []),
    ];
    files[`toewijzingen_GM0141_${month}.csv`] = [
      TW,
      ...Array.from({ length: 3 }, (_, i) => `GM0141;${month};AV${i};alm-${pad(i)};2009;55556666;Residentie Twente;43;43V01;2024-10-01;;;04`),
    ];
  }
  files['declaraties_GM0153_2025-02.csv'] = [
    DECL,
    ...Array.from({ length: 6 }, (_, i) => `GM0153;2025-02;D${i};EW${i};ens-${pad(i)};44W01;2025-01-01;2025-01-31;31;14;1000.00`),
  ];
  files['bevolking_2025.csv'] = ['gemeente_code;jaar;jeugd_0_17', 'GM0153;2025;30000', 'GM0141;2025;15000', 'GM0153;2024;30000', 'GM0141;2024;15000'];
  return Object.entries(files).map(([name, lines]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  });
}

/**
 * Enschede delivers per quarter in Twente, but this hand-made Enschede has months of its own:
 * it is loaded as a monthly gemeente would be (a store that reads it as quarterly counts a
 * delivery off a quarter end for its own month only). Apps that read it use `monthlyRegion()`.
 */
export async function loadDataset(store: Store): Promise<DeliveryReport[]> {
  const reports = await loadFiles({ ...store, region: monthlyRegion(store.region) }, datasetFiles(), { loadedBy: 'test' });
  const rejected = reports.filter((r) => r.outcome === 'rejected');
  if (rejected.length) throw new Error(`testdata geweigerd: ${JSON.stringify(rejected.map((r) => r.problems.slice(0, 3)))}`);
  return reports;
}
