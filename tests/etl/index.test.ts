/**
 * What a load does to the store: idempotency, corrections that replace a delivery as a whole,
 * population deliveries, the history, the status, folders and uploads, and the BSN guard.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliveryHistory, deliveryStatus, expandInputs, loadFiles } from '../../etl/index.ts';
import { loadRegion } from '../../region/config.ts';
import { openStore } from '../../store/store.ts';
import { monthlyRegion, tempDir, tempStore } from '../helpers/tempStore.ts';
import { BEVOLKING_ROW, declaraties, toewijzingen, TOEWIJZING, writeCsv } from './deliveryFiles.ts';

const dir = tempDir('koersbord-etl-index-');

describe('loading the same file again', () => {
  it('changes nothing: no new history row, same data version, same rows', async () => {
    const store = await tempStore(monthlyRegion());
    const path = writeCsv(dir, 'toewijzingen_GM0153_2025-03.csv', toewijzingen(3));
    const [first] = await loadFiles(store, [path]);
    const version = await store.dataVersion();
    const [again] = await loadFiles(store, [path]);
    expect(first.outcome).toBe('loaded');
    expect(again).toMatchObject({ outcome: 'unchanged', delivery_id: first.delivery_id, kind: 'toewijzingen', gemeente_code: 'GM0153', periode: '2025-03', rows: 3 });
    expect(await store.dataVersion()).toBe(version);
    expect(await deliveryHistory(store, { includeReplaced: true })).toHaveLength(1);
    const [{ n }] = await store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM toewijzingen');
    expect(n).toBe(3);
  });
});

describe('a correction for the same kind, gemeente and period', () => {
  it('replaces the earlier delivery as a whole and keeps it in the history', async () => {
    const store = await tempStore(monthlyRegion());
    const v1 = writeCsv(dir, 'v1.csv', toewijzingen(3));
    const v2 = writeCsv(dir, 'v2.csv', toewijzingen(2, (i) => ({ toewijzing_id: `N${i}` })));
    const other = writeCsv(dir, 'other.csv', toewijzingen(1, () => ({ periode: '2025-04' })));
    const [r1, rOther, r2] = await loadFiles(store, [v1, other, v2], { loadedBy: 'analist' });
    expect(r2).toMatchObject({ outcome: 'replaced', replaced_delivery_id: r1.delivery_id, rows: 2 });

    const rows = await store.query<{ toewijzing_id: string; delivery_id: number }>(
      `SELECT toewijzing_id, delivery_id FROM toewijzingen WHERE periode = '2025-03' ORDER BY toewijzing_id`,
    );
    expect(rows).toEqual([
      { toewijzing_id: 'N0', delivery_id: r2.delivery_id },
      { toewijzing_id: 'N1', delivery_id: r2.delivery_id },
    ]);
    // The other period is untouched.
    expect(await store.query(`SELECT delivery_id FROM toewijzingen WHERE periode = '2025-04'`)).toEqual([{ delivery_id: rOther.delivery_id }]);

    const history = await deliveryHistory(store, { includeReplaced: true });
    expect(history.map((h) => [h.delivery_id, h.file_name, h.row_count, h.status, h.replaced_by, h.loaded_by])).toEqual([
      [r1.delivery_id, 'v1.csv', 3, 'replaced', r2.delivery_id, 'analist'],
      [rOther.delivery_id, 'other.csv', 1, 'active', null, 'analist'],
      [r2.delivery_id, 'v2.csv', 2, 'active', null, 'analist'],
    ]);
    expect(history[0].file_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(history[0].loaded_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect((await deliveryHistory(store)).map((h) => h.delivery_id)).toEqual([rOther.delivery_id, r2.delivery_id]);
    expect((await deliveryHistory(store, { includeReplaced: true, gemeente_code: 'GM0141' })).length).toBe(0);
    const [{ replaced_at }] = await store.query<{ replaced_at: string | null }>(`SELECT replaced_at::VARCHAR AS replaced_at FROM deliveries WHERE delivery_id = $id`, { id: r1.delivery_id });
    expect(replaced_at).not.toBeNull();
  });

  it('the replaced original loaded again is recognised and does not undo the correction', async () => {
    const store = await tempStore(monthlyRegion());
    const v1 = writeCsv(dir, 'r1.csv', toewijzingen(3));
    const v2 = writeCsv(dir, 'r2.csv', toewijzingen(1));
    const reports = await loadFiles(store, [v1, v2, v1, v2]);
    expect(reports.map((r) => r.outcome)).toEqual(['loaded', 'replaced', 'unchanged', 'unchanged']);
    expect(reports[2].delivery_id).toBe(reports[0].delivery_id);
    const [{ n }] = await store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM toewijzingen');
    expect(n).toBe(1);
    expect(await store.dataVersion()).toBe(2);
  });

  it('a load still succeeds when another transaction is open as it ends (its closing checkpoint waits for later)', async () => {
    const store = await tempStore(monthlyRegion());
    await store.session(async (other) => {
      await other.run('BEGIN TRANSACTION');
      // An open UPDATE (as a duiding save or a replacement makes) is what makes DuckDB refuse a checkpoint.
      await other.run(`UPDATE meta SET value = value WHERE key = 'schema_version'`);
      const [report] = await loadFiles(store, [writeCsv(dir, 'ckpt-open.csv', toewijzingen(2))]);
      expect(report.outcome).toBe('loaded');
      await other.run('ROLLBACK');
    });
    const [{ n }] = await store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM toewijzingen');
    expect(n).toBe(2);
  });

  it('batches, also two at once, give the database its checkpoint setting back and commit one at a time', async () => {
    const store = await tempStore(monthlyRegion());
    await loadFiles(store, [writeCsv(dir, 'ckpt.csv', toewijzingen(2))]);
    const [{ t }] = await store.query<{ t: string }>(`SELECT current_setting('checkpoint_threshold') AS t`);
    expect(t).toBe('16.0 MiB');
    // Two batches at once (two uploads on the server) restore it too.
    await Promise.all([
      loadFiles(store, [writeCsv(dir, 'ckpt-a.csv', toewijzingen(1, () => ({ periode: '2025-05' })))]),
      loadFiles(store, [writeCsv(dir, 'ckpt-b.csv', toewijzingen(1, () => ({ periode: '2025-06' })))]),
    ]);
    const [{ t: after }] = await store.query<{ t: string }>(`SELECT current_setting('checkpoint_threshold') AS t`);
    expect(after).toBe('16.0 MiB');
    const [{ n }] = await store.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM toewijzingen');
    expect(n).toBe(4);
    expect(await store.dataVersion()).toBe(3);
  });

  it('every accepted delivery bumps the data version once; refused and unchanged ones do not', async () => {
    const store = await tempStore(monthlyRegion());
    const good = writeCsv(dir, 'dv-good.csv', toewijzingen(1));
    const bad = writeCsv(dir, 'dv-bad.csv', toewijzingen(1, () => ({ verwijzer: '' })));
    const claims = writeCsv(dir, 'dv-claims.csv', declaraties(2));
    const reports = await loadFiles(store, [good, bad, claims, good]);
    expect(reports.map((r) => r.outcome)).toEqual(['loaded', 'rejected', 'loaded', 'unchanged']);
    expect(await store.dataVersion()).toBe(2);
    expect((await deliveryHistory(store, { includeReplaced: true })).map((h) => h.file_name)).toEqual(['dv-good.csv', 'dv-claims.csv']);
  });
});

describe('population deliveries', () => {
  it('a later delivery replaces exactly the (gemeente, jaar) rows it holds', async () => {
    const store = await tempStore(monthlyRegion());
    const b1 = writeCsv(dir, 'bevolking_2024a.csv', [
      { ...BEVOLKING_ROW, jaar: '2023', jeugd_0_17: '100' },
      { ...BEVOLKING_ROW, jaar: '2024', jeugd_0_17: '200' },
    ]);
    const b2 = writeCsv(dir, 'bevolking_2024b.csv', [
      { ...BEVOLKING_ROW, jaar: '2024', jeugd_0_17: '210' },
      { ...BEVOLKING_ROW, gemeente_code: 'GM0141', jaar: '2024', jeugd_0_17: '300' },
    ]);
    const b3 = writeCsv(dir, 'bevolking_2024c.csv', [{ ...BEVOLKING_ROW, jaar: '2023', jeugd_0_17: '110' }]);
    const [r1, r2] = await loadFiles(store, [b1, b2]);
    expect(r2).toMatchObject({ outcome: 'replaced', replaced_delivery_id: r1.delivery_id });
    const table = () => store.query(`SELECT gemeente_code, jaar, jeugd_0_17, delivery_id FROM bevolking ORDER BY gemeente_code, jaar`);
    expect(await table()).toEqual([
      { gemeente_code: 'GM0141', jaar: 2024, jeugd_0_17: 300, delivery_id: r2.delivery_id },
      { gemeente_code: 'GM0153', jaar: 2023, jeugd_0_17: 100, delivery_id: r1.delivery_id },
      { gemeente_code: 'GM0153', jaar: 2024, jeugd_0_17: 210, delivery_id: r2.delivery_id },
    ]);
    // The first delivery still holds a row, so it stays active until that row is replaced too.
    expect((await deliveryHistory(store)).map((h) => h.delivery_id)).toEqual([r1.delivery_id, r2.delivery_id]);
    const [r3] = await loadFiles(store, [b3]);
    const history = await deliveryHistory(store, { includeReplaced: true });
    expect(history.map((h) => [h.delivery_id, h.status, h.replaced_by])).toEqual([
      [r1.delivery_id, 'replaced', r3.delivery_id],
      [r2.delivery_id, 'active', null],
      [r3.delivery_id, 'active', null],
    ]);
    expect(history[0]).toMatchObject({ kind: 'bevolking', gemeente_code: null, periode: null });
  });
});

describe('status', () => {
  it('lists per kind and gemeente the delivered periods, the latest and the rows', async () => {
    const store = await tempStore(monthlyRegion());
    const files = [
      writeCsv(dir, 'toewijzingen_GM0153_2025-01.csv', toewijzingen(2, () => ({ periode: '2025-01' }))),
      writeCsv(dir, 'toewijzingen_GM0153_2025-03.csv', toewijzingen(3)),
      writeCsv(dir, 'toewijzingen_GM0141_2025-03.csv', toewijzingen(1, () => ({ gemeente_code: 'GM0141' }))),
      writeCsv(dir, 'declaraties_GM0153_2025-03.csv', declaraties(4)),
      writeCsv(dir, 'bevolking.csv', [BEVOLKING_ROW, { ...BEVOLKING_ROW, jaar: '2025' }]),
    ];
    await loadFiles(store, files);
    expect(await deliveryStatus(store)).toEqual([
      { kind: 'bevolking', gemeente_code: 'GM0153', periods: ['2024', '2025'], latest: '2025', rows: 2 },
      { kind: 'declaraties', gemeente_code: 'GM0153', periods: ['2025-03'], latest: '2025-03', rows: 4 },
      { kind: 'toewijzingen', gemeente_code: 'GM0141', periods: ['2025-03'], latest: '2025-03', rows: 1 },
      { kind: 'toewijzingen', gemeente_code: 'GM0153', periods: ['2025-01', '2025-03'], latest: '2025-03', rows: 5 },
    ]);
  });
});

describe('inputs', () => {
  it('a folder delivers its .csv and .xlsx files in name order, skipping summary.json and other files', () => {
    const folder = join(dir, 'map');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    for (const f of ['b.csv', 'a.XLSX', 'summary.json', 'notes.txt', 'c.csv']) writeFileSync(join(folder, f), '');
    writeFileSync(join(folder, 'sub', 'd.csv'), '');
    expect(expandInputs([folder, { path: '/tmp/x', name: 'upload.csv' }]).map((f) => f.name)).toEqual(['a.XLSX', 'b.csv', 'c.csv', 'upload.csv']);
  });

  it('an upload is reported and checked under its original name', async () => {
    const store = await tempStore(monthlyRegion());
    const tmp = writeCsv(dir, 'upload-8f3a.tmp', toewijzingen(1));
    const [report] = await loadFiles(store, [{ path: tmp, name: 'toewijzingen_GM0141_2025-03.csv' }]);
    expect(report.file).toBe('toewijzingen_GM0141_2025-03.csv');
    expect(report.problems.map((p) => p.rule)).toEqual(['file_name_mismatch']);
    const [ok] = await loadFiles(store, [{ path: tmp, name: 'toewijzingen_GM0153_2025-03.csv' }]);
    expect(ok.outcome).toBe('loaded');
    expect((await deliveryHistory(store))[0].file_name).toBe('toewijzingen_GM0153_2025-03.csv');
  });

  it('reports progress per file through its phases', async () => {
    const store = await tempStore(monthlyRegion());
    const seen: string[] = [];
    await loadFiles(store, [writeCsv(dir, 'p1.csv', toewijzingen(2)), writeCsv(dir, 'p2.csv', [{ naam: 'x', x: 'y' }])], {
      onProgress: (p) => seen.push(`${p.fileIndex}/${p.fileCount} ${p.file} ${p.phase} ${p.rowsDone}`),
    });
    // The next file is read while this one commits, so the two files' events may interleave.
    expect(seen.filter((e) => e.startsWith('0/2'))).toEqual([
      '0/2 p1.csv lezen 0',
      '0/2 p1.csv controleren 0',
      '0/2 p1.csv laden 0',
      '0/2 p1.csv laden 2',
      '0/2 p1.csv klaar 2',
    ]);
    expect(seen.filter((e) => e.startsWith('1/2'))).toEqual(['1/2 p2.csv lezen 0', '1/2 p2.csv klaar 0']);
  });

  it('the same file twice in one batch is loaded once, though the next file is checked while one commits', async () => {
    const store = await tempStore(monthlyRegion());
    const a = writeCsv(dir, 'tweemaal.csv', toewijzingen(2));
    const reports = await loadFiles(store, [a, a, a]);
    expect(reports.map((r) => r.outcome)).toEqual(['loaded', 'unchanged', 'unchanged']);
    expect(await deliveryHistory(store, { includeReplaced: true })).toHaveLength(1);
  });
});

describe('the BSN guard', () => {
  // 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3−3 = 66, a multiple of 11: a valid BSN shape.
  const BSN = '111222333';

  it('a client_id that passes the eleven-test refuses the whole delivery without showing or storing the value', async () => {
    const dbDir = tempDir('koersbord-bsn-');
    const dbPath = join(dbDir, 'bsn.duckdb');
    const store = await openStore(dbPath, loadRegion());
    const path = writeCsv(dir, 'bsn.csv', toewijzingen(3, (i) => (i === 1 ? { client_id: BSN } : {})));
    const [report] = await loadFiles(store, [path]);
    expect(report.outcome).toBe('rejected');
    expect(report.problems.map((p) => [p.line, p.column, p.rule, p.found])).toEqual([[3, 'client_id', 'bsn', null]]);
    expect(report.problems[0].message).toContain('geen BSN');
    expect(JSON.stringify(report)).not.toContain(BSN);
    expect(await store.dataVersion()).toBe(0);
    expect(await store.query('SELECT * FROM deliveries')).toEqual([]);
    // Control: a pseudonym that was loaded can be found in the same files, so the search below means something.
    await loadFiles(store, [writeCsv(dir, 'zichtbaar.csv', toewijzingen(1, () => ({ client_id: 'zichtbaar-pseudoniem' })))]);
    await store.close();
    const bytes = [dbPath, `${dbPath}.wal`].filter(existsSync).map((f) => readFileSync(f));
    expect(bytes.some((b) => b.includes('zichtbaar-pseudoniem'))).toBe(true);
    expect(bytes.some((b) => b.includes(BSN))).toBe(false);
  });

  it('nine digits that fail the eleven-test are an ordinary pseudonym', async () => {
    const store = await tempStore(monthlyRegion());
    const [report] = await loadFiles(store, [writeCsv(dir, 'geen-bsn.csv', toewijzingen(1, () => ({ client_id: '111222334' })))]);
    expect(report.outcome).toBe('loaded');
  });

  it('a BSN in a claim line is refused as well', async () => {
    const store = await tempStore(monthlyRegion());
    const [report] = await loadFiles(store, [writeCsv(dir, 'bsn-claim.csv', declaraties(1, () => ({ client_id: BSN })))]);
    expect(report.problems.map((p) => p.rule)).toEqual(['bsn']);
    expect(JSON.stringify(report)).not.toContain(BSN);
  });

  it('a column named like bsn refuses the delivery before any value is read', async () => {
    const store = await tempStore(monthlyRegion());
    const rows = toewijzingen(1).map((r) => ({ ...r, BSN_nummer: BSN }));
    const path = writeCsv(dir, 'bsn-kolom.csv', rows);
    const [report] = await loadFiles(store, [path]);
    expect(report.problems.map((p) => [p.line, p.column, p.rule, p.found])).toEqual([[null, 'BSN_nummer', 'bsn_column', 'BSN_nummer']]);
    expect(JSON.stringify(report)).not.toContain(BSN);
    expect(await store.query('SELECT * FROM deliveries')).toEqual([]);
    const header = { ...TOEWIJZING, Burgerservicenummer: BSN };
    const [other] = await loadFiles(store, [writeCsv(dir, 'bsn-kolom2.csv', [header])]);
    expect(other.problems.map((p) => p.rule)).toEqual(['bsn_column']);
  });
});
