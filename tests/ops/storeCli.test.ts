/** `npm run store`: backup while the server runs and writes, restore (checked, refused while in use), check. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoreCheck } from '../../store/backup.ts';
import { loadRegion } from '../../region/config.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { PROJECT_ROOT } from '../../store/paths.ts';
import { openStore } from '../../store/store.ts';
import { addressOf, httpSignIn, httpUpload, startTestServer, stopServer } from '../helpers/startProcess.ts';
import { tempDbPath, tempDir } from '../helpers/tempStore.ts';
import { loadDataset } from '../server/dataset.ts';
import { toewijzingenCsv } from '../server/multipart.ts';

function storeCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'ops', 'storeCli.ts'), ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

const PASSWORD = 'een-sterk-wachtwoord';

async function seededStore(): Promise<string> {
  const db = tempDbPath();
  const store = await openStore(db, loadRegion());
  await loadDataset(store);
  await createAccount(store, { email: 'beheer@test.koersbord.nl', name: 'Beheer', role: 'beheerder', password: PASSWORD });
  await store.close();
  return db;
}

async function deliveryCounts(db: string): Promise<{ active: number; all: number }> {
  const store = await openStore(db, loadRegion());
  try {
    return (await store.query<{ active: number; all: number }>(`SELECT count(*) FILTER (status = 'active')::INTEGER AS active, count(*)::INTEGER AS "all" FROM deliveries`))[0];
  } finally {
    await store.close();
  }
}

describe('npm run store', () => {
  it('backs up a running server while it loads uploads, refuses to restore over it, and restores once it stopped', async () => {
    const db = await seededStore();
    const out = join(tempDir('koersbord-backup-'), 'backup.duckdb');
    const server = startTestServer(db);
    const address = await addressOf(server);
    const headers = await httpSignIn(address, 'beheer@test.koersbord.nl', PASSWORD);

    // Uploads keep writing while the backup runs: months 2025-01 … 2025-08, one after the other.
    let writing = true;
    const uploads = (async () => {
      const outcomes: string[] = [];
      for (let m = 1; m <= 8 && (writing || outcomes.length < 3); m++) {
        // Hengelo delivers monthly in Twente (Enschede, the helper's gemeente, per quarter).
        const csv = toewijzingenCsv(`2025-0${m}`, 40).replaceAll('GM0153;', 'GM0164;');
        const res = await httpUpload(address, headers, `toewijzingen_GM0164_2025-0${m}.csv`, csv);
        outcomes.push(res.status === 201 ? ((await res.json()) as { outcome: string }).outcome : `HTTP ${res.status}`);
      }
      return outcomes;
    })();
    const backup = await storeCli(['backup', '--out', out, '--db', db]);
    writing = false;
    const outcomes = await uploads;
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain(`Backup geschreven: ${out}`);
    expect(outcomes.filter((o) => o !== 'loaded' && o !== 'replaced')).toEqual([]);
    expect(statSync(`${out}.json`).isFile()).toBe(true);

    // The check goes through the server too (the file is locked) and finds the live store sound.
    const live = await storeCli(['check', '--db', db, '--json']);
    expect(live.status).toBe(0);
    const liveCheck = JSON.parse(live.stdout) as StoreCheck;
    expect(liveCheck.problems).toEqual([]);
    expect(liveCheck.schema_version).toBeGreaterThanOrEqual(4);

    // A restore over the running server's store is refused; nothing changes.
    const refused = await storeCli(['restore', out, '--db', db]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`De store ${db} is in gebruik`);
    expect(await stopServer(server)).toBe(0);
    const before = await deliveryCounts(db);
    expect(before.active).toBe(6 + outcomes.filter((o) => o === 'loaded').length);

    // The backup is a consistent snapshot: every delivery in its history has exactly its rows.
    const checked = await storeCli(['check', '--db', out, '--json']);
    expect(checked.status).toBe(0);
    const snapshot = JSON.parse(checked.stdout) as StoreCheck;
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.deliveries).toBeGreaterThanOrEqual(6);

    const restored = await storeCli(['restore', out, '--db', db]);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    const kept = /De vorige store staat ernaast als (\S+)\./.exec(restored.stdout)?.[1];
    expect(kept && existsSync(kept)).toBe(true);
    expect((await deliveryCounts(db)).all).toBe(snapshot.deliveries);
    expect(await deliveryCounts(kept!)).toEqual(before);
  });

  it('refuses a damaged or unknown backup before it touches the store', async () => {
    const db = await seededStore();
    const out = join(tempDir('koersbord-backup-'), 'b.duckdb');
    expect((await storeCli(['backup', '--out', out, '--db', db])).status).toBe(0);
    // A second backup to the same name is refused: a backup overwrites nothing.
    const again = await storeCli(['backup', '--out', out, '--db', db]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('bestaat al');

    const original = readFileSync(db);
    const bytes = readFileSync(out);
    bytes[bytes.length - 5000] ^= 0xff;
    writeFileSync(out, bytes);
    const tampered = await storeCli(['restore', out, '--db', db]);
    expect(tampered.status).toBe(2);
    expect(tampered.stderr).toContain('veranderd of beschadigd');
    expect(readFileSync(db).equals(original)).toBe(true);

    const missing = await storeCli(['restore', join(tempDir(), 'geen.duckdb'), '--db', db]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('bestaat niet');
  });

  it('check names a delivery whose rows do not match the load history', async () => {
    const db = await seededStore();
    const store = await openStore(db, loadRegion());
    const [victim] = await store.query<{ id: number; name: string }>(
      `SELECT delivery_id::INTEGER AS id, file_name AS name FROM deliveries WHERE kind = 'toewijzingen' AND status = 'active' ORDER BY delivery_id LIMIT 1`,
    );
    await store.query(`DELETE FROM toewijzingen WHERE delivery_id = $id AND rowid IN (SELECT min(rowid) FROM toewijzingen WHERE delivery_id = $id)`, { id: victim.id });
    await store.close();
    const check = await storeCli(['check', '--db', db]);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain(`levering ${victim.id} (${victim.name}, active)`);
  });
});
