/**
 * Concurrency stress: the small fixtures uploaded through the API into one store (two uploads in
 * flight at a time) while `npm run etl -- load` loads the same fixtures into another store, at
 * the same time. Every valid delivery must load: zero refusals in either.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeliveryReport } from '../../contract/deliveries.ts';
import { expandInputs } from '../../etl/index.ts';
import { generateFixtures } from '../../fixtures/index.ts';
import { loadRegion } from '../../region/config.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { checkStore } from '../../store/backup.ts';
import { PROJECT_ROOT } from '../../store/paths.ts';
import { openStore } from '../../store/store.ts';
import { addressOf, httpSignIn, httpUpload, startTestServer, stopServer } from '../helpers/startProcess.ts';
import { tempDbPath, tempDir } from '../helpers/tempStore.ts';
import { loadDataset } from '../server/dataset.ts';

const region = loadRegion();

function etlLoad(dir: string, db: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'etl', 'cli.ts'), 'load', dir, '--db', db, '--json'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('uploads through the API while the CLI loads another store', () => {
  it('loads every small-fixture delivery in both, with zero refusals', async () => {
    const fixtures = join(tempDir('koersbord-stress-'), 'small');
    await generateFixtures({ outDir: fixtures, profile: 'small' });
    const files = expandInputs([fixtures]);

    const served = tempDbPath();
    const seeded = await openStore(served, region);
    await loadDataset(seeded); // not empty: the server loads no demo data of its own
    await createAccount(seeded, { email: 'stress@test.koersbord.nl', name: 'Stress', role: 'beheerder', password: 'een-sterk-wachtwoord' });
    await seeded.close();
    const server = startTestServer(served);
    const address = await addressOf(server);
    const headers = await httpSignIn(address, 'stress@test.koersbord.nl', 'een-sterk-wachtwoord');

    const cliDb = tempDbPath();
    const cli = etlLoad(fixtures, cliDb);
    // Two uploads in flight, in name order within each lane so that a `_v2` follows its original.
    const lanes = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)];
    const reports: DeliveryReport[] = [];
    const statuses: number[] = [];
    await Promise.all(
      lanes.map(async (lane) => {
        for (const f of lane) {
          const res = await httpUpload(address, headers, f.name, readFileSync(f.path));
          statuses.push(res.status);
          const body = (await res.json()) as DeliveryReport & { report?: DeliveryReport };
          reports.push(body.report ?? body);
        }
      }),
    );
    const etl = await cli;
    expect(await stopServer(server)).toBe(0);

    expect(reports.filter((r) => r.outcome === 'rejected').map((r) => `${r.file}: ${r.problems.map((p) => p.rule).join(',')}`)).toEqual([]);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const list = (JSON.parse(etl.stdout) as { reports: DeliveryReport[] }).reports;
    expect(list.filter((r) => r.outcome === 'rejected').map((r) => `${r.file}: ${r.problems.map((p) => `${p.rule} ${p.expected}`).join(',')}`)).toEqual([]);
    expect(etl.status).toBe(0);
    expect(list).toHaveLength(files.length);

    for (const db of [served, cliDb]) {
      const store = await openStore(db, region);
      const check = await checkStore(store);
      const [{ n }] = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM deliveries WHERE loaded_by IS DISTINCT FROM 'test'`);
      await store.close();
      expect(check.problems).toEqual([]);
      expect(n).toBe(files.length);
    }
  });
});
