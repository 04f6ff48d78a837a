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

/** The headline figure of a card: its target measure to date, else its kosten to date. */
export function headline(card: OverviewCard | undefined): { value: number | null; unit: 'euro' | 'count'; suppressed: boolean } {
  const t = card?.target;
  if (t) return { value: t.value_ytd, unit: t.measure === 'kosten' ? 'euro' : 'count', suppressed: t.measure === 'instroom' && !!card?.instroom_ytd.suppressed };
  return { value: card?.kosten_ytd ?? null, unit: 'euro', suppressed: false };
}

/** The headline figure as a room reads it: millions, or a hidden count as `<threshold`. */
export function headlineText(h: ReturnType<typeof headline>, threshold: number): string {
  return h.suppressed ? hiddenCount(threshold) : formatValue(h.value, h.unit, true);
}
