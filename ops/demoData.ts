/**
 * Demo data for the quick start: the fixture generator's full profile, generated once into
 * data/demo-fixtures (git-ignored) and handed to the server as an initial-data provider.
 * The start script owns this seam, so the server never imports the fixture generator.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expandInputs, loadFiles, type FileInput } from '../etl/index.ts';
import { generateFixtures } from '../fixtures/index.ts';
import type { RegionConfig } from '../region/config.ts';
import type { InitialDataProvider } from '../server/startup.ts';
import { PROJECT_ROOT } from '../store/paths.ts';
import type { Store } from '../store/store.ts';

export const DEMO_FIXTURES_DIR = join(PROJECT_ROOT, 'data', 'demo-fixtures');
export type DemoProfile = 'full' | 'small';

export async function deliveryCount(store: Store): Promise<number> {
  const [row] = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM deliveries`);
  return row.n;
}

const PERIOD = /_(\d{4}-\d{2})[_ .-]/;

/**
 * The load order of the first start: files without a month (bevolking, begroting) first, then month by
 * month from the newest back, the files of one month in name order (so an original comes before
 * its `_v2` correction, as in a plain folder load). Each delivery replaces only its own
 * (kind, gemeente, month), so this ends in the same store as the folder's name order — while
 * the figures of the latest months are there within seconds. The groups: the month-less files,
 * then the rest in one batch.
 */
export function newestFirst(files: FileInput[]): FileInput[][] {
  const periodOf = (f: FileInput) => PERIOD.exec(f.name)?.[1] ?? null;
  const undated = files.filter((f) => periodOf(f) === null);
  const dated = files
    .filter((f) => periodOf(f) !== null)
    .sort((a, b) => periodOf(b)!.localeCompare(periodOf(a)!) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [undated, dated].filter((g) => g.length > 0);
}

/** Generates the fixtures into `dir` unless they are there already (a summary.json). */
export async function ensureDemoFiles(dir: string, profile: DemoProfile, region: RegionConfig | undefined, onProgress?: (done: number, total: number) => void) {
  if (!existsSync(join(dir, 'summary.json'))) await generateFixtures({ outDir: dir, profile, onProgress }, region);
  return expandInputs([dir]);
}

export function demoDataProvider(region: RegionConfig, dir = DEMO_FIXTURES_DIR, profile: DemoProfile = 'full'): InitialDataProvider {
  return {
    label: 'Demodata',
    loadedBy: 'demo',
    async prepare(onProgress) {
      const generated = existsSync(join(dir, 'summary.json'));
      const files = await ensureDemoFiles(dir, profile, region, onProgress);
      return { groups: newestFirst(files), description: `${generated ? 'eerder gemaakt' : 'nu gemaakt'} in ${dir}` };
    },
  };
}

/** Tests and benches: the demo data loaded in one go (folder order), without a server. */
export async function loadDemoData(store: Store, dir = DEMO_FIXTURES_DIR, profile: DemoProfile = 'full') {
  const files = await ensureDemoFiles(dir, profile, store.region);
  return loadFiles(store, files, { loadedBy: 'demo' });
}
