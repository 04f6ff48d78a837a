/**
 * A duidingssessie looks at the figures as known at its peilmaand. Opening it shows those
 * figures again, beside the same months as known now (later deliveries fill in late claims
 * and retroactive toewijzingen), so a room sees what it discussed and what it turned out to be.
 */
import type { Duidingssessie } from '../../contract/api.ts';
import type { OverviewCard } from '../../contract/indicators.ts';
import { formatValue } from '../charts/options.ts';
import { hiddenCount } from './format.ts';

/** The year a session's figures default to: the year of its peilmaand (a later year did not exist yet). */
export function sessionYear(s: Pick<Duidingssessie, 'peilmaand'> | null | undefined, fallback: number): number {
  return s?.peilmaand ? Number(s.peilmaand.slice(0, 4)) : fallback;
}

/**
 * The headline figure of a card: its target measure to date, else its kosten to date. The
 * figure is the in-year estimate (docs/nowcast.md), what the card's status rests on; the
 * observed sum stays beside it while the two differ. `estimated` says the figure rests on an
 * estimate: the target's `estimate_based`, and for kosten without a target, an estimate that
 * differs from what is observed.
 */
export interface Headline {
  value: number | null;
  observed: number | null;
  estimated: boolean;
  unit: 'euro' | 'count';
  suppressed: boolean;
}

export function headline(card: OverviewCard | undefined): Headline {
  const t = card?.target;
  if (t) {
    const suppressed = t.measure === 'instroom' && !!card?.instroom_ytd.suppressed;
    return { value: t.estimated_ytd ?? t.value_ytd, observed: t.value_ytd, estimated: t.estimate_based && t.estimated_ytd != null, unit: t.measure === 'kosten' ? 'euro' : 'count', suppressed };
  }
  const observed = card?.kosten_ytd ?? null;
  const value = card?.kosten_estimated_ytd ?? observed;
  return { value, observed, estimated: value !== null && observed !== null && value !== observed, unit: 'euro', suppressed: false };
}

/** The headline figure as a room reads it: millions, or a hidden count as `<threshold`. */
export function headlineText(h: Headline, threshold: number): string {
  return h.suppressed ? hiddenCount(threshold) : formatValue(h.value, h.unit, true);
}

/** The observed figure beside an estimated headline, as a room reads it; null where the headline is observed (or hidden). */
export function observedText(h: Headline): string | null {
  return h.estimated && !h.suppressed ? formatValue(h.observed, h.unit, true) : null;
}
