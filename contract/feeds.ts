/**
 * The analysts' data feeds (Power BI, Excel): their questions and their columns, stated once.
 * The column names and types are a promise to whoever built a report on them: add columns at
 * the end, never rename or retype one (docs/api.md lists them).
 */
import { z } from 'zod';
import { DuidingFilter } from './api.ts';
import { Grain, IndicatorId, Month, ReportingRow, ScopeCode } from './domain.ts';

/** `csv` (default): Dutch Excel — `;`, decimal comma, BOM. `csv-en`: `,`, decimal point, no BOM. */
export const CsvFormat = z.enum(['csv', 'csv-en']).default('csv');
const AsOf = { peilmaand: Month.optional() };
const Year = z.coerce.number<number>().int().min(2000).max(2100);

export const ValuesFeedQuery = z.strictObject({ year: Year, grain: Grain.default('year'), segment: ReportingRow.optional(), scope: ScopeCode.optional(), ...AsOf });
export const SeriesFeedQuery = z.strictObject({
  segment: ReportingRow.optional(),
  indicator: IndicatorId.optional(),
  scope: ScopeCode.default('REGIO'),
  grain: Grain.default('month'),
  /** Only the periods of this year. */
  year: Year.optional(),
  ...AsOf,
});
export const DeliveriesFeedQuery = z.strictObject({ from: Month.optional(), to: Month.optional(), ...AsOf });
export const DuidingFeedQuery = DuidingFilter.strict();

/** The CSV routes take `format` beside the feed's own question. */
const csvFormat = { format: CsvFormat };
export const ValuesCsvQuery = ValuesFeedQuery.extend(csvFormat);
export const SeriesCsvQuery = SeriesFeedQuery.extend(csvFormat);
export const DeliveriesCsvQuery = DeliveriesFeedQuery.extend(csvFormat);
export const DuidingCsvQuery = DuidingFeedQuery.extend(csvFormat);

export type FeedColumnType = 'VARCHAR' | 'DOUBLE' | 'BOOLEAN' | 'INTEGER' | 'DATE';
export interface FeedColumnSpec {
  name: string;
  type: FeedColumnType;
  /** Derived in SQL from the row's columns (`r.<name>`). */
  expr?: string;
  description: string;
}

const periodStart = `CAST(CASE WHEN length(r.period) = 4 THEN r.period || '-01-01' ELSE r.period || '-01' END AS DATE)`;
const year: FeedColumnSpec = { name: 'year', type: 'INTEGER', expr: 'CAST(substr(r.period, 1, 4) AS INTEGER)', description: 'year of the period' };
const start: FeedColumnSpec = { name: 'period_start', type: 'DATE', expr: periodStart, description: 'first day of the period (a date axis for Power BI)' };

