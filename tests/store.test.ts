import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRegion } from '../region/config.ts';
import { bumpDataVersion, openStore, StoreClosedError } from '../store/store.ts';

const dirs: string[] = [];
const tempDb = () => {
  const d = mkdtempSync(join(tmpdir(), 'koersbord-store-'));
  dirs.push(d);
  return join(d, 'test.duckdb');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('store', () => {
  it('creates the schema and mirrors the region reference data', async () => {
    const region = loadRegion();
    const store = await openStore(tempDb(), region);
    expect(await store.schemaVersion()).toBeGreaterThanOrEqual(1);
    const [g] = await store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM region_gemeenten');
    expect(g.n).toBe(14);
    const products = await store.query<{ productcode: string; geldig_tot: string | null }>(
      `SELECT productcode, geldig_tot FROM region_products WHERE productcode = '44W09'`,
    );
    expect(products).toEqual([{ productcode: '44W09', geldig_tot: '2024-12-31' }]);
    await store.close();
  });

  it('keeps the data version across reopening and bumps it only in committed transactions', async () => {
    const region = loadRegion();
    const path = tempDb();
    let store = await openStore(path, region);
    expect(await store.dataVersion()).toBe(0);
    await store.transaction(bumpDataVersion);
    await expect(
      store.transaction(async (c) => {
        await bumpDataVersion(c);
        throw new Error('afgebroken');
      }),
    ).rejects.toThrow('afgebroken');
    expect(await store.dataVersion()).toBe(1);
    await store.close();
    store = await openStore(path, region);
    expect(await store.dataVersion()).toBe(1);
    await store.close();
  });

  it('refuses to open a store that belongs to another region', async () => {
    const region = loadRegion();
    const path = tempDb();
    await (await openStore(path, region)).close();
    await expect(openStore(path, { ...region, id: 'achterhoek' })).rejects.toThrow(/hoort bij regio 'twente'/);
  });

  it('keeps a session\'s temporary tables for the whole session and only there', async () => {
    const store = await openStore(tempDb(), loadRegion());
    const seen = await store.session(async (s) => {
      await s.run(`CREATE TEMP TABLE scratch AS SELECT unnest([1, 2, 3]) AS n`);
      // Another unit of work has a connection of its own and does not see this one's temp table.
      await expect(store.query('SELECT * FROM scratch')).rejects.toThrow(/scratch/);
      return s.query<{ total: number }>('SELECT sum(n)::INTEGER AS total FROM scratch');
    });
    expect(seen).toEqual([{ total: 6 }]);
    await store.close();
  });

  it('commits a session\'s transaction as a whole or not at all, with the temp tables still readable inside', async () => {
    const store = await openStore(tempDb(), loadRegion());
    await store.session(async (s) => {
      await s.run(`CREATE TEMP TABLE staged AS SELECT 'GM0153' AS code`);
      await expect(
        s.transaction(async (tx) => {
          await tx.run(`INSERT INTO meta SELECT 'probe_' || code, 'x' FROM staged`);
          throw new Error('afgebroken');
        }),
      ).rejects.toThrow('afgebroken');
      expect(await store.query(`SELECT * FROM meta WHERE key = 'probe_GM0153'`)).toEqual([]);
      await s.transaction((tx) => tx.run(`INSERT INTO meta SELECT 'probe_' || code, 'x' FROM staged`));
    });
    expect(await store.query(`SELECT key, value FROM meta WHERE key = 'probe_GM0153'`)).toEqual([{ key: 'probe_GM0153', value: 'x' }]);
    await store.close();
  });

  it('binds parameters in run and query on the store itself', async () => {
    const store = await openStore(tempDb(), loadRegion());
    const quoted = `O'Brien; DROP TABLE meta; --`;
    await store.run(`INSERT INTO meta VALUES ($k, $v)`, { k: 'probe', v: quoted });
    expect(await store.query(`SELECT value FROM meta WHERE key = $k`, { k: 'probe' })).toEqual([{ value: quoted }]);
    await store.close();
  });
});

describe('closing a store with work still running', () => {
  // A server closed right after an upload still had its warm-up running: DuckDB kept the file
  // open until that work ended, and its last checkpoint then removed the WAL under the next open.
  it('waits for the running work, refuses new work in Dutch, and only then lets go of the file', async () => {
    const { spawnSync } = await import('node:child_process');
    const path = tempDb();
    const store = await openStore(path, loadRegion());
    // A second of work on one connection, started and not awaited (as the warm-up is).
    const running = store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM range(15000) a, range(15000) b WHERE (a.range * b.range) % 7 = 3');
    const closing = store.close();
    await expect(store.query('SELECT 1')).rejects.toThrow(StoreClosedError);
    await expect(store.query('SELECT 1')).rejects.toThrow(`De store ${path} is gesloten; er wordt niets meer gelezen of geschreven.`);
    await closing;
    // Another process can take the file only once this one has really closed it (DuckDB locks it while open).
    const script = `
      import { DuckDBInstance } from '@duckdb/node-api';
      const i = await DuckDBInstance.create(${JSON.stringify(path)});
      i.closeSync();`;
    const other = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '..'), encoding: 'utf8' });
    expect(other.stderr).toBe('');
    expect(other.status).toBe(0);
    // The work that was running when close was asked finished with its answer.
    const [{ n }] = await running;
    expect(n).toBe(27_550_408); // pairs whose residues mod 7 multiply to 3: 6 residue pairs of about 2143² each
  });
});

describe('the migrations survive a crash before the next checkpoint', () => {
  // DuckDB 1.5 cannot replay every statement from its write-ahead log (an ALTER TABLE ADD
  // COLUMN on a table with a DEFAULT nextval column fails with an internal error): a server
  // killed right after migrating a store would leave one that no longer opens. Every migration
  // is applied here by a process that is then killed, with checkpoints off, so the whole schema
  // is in the log; the store must open from it.
  it('opens a store whose migrations are only in the write-ahead log', async () => {
    const { spawnSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'koersbord-wal-'));
    try {
      const db = join(dir, 'wal.duckdb');
      const script = `
        import { DuckDBInstance } from '@duckdb/node-api';
        import { readFileSync, readdirSync } from 'node:fs';
        const i = await DuckDBInstance.create(${JSON.stringify(db)});
        const c = await i.connect();
        await c.run("SET checkpoint_threshold = '10GB'");
        for (const f of readdirSync('store/migrations').filter((f) => f.endsWith('.sql')).sort()) {
          await c.run('BEGIN TRANSACTION');
          await c.run(readFileSync('store/migrations/' + f, 'utf8'));
          await c.run("INSERT INTO meta VALUES ('schema_version', '" + Number.parseInt(f, 10) + "') ON CONFLICT (key) DO UPDATE SET value = excluded.value");
          await c.run('COMMIT');
        }
        process.kill(process.pid, 'SIGKILL');`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '..'), encoding: 'utf8' });
      expect(run.signal, run.stderr).toBe('SIGKILL');
      const store = await openStore(db, loadRegion());
      const [row] = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM account_oidc`);
      expect(row.n).toBe(0);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
