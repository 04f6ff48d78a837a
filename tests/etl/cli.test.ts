/**
 * The CLI as a separate process: exit codes, Dutch errors, every problem printed, JSON for
 * machines, the BSN never printed, and a load killed halfway that leaves the previous state.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliveryHistory } from '../../etl/index.ts';
import { loadRegion } from '../../region/config.ts';
import { PROJECT_ROOT } from '../../store/paths.ts';
import { openStore } from '../../store/store.ts';
import { tempDir } from '../helpers/tempStore.ts';
import { csvText, toewijzingen, writeCsv } from './deliveryFiles.ts';

const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(PROJECT_ROOT, 'etl', 'cli.ts');
const dir = tempDir('koersbord-cli-');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function etl(args: string[], onStderrLine?: (line: string, kill: () => void) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a kill reaches tsx's node child as well.
    const child = spawn(TSX, [CLI, ...args], { cwd: PROJECT_ROOT, detached: true, env: { ...process.env, KOERSBORD_DB: '' } });
    let stdout = '';
    let stderr = '';
    let pending = '';
    const kill = () => process.kill(-child.pid!, 'SIGKILL');
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) onStderrLine?.(line, kill);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// Each test has its own store file, so they may run side by side.
describe.concurrent('etl CLI', () => {
  it('refuses an unknown command, an unknown flag and a missing file with exit code 2 and a Dutch message', async () => {
    const db = join(dir, 'usage.duckdb');
    const [command, flag, missing] = await Promise.all([
      etl(['laad', 'x.csv', '--db', db]),
      etl(['history', '--alles', '--db', db]),
      etl(['load', join(dir, 'bestaat-niet.csv'), '--db', db]),
    ]);
    expect([command.code, flag.code, missing.code]).toEqual([2, 2, 2]);
    expect(command.stderr).toContain("Fout: onbekend commando 'laad'.");
    expect(flag.stderr).toContain("onbekende of onjuist gebruikte optie '--alles' bij 'history'");
    expect(missing.stderr).toContain('niet gevonden:');
    expect(missing.stderr).toContain('Gebruik:');
  });

  it('loads with exit code 0, then shows history and status, also as JSON', async () => {
    const db = join(dir, 'ok.duckdb');
    const file = writeCsv(dir, 'toewijzingen_GM0153_2025-03.csv', toewijzingen(3));
    const load = await etl(['load', file, '--db', db, '--loaded-by', 'tester']);
    expect(load.code).toBe(0);
    expect(load.stdout).toContain('geladen     toewijzingen_GM0153_2025-03.csv  toewijzingen GM0153 2025-03 3 regels (levering 1)');
    const again = await etl(['load', file, '--db', db, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, reports: [{ outcome: 'unchanged', delivery_id: 1 }] });
    // One process at a time: DuckDB locks its file for the process that has it open.
    const history = await etl(['history', '--db', db, '--json']);
    const status = await etl(['status', '--db', db, '--json']);
    const table = await etl(['history', '--db', db, '--all']);
    expect(JSON.parse(history.stdout)).toMatchObject([{ delivery_id: 1, file_name: 'toewijzingen_GM0153_2025-03.csv', row_count: 3, loaded_by: 'tester', status: 'active' }]);
    expect(JSON.parse(status.stdout)).toEqual([{ kind: 'toewijzingen', gemeente_code: 'GM0153', periods: ['2025-03'], latest: '2025-03', rows: 3 }]);
    expect(table.stdout).toMatch(/levering\s+soort\s+gemeente/);
  });

  it('exits with 1 when a delivery is refused and prints every problem, capped but counted', async () => {
    const db = join(dir, 'refused.duckdb');
    const good = writeCsv(dir, 'goed.csv', toewijzingen(1));
    const bad = writeCsv(dir, 'fout.csv', toewijzingen(120, () => ({ verwijzer: '9' })));
    const run = await etl(['load', good, bad, '--db', db]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('GEWEIGERD   fout.csv');
    expect(run.stdout).toContain("  - fout.csv, regel 2, kolom verwijzer: verwacht iJw-verwijzercode van 2 cijfers; gevonden: '9'.");
    expect(run.stdout).toContain('fout.csv, regel 101, kolom verwijzer');
    expect(run.stdout).toContain('... en nog 20 (niet getoond)');
    expect(run.stdout).toContain('1 van 2 leveringen geweigerd.');
    const json = await etl(['load', bad, '--db', db, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, reports: [{ outcome: 'rejected', problem_count: 120 }] });
  });

  it('never prints a BSN, in text or JSON', async () => {
    const db = join(dir, 'bsn.duckdb');
    const file = writeCsv(dir, 'bsn.csv', toewijzingen(2, (i) => (i === 1 ? { client_id: '123456782' } : {})));
    const [text, json] = [await etl(['load', file, '--db', db]), await etl(['load', file, '--db', db, '--json'])];
    for (const run of [text, json]) {
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).not.toContain('123456782');
    }
    expect(text.stdout).toContain('regel 3, kolom client_id: verwacht een pseudoniem, geen BSN');
  });

  it('a load killed halfway leaves the previous delivery in place', async () => {
    const db = join(dir, 'crash.duckdb');
    const v1 = writeCsv(dir, 'v1.csv', toewijzingen(5));
    expect((await etl(['load', v1, '--db', db])).code).toBe(0);

    // A correction big enough to be inserted in several chunks inside its one transaction.
    const big = join(dir, 'v2.csv');
    writeFileSync(big, csvText(toewijzingen(300_000)));
    const events: { phase: string; rowsDone: number }[] = [];
    const run = await etl(['load', big, '--db', db, '--json'], (line, kill) => {
      const event = JSON.parse(line);
      events.push(event);
      if (event.phase === 'laden' && event.rowsDone > 0) kill();
    });
    expect(run.code).toBeNull(); // killed by the signal
    expect(run.stdout).toBe('');
    expect(events.at(-1)).toMatchObject({ phase: 'laden' });
    expect(events.at(-1)!.rowsDone).toBeLessThan(300_000);

    const store = await openStore(db, loadRegion());
    try {
      expect((await deliveryHistory(store, { includeReplaced: true })).map((h) => [h.file_name, h.status])).toEqual([['v1.csv', 'active']]);
      const [{ n }] = await store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM toewijzingen');
      expect(n).toBe(5);
      expect(await store.dataVersion()).toBe(1);
    } finally {
      await store.close();
    }
  });
});
