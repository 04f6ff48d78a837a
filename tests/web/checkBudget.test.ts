import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BUDGET, measureBundle, overBudget } from '../../web/check-budget.ts';
import { tempDir } from '../helpers/tempStore.ts';

describe('check-budget', () => {
  it('measures JavaScript and CSS raw and gzip-compressed', () => {
    const dist = tempDir('koersbord-dist-');
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'a.js'), 'x'.repeat(10_000));
    writeFileSync(join(dist, 'assets', 'b.css'), 'body{}');
    const size = measureBundle(dist);
    expect(size.jsRawBytes).toBe(10_000);
    expect(size.jsGzipBytes).toBeLessThan(200);
    expect(size.cssRawBytes).toBe(6);
    expect(overBudget(size)).toEqual([]);
  });

  it('fails a bundle over its budget, naming what is over', () => {
    const dist = tempDir('koersbord-dist-');
    mkdirSync(join(dist, 'assets'));
    // Random bytes do not compress: over the gzip budget as well as the raw one.
    writeFileSync(join(dist, 'assets', 'big.js'), randomBytes(BUDGET.jsRawBytes + 1024));
    const problems = overBudget(measureBundle(dist));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^JavaScript gzip .* > budget/);
  });
});
