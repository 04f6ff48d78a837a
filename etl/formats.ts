/**
 * Value formats of the extract contract. Each format is defined once and yields both a
 * JavaScript parser (for the zod row schema) and a DuckDB SQL expression (for set-based
 * validation of a whole delivery), so a rule can never differ between the two.
 *
 * Patterns are written in the regex subset shared by JavaScript and RE2 (DuckDB): no
 * look-arounds, no back-references.
 */

import { roundDecimalText } from '../contract/rounding.ts';

export type SqlType = 'VARCHAR' | 'DATE' | 'DOUBLE' | 'DECIMAL(14,2)' | 'SMALLINT' | 'INTEGER';

export interface ValueFormat {
  /** Problem rule id when a value does not have this format. */
  rule: string;
  sqlType: SqlType;
  /** The typed value (as text/number) or null when the raw text is not valid. */
  parse(raw: string): string | number | null;
  /** SQL yielding the typed value or NULL, given an expression over the trimmed, non-empty raw text. */
  sql(raw: string): string;
  /** Values rejected for being ambiguous rather than malformed, with their own rule and explanation. */
  ambiguous?: { pattern: string; rule: string; expected: string };
}

const fullMatch = (pattern: string) => new RegExp(`^(?:${pattern})$`, 'u');
/** Patterns are constants of this module, never user input; quoting keeps them valid SQL literals. */
export const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
const sqlMatch = (raw: string, pattern: string) => `regexp_full_match(${raw}, ${sqlString(pattern)})`;

/** Text that must match a pattern in full (codes, identifiers). */
export function text(pattern: string): ValueFormat {
  const re = fullMatch(pattern);
  return {
    rule: 'text_format',
    sqlType: 'VARCHAR',
    parse: (raw) => (re.test(raw) ? raw : null),
    sql: (raw) => `CASE WHEN ${sqlMatch(raw, pattern)} THEN ${raw} END`,
  };
}

/**
 * Free text of 1 to `max` characters on one line (identifiers, names). Measured by length,
 * not by a regex: it is the commonest column type and a regex per value is the dearer test.
 */
export function line(max: number): ValueFormat {
  return {
    rule: 'text_format',
    sqlType: 'VARCHAR',
    parse: (raw) => ([...raw].length <= max && !raw.includes('\n') ? raw : null),
    sql: (raw) => `CASE WHEN length(${raw}) <= ${max} AND strpos(${raw}, chr(10)) = 0 THEN ${raw} END`,
  };
}

/** A calendar month `YYYY-MM`. */
export const month: ValueFormat = { ...text('(19|20)[0-9]{2}-(0[1-9]|1[0-2])'), rule: 'month_format' };

/** Whole numbers written as plain digits (no sign, no grouping); width limits the range. */
export function integer(minDigits: number, maxDigits: number, sqlType: 'SMALLINT' | 'INTEGER' = 'INTEGER'): ValueFormat {
  const pattern = `[0-9]{${minDigits},${maxDigits}}`;
  const re = fullMatch(pattern);
  return {
    rule: 'integer_format',
    sqlType,
    parse: (raw) => (re.test(raw) ? Number.parseInt(raw, 10) : null),
    sql: (raw) => `CASE WHEN ${sqlMatch(raw, pattern)} THEN CAST(${raw} AS ${sqlType}) END`,
  };
}

/** Dates as the contract allows them; years 1900–2099 keep typos like 0202 out. */
const ISO_DATE = '(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}';
/** DD-MM-YYYY or DD/MM/YYYY, one separator throughout. */
const DMY_DATE = '[0-9]{2}(-[0-9]{2}-|/[0-9]{2}/)(19|20)[0-9]{2}';

export const date: ValueFormat = {
  rule: 'date_format',
  sqlType: 'DATE',
  parse(raw) {
    let y: number, m: number, d: number;
    if (fullMatch(ISO_DATE).test(raw)) [y, m, d] = raw.split('-').map(Number);
    else if (fullMatch(DMY_DATE).test(raw)) [d, m, y] = raw.split(/[-/]/).map(Number);
    else return null;
    const t = new Date(Date.UTC(y, m - 1, d));
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
    return t.toISOString().slice(0, 10);
  },
  // Once the pattern holds, the text is rearranged to ISO and cast: cheaper than strptime, equally strict.
  sql: (raw) =>
    `CASE WHEN ${sqlMatch(raw, ISO_DATE)} THEN TRY_CAST(${raw} AS DATE)
          WHEN ${sqlMatch(raw, DMY_DATE)} THEN TRY_CAST(substr(${raw}, 7, 4) || '-' || substr(${raw}, 4, 2) || '-' || substr(${raw}, 1, 2) AS DATE) END`,
};

/*
 * Decimals. The decimal mark may be `,` or `.`; the other one may group thousands. A
 * single separator followed by exactly three digits after a short leading group (`1,234`,
 * `12.500`) can be read both ways, so it is refused rather than guessed. Everything else
 * has one reading:
 *   1234 · 1234,56 · 1234.56 · 0,125 · 1234.567 · 1.234,56 · 1,234.56 · 1.234.567 · -12,5
 */
