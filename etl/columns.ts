/**
 * The extract contract's columns and row rules, defined once per kind. From this one definition
 * come the set-based SQL checks the loader runs over a whole delivery in DuckDB and the zod schema
 * of one row (`rowSchema`), which the tests hold against the SQL checks on the same rows.
 */
import { z } from 'zod';
import type { DeliveryKind } from '../contract/domain.ts';
import { REPORTING_ROW_IDS } from '../contract/rows.ts';
import type { ExtractAlias, RegionConfig } from '../region/config.ts';
import * as f from './formats.ts';
import type { ValueFormat } from './formats.ts';

export interface ColumnSpec {
  name: string;
  /** The value may not be empty (the column itself must always be present when required). */
  required: boolean;
  format: ValueFormat;
  /** What a valid value looks like, in Dutch, for problem messages. */
  expected: string;
  /** Values of this column are never echoed in a problem: a client_id may be a BSN. */
  secret?: boolean;
  /** A value that passes the BSN eleven-test rejects the whole delivery. */
  bsnGuard?: boolean;
}

export type TypedValue = string | number | null;
export type TypedRow = Record<string, TypedValue>;

/** A rule over several values of one row; checked only when all `uses` values are valid. */
export interface RowRule {
  rule: string;
  /** The column the problem is reported on (its raw value is the `found`). */
  column: string;
  uses: string[];
  expected: string;
  violates(row: TypedRow, region: RegionConfig): boolean;
  /** SQL condition that is true for a violating row; `t(col)` names a typed column. */
  sql(t: (column: string) => string): string;
}

export interface KindSpec {
  kind: DeliveryKind;
  columns: ColumnSpec[];
  rowRules: RowRule[];
  /** Columns whose value every row of one delivery shares (the delivery's identity). */
  sharedColumns: string[];
  /** Columns that identify a row uniquely within the delivery. */
  uniqueKey: string[];
}

const DATE_EXPECTED = 'datum als JJJJ-MM-DD, DD-MM-JJJJ of DD/MM/JJJJ';
const ID_EXPECTED = 'tekst van 1 tot 40 tekens';

const gemeenteCode: ColumnSpec = {
  name: 'gemeente_code',
  required: true,
  format: f.text('GM[0-9]{4}'),
  expected: 'gemeentecode als GM + 4 cijfers (bijvoorbeeld GM0153)',
};
const periode: ColumnSpec = { name: 'periode', required: true, format: f.month, expected: 'periode als JJJJ-MM (bijvoorbeeld 2025-03)' };
const clientId: ColumnSpec = {
  name: 'client_id',
  required: true,
  format: f.text('[A-Za-z0-9_-]{8,64}'),
  expected: 'pseudoniem van 8 tot 64 tekens (letters, cijfers, _ of -)',
  secret: true,
  bsnGuard: true,
};
const productcode: ColumnSpec = { name: 'productcode', required: true, format: f.text('[A-Za-z0-9]{5}'), expected: 'productcode van 5 letters of cijfers' };
const twoDigits = (name: string, required: boolean, what: string): ColumnSpec => ({
  name,
  required,
  format: f.text('[0-9]{2}'),
  expected: `${what} van 2 cijfers`,
});
const dateColumn = (name: string, required: boolean): ColumnSpec => ({ name, required, format: f.date, expected: DATE_EXPECTED });

const gemeenteInRegion: RowRule = {
  rule: 'gemeente_not_in_region',
  column: 'gemeente_code',
  uses: ['gemeente_code'],
  expected: 'een gemeente van de regio',
  violates: (row, region) => !region.gemeenten.some((g) => g.code === row.gemeente_code),
  sql: (t) => `${t('gemeente_code')} NOT IN (SELECT gemeente_code FROM region_gemeenten)`,
};

/** The segment comes from the product row valid on the given date, so such a row must exist. */
const productValidOn = (dateColumnName: string): RowRule => ({
  rule: 'product_unknown',
  column: 'productcode',
  uses: ['productcode', dateColumnName],
  expected: `een productcode uit de producttabel van de regio, geldig op ${dateColumnName}`,
  violates: (row, region) =>
    !region.products.some(
      (p) =>
        p.productcode === row.productcode &&
        p.geldig_van <= (row[dateColumnName] as string) &&
        (p.geldig_tot === null || (row[dateColumnName] as string) <= p.geldig_tot),
    ),
  sql: (t) =>
    `NOT EXISTS (SELECT 1 FROM region_products p WHERE p.productcode = ${t('productcode')}
       AND ${t(dateColumnName)} BETWEEN p.geldig_van AND coalesce(p.geldig_tot, DATE '9999-12-31'))`,
});

/** Jeugdwet care runs up to 18, extended care up to 23: older clients are a data error. */
export const MAX_YOUTH_AGE = 23;

