/** The export CLI as analysts run it: a real process on a real DuckDB file, stdout byte for byte. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadRegion } from '../../region/config.ts';
import { PROJECT_ROOT } from '../../store/paths.ts';
import { openStore } from '../../store/store.ts';
import { tempDbPath } from '../helpers/tempStore.ts';
import { deliverDeclaraties, deliverMonthly } from './helpers/seed.ts';
import { seedTestregio, testregio, TESTREGIO_DIR } from './helpers/testregio.ts';

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'indicators/cli.ts', ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function twenteDb(): Promise<string> {
  const path = tempDbPath();
  const store = await openStore(path, loadRegion());
  await deliverMonthly(store, 'GM0153', '2024-01', '2024-12', [
    { id: 'e1', client: 'client-EXPORT-01', begin: '2024-02-01', end: '2024-03-15', product: '43V01', verwijzer: '04' },
  ]);
  await deliverDeclaraties(store, 'GM0153', '2024-12', [
    { id: 'd1', toewijzing: 'e1', client: 'client-EXPORT-01', product: '43V01', month: '2024-02', bedrag: 4321.5 },
    { id: 'd2', toewijzing: 'e1', client: 'client-EXPORT-01', product: '43V01', month: '2024-02', bedrag: -21.5 },
  ]);
  await store.close();
  return path;
}

describe('indicators export CLI', () => {
  it('writes the year export byte for byte as in the spec, suppressed by default', async () => {
    const db = await twenteDb();
    const out = cli(['export', '--year', '2024', '--db', db]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).not.toContain('\r');
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('segment,gemeente_code,period,indicator,value,target,status,provisional,coverage');
    expect(lines.at(-1)).toBe('');
    // 2 scopes × (9 rows × 16 indicators + gezinsgericht_pct of wonen_verblijf) + header + final newline.
    expect(lines).toHaveLength(2 * (9 * 16 + 1) + 2);
    expect(lines).toContain('verblijf,GM0153,2024,clients,<5,,,false,100.0');
    expect(lines).toContain('verblijf,GM0153,2024,verwijzer_gi,<5,,,false,100.0');
    expect(lines).toContain('verblijf,GM0153,2024,verwijzer_gemeente,0,,,false,100.0');
    expect(lines).toContain('verblijf,GM0153,2024,trajectduur_mean,<5,,,false,100.0');
    expect(lines).toContain('verblijf,GM0153,2024,kosten,4300.00,,,true,100.0');
    expect(lines).toContain('verblijf,REGIO,2024,clients,1,,,false,7.1');
    expect(lines).toContain('verblijf,REGIO,2024,trajectduur_mean,44.0,,,false,7.1');
    expect(lines).toContain('verblijf,REGIO,2024,crisis_start_pct,0.0,,,false,7.1');
    // On the crisis row itself a start after crisis has no meaning: empty, not 0.0.
    expect(lines).toContain('crisis,REGIO,2024,crisis_start_pct,,,,false,7.1');
    // Baseline year 2024: no target yet.
    expect(lines).toContain('verblijf,REGIO,2024,kosten,4300.00,,,true,7.1');
    expect(lines).toContain('wonen_verblijf,REGIO,2024,gezinsgericht_pct,0.0,,,false,7.1');
    expect(lines).toContain('wonen,REGIO,2024,trajectduur_median,,,,false,7.1');
    // Euros per client: hidden with the count below region level, shown for the region.
    expect(lines).toContain('verblijf,GM0153,2024,kosten_per_client,<5,,,false,100.0');
    expect(lines).toContain('verblijf,REGIO,2024,kosten_per_client,4300.00,,,false,7.1');
    expect(lines).toContain('jeugdbescherming,REGIO,2024,clients,0,,,false,7.1');
    expect(lines).toContain('jeugdreclassering,REGIO,2024,herinstroom_pct,,,,false,7.1');
    await expect(out.stdout).toMatchFileSnapshot('__snapshots__/export-twente-2024.csv');
  });

  it('shows the hidden counts with --unsuppressed and writes months and JSON on request', async () => {
    const db = await twenteDb();
    const raw = cli(['export', '--year', '2024', '--db', db, '--unsuppressed']);
    expect(raw.stdout).toContain('verblijf,GM0153,2024,clients,1,,,false,100.0\n');
    const months = cli(['export', '--year', '2024', '--grain', 'month', '--db', db, '--format', 'json']);
    const rows = JSON.parse(months.stdout) as { segment: string; gemeente_code: string; period: string; indicator: string; value: unknown }[];
    expect(rows).toHaveLength(2 * 12 * (9 * 16 + 1));
    expect(rows.find((r) => r.segment === 'verblijf' && r.gemeente_code === 'REGIO' && r.period === '2024-02' && r.indicator === 'instroom')?.value).toBe('<5');
    expect(rows.find((r) => r.segment === 'verblijf' && r.gemeente_code === 'REGIO' && r.period === '2024-02' && r.indicator === 'kosten')?.value).toBe(4300);
  });

  it('uses the configured region: its threshold, targets and status in the export', async () => {
    const path = tempDbPath();
    const store = await openStore(path, testregio());
    await seedTestregio(store);
    await store.close();
    const out = cli(['export', '--year', '2024', '--db', path], { KOERSBORD_REGION: TESTREGIO_DIR });
    expect(out.stderr).toBe('');
    const lines = out.stdout.split('\n');
    expect(lines).toContain('verblijf,REGIO,2024,kosten,8500.00,8000.00,aandacht,false,0.0');
    expect(lines).toContain('verblijf,GM0197,2024,kosten,8500.00,8000.00,aandacht,false,0.0');
    expect(lines).toContain('verblijf,GM0197,2024,clients,<10,,,false,0.0');
    expect(lines).toContain('crisis,REGIO,2024,instroom,0,0.0,op_koers,false,0.0');
    expect(lines).toContain('wonen,REGIO,2024,kosten,0.00,,,false,0.0');
  });

  it('refuses wrong use in Dutch with exit code 2', () => {
    const out = cli(['export', '--grain', 'week']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--year JJJJ is verplicht');
    expect(cli(['exporteer', '--year', '2024']).stderr).toContain("onbekende opdracht 'exporteer'");
  });
  it('ends quietly with exit code 0 when the reader of its output stops early (| head)', async () => {
    const db = await twenteDb();
    // The shell closes the pipe after one line; without EPIPE handling node dies with an unhandled error.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" --import tsx indicators/cli.ts export --year 2024 --grain month --db "${db}" | head -n 1; echo "exit=\${PIPESTATUS:-$?}"`], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    expect(r.stdout.split('\n')[0]).toBe('segment,gemeente_code,period,indicator,value,target,status,provisional,coverage');
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
  });
});

describe('indicators forecast CLI', () => {
  async function forecastDb(): Promise<string> {
    const path = tempDbPath();
    const store = await openStore(path, loadRegion());
    await deliverMonthly(store, 'GM0153', '2024-01', '2025-03', [
      { id: 'f1', client: 'client-FORECAST-01', begin: '2024-01-01', product: '43V01', verwijzer: '04' },
      { id: 'f2', client: 'client-FORECAST-02', begin: '2025-01-10', product: '46C01', verwijzer: '04' },
    ]);
    await store.close();
    return path;
  }

  it('writes the spec’s forecast columns per target row × gemeente/REGIO, as known at --as-of, counts suppressed unless asked', async () => {
    const db = await forecastDb();
    const out = cli(['forecast', '--year', '2025', '--as-of', '2025-02', '--db', db]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('segment,gemeente_code,as_of,measure,observed_ytd,estimated_ytd,forecast,forecast_low,forecast_high,target,status');
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1).map((l) => l.split(','));
    const targetRows = Object.keys(loadRegion().targets.rows).length;
    expect(rows).toHaveLength(targetRows * 2);
    expect(rows.every((r) => r.length === 11 && r[2] === '2025-02')).toBe(true);
    // Sorted by segment, then gemeente (REGIO after the GM codes).
    expect(rows.map((r) => `${r[0]},${r[1]}`)).toEqual(rows.map((r) => `${r[0]},${r[1]}`).sort());
    const crisis = rows.find((r) => r[0] === 'crisis' && r[1] === 'GM0153')!;
    expect(crisis.slice(3, 6)).toEqual(['instroom', '<5', '<5']);
    const regio = rows.find((r) => r[0] === 'crisis' && r[1] === 'REGIO')!;
    expect(regio[4]).toBe('1.0');
    const open = cli(['forecast', '--year', '2025', '--as-of', '2025-02', '--db', db, '--unsuppressed', '--format', 'json']);
    const json = JSON.parse(open.stdout) as { segment: string; gemeente_code: string; observed_ytd: number }[];
    expect(json.find((r) => r.segment === 'crisis' && r.gemeente_code === 'GM0153')!.observed_ytd).toBe(1);
    const bad = cli(['forecast', '--year', '2025', '--as-of', '2025-2', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("fout: --as-of moet een maand als JJJJ-MM zijn, niet '2025-2'\n");
  });
});
