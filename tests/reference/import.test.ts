/**
 * The CBS import on trimmed responses in the real API's shape (tests/reference/fixtures): every
 * figure traced to its table and column, the Agenda's figures present from the first opening,
 * and a changed or broken file refused in Dutch with the reference store exactly as it was.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CbsFileError } from '../../etl/cbs/odata.ts';
import { importCbsFile } from '../../etl/cbs/import.ts';
import { loadRegion } from '../../region/config.ts';
import { AGENDA_SOURCE } from '../../contract/reference.ts';
import { listReference, replaceReferenceTable } from '../../store/reference.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const TABLES = ['85098NED', '85097NED', '83454NED'];
const bundle = (table: string) => JSON.parse(readFileSync(join(FIXTURES, `${table}.json`), 'utf8'));
const dir = tempDir('koersbord-cbs-');
let n = 0;
/** A copy of a fixture, changed by `edit`, in the test's own folder. */
function changed(table: string, edit: (b: any) => void): string {
  const b = bundle(table);
  edit(b);
  const path = join(dir, `${table}-${++n}.json`);
  writeFileSync(path, JSON.stringify(b));
  return path;
}
const RETRIEVED = new Date('2026-12-02T07:00:00Z');

describe('the reference store of a fresh install', () => {
  it('holds the national figures the Prioritaire Agenda cites, with the year the Agenda gives', async () => {
    const store = await tempStore();
    const rows = await listReference(store);
    const find = (indicator: string, segment: string) => rows.filter((r) => r.indicator === indicator && r.segment === segment);
    expect(find('gezinsgericht_pct', 'wonen_verblijf')).toEqual([
      expect.objectContaining({ year: 2024, area: 'NL', value: 16.8, source_table: 'PA-B1', source_title: 'Prioritaire Agenda, Bijlage 1, uit CBS', provisional: true }),
    ]);
    expect(find('per_1000', 'alle')).toEqual([expect.objectContaining({ year: 2023, value: 139, provisional: false })]);
    expect(find('trajectduur_mean', 'alle')[0].value).toBe(370);
    expect(rows.every((r) => r.source_column.length > 0 && r.retrieved_at === '2026-12-02T00:00:00Z')).toBe(true);
  });

  it('does not add the shipped figures twice when the store is opened again', async () => {
    const { loadRegion } = await import('../../region/config.ts');
    const { openStore } = await import('../../store/store.ts');
    const path = join(tempDir(), 'again.duckdb');
    const first = await openStore(path, loadRegion());
    const before = await listReference(first);
    await first.close();
    const second = await openStore(path, loadRegion());
    expect(await listReference(second)).toEqual(before);
    await second.close();
  });
});

