/**
 * Issue 11 ("a valid delivery refused at random"): under parallel load a generated .xlsx was
 * seen refused with its dates as Excel day numbers. The conversions of one process share
 * exceljs' temporary sheet files and its stream plumbing, so the same files are converted many
 * times at once, beside a thread that keeps a core busy, and every CSV must equal the one a
 * lone conversion wrote; loading them into two stores at once must refuse nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../etl/index.ts';
import { xlsxToCsv } from '../../etl/xlsx.ts';
import { generateFixtures } from '../../fixtures/index.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';

const fixtures = tempDir('koersbord-xlsx-fx-');
const out = tempDir('koersbord-xlsx-csv-');
const CONVERSIONS = 96;
const IN_FLIGHT = 12;
let files: string[] = [];
let burner: Worker | undefined;

beforeAll(async () => {
  await generateFixtures({ outDir: fixtures, profile: 'small' });
  files = readdirSync(fixtures).filter((f) => f.endsWith('.xlsx')).map((f) => join(fixtures, f));
  // A busy second core, as the full suite gives: the stream callbacks interleave differently.
  burner = new Worker('const end = Date.now() + 60_000; while (Date.now() < end) {}', { eval: true });
}, 60_000);

afterAll(async () => {
  await burner?.terminate();
});

async function convertAll(paths: string[], prefix: string): Promise<string[]> {
  const texts: string[] = new Array(paths.length);
  let next = 0;
  const lane = async () => {
    for (let k = next++; k < paths.length; k = next++) {
      const csv = join(out, `${prefix}-${k}.csv`);
      // The bytes, as prepareSource hands them over; the reference below reads the path.
      await xlsxToCsv(readFileSync(paths[k]), csv);
      texts[k] = readFileSync(csv, 'utf8');
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return texts;
}

describe('xlsx conversions in flight together', () => {
  it('write exactly what a lone conversion of the same file writes', async () => {
    expect(files.length).toBeGreaterThan(0);
    const reference = new Map<string, string>();
    for (const [k, path] of files.entries()) {
      const csv = join(out, `ref-${k}.csv`);
      await xlsxToCsv(path, csv);
      reference.set(path, readFileSync(csv, 'utf8'));
    }
    const paths = Array.from({ length: CONVERSIONS }, (_, k) => files[k % files.length]);
    const texts = await convertAll(paths, 'run');
    const mismatches = paths.filter((p, k) => texts[k] !== reference.get(p));
    expect(mismatches).toEqual([]);
  }, 60_000);

  it('load into two stores at once with nothing refused', async () => {
    const stores = await Promise.all([tempStore(), tempStore()]);
    const reports = (await Promise.all(stores.map((s) => loadFiles(s, files)))).flat();
    expect(reports.filter((r) => r.outcome !== 'loaded').map((r) => r.file)).toEqual([]);
    expect(reports).toHaveLength(2 * files.length);
  }, 60_000);
});
