/**
 * The command line's failures: clear Dutch messages on stderr and exit code 2, before any
 * printing starts (the one real print is in render.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../store/paths.ts';
import { tempDir } from '../helpers/tempStore.ts';
import { ensureWebBuilt } from '../web/helpers/webBuild.ts';
import { buildReportStore } from './helpers/reportStore.ts';

let db: string;

beforeAll(async () => {
  await ensureWebBuilt();
  const store = await buildReportStore(tempDir('koersbord-report-cli-'));
  db = store.path;
  // The CLI opens the file itself: DuckDB allows one writer process.
  await store.close();
}, 120_000);

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(PROJECT_ROOT, 'ops', 'reportCli.ts'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stderr: r.stderr };
}

describe('npm run report', () => {
  it('requires --year', () => {
    const r = cli(['--db', db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--year JJJJ is verplicht/);
  });

  it('says which years exist when the year has no data, without starting Chromium', () => {
    const r = cli(['--year', '2031', '--db', db], { CHROMIUM_PATH: '/nergens/chromium' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/geen gegevens voor het jaar 2031; de database heeft 2024, 2025/);
  });

  it('ends with a clear message when no Chromium can be found', () => {
    const r = cli(['--year', '2025', '--db', db, '--out', join(tempDir('koersbord-report-out-'), 'r.pdf')], { CHROMIUM_PATH: '/nergens/chromium' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/fout: Chromium niet gevonden: CHROMIUM_PATH wijst naar \/nergens\/chromium/);
  });
});