describe('importing CBS tables', () => {
  it('stores every figure with its table and the columns it was read from, as in the file', async () => {
    const store = await tempStore();
    for (const table of TABLES) {
      const result = await importCbsFile(store, join(FIXTURES, `${table}.json`), RETRIEVED);
      expect(result.table).toBe(table);
      const file = bundle(table);
      const keys = new Set<string>(file.DataProperties.value.map((p: { Key: string }) => p.Key));
      const categories = new Set<string>(Object.values(file).flatMap((part: any) => part.value.map((c: { Key?: string }) => String(c.Key ?? '').trim())));
      for (const f of result.figures) {
        expect(f.source_table).toBe(table);
        expect(f.source_title).toBe(file.TableInfos.value[0].Title);
        expect(f.retrieved_at).toBe('2026-12-02T07:00:00Z');
        // Every column and category the trace names is one of the file's own.
        const named = [...f.source_column.matchAll(/([A-Za-z]+_\d+)(?:\[([^\]]*)\])?/g)];
        expect(named.length, f.source_column).toBeGreaterThan(0);
        for (const [, column, at] of named) {
          expect(keys.has(column), column).toBe(true);
          for (const pair of at ? at.split(',') : []) {
            const [dim, cat] = pair.split('=');
            expect(keys.has(dim) && categories.has(cat), pair).toBe(true);
          }
        }
      }
    }
    const rows = await listReference(store);
    const cbs = (indicator: string, segment: string, table: string, year = 2024, area = 'NL') =>
      rows.find((r) => r.indicator === indicator && r.segment === segment && r.source_table === table && r.year === year && r.area === area);
    // Read as they are: CBS's percentage as per 1,000, the year and the status from Perioden, CBS's NL01 as NL.
    expect(cbs('per_1000', 'alle', '85098NED', 2023)).toMatchObject({ value: 139, provisional: false, source_column: 'JongerenMetJeugdhulp_1 × 10' });
    expect(cbs('per_1000', 'jeugdreclassering', '85098NED')).toMatchObject({ value: 17, provisional: true });
    expect(cbs('per_1000', 'jeugdbescherming', '85098NED', 2024, 'GM0153')).toMatchObject({ value: 14 });
    // Enschede has no 2024 jeugdhulp figure in the file (null): none is made up.
    expect(cbs('per_1000', 'alle', '85098NED', 2024, 'GM0153')).toBeUndefined();
    // Derived from CBS's counts: the shares the Agenda cites.
    expect(cbs('crisis_start_pct', 'alle', '85097NED')?.value).toBe(3);
    expect(cbs('crisis_start_pct', 'wonen_verblijf', '85097NED')?.value).toBe(20);
    expect(cbs('crisis_start_pct', 'ambulant', '85097NED')?.value).toBe(2.1);
    expect(cbs('verwijzer_huisarts', 'alle', '85097NED')?.value).toBe(34.4);
    expect(cbs('verwijzer_gemeente_gi', 'alle', '85097NED')).toMatchObject({
      value: 42.4,
      source_column:
        '100 × (GestarteJeugdhulptrajecten_1[Verwijzer=A049510,SoortJeugdhulp=T001300] + GestarteJeugdhulptrajecten_1[Verwijzer=A049512,SoortJeugdhulp=T001300]) / (GestarteJeugdhulptrajecten_1[Verwijzer=T001019,SoortJeugdhulp=T001300])',
    });
    expect(cbs('verwijzer_gemeente_gi', 'wonen_verblijf', '85097NED')?.value).toBe(87.7);
    expect(cbs('trajectduur_mean', 'alle', '85097NED')?.value).toBe(370);
    expect(cbs('einde_volgens_plan_pct', 'alle', '85097NED')?.value).toBe(70);
    expect(cbs('kosten', 'alle', '83454NED')).toMatchObject({ value: 6_500_000_000, source_column: 'KostenJeugdzorg_1 × 1000' });
    // The Agenda's own figures stay beside CBS's.
    expect(rows.filter((r) => r.source_table === 'PA-B1')).toHaveLength(12);
  });

  it('reads the column keys from the metadata: a table whose keys CBS renumbered still loads', async () => {
    const store = await tempStore();
    const path = changed('83454NED', (b) => {
      b.DataProperties.value[2].Key = 'KostenJeugdzorg_7';
      for (const row of b.TypedDataSet.value) {
        row.KostenJeugdzorg_7 = row.KostenJeugdzorg_1;
        delete row.KostenJeugdzorg_1;
      }
    });
    const { figures } = await importCbsFile(store, path, RETRIEVED);
    expect(figures.map((f) => [f.year, f.value, f.source_column])).toEqual([
      [2023, 6_250_000_000, 'KostenJeugdzorg_7 × 1000'],
      [2024, 6_500_000_000, 'KostenJeugdzorg_7 × 1000'],
    ]);
  });

  it('reads a folder with one response per part the same as a bundle', async () => {
    const store = await tempStore();
    const folder = join(dir, '85098NED-parts');
    mkdirSync(folder);
    for (const [part, response] of Object.entries(bundle('85098NED'))) writeFileSync(join(folder, `${part}.json`), JSON.stringify(response));
    const fromFolder = await importCbsFile(store, folder, RETRIEVED);
    const fromBundle = await importCbsFile(store, join(FIXTURES, '85098NED.json'), RETRIEVED);
    expect(fromFolder.figures).toEqual(fromBundle.figures);
  });

  it('replaces the figures of the same table on a new import, and only those', async () => {
    const store = await tempStore();
    await importCbsFile(store, join(FIXTURES, '83454NED.json'), RETRIEVED);
    await importCbsFile(store, join(FIXTURES, '85098NED.json'), RETRIEVED);
    const newer = changed('83454NED', (b) => {
      b.TypedDataSet.value = b.TypedDataSet.value.slice(1).map((r: any) => ({ ...r, KostenJeugdzorg_1: 6_600_000 }));
    });
    await importCbsFile(store, newer, RETRIEVED);
    const rows = await listReference(store);
    expect(rows.filter((r) => r.source_table === '83454NED').map((r) => [r.year, r.value])).toEqual([[2024, 6_600_000_000]]);
    expect(rows.filter((r) => r.source_table === '85098NED')).toHaveLength(15);
  });
});

