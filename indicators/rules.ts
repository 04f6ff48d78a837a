/**
 * The domain rules of the Sturingsplan in one place: which reporting rows a product feeds,
 * the referrer groups, which subsegments are family-based, which figures count persons,
 * and how each indicator is rounded. Region-specific numbers (gap, threshold, targets) are
 * not here: they come from the region configuration.
 */
import { JUSTICE_ROWS, type IndicatorId, type ReportingRow, type Segment } from '../contract/domain.ts';
import type { ReferrerGroup } from '../contract/indicators.ts';

export { roundTo } from '../contract/rounding.ts';

/**
 * `ambulant` never includes the ambulante alternatieven (they are meant to grow and are shown
 * apart); `wonen_verblijf` is the union because the plan cannot yet separate the two financially.
 */
export function reportingRowsOf(segment: Segment, subsegment: string): ReportingRow[] {
  switch (segment) {
    case 'verblijf':
      return ['verblijf', 'wonen_verblijf'];
    case 'wonen':
      return ['wonen', 'wonen_verblijf'];
    case 'ambulant':
      return subsegment === 'ambulant_alternatief' ? ['ambulant_alternatief'] : ['ambulant'];
    case 'crisis':
      return ['crisis'];
    case 'jeugdbescherming':
      return ['jeugdbescherming'];
    case 'jeugdreclassering':
      return ['jeugdreclassering'];
    case 'overig':
      return ['overig'];
  }
}

/** Jeugdbescherming and jeugdreclassering are measures of the gecertificeerde instellingen, not jeugdhulp. */
export const isJusticeSegment = (segment: string) => (JUSTICE_ROWS as readonly string[]).includes(segment);

/** Family-based care, the numerator of `gezinsgericht_pct`. */
export const GEZINSGERICHT_SUBSEGMENTS = ['pleegzorg', 'gezinshuis'] as const;

/** The crisis row: `crisis_start_pct` (a start after crisis) has no meaning on it and stays empty. */
export const CRISIS_ROW: ReportingRow = 'crisis';

/** The only reporting row that has `gezinsgericht_pct`. */
export const GEZINSGERICHT_ROW: ReportingRow = 'wonen_verblijf';

/** iJw JZ588 reden_einde: 31 is an end volgens plan (as agreed); the others end it early or otherwise. */
export const AS_PLANNED = '31';

/** iJw COD327 verwijzer codes by reporting group; anything not listed is `overig`. */
export const REFERRER_GROUP_OF_CODE: Record<string, ReferrerGroup> = {
  '01': 'gemeente',
  '02': 'huisarts',
  '03': 'medisch',
  '04': 'gi',
  '05': 'medisch',
  '06': 'overig',
  '08': 'gi',
};
export const REFERRER_GROUPS: ReferrerGroup[] = ['gemeente', 'huisarts', 'gi', 'medisch', 'overig'];
export const referrerIndicator = (g: ReferrerGroup) => `verwijzer_${g}` as IndicatorId;

/** Counts of persons (or of their trajectories): hidden as `<5` below region level. */
export const PERSON_COUNTS: ReadonlySet<IndicatorId> = new Set<IndicatorId>([
  'clients',
  'instroom',
  'uitstroom',
  'verwijzer_gemeente',
  'verwijzer_huisarts',
  'verwijzer_gi',
  'verwijzer_medisch',
  'verwijzer_overig',
]);

/** Figures that come from toewijzingen: missing (not zero) where no toewijzingen were delivered. */
export const FROM_TOEWIJZINGEN: ReadonlySet<IndicatorId> = new Set<IndicatorId>([
  ...PERSON_COUNTS,
  'trajectduur_mean',
  'trajectduur_median',
  'crisis_start_pct',
  'gezinsgericht_pct',
  'per_1000',
  'kosten_per_client',
  'einde_volgens_plan_pct',
  'herinstroom_pct',
]);

/** Decimals of each indicator's value, as the export writes them (counts as integers, euros to cents). */
export function decimalsOf(indicator: IndicatorId): number {
  if (PERSON_COUNTS.has(indicator)) return 0;
  if (indicator === 'kosten' || indicator === 'kosten_per_client') return 2;
  return 1;
}

/** Targets of euro measures are kept to the cent; of inflow counts to one decimal. */
export const targetDecimals = (measure: 'kosten' | 'instroom') => (measure === 'kosten' ? 2 : 1);

export function indicatorsOfRow(row: ReportingRow, all: readonly IndicatorId[]): IndicatorId[] {
  return all.filter((i) => i !== 'gezinsgericht_pct' || row === GEZINSGERICHT_ROW);
}
