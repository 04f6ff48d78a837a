/**
 * "Stand per": the peilmaand the figures are shown as known at, kept in the URL (`peilmaand`).
 * Choices are the delivered months up to the newest delivery, newest first; the newest is the
 * default and is left out of the URL, so a shared link without it follows new deliveries.
 */
import type { PeriodsInfo } from '../../contract/indicators.ts';

let standPer: string | null = null;

/**
 * The Stand per the URL chose (null: the newest data). The shell sets it before any view
 * renders, so every figure request (lib/apiUrl.ts) and every link (lib/route.ts) carries it
 * without each view passing it on; a view that asks for another peilmaand (a duidingssessie's)
 * names it in its query, and that wins.
 */
export function setStandPer(peilmaand: string | null): void {
  standPer = peilmaand;
}

export function currentStandPer(): string | null {
  return standPer;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The URL's peilmaand when it is a month at all (whether it is on offer is `peilmaandChoices`'). */
export function standPerParam(params: Record<string, string>): string | null {
  const p = params.peilmaand;
  return p && MONTH.test(p) ? p : null;
}

/** The peilmaanden on offer, newest first: the store's months up to its newest delivery. */
export function peilmaandChoices(all: Pick<PeriodsInfo, 'months' | 'newest_peilmaand'>): string[] {
  const newest = all.newest_peilmaand ?? all.months[all.months.length - 1];
  if (!newest) return [];
  return all.months.filter((m) => m <= newest).sort().reverse();
}