describe('a changed or broken file', () => {
  const cases: [string, () => string, RegExp][] = [
    ['cut off halfway', () => {
      const path = join(dir, 'cut.json');
      writeFileSync(path, readFileSync(join(FIXTURES, '85098NED.json'), 'utf8').slice(0, 2000));
      return path;
    }, /is geen geldige JSON.*afgekapt of beschadigd/],
    ['without its rows', () => changed('85098NED', (b) => delete b.TypedDataSet), /mist het deel 'TypedDataSet'/],
    ['without a dimension\'s code list', () => changed('85097NED', (b) => delete b.Verwijzer), /mist het deel 'Verwijzer'/],
    ['of a table Koersbord does not know', () => changed('83454NED', (b) => (b.TableInfos.value[0].Identifier = '37296NED')), /Tabel 37296NED kent Koersbord niet/],
    ['with a column renamed', () => changed('85098NED', (b) => (b.DataProperties.value[4].Title = 'Jongeren met een maatregel')), /Kolom 'Jongeren met jeugdbescherming' ontbreekt in de metadata/],
    ['with a column in another unit', () => changed('83454NED', (b) => (b.DataProperties.value[2].Unit = 'euro')), /eenheid 'euro', verwacht 'x 1 000 euro'/],
    ['with a category gone', () => changed('85097NED', (b) => (b.Verwijzer.value = b.Verwijzer.value.filter((c: any) => c.Title !== 'Huisarts'))), /Categorie 'Huisarts' van 'Verwijzer' ontbreekt/],
    ['with a row column the metadata does not list', () => changed('85098NED', (b) => (b.TypedDataSet.value[1].Extra_9 = 1)), /rij 2 van TypedDataSet: kolom 'Extra_9' staat niet in DataProperties/],
    ['with a region the code list does not have', () => changed('85098NED', (b) => (b.TypedDataSet.value[0].RegioS = 'GM9999')), /'GM9999' in kolom 'RegioS' past niet bij de metadata/],
    ['with a row twice', () => changed('85098NED', (b) => b.TypedDataSet.value.push({ ...b.TypedDataSet.value[0], ID: 99, JongerenMetJeugdhulp_1: 20 })), /rij 5 van TypedDataSet herhaalt rij 1 \(RegioS=NL01,Perioden=2023JJ00\)/],
    ['with text where a figure belongs', () => changed('85098NED', (b) => (b.TypedDataSet.value[0].JongerenMetJeugdhulp_1 = '13,9')), /'13,9' in kolom 'JongerenMetJeugdhulp_1' past niet/],
  ];

  it.each(cases)('is refused when %s, in Dutch, with the reference store unchanged', async (_name, make, message) => {
    const store = await tempStore();
    await importCbsFile(store, join(FIXTURES, '85098NED.json'), RETRIEVED);
    await importCbsFile(store, join(FIXTURES, '85097NED.json'), RETRIEVED);
    await importCbsFile(store, join(FIXTURES, '83454NED.json'), RETRIEVED);
    const before = await listReference(store);
    const refused = importCbsFile(store, make(), new Date('2027-01-01T00:00:00Z'));
    await expect(refused).rejects.toThrow(CbsFileError);
    await expect(refused).rejects.toThrow(message);
    expect(await listReference(store)).toEqual(before);
  });
});

describe('writing the reference', () => {
  it('replaces a table in one transaction: a write that fails halfway leaves the old figures', async () => {
    const store = await tempStore();
    const before = await listReference(store);
    const agenda = before.filter((f) => f.source_table === AGENDA_SOURCE.table);
    // The DELETE runs, then the INSERT fails on a repeated key: nothing of it may stay.
    const twice = [agenda[0], agenda[0]];
    await expect(store.transaction((tx) => replaceReferenceTable(tx, AGENDA_SOURCE.table, twice))).rejects.toThrow(/PRIMARY KEY|Duplicate key|constraint/i);
    expect(await listReference(store)).toEqual(before);
  });

  it('refuses a region whose shipped reference file is not in the reference shape, naming the field', () => {
    const folder = join(dir, 'region-kapot');
    cpSync(join(import.meta.dirname, '..', '..', 'region', 'twente'), folder, { recursive: true });
    const file = JSON.parse(readFileSync(join(folder, 'reference.json'), 'utf8'));
    file.figures[1].value = '16,8';
    writeFileSync(join(folder, 'reference.json'), JSON.stringify(file));
    expect(() => loadRegion(folder)).toThrow(/regioconfiguratie .* is ongeldig: reference\.1\.value/);
  });
});
