/**
 * The delivery rhythm of a gemeente: which `periode` its deliveries carry and which months
 * one delivery covers. A quarterly gemeente delivers once per quarter with the quarter's last
 * month as `periode` (`2025-03`, `-06`, `-09`, `-12`); that delivery counts for all three
 * months. The loader, the ledger and the fixture generator all ask this module, so the rule
 * is written down once.
 */
import type { DeliveryRhythm } from '../contract/domain.ts';
import type { RegionConfig } from './config.ts';

export type { DeliveryRhythm };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A gemeente the region does not list delivers monthly: the loader refuses it for other reasons. */
export function rhythmOf(region: Pick<RegionConfig, 'gemeenten'>, gemeente: string): DeliveryRhythm {
  return region.gemeenten.find((g) => g.code === gemeente)?.rhythm ?? 'maand';
}

const monthNumber = (month: string) => Number(month.slice(5, 7));
const withMonth = (month: string, m: number) => `${month.slice(0, 4)}-${String(m).padStart(2, '0')}`;

/** The `periode` of the delivery that covers `month` (`YYYY-MM`): the month itself, or its quarter's last month. */
export function deliveryPeriodeOf(rhythm: DeliveryRhythm, month: string): string {
  return rhythm === 'maand' ? month : withMonth(month, Math.ceil(monthNumber(month) / 3) * 3);
}

/** Whether a delivery of this rhythm may carry `periode`: any month, or a quarter's last month. */
export function isDeliveryPeriode(rhythm: DeliveryRhythm, periode: string): boolean {
  return MONTH.test(periode) && deliveryPeriodeOf(rhythm, periode) === periode;
}

/** The months one delivery with this `periode` counts as delivered for, in calendar order. */
export function monthsCoveredBy(rhythm: DeliveryRhythm, periode: string): string[] {
  // A delivery loaded before the gemeente's rhythm was set may carry another month: it counts for that month only.
  if (rhythm === 'maand' || !isDeliveryPeriode(rhythm, periode)) return [periode];
  const last = monthNumber(periode);
  return [last - 2, last - 1, last].map((m) => withMonth(periode, m));
}

/** The rhythm in Dutch, as a problem message or a legend names it. */
export const RHYTHM_WORDS: Record<DeliveryRhythm, { adverb: string; periodes: string }> = {
  maand: { adverb: 'maandelijks', periodes: 'elke maand' },
  kwartaal: { adverb: 'per kwartaal', periodes: 'de laatste maand van een kwartaal (maart, juni, september of december)' },
};
