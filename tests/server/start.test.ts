import { copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Health } from '../../contract/api.ts';
import { loadRegion } from '../../region/config.ts';
import { openStore } from '../../store/store.ts';
import { generateFixtures } from '../../fixtures/index.ts';
import { addressOf, startTestServer, stopServer } from '../helpers/startProcess.ts';
import { tempDbPath, tempDir } from '../helpers/tempStore.ts';
import { loadDataset } from './dataset.ts';

describe('npm start (ops/start.ts)', () => {
  it('serves the store given with --db on PORT, and shuts down cleanly on SIGTERM', async () => {
    const db = tempDbPath();
    const seeded = await openStore(db, loadRegion());
    await loadDataset(seeded); // a store with deliveries: no demo data is generated
    await seeded.close();

    const server = startTestServer(db);
    const address = await addressOf(server);
    expect(server.output()).not.toContain('Demodata');

    const health = await fetch(`${address}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', region: 'twente', deliveries: 6, loading: null });
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    // The terminal is for people: no JSON log line per request unless LOG_LEVEL=info.
    await fetch(`${address}/api/version`);
    expect(server.output()).not.toMatch(/"level":|"reqId"/);

    expect(await stopServer(server)).toBe(0);
    // The store was closed: another process (here: this one) can open the file again.
    const reopened = await openStore(db, loadRegion());
    expect(await reopened.dataVersion()).toBeGreaterThan(0);
    await reopened.close();
    // The admin channel's key is gone with the server.
    expect(existsSync(`${db}.admin.json`)).toBe(false);
  });

  it('answers at once on a new store and loads the demo data in the background, with progress and totals that agree', async () => {
    const demo = join(tempDir('koersbord-demo-'), 'small');
    const summary = await generateFixtures({ outDir: demo, profile: 'small' });
    const deliveries = summary.files.filter((f) => /\.(csv|xlsx)$/.test(f)).length;
    const db = tempDbPath();
    const server = startTestServer(db, { KOERSBORD_DEMO_DIR: demo, KOERSBORD_DEMO_PROFILE: 'small' });
    const address = await addressOf(server);
    // The server answers before the data is in: the health route says what is loading.
    const early = (await (await fetch(`${address}/api/health`)).json()) as Health;
    const done = await server.waitFor(/Demodata laden: (\d+) bestanden verwerkt: (\d+) geladen \(waarvan (\d+) correcties\), (\d+) al geladen, (\d+) geweigerd/);
    await server.waitFor(/Klaar: /);
    const late = (await (await fetch(`${address}/api/health`)).json()) as Health;
    const output = server.output();
    expect(await stopServer(server)).toBe(0);

    if (early.deliveries < deliveries) expect(early.loading?.label).toBe('Demodata');
    expect(late.loading).toBeNull();
    // One total everywhere: the files of the folder, the progress's denominator, the summary line.
    const [, files, loaded, , unchanged, rejected] = done.map(Number);
    expect(files).toBe(deliveries);
    expect(loaded + unchanged + rejected).toBe(deliveries);
    expect(rejected).toBe(0);
    expect(output).toContain(`Demodata laden: ${deliveries}/${deliveries} (100%)`);
    expect(output).toContain('Demo-account: demo@koersbord.nl');
    expect(output.indexOf('Koersbord draait op')).toBeLessThan(output.indexOf('Demodata laden:'));
    expect(output).not.toMatch(/"level":|"reqId"/);
  });

  it('resumes an initial load that was stopped halfway, and ends with the same store', async () => {
    const demo = join(tempDir('koersbord-demo-'), 'small');
    await generateFixtures({ outDir: demo, profile: 'small' });
    const db = tempDbPath();
    const env = { KOERSBORD_DEMO_DIR: demo, KOERSBORD_DEMO_PROFILE: 'small' };
    const first = startTestServer(db, env);
    await first.waitFor(/Demodata laden: [1-9]\d*\/\d+/);
    await stopServer(first, 'SIGKILL');

    const second = startTestServer(db, env);
    const m = await second.waitFor(/verwerkt: (\d+) geladen \(waarvan \d+ correcties\), (\d+) al geladen, (\d+) geweigerd/);
    await second.waitFor(/Klaar: /);
    expect(await stopServer(second)).toBe(0);
    expect(Number(m[3])).toBe(0);

    const store = await openStore(db, loadRegion());
    const [row] = await store.query<{ n: number; marker: string }>(
      `SELECT (SELECT count(*) FROM deliveries WHERE status = 'active')::INTEGER AS n, (SELECT value FROM meta WHERE key = 'initial_load') AS marker`,
    );
    await store.close();
    expect(row.marker).toBe('klaar');
    expect(row.n).toBeGreaterThan(10);
  });

  it.each([
    ['an empty file', (db: string) => writeFileSync(db, '')],
    ['a text file', (db: string) => writeFileSync(db, 'dit is geen database\n'.repeat(500))],
    ['a truncated store', (db: string) => truncateSync(db, Math.floor(statSync(db).size / 2))],
  ])('refuses to start on %s, names the file and leaves it as it was', async (_label, damage) => {
    const db = tempDbPath();
    copyFileSync(await checkpointedStore(), db);
    damage(db);
    const before = readFileSync(db);

    const server = startTestServer(db);
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(`Koersbord kon niet starten: De store ${db} is geen leesbaar DuckDB-bestand`);
    expect(server.output()).toContain('npm run store -- restore');
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});

/** One seeded, checkpointed store file for the damage cases (each damages its own copy). */
let seededFile: Promise<string> | null = null;
function checkpointedStore(): Promise<string> {
  seededFile ??= (async () => {
    const db = tempDbPath();
    const seeded = await openStore(db, loadRegion());
    await loadDataset(seeded);
    await seeded.query('CHECKPOINT');
    await seeded.close();
    return db;
  })();
  return seededFile;
}
