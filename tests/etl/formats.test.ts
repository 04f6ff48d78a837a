/**
 * Each value format gives the same answer in JavaScript (zod side) and in DuckDB SQL (bulk
 * side): same accepted values, same typed result, same refusals.
 */
import { DuckDBInstance, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as f from '../../etl/formats.ts';

let conn: DuckDBConnection;
let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn.closeSync();
  instance.closeSync();
});

/** The SQL result of a format for each value, as JSON-safe text or number. */
async function viaSql(format: f.ValueFormat, values: string[]): Promise<(string | number | null)[]> {
  const cast = format.sqlType === 'DATE' || format.sqlType === 'VARCHAR' ? 'VARCHAR' : 'DOUBLE';
  const rows = (
    await conn.runAndReadAll(`SELECT CAST(${format.sql('v')} AS ${cast}) AS t FROM (SELECT unnest($values::VARCHAR[]) AS v, generate_subscripts($values::VARCHAR[], 1) AS i) ORDER BY i`, {
      values: listValue(values),
    })
  ).getRowObjectsJson();
  return rows.map((r) => r.t as string | number | null);
}

const cases: [string, f.ValueFormat, [string, string | number | null][]][] = [
  [
    'date',
    f.date,
    [
      ['2024-02-29', '2024-02-29'],
      ['2023-02-29', null],
      ['2024-13-01', null],
      ['31-12-2024', '2024-12-31'],
      ['31/12/2024', '2024-12-31'],
      ['2024/12/31', null],
      ['1899-12-31', null],
      ['2024-1-5', null],
      ['05-01-24', null],
      ['00-01-2024', null],
      ['2024-01-05T00:00', null],
      ['01-02/2024', null],
      ['29/02/2023', null],
      ['29-02-2024', '2024-02-29'],
    ],
  ],
  [
    'decimal (euros)',
    f.decimal('DECIMAL(14,2)'),
    [
      ['1234', 1234],
      ['-1234,5', -1234.5],
      ['1.234,56', 1234.56],
      ['1,234.56', 1234.56],
      ['1234.56', 1234.56],
      ['1234,56', 1234.56],
      ['0,125', 0.13],
      ['-0,125', -0.13],
      ['1234,005', 1234.01],
      ['-0,004', 0],
      ['1.234.567', 1234567],
      ['1,234,567', 1234567],
      ['1,234', null],
      ['1.234', null],
      ['-12.500', null],
      ['-999,999', null],
      ['0,999', 1],
      ['1000,999', 1001],
      ['12,34,56', null],
      ['.5', null],
      ['5.', null],
      ['1e5', null],
      ['+5', null],
      ['1 234,56', null],
      ['€ 5', null],
    ],
  ],
  [
    'decimal (volume)',
    f.decimal('DOUBLE'),
    [
      ['0.125', 0.125],
      ['1234.567', 1234.567],
      ['0012,500', 12.5],
      ['-0,5', -0.5],
      ['123.456', null],
    ],
  ],
  ['month', f.month, [['2025-03', '2025-03'], ['2025-13', null], ['2025-3', null], ['202503', null], ['03-2025', null]]],
  ['integer', f.integer(4, 4), [['2010', 2010], ['201', null], ['20100', null], ['-201', null], ['2010.0', null]]],
  ['cents', f.cents, [['123456', 1234.56], ['-500', -5], ['12,50', null], ['12.5', null]]],
  ['gemeente code without GM', f.gemeenteCodeWithoutPrefix, [['0153', 'GM0153'], ['GM0153', 'GM0153'], ['153', null], ['GM153', null]]],
  ['line', f.line(40), [['x'.repeat(40), 'x'.repeat(40)], ['x'.repeat(41), null], ['é'.repeat(40), 'é'.repeat(40)], ['a\nb', null], ['a\rb', 'a\rb'], ['0153-000001', '0153-000001']]],
  ['text', f.text('[A-Za-z0-9_-]{8,64}'), [['cl_ABC-123', 'cl_ABC-123'], ['cl 123456', null], ['clïent123', null], ['a'.repeat(65), null], ['abc', null]]],
];

describe.each(cases)('the %s format', (_, format, values) => {
  it('parses each value in JavaScript as expected', () => {
    expect(values.map(([v]) => format.parse(v))).toEqual(values.map(([, want]) => want));
  });

  it('gives the same result in DuckDB SQL', async () => {
    const sql = await viaSql(format, values.map(([v]) => v));
    expect(sql).toEqual(values.map(([v]) => format.parse(v)));
  });
});

describe('ambiguous decimals', () => {
  it('are recognised alike in JavaScript and SQL', async () => {
    const amb = f.decimal('DOUBLE').ambiguous!;
    const values = ['1,234', '1.234', '-12.500', '999,999', '0,125', '1234,567', '1.234,5', '12,5'];
    const js = values.map((v) => new RegExp(`^(?:${amb.pattern})$`).test(v));
    expect(js).toEqual([true, true, true, true, false, false, false, false]);
    const rows = (
      await conn.runAndReadAll(`SELECT regexp_full_match(v, ${f.sqlString(amb.pattern)}) AS m FROM (SELECT unnest(CAST($v AS VARCHAR[])) AS v)`, { v: JSON.stringify(values) })
    ).getRowObjectsJson();
    expect(rows.map((r) => r.m)).toEqual(js);
  });
});

describe('the BSN eleven-test', () => {
  const values = ['111222333', '111222334', '123456782', '000000000', '11122233', '1112223330', 'abcdefghi', '999999999'];

  it('accepts BSN-shaped numbers only', () => {
    expect(values.map(f.looksLikeBsn)).toEqual([true, false, true, true, false, false, false, false]);
  });

  it('gives the same answer in SQL', async () => {
    const rows = (
      await conn.runAndReadAll(`SELECT ${f.looksLikeBsnSql('v')} AS bsn FROM (SELECT unnest(CAST($v AS VARCHAR[])) AS v, generate_subscripts(CAST($v AS VARCHAR[]), 1) AS i) ORDER BY i`, {
        v: JSON.stringify(values),
      })
    ).getRowObjectsJson();
    expect(rows.map((r) => r.bsn)).toEqual(values.map(f.looksLikeBsn));
  });
});
