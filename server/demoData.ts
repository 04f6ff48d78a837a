/**
 * Demo data for the quick start: the fixture generator's full profile, generated once into
 * data/demo-fixtures (git-ignored) and loaded through the ETL with a progress line.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadFiles } from '../etl/index.ts';
import { generateFixtures } from '../fixtures/index.ts';
import { PROJECT_ROOT } from '../store/paths.ts';
import type { Store } from '../store/store.ts';
export const DEMO_FIXTURES_DIR = join(PROJECT_ROOT, 'data', 'demo-fixtures');

/** One line that rewrites itself on a terminal, and prints now and then when logged to a file. */
function progressLine(label: string) {
  const tty = process.stdout.isTTY;
  let lastLogged = 0;
  return {
    update(done: number, total: number, detail = '') {
      const text = `${label}: ${done}/${total}${detail ? ` ${detail}` : ''}`;
      if (tty) process.stdout.write(`\r${text.padEnd(100).slice(0, 100)}`);
      else if (done === total || Date.now() - lastLogged > 2000) {
        lastLogged = Date.now();
        console.log(text);
      }
    },
    done(text: string) {
      if (tty) process.stdout.write('\r'.padEnd(101) + '\r');
      console.log(`${label}: ${text}`);
    },
  };
}

export async function deliveryCount(store: Store): Promise<number> {
  const [row] = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM deliveries`);
  return row.n;
}

/** The demo fixtures are generated once into data/demo-fixtures (git-ignored) and reused after. */
export async function loadDemoData(store: Store, dir = DEMO_FIXTURES_DIR, profile: 'full' | 'small' = 'full'): Promise<void> {
  if (!existsSync(join(dir, 'summary.json'))) {
    const generating = progressLine('Demodata genereren');
    const summary = await generateFixtures({ outDir: dir, profile, onProgress: (done, total) => generating.update(done, total) }, store.region);
    generating.done(`${summary.files.length} bestanden, ${summary.from} t/m ${summary.until}, in ${dir}`);
  }
  const loading = progressLine('Demodata laden');
  const started = Date.now();
  const reports = await loadFiles(store, [dir], {
    loadedBy: 'demo',
    onProgress: (p) => {
      if (p.phase === 'klaar') loading.update(p.fileIndex + 1, p.fileCount, p.file);
    },
  });
  const count = (outcome: string) => reports.filter((r) => r.outcome === outcome).length;
  // The fixtures deliberately hold faulty originals that a `_v2` corrects: refusals are expected.
  loading.done(
    `${count('loaded') + count('replaced')} leveringen geladen (${count('replaced')} correcties), ${count('rejected')} geweigerd, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