export const FEED_COLUMNS = {
  values: [
    { name: 'segment', type: 'VARCHAR', description: 'reporting row (verblijf, wonen, ambulant, …)' },
    { name: 'gemeente_code', type: 'VARCHAR', description: 'GMxxxx, or REGIO for the region' },
    { name: 'period', type: 'VARCHAR', description: 'YYYY or YYYY-MM' },
    year,
    start,
    { name: 'indicator', type: 'VARCHAR', description: 'indicator id (clients, instroom, kosten, …)' },
    { name: 'value', type: 'DOUBLE', description: 'the figure; empty when undefined or suppressed' },
    { name: 'suppressed', type: 'BOOLEAN', description: 'true: a small count hidden for privacy' },
    { name: 'target', type: 'DOUBLE', description: 'the target for the period, where the row has one' },
    { name: 'status', type: 'VARCHAR', description: 'op_koers, aandacht or uit_koers; empty without target' },
    { name: 'provisional', type: 'BOOLEAN', description: 'true: figures of this period may still change (late claims)' },
    { name: 'coverage', type: 'DOUBLE', description: 'share (0–100) of the 0–17 population in gemeenten that delivered every month' },
  ],
  series: [
    { name: 'segment', type: 'VARCHAR', description: 'reporting row' },
    { name: 'gemeente_code', type: 'VARCHAR', description: 'GMxxxx or REGIO' },
    { name: 'indicator', type: 'VARCHAR', description: 'indicator id' },
    { name: 'period', type: 'VARCHAR', description: 'YYYY or YYYY-MM' },
    year,
    start,
    { name: 'value', type: 'DOUBLE', description: 'the figure; empty when undefined or suppressed' },
    { name: 'suppressed', type: 'BOOLEAN', description: 'true: hidden for privacy' },
    { name: 'target', type: 'DOUBLE', description: 'target path for the point' },
    { name: 'target_upper', type: 'DOUBLE', description: 'upper edge of the aandacht band' },
    { name: 'value_ytd', type: 'DOUBLE', description: 'months: cumulative value in the year' },
    { name: 'target_ytd', type: 'DOUBLE', description: 'months: cumulative target in the year' },
    { name: 'status', type: 'VARCHAR', description: 'op_koers, aandacht or uit_koers' },
    { name: 'provisional', type: 'BOOLEAN', description: 'true: may still change' },
    { name: 'coverage', type: 'DOUBLE', description: 'share (0–100) of the population covered' },
    { name: 'mature', type: 'BOOLEAN', description: 'false: late data still expected; see estimate' },
    { name: 'estimate', type: 'DOUBLE', description: 'expected final value of a point not yet mature' },
    { name: 'estimate_low', type: 'DOUBLE', description: 'lower edge of its 80 % interval' },
    { name: 'estimate_high', type: 'DOUBLE', description: 'upper edge of its 80 % interval' },
    { name: 'estimate_ytd', type: 'DOUBLE', description: 'months: cumulative value with months not yet mature estimated' },
  ],
  deliveries: [
    { name: 'gemeente_code', type: 'VARCHAR', description: 'GMxxxx' },
    { name: 'month', type: 'VARCHAR', description: 'YYYY-MM' },
    { name: 'month_start', type: 'DATE', expr: `CAST(r.month || '-01' AS DATE)`, description: 'first day of the month' },
    { name: 'toewijzingen', type: 'VARCHAR', description: 'delivered, corrected or missing' },
    { name: 'declaraties', type: 'VARCHAR', description: 'delivered, corrected or missing' },
    { name: 'provisional', type: 'BOOLEAN', description: 'costs of this month still provisional; empty when never any claims' },
    { name: 'state', type: 'VARCHAR', description: 'one word: missing > corrected > provisional > delivered' },
  ],
  duiding: [
    { name: 'id', type: 'INTEGER', description: 'duiding id' },
    { name: 'kind', type: 'VARCHAR', description: 'verklaring, signaal or verbetervoorstel' },
    { name: 'segment', type: 'VARCHAR', description: 'reporting row' },
    { name: 'gemeente_code', type: 'VARCHAR', description: 'GMxxxx or REGIO' },
    { name: 'period', type: 'VARCHAR', description: 'YYYY or YYYY-MM' },
    { name: 'indicator', type: 'VARCHAR', description: 'indicator id, empty for the whole row' },
    { name: 'text', type: 'VARCHAR', description: 'the duiding itself' },
    { name: 'session_id', type: 'INTEGER', description: 'the duidingssessie it was written in' },
    { name: 'author', type: 'VARCHAR', description: 'who wrote it' },
    { name: 'created_at', type: 'VARCHAR', description: 'when (ISO 8601)' },
    { name: 'updated_by', type: 'VARCHAR', description: 'who changed it last' },
    { name: 'updated_at', type: 'VARCHAR', description: 'when (ISO 8601)' },
  ],
} as const satisfies Record<string, readonly FeedColumnSpec[]>;
export type FeedName = keyof typeof FEED_COLUMNS;
