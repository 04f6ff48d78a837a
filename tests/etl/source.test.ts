/** Reading a delivered file: hash of the bytes as delivered, encoding, header and first row. */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { firstLines, prepareSource, splitCsvLine } from '../../etl/source.ts';
import { tempDir } from '../helpers/tempStore.ts';

const dir = tempDir('koersbord-source-');

describe('CSV lines', () => {
  it('a quoted field may hold the delimiter, escaped quotes and a line end', () => {
    expect(splitCsvLine('a;"b;c";"d ""e""";', ';')).toEqual(['a', 'b;c', 'd "e"', '']);
    expect(firstLines('h1;h2\r\n"x\ny";2\r\nz;3\n', 2)).toEqual(['h1;h2', '"x\ny";2']);
  });
});

describe('preparing a file', () => {
  it('hashes the bytes as delivered and reads UTF-8 with a BOM as UTF-8', async () => {
    const path = join(dir, 'bom.csv');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('gemeente_code;jaar\nGM0153;2024\n')]));
    const s = await prepareSource(path, 'bom.csv', dir);
    expect(s).toMatchObject({ encoding: 'utf-8', csvPath: path, headerLine: 'gemeente_code;jaar', firstDataLine: 'GM0153;2024' });
    expect(s.hash).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
  });

  it('converts a file that is not valid UTF-8 from Windows-1252, not latin-1', async () => {
    const path = join(dir, 'ansi.csv');
    const text = 'aanbieder_naam;x\n€ “Zorg” – ’t Hoekje;é\n';
    writeFileSync(path, iconv.encode(text, 'win1252'));
    const work = tempDir('koersbord-source-work-');
    const s = await prepareSource(path, 'ansi.csv', work);
    expect(s.encoding).toBe('windows-1252');
    expect(s.csvPath).not.toBe(path);
    expect(readFileSync(s.csvPath, 'utf8')).toBe(text);
    expect(s.firstDataLine).toBe('€ “Zorg” – ’t Hoekje;é');
  });

  it('a header-only file has no first data line', async () => {
    const path = join(dir, 'kop.csv');
    writeFileSync(path, 'gemeente_code;jaar\r\n\r\n');
    expect((await prepareSource(path, 'kop.csv', dir)).firstDataLine).toBeNull();
  });
});