const DECIMAL_PLAIN = '-?[0-9]+([.,][0-9]+)?';
const DECIMAL_DOT_GROUPS = '-?[0-9]{1,3}([.][0-9]{3})+(,[0-9]+)?';
const DECIMAL_COMMA_GROUPS = '-?[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?';
const DECIMAL_AMBIGUOUS = '-?[1-9][0-9]{0,2}[.,][0-9]{3}';

function normaliseDecimal(raw: string): string | null {
  if (fullMatch(DECIMAL_AMBIGUOUS).test(raw)) return null;
  if (fullMatch(DECIMAL_PLAIN).test(raw)) return raw.replace(',', '.');
  if (fullMatch(DECIMAL_DOT_GROUPS).test(raw)) return raw.replaceAll('.', '').replace(',', '.');
  if (fullMatch(DECIMAL_COMMA_GROUPS).test(raw)) return raw.replaceAll(',', '');
  return null;
}

/**
 * DECIMAL_AMBIGUOUS for a value that already matches DECIMAL_PLAIN, without a second regex: one
 * separator at position 2–4 of the unsigned text, three digits after it, no leading 0.
 */
const ambiguousPlainSql = (raw: string) =>
  `(length(ltrim(${raw}, '-')) = strpos(translate(ltrim(${raw}, '-'), ',', '.'), '.') + 3
    AND strpos(translate(ltrim(${raw}, '-'), ',', '.'), '.') BETWEEN 2 AND 4 AND NOT starts_with(ltrim(${raw}, '-'), '0'))`;

const normaliseDecimalSql = (raw: string) =>
  `CASE WHEN ${sqlMatch(raw, DECIMAL_PLAIN)} THEN CASE WHEN ${ambiguousPlainSql(raw)} THEN NULL ELSE replace(${raw}, ',', '.') END
        WHEN ${sqlMatch(raw, DECIMAL_DOT_GROUPS)} THEN replace(replace(${raw}, '.', ''), ',', '.')
        WHEN ${sqlMatch(raw, DECIMAL_COMMA_GROUPS)} THEN replace(${raw}, ',', '') END`;

const AMBIGUOUS = {
  pattern: DECIMAL_AMBIGUOUS,
  rule: 'decimal_ambiguous',
  expected: "een eenduidig decimaal getal: bij één scheidingsteken gevolgd door precies drie cijfers is niet te zien of het een decimaalteken of duizendtalscheiding is (schrijf 1234 of 1,2340, of 1.234,00)",
};

/** Amounts are kept in cents, as DECIMAL(14,2) does: half a cent rounds away from zero, on the digits, not on a float. */
const roundToCents = (normalised: string): number => Number(roundDecimalText(normalised, 2));

export function decimal(sqlType: 'DOUBLE' | 'DECIMAL(14,2)'): ValueFormat {
  return {
    rule: 'decimal_format',
    sqlType,
    parse(raw) {
      const n = normaliseDecimal(raw);
      if (n === null) return null;
      return sqlType === 'DOUBLE' ? Number(n) : roundToCents(n);
    },
    sql: (raw) => `TRY_CAST(${normaliseDecimalSql(raw)} AS ${sqlType})`,
    ambiguous: AMBIGUOUS,
  };
}

/** Amounts in eurocents (iJw style, configured per gemeente): whole numbers, stored as euros. */
export const cents: ValueFormat = {
  rule: 'integer_format',
  sqlType: 'DECIMAL(14,2)',
  parse: (raw) => (fullMatch('-?[0-9]{1,14}').test(raw) ? Number.parseInt(raw, 10) / 100 : null),
  sql: (raw) => `CASE WHEN ${sqlMatch(raw, '-?[0-9]{1,14}')} THEN CAST(CAST(${raw} AS DECIMAL(16,0)) / 100 AS DECIMAL(14,2)) END`,
};

/** Gemeente codes of systems that leave out `GM` (configured per gemeente); `GM` is put back. */
export const gemeenteCodeWithoutPrefix: ValueFormat = {
  rule: 'text_format',
  sqlType: 'VARCHAR',
  parse: (raw) => (fullMatch('(GM)?[0-9]{4}').test(raw) ? `GM${raw.replace(/^GM/, '')}` : null),
  sql: (raw) => `CASE WHEN ${sqlMatch(raw, '(GM)?[0-9]{4}')} THEN 'GM' || right(${raw}, 4) END`,
};

/**
 * The BSN eleven-test: nine digits d1..d9 with 9·d1 + 8·d2 + … + 2·d8 − d9 divisible by 11.
 * A pseudonym must never look like a citizen service number.
 */
export function looksLikeBsn(raw: string): boolean {
  if (!/^[0-9]{9}$/.test(raw)) return false;
  const d = [...raw].map(Number);
  const sum = d.slice(0, 8).reduce((acc, digit, i) => acc + (9 - i) * digit, 0) - d[8];
  return sum % 11 === 0;
}

export function looksLikeBsnSql(raw: string): string {
  const digit = (i: number) => `(ascii(substr(${raw}, ${i}, 1)) - 48)`;
  const weighted = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `${10 - i} * ${digit(i)}`).join(' + ');
  // CASE, unlike AND, is evaluated lazily per row: the regex and the sum only run for 9-character values.
  return `(CASE WHEN length(${raw}) = 9 THEN ${sqlMatch(raw, '[0-9]{9}')} AND (${weighted} - ${digit(9)}) % 11 = 0 ELSE false END)`;
}