export const TOEWIJZINGEN: KindSpec = {
  kind: 'toewijzingen',
  columns: [
    gemeenteCode,
    periode,
    { name: 'toewijzing_id', required: true, format: f.line(40), expected: ID_EXPECTED },
    clientId,
    { name: 'geboortejaar', required: true, format: f.integer(4, 4, 'SMALLINT'), expected: 'geboortejaar van 4 cijfers' },
    { name: 'aanbieder_agb', required: true, format: f.text('[0-9]{8}'), expected: 'AGB-code van 8 cijfers' },
    { name: 'aanbieder_naam', required: false, format: f.line(200), expected: 'tekst van hoogstens 200 tekens' },
    twoDigits('productcategorie', true, 'iJw-productcategorie'),
    productcode,
    dateColumn('begindatum', true),
    dateColumn('einddatum', false),
    twoDigits('reden_einde', false, 'iJw-reden-einde'),
    twoDigits('verwijzer', true, 'iJw-verwijzercode'),
  ],
  rowRules: [
    gemeenteInRegion,
    {
      rule: 'einddatum_before_begindatum',
      column: 'einddatum',
      uses: ['einddatum', 'begindatum'],
      expected: 'een einddatum op of na de begindatum',
      violates: (row) => (row.einddatum as string) < (row.begindatum as string),
      sql: (t) => `${t('einddatum')} < ${t('begindatum')}`,
    },
    {
      rule: 'geboortejaar_after_periode',
      column: 'geboortejaar',
      uses: ['geboortejaar', 'periode'],
      expected: 'een geboortejaar niet na het jaar van de periode',
      violates: (row) => (row.geboortejaar as number) > Number((row.periode as string).slice(0, 4)),
      sql: (t) => `${t('geboortejaar')} > CAST(left(${t('periode')}, 4) AS INTEGER)`,
    },
    {
      rule: 'geboortejaar_too_old',
      column: 'geboortejaar',
      uses: ['geboortejaar', 'periode'],
      expected: `een jeugdige van hoogstens ${MAX_YOUTH_AGE} jaar in het jaar van de periode`,
      violates: (row) => Number((row.periode as string).slice(0, 4)) - (row.geboortejaar as number) > MAX_YOUTH_AGE,
      sql: (t) => `CAST(left(${t('periode')}, 4) AS INTEGER) - ${t('geboortejaar')} > ${MAX_YOUTH_AGE}`,
    },
    productValidOn('begindatum'),
  ],
  sharedColumns: ['gemeente_code', 'periode'],
  uniqueKey: ['toewijzing_id'],
};

export const DECLARATIES: KindSpec = {
  kind: 'declaraties',
  columns: [
    gemeenteCode,
    periode,
    { name: 'declaratie_id', required: true, format: f.line(40), expected: ID_EXPECTED },
    { name: 'toewijzing_id', required: true, format: f.line(40), expected: ID_EXPECTED },
    clientId,
    productcode,
    dateColumn('prestatie_begin', true),
    dateColumn('prestatie_eind', true),
    { name: 'volume', required: true, format: f.decimal('DOUBLE'), expected: 'decimaal getal (1234,5 of 1234.5)' },
    twoDigits('eenheid', true, 'iJw-eenheidcode'),
    {
      name: 'bedrag',
      required: true,
      format: f.decimal('DECIMAL(14,2)'),
      expected: "bedrag in euro's als decimaal getal (1.234,56 of 1234.56; negatief voor een creditregel)",
    },
  ],
  rowRules: [
    gemeenteInRegion,
    {
      rule: 'prestatie_eind_other_month',
      column: 'prestatie_eind',
      uses: ['prestatie_begin', 'prestatie_eind'],
      expected: 'een einddatum in dezelfde kalendermaand als prestatie_begin en niet ervoor',
      violates: (row) =>
        (row.prestatie_eind as string).slice(0, 7) !== (row.prestatie_begin as string).slice(0, 7) ||
        (row.prestatie_eind as string) < (row.prestatie_begin as string),
      sql: (t) =>
        `(date_trunc('month', ${t('prestatie_eind')}) <> date_trunc('month', ${t('prestatie_begin')}) OR ${t('prestatie_eind')} < ${t('prestatie_begin')})`,
    },
    productValidOn('prestatie_begin'),
  ],
  sharedColumns: ['gemeente_code', 'periode'],
  uniqueKey: ['declaratie_id'],
};

const jaar: ColumnSpec = { name: 'jaar', required: true, format: f.integer(4, 4), expected: 'jaartal van 4 cijfers' };

export const BEVOLKING: KindSpec = {
  kind: 'bevolking',
  columns: [
    gemeenteCode,
    jaar,
    { name: 'jeugd_0_17', required: true, format: f.integer(1, 9), expected: 'aantal als geheel getal van 0 of meer' },
  ],
  rowRules: [gemeenteInRegion],
  sharedColumns: [],
  uniqueKey: ['gemeente_code', 'jaar'],
};

