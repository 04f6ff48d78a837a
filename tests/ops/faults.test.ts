/**
 * Faults, each leaving the store as it was with a Dutch message: a full disk during a load,
 * kill -9 during an upload, a migration that fails halfway. (A damaged store file at start:
 * tests/server/start.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../etl/index.ts';
import { loadRegion } from '../../region/config.ts';
import { buildApp } from '../../server/app.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { checkStore } from '../../store/backup.ts';
import { PROJECT_ROOT } from '../../store/paths.ts';
import { isDiskFull, openStore } from '../../store/store.ts';
import { addressOf, httpSignIn, startTestServer, stopServer } from '../helpers/startProcess.ts';
import { tempDbPath, tempDir } from '../helpers/tempStore.ts';
import { loadDataset } from '../server/dataset.ts';
import { multipartFile, toewijzingenCsv } from '../server/multipart.ts';
import { signIn } from '../server/testApp.ts';

const region = loadRegion();

/** A small tmpfs of our own (root only); null with the reason when it cannot be mounted. */
function mountTmpfs(sizeKb: number): { dir: string; reason: null } | { dir: null; reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'koersbord-vol-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return { dir: null, reason: `tmpfs niet te koppelen: ${(err as Error).message.split('\n')[0]}` };
  }
  afterAll(() => {
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, reason: null };
}

/** Fills the file system of `dir` up to `leaveBytes` free. */
function fill(dir: string, leaveBytes: number): string {
  const fs = statfsSync(dir);
  const path = join(dir, 'vulling');
  writeFileSync(path, Buffer.alloc(Math.max(0, fs.bavail * fs.bsize - leaveBytes)));
  return path;
}

const volume = mountTmpfs(16 * 1024);

describe('a disk that fills during a load', () => {
  it.skipIf(volume.dir === null)(`leaves the store as it was, says so in Dutch, and loads once there is room ${volume.reason ?? ''}`, async () => {
    const db = join(volume.dir!, 'store', 'koersbord.duckdb');
    mkdirSync(join(volume.dir!, 'store'));
    const store = await openStore(db, region);
    await loadDataset(store);
    await store.query('CHECKPOINT');
    const before = await checkStore(store);

    // Through the ETL (as the CLI loads): the source lies elsewhere, only DuckDB writes to the full disk.
    const source = join(tempDir(), 'toewijzingen_GM0153_2025-06.csv');
    writeFileSync(source, toewijzingenCsv('2025-06', 4000));
    const filler = fill(volume.dir!, 64 * 1024);
    const failure = await loadFiles(store, [source]).then(() => null, (err: unknown) => err);
    expect(isDiskFull(failure)).toBe(true);
    expect(await checkStore(store)).toEqual(before);

    // Through the API: 507 with a sentence, nothing loaded, no upload left behind.
    const app = await buildApp({ store, closeStore: false });
    const headers = await signIn(app);
    const fullAgain = await checkStore(store);
    const body = multipartFile('toewijzingen_GM0153_2025-06.csv', toewijzingenCsv('2025-06', 4000));
    const res = await app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...headers, ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(507);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toContain('De schijf van de store is vol: er is niets geladen en de store is onveranderd.');
    expect(await checkStore(store)).toEqual(fullAgain);
    expect(readdirSync(`${db}.uploads`)).toEqual([]);

    // Room again: the same delivery loads, and the store reopens sound.
    rmSync(filler);
    const retry = await app.inject({ method: 'POST', url: '/api/deliveries', headers: { ...headers, ...body.headers }, payload: body.payload });
    expect(retry.statusCode).toBe(201);
    await app.close();
    await store.close();
    // On failure the test shows DuckDB's own words (the product never does): the next such case explains itself.
    const reopened = await openStore(db, region).catch((err: Error) => {
      throw new Error(`${err.message} DuckDB: ${String(err.cause)}; in de map: ${readdirSync(join(volume.dir!, 'store')).join(', ')}`);
    });
    const after = await checkStore(reopened);
    await reopened.close();
    expect(after.problems).toEqual([]);
    expect(after.deliveries).toBe(before.deliveries + 1);
  });
});

