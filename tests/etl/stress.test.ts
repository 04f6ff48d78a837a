/**
 * A valid delivery is never refused, also when many load at once: the small fixtures loaded
 * concurrently into several stores (each batch checks the next file while one commits), two
 * batches into one store at the same time (as two uploads), and a busy thread beside them
 * taking CPU, as the full test suite does on a 2-core machine. Zero refusals, and every store
 * ends with the same deliveries and rows.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryReport } from '../../contract/deliveries.ts';
import { loadFiles, type LoadWarning } from '../../etl/index.ts';
import { generateFixtures } from '../../fixtures/index.ts';
import type { Store } from '../../store/store.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';

let fixtures: string;
let busy: Worker;

beforeAll(async () => {
  fixtures = join(tempDir('koersbord-stress-'), 'small');
  await generateFixtures({ outDir: fixtures, profile: 'small' });
  // CPU load beside the loads: one thread spinning until the tests end.
  busy = new Worker('for (;;) {}', { eval: true });
});

afterAll(async () => {
  await busy.terminate();
});

const refused = (reports: DeliveryReport[]) => reports.filter((r) => r.outcome === 'rejected').map((r) => ({ file: r.file, problems: r.problems }));

async function contents(store: Store) {
  return store.query<{ kind: string; gemeente_code: string; periode: string | null; row_count: number; status: string }>(
    `SELECT kind, gemeente_code, periode, row_count, status FROM deliveries ORDER BY kind, gemeente_code, periode, file_name`,
  );
}

describe('loading under load', () => {
  it('loads every small-fixture delivery into three stores at once, with no refusal', async () => {
    const warnings: LoadWarning[] = [];
    const stores = await Promise.all([1, 2, 3].map(() => tempStore()));
    const results = await Promise.all(stores.map((s) => loadFiles(s, [fixtures], { onWarning: (w) => warnings.push(w) })));
    for (const reports of results) {
      expect(reports.length).toBeGreaterThan(50);
      expect(refused(reports)).toEqual([]);
    }
    expect(warnings).toEqual([]);
    const [first, ...others] = await Promise.all(stores.map(contents));
    for (const other of others) expect(other).toEqual(first);
  }, 180_000);

  it('loads two batches into one store at the same time (two uploads), with no refusal', async () => {
    // A second copy whose files differ in bytes only (one more line end of the file's own kind), so both batches stage every file.
    const copy = join(tempDir('koersbord-stress-copy-'), 'small');
    cpSync(fixtures, copy, { recursive: true });
    for (const name of readdirSync(copy).filter((f) => f.endsWith('.csv'))) {
      const path = join(copy, name);
      const bytes = readFileSync(path);
      writeFileSync(path, Buffer.concat([bytes, Buffer.from(bytes.includes('\r\n') ? '\r\n' : '\n')]));
    }
    const store = await tempStore();
    const [a, b] = await Promise.all([loadFiles(store, [fixtures]), loadFiles(store, [copy])]);
    expect(refused(a)).toEqual([]);
    expect(refused(b)).toEqual([]);
    const [active] = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM deliveries WHERE status = 'active'`);
    // Each (kind, gemeente, period) once active, whichever batch came last; bevolking once.
    expect(active.n).toBe(a.filter((r) => r.outcome !== 'rejected' && !/_v2\./.test(r.file)).length);
  }, 180_000);
});