/** A council's budget per reporting row and year (docs/budget.md); a budget is never negative. */
export const BEGROTING: KindSpec = {
  kind: 'begroting',
  columns: [
    gemeenteCode,
    jaar,
    {
      name: 'segment',
      required: true,
      // The reporting rows of the contract, so a row added there is budgetable at once.
      format: f.text(REPORTING_ROW_IDS.join('|')),
      expected: `een rapportagerij: ${REPORTING_ROW_IDS.join(', ')}`,
    },
    { name: 'bedrag', required: true, format: f.decimal('DECIMAL(14,2)'), expected: "bedrag in euro's als decimaal getal (1.234,56 of 1234.56)" },
  ],
  rowRules: [
    gemeenteInRegion,
    {
      rule: 'bedrag_negative',
      column: 'bedrag',
      uses: ['bedrag'],
      expected: 'een begroting van 0 euro of meer',
      violates: (row) => (row.bedrag as number) < 0,
      sql: (t) => `${t('bedrag')} < 0`,
    },
  ],
  sharedColumns: [],
  uniqueKey: ['gemeente_code', 'jaar', 'segment'],
};

export const KINDS: Record<DeliveryKind, KindSpec> = { toewijzingen: TOEWIJZINGEN, declaraties: DECLARATIES, bevolking: BEVOLKING, begroting: BEGROTING };

/** A gemeente's configured deviations change how some columns are read, never which columns exist. */
export function withAlias(spec: KindSpec, alias: ExtractAlias | undefined): KindSpec {
  if (!alias || (!alias.amountsInCents && !alias.gemeenteCodeWithoutPrefix)) return spec;
  return {
    ...spec,
    columns: spec.columns.map((c) => {
      if (c.name === 'gemeente_code' && alias.gemeenteCodeWithoutPrefix) {
        return { ...c, format: f.gemeenteCodeWithoutPrefix, expected: 'gemeentecode als 4 cijfers, met of zonder GM (bijvoorbeeld 0153)' };
      }
      if (c.name === 'bedrag' && alias.amountsInCents) {
        return { ...c, format: f.cents, expected: 'bedrag in eurocenten als geheel getal (bijvoorbeeld 123456; negatief voor een creditregel)' };
      }
      return c;
    }),
  };
}

/** The rule id of a raw value that does not pass its column, or null when it passes. */
export function columnProblem(column: ColumnSpec, raw: string | undefined | null): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return column.required ? 'required' : null;
  if (column.bsnGuard && f.looksLikeBsn(value)) return 'bsn';
  if (column.format.parse(value) !== null) return null;
  if (column.format.ambiguous && new RegExp(`^(?:${column.format.ambiguous.pattern})$`, 'u').test(value)) return column.format.ambiguous.rule;
  return column.format.rule;
}

export const BSN_EXPECTED = 'een pseudoniem, geen BSN (9 cijfers die de elfproef doorstaan); de hele levering is geweigerd';

/** What a column expected, per rule: one text for both the zod and the SQL side. */
export function expectedFor(column: ColumnSpec, rule: string): string {
  if (rule === 'required') return `verplicht: ${column.expected}`;
  if (rule === 'bsn') return BSN_EXPECTED;
  if (rule === column.format.ambiguous?.rule) return column.format.ambiguous.expected;
  return column.expected;
}

/**
 * The zod schema of one row of raw text values (as read from a file) for a kind: it checks
 * every column and row rule and yields the typed row. Issues carry the rule id in `params.rule`.
 */
export function rowSchema(spec: KindSpec, region: RegionConfig) {
  const shape = Object.fromEntries(
    spec.columns.map((column) => [
      column.name,
      z.unknown().transform((v, ctx): TypedValue => {
        const raw = typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v);
        const rule = columnProblem(column, raw);
        if (rule !== null) {
          ctx.addIssue({ code: 'custom', message: expectedFor(column, rule), params: { rule } });
          return z.NEVER;
        }
        return raw === '' ? null : column.format.parse(raw);
      }),
    ]),
  );
  return z.object(shape).superRefine((row, ctx) => {
    for (const r of spec.rowRules) {
      if (r.uses.some((c) => row[c] === null || row[c] === undefined)) continue;
      if (r.violates(row as TypedRow, region)) ctx.addIssue({ code: 'custom', path: [r.column], message: r.expected, params: { rule: r.rule } });
    }
  });
}

/** Every column name of every kind: the vocabulary headers are matched against. */
export const CONTRACT_COLUMNS = new Set(Object.values(KINDS).flatMap((k) => k.columns.map((c) => c.name)));
