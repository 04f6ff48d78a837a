/**
 * An upgrade: a store that already holds a schema is backed up beside itself before a newer
 * migration runs, so a wrong migration can be undone with `npm run store -- restore`. And the
 * production start without demo data.
 */
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegion } from '../../region/config.ts';
import { verifyBackup } from '../../store/backup.ts';
import { PROJECT_ROOT } from '../../store/paths.ts';
import { openStore } from '../../store/store.ts';
import { addressOf, startTestServer, stopServer } from '../helpers/startProcess.ts';
import { tempDbPath, tempDir } from '../helpers/tempStore.ts';

const region = loadRegion();

function migrationsWith(extra: string, version: number): string {
  const dir = tempDir('koersbord-migrations-');
  const real = join(PROJECT_ROOT, 'store', 'migrations');
  for (const f of readdirSync(real)) copyFileSync(join(real, f), join(dir, f));
  writeFileSync(join(dir, `${String(version).padStart(3, '0')}_upgrade.sql`), extra);
  return dir;
}

describe('the backup before a migration', () => {
  it('is written before the new migration runs, holds the old schema version, and passes its own check', async () => {
    const db = tempDbPath();
    const first = await openStore(db, region, { backupBeforeMigration: true, onMigrationBackup: () => expect.fail('a new store has nothing to back up') });
    const version = await first.schemaVersion();
    await first.run(`INSERT INTO audit_log (logged_at, actor, action) VALUES (current_timestamp::TIMESTAMP, 'x@y.nl', 'proef')`);
    await first.close();

    const dir = migrationsWith('CREATE TABLE upgraded (x INTEGER);', version + 1);
    const told: { path: string; from: number; to: number }[] = [];
    const upgraded = await openStore(db, region, { migrationsDir: dir, backupBeforeMigration: true, onMigrationBackup: (path, from, to) => told.push({ path, from, to }) });
    expect(await upgraded.schemaVersion()).toBe(version + 1);
    await upgraded.close();

    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ from: version, to: version + 1 });
    expect(told[0].path.startsWith(`${db}.voor-migratie-v${version}-`)).toBe(true);
    const manifest = await verifyBackup(told[0].path);
    expect(manifest.check.schema_version).toBe(version);
    expect(manifest.check.tables.map((t) => t.table)).not.toContain('upgraded');
    expect(manifest.check.tables.find((t) => t.table === 'audit_log')?.rows).toBe(1);

    // Opening again at the same version takes no second backup.
    const again = await openStore(db, region, { migrationsDir: dir, backupBeforeMigration: true, onMigrationBackup: () => expect.fail('nothing to migrate') });
    await again.close();
  });

  it('stays when the migration fails, and the store keeps its version', async () => {
    const db = tempDbPath();
    const first = await openStore(db, region);
    const version = await first.schemaVersion();
    await first.close();
    const dir = migrationsWith('SELECT * FROM no_such_table;', version + 1);
    let backup = '';
    await expect(openStore(db, region, { migrationsDir: dir, backupBeforeMigration: true, onMigrationBackup: (path) => (backup = path) })).rejects.toThrow(`migratie ${version + 1} mislukt`);
    expect(existsSync(backup)).toBe(true);
    expect((await verifyBackup(backup)).check.schema_version).toBe(version);
  });
});

describe('the production start (KOERSBORD_DEMO=0, what npm run serve and the systemd unit set)', () => {
  it('leaves a new store empty: no demo data, no demo account', async () => {
    const db = tempDbPath();
    const server = startTestServer(db, { KOERSBORD_DEMO: '0' });
    const address = await addressOf(server);
    const health = (await (await fetch(`${address}/api/health`)).json()) as { deliveries: number; loading: unknown };
    const options = (await (await fetch(`${address}/api/auth/options`)).json()) as { demo_account: string | null };
    const output = server.output();
    expect(await stopServer(server)).toBe(0);
    expect(health).toMatchObject({ deliveries: 0, loading: null });
    expect(options.demo_account).toBeNull();
    expect(output).not.toContain('Demodata');
  });
});