/** Sends a multipart upload slowly; resolves once `sentBytes` are out (the request stays open). */
function slowUpload(address: string, headers: Record<string, string>, name: string, content: string, sentBytes: number) {
  const body = multipartFile(name, content);
  const url = new URL(`${address}/api/deliveries`);
  const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...headers, ...body.headers, 'content-length': body.payload.length } });
  req.on('error', () => undefined); // the server is killed underneath it
  return new Promise<void>((resolve) => {
    req.write(body.payload.subarray(0, sentBytes), () => setTimeout(resolve, 500));
  });
}

describe('kill -9 during an upload', () => {
  it('restarts with the store as it was and no upload left behind', async () => {
    const db = tempDbPath();
    const seeded = await openStore(db, region);
    await loadDataset(seeded);
    await createAccount(seeded, { email: 'beheer@test.koersbord.nl', name: 'Beheer', role: 'beheerder', password: 'een-sterk-wachtwoord' });
    const before = await checkStore(seeded);
    await seeded.close();

    const first = startTestServer(db);
    const headers = await httpSignIn(await addressOf(first), 'beheer@test.koersbord.nl', 'een-sterk-wachtwoord');
    await slowUpload(await addressOf(first), headers, 'toewijzingen_GM0153_2025-09.csv', toewijzingenCsv('2025-09', 20000), 300_000);
    // The half-received delivery waits in the store's own upload folder, not in /tmp.
    expect(readdirSync(`${db}.uploads`).length).toBe(1);
    await stopServer(first, 'SIGKILL');
    expect(readdirSync(`${db}.uploads`).length).toBe(1);

    const second = startTestServer(db);
    const address = await addressOf(second);
    expect(second.output()).toContain('1 onafgemaakte upload(s) van een eerder gestopte server verwijderd');
    expect(readdirSync(`${db}.uploads`)).toEqual([]);
    const health = (await (await fetch(`${address}/api/health`)).json()) as { deliveries: number };
    expect(await stopServer(second)).toBe(0);

    const reopened = await openStore(db, region);
    const after = await checkStore(reopened);
    await reopened.close();
    expect(after.problems).toEqual([]);
    // Sign-in wrote a session and an audit row; the delivery tables are exactly as before.
    expect(after.deliveries).toBe(before.deliveries);
    expect(after.tables.filter((t) => ['deliveries', 'toewijzingen', 'declaraties', 'bevolking'].includes(t.table))).toEqual(
      before.tables.filter((t) => ['deliveries', 'toewijzingen', 'declaraties', 'bevolking'].includes(t.table)),
    );
    expect(health.deliveries).toBe(6);
  });
});

describe('a migration that fails halfway', () => {
  it('leaves the store at the version before it, says which migration failed, and does not keep the file locked', async () => {
    const db = tempDbPath();
    const store = await openStore(db, region);
    await loadDataset(store);
    const version = await store.schemaVersion();
    await store.close();

    const migrations = tempDir('koersbord-migrations-');
    const real = join(PROJECT_ROOT, 'store', 'migrations');
    for (const f of readdirSync(real)) copyFileSync(join(real, f), join(migrations, f));
    const next = String(version + 1).padStart(3, '0');
    writeFileSync(
      join(migrations, `${next}_half.sql`),
      `CREATE TABLE half_done (x INTEGER);\nINSERT INTO half_done VALUES (1);\nALTER TABLE deliveries ADD COLUMN half VARCHAR;\nSELECT * FROM no_such_table;\n`,
    );
    await expect(openStore(db, region, { migrationsDir: migrations })).rejects.toThrow(`migratie ${version + 1} mislukt`);

    const reopened = await openStore(db, region);
    try {
      expect(await reopened.schemaVersion()).toBe(version);
      expect(await reopened.query(`SELECT table_name FROM information_schema.tables WHERE table_name = 'half_done'`)).toEqual([]);
      expect(await reopened.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'deliveries' AND column_name = 'half'`)).toEqual([]);
      expect((await checkStore(reopened)).problems).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});
