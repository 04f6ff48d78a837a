/**
 * The unsuppressed long form, for local administrators only: the export CLI's
 * `--unsuppressed`. Nothing the server imports may import this module.
 */
import type { Grain } from '../contract/domain.ts';
import type { IndicatorValue } from '../contract/indicators.ts';
import type { Store } from '../store/store.ts';
import { loadContext } from './context.ts';
import { longForm, toIndicatorValue } from './longForm.ts';
import { IndicatorQueryError } from './errors.ts';

export async function unsuppressedValues(store: Store, q: { year: number; grain: Grain; asOf?: string }): Promise<IndicatorValue[]> {
  const ctx = await loadContext(store, { asOf: q.asOf });
  if (!ctx.ledger.years.includes(q.year)) throw new IndicatorQueryError(`geen gegevens voor ${q.year}`, 'unknown_period');
  return longForm(ctx, q.year, q.grain, { kind: 'area', unsuppressed: true }).map(toIndicatorValue);
}
