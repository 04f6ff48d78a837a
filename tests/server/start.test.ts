import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegion } from '../../region/config.ts';
import { PROJECT_ROOT } from '../../store/paths.ts';
import { openStore } from '../../store/store.ts';
import { tempDbPath } from '../helpers/tempStore.ts';
import { loadDataset } from './dataset.ts';

describe('npm start (server/start.ts)', () => {
  it('serves the store given with --db on PORT, and shuts down cleanly on SIGTERM', async () => {
    const db = tempDbPath();
    const seeded = await openStore(db, loadRegion());
    await loadDataset(seeded); // a store with deliveries: no demo data is generated
    seeded.close();

    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'ops', 'start.ts'), '--db', db], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const address = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        output += c.toString();
        const m = output.match(/Koersbord draait op (http:\/\/127\.0\.0\.1:\d+)/);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`gestopt met ${code}: ${output}`)));
    });
    expect(output).not.toContain('Demodata');

    const health = await fetch(`${address}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', region: 'twente', deliveries: 6 });
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');

    const exitCode = await new Promise<number | null>((resolve) => {
      child.on('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
    expect(exitCode).toBe(0);
    // The store was closed: another process (here: this one) can open the file again.
    const reopened = await openStore(db, loadRegion());
    expect(await reopened.dataVersion()).toBeGreaterThan(0);
    reopened.close();
  });
});
