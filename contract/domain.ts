/**
 * The domain vocabulary shared by every layer (etl, indicators, server, web).
 * Names follow docs/definitions.md.
 */
import { z } from 'zod';
import { REPORTING_ROW_IDS } from './rows.ts';

export const GemeenteCode = z.string().regex(/^GM\d{4}$/, 'gemeentecode als GM + 4 cijfers');
export type GemeenteCode = z.infer<typeof GemeenteCode>;

/**
 * How often a gemeente delivers its toewijzingen and declaraties: every month, or once a
 * quarter with the quarter's last month as `periode` (a region setting per gemeente).
 */
export const DeliveryRhythm = z.enum(['maand', 'kwartaal']);
export type DeliveryRhythm = z.infer<typeof DeliveryRhythm>;

/** A gemeente or the whole region (`REGIO`). */
export const ScopeCode = z.union([GemeenteCode, z.literal('REGIO')]);
export type ScopeCode = z.infer<typeof ScopeCode>;
export const REGIO = 'REGIO' as const;

/** Segment of a product, from the region's product table. */
export const Segment = z.enum(['verblijf', 'wonen', 'ambulant', 'crisis', 'jeugdbescherming', 'jeugdreclassering', 'overig']);
export type Segment = z.infer<typeof Segment>;

/**
 * Reporting rows: `ambulant` always excludes subsegment `ambulant_alternatief`, which is its
 * own row; `wonen_verblijf` is the union of wonen and verblijf (a client in both counts once).
 */
export const ReportingRow = z.enum(REPORTING_ROW_IDS);
export type ReportingRow = z.infer<typeof ReportingRow>;
export const REPORTING_ROWS = ReportingRow.options;
export { DISJOINT_ROWS, JUSTICE_ROWS, ROW_LABELS, ROW_ORDER } from './rows.ts';

export const IndicatorId = z.enum([
  'clients',
  'instroom',
  'uitstroom',
  'kosten',
  'trajectduur_mean',
  'trajectduur_median',
  'crisis_start_pct',
  'gezinsgericht_pct',
  'per_1000',
  'verwijzer_gemeente',
  'verwijzer_huisarts',
  'verwijzer_gi',
  'verwijzer_medisch',
  'verwijzer_overig',
  'kosten_per_client',
  'einde_volgens_plan_pct',
  'herinstroom_pct',
]);
export type IndicatorId = z.infer<typeof IndicatorId>;
export const INDICATOR_IDS = IndicatorId.options;

export const TargetStatus = z.enum(['op_koers', 'aandacht', 'uit_koers']);
export type TargetStatus = z.infer<typeof TargetStatus>;

/** `YYYY` or `YYYY-MM`: calendar values, never instants. */
export const Period = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'periode als JJJJ of JJJJ-MM');
export type Period = z.infer<typeof Period>;
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'maand als JJJJ-MM');
export type Month = z.infer<typeof Month>;

export const Grain = z.enum(['year', 'month']);
export type Grain = z.infer<typeof Grain>;

export const DeliveryKind = z.enum(['toewijzingen', 'declaraties', 'bevolking', 'begroting']);
export type DeliveryKind = z.infer<typeof DeliveryKind>;

/**
 * Kinds without a delivery month (population, budget): one delivery may hold many gemeenten
 * and years, and replaces the (gemeente, jaar) rows it holds; they count at every peilmaand.
 */
export const YEARLY_KINDS: readonly DeliveryKind[] = ['bevolking', 'begroting'];
export const isYearlyKind = (kind: DeliveryKind) => YEARLY_KINDS.includes(kind);
