/** Values read from a delivery file reach the problem query as bound parameters, never as SQL text. */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TOEWIJZINGEN } from '../../etl/columns.ts';
import { fileNameHints, readHeader } from '../../etl/header.ts';
import { rowProblems, stage, summarise } from '../../etl/validate.ts';
import { loadRegion } from '../../region/config.ts';
import type { Store } from '../../store/store.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';
import { toewijzingen, writeCsv } from './deliveryFiles.ts';

let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

describe('row problems against a reference value from the file', () => {
  it('compare and quote a reference holding quotes and SQL as plain text', async () => {
    // A shared column of free text (the contract's shared columns have strict formats): its first value is the reference.
    const spec = { ...TOEWIJZINGEN, sharedColumns: [...TOEWIJZINGEN.sharedColumns, 'aanbieder_naam'] };
    const reference = `O'Brien' OR '1'='1`;
    const path = writeCsv(tempDir(), 'toewijzingen_GM0153_2025-03.csv', toewijzingen(3, (i) => ({ aanbieder_naam: i === 2 ? 'Zorg BV' : reference })));
    const [headerLine, firstLine] = readFileSync(path, 'utf8').split('\n');
    const region = loadRegion();
    const mapping = readHeader(headerLine, firstLine, region, fileNameHints('toewijzingen_GM0153_2025-03.csv'), null);
    store = await tempStore(region);
    const found = await store.session(async (s) => {
      await stage(s, path, mapping, spec, 10);
      const summary = await summarise(s, spec);
      expect(summary.references.aanbieder_naam).toEqual({ line: 2, value: reference });
      expect(summary.mixedColumns).toEqual(['aanbieder_naam']);
      await stage(s, path, mapping, spec, 10, 'detailed');
      return rowProblems(s, spec, summary.references, 10);
    });
    expect(found.count).toBe(1);
    expect(found.problems[0]).toMatchObject({ line: 4, column: 'aanbieder_naam', rule: 'aanbieder_naam_mismatch', found: 'Zorg BV' });
    expect(found.problems[0].expected).toContain(`regel 2 (${reference})`);
  });
});
