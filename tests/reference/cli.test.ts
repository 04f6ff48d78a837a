/**
 * `npm run reference` as people run it: a real process on a real DuckDB file. `fetch` is tried
 * against an address that does not answer (this machine is offline) and against a local server
 * that answers as the CBS OData API does, paging included.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../store/paths.ts';
import { tempDbPath, tempDir } from '../helpers/tempStore.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const ARGS = ['--import', 'tsx', 'etl/referenceCli.ts'];

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [...ARGS, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking the event loop: for the local CBS server in this process. */
function cliAsync(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...ARGS, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('reference list', () => {
  it('prints every figure as indicator,segment,year,area,value,source,provisional, the shipped ones from the start', () => {
    const db = tempDbPath();
    const out = cli(['list', '--db', db]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('indicator,segment,year,area,value,source,provisional');
    expect(lines.at(-1)).toBe('');
    expect(lines).toContain('gezinsgericht_pct,wonen_verblijf,2024,NL,16.8,"PA-B1: Prioritaire Agenda, Bijlage 1, uit CBS",true');
    expect(lines).toContain('per_1000,alle,2023,NL,139,"PA-B1: Prioritaire Agenda, Bijlage 1, uit CBS",false');
    expect(lines).toHaveLength(12 + 2);
  });

  it('adds an imported table and prints JSON with the trace of every figure', () => {
    const db = tempDbPath();
    const imported = cli(['import', join(FIXTURES, '85097NED.json'), '--db', db]);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/^85097NED \(Jeugdhulptrajecten; verwijzer, soort jeugdhulp, regio\): 10 referentiecijfers opgeslagen, jaren 2024/);
    expect(cli(['list', '--db', db]).stdout.split('\n')).toContain('verwijzer_huisarts,alle,2024,NL,34.4,"85097NED: Jeugdhulptrajecten; verwijzer, soort jeugdhulp, regio",true');
    const json = JSON.parse(cli(['list', '--db', db, '--format', 'json']).stdout) as Record<string, unknown>[];
    expect(json).toContainEqual(
      expect.objectContaining({ indicator: 'trajectduur_mean', segment: 'alle', year: 2024, area: 'NL', value: 370, source_table: '85097NED', source_column: 'GemiddeldeDuurBeeindigdeTrajecten_4[Verwijzer=T001019,SoortJeugdhulp=T001300]', provisional: true }),
    );
  });

  it('refuses a broken file and a wrong format in Dutch, exit 2', () => {
    const db = tempDbPath();
    const broken = join(tempDir(), 'kapot.json');
    writeFileSync(broken, '{"TableInfos": {"value": [');
    const out = cli(['import', broken, '--db', db]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^fout: kapot\.json is geen geldige JSON/);
    expect(cli(['list', '--db', db]).stdout.split('\n')).toHaveLength(14);
    expect(cli(['list', '--format', 'xml', '--db', db]).stderr).toBe("fout: --format moet 'csv' of 'json' zijn, niet 'xml'\n");
    expect(cli(['fetch', 'jeugd', '--db', db]).stderr).toBe("fout: 'jeugd' is geen CBS-tabelnummer (zoals 85098NED)\n");
  });
});

describe('reference fetch', () => {
  it('says in Dutch that CBS cannot be reached when the machine is offline, and changes nothing', async () => {
    const db = tempDbPath();
    // A loopback port that was just free: nothing listens there, the connection is refused at once.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const out = cli(['fetch', '85098NED', '--db', db, '--out', join(tempDir(), 'x.json')], { KOERSBORD_CBS_ODATA_URL: `http://127.0.0.1:${port}/ODataApi/odata` });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`fout: CBS StatLine (http://127.0.0.1:${port}) is niet bereikbaar (ECONNREFUSED); deze computer is waarschijnlijk offline.`);
    expect(out.stderr).toContain('npm run reference -- import BESTAND');
    expect(cli(['list', '--db', db]).stdout.split('\n')).toHaveLength(14);
  });

  it('downloads every part of a table as the API serves it, following its paging, and imports it', async () => {
    const parts = JSON.parse(readFileSync(join(FIXTURES, '85098NED.json'), 'utf8')) as Record<string, { value: unknown[] }>;
    const asked: string[] = [];
    const server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      asked.push(url.pathname + (url.searchParams.has('$skip') ? '?skip' : ''));
      const part = url.pathname.split('/').at(-1)!;
      const body = parts[part];
      if (!body) return res.writeHead(404).end();
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${url.pathname}`;
      // TypedDataSet comes in two pages, as CBS pages a large table.
      const page = part !== 'TypedDataSet' ? body : url.searchParams.has('$skip') ? { ...body, value: body.value.slice(2) } : { ...body, value: body.value.slice(0, 2), 'odata.nextLink': `${base}?$skip=2` };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    afterAll(() => server.close());
    const port = (server.address() as AddressInfo).port;
    const db = tempDbPath();
    const out = join(tempDir(), '85098NED.json');
    const run = await cliAsync(['fetch', '85098NED', '--db', db, '--out', out], { KOERSBORD_CBS_ODATA_URL: `http://127.0.0.1:${port}/ODataApi/odata` });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('85098NED (Jongeren met jeugdzorg; indicatoren, regio): 15 referentiecijfers opgeslagen, jaren 2023, 2024');
    expect(asked).toEqual(['DataProperties', 'TableInfos', 'RegioS', 'Perioden', 'TypedDataSet', 'TypedDataSet?skip'].map((p) => `/ODataApi/odata/85098NED/${p}`));
    expect(JSON.parse(readFileSync(out, 'utf8')).TypedDataSet.value).toEqual(parts.TypedDataSet.value);
  });
});
