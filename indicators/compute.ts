/**
 * Composition shared by the engine (suppressed) and the local CLI (unsuppressed): the
 * context of one data version, and the long form of a year for areas and providers.
 */
import type { Grain, IndicatorId } from '../contract/domain.ts';
import type { Store } from '../store/store.ts';
import { computeFacts, type ScopeKind } from './facts.ts';
import { readLedger } from './ledger.ts';
import { areaScopes, buildValues, type EngineContext, type RawValue } from './longForm.ts';
import { suppress } from './suppression.ts';

export async function loadContext(store: Store, kind: ScopeKind = 'area', withTotal = false): Promise<EngineContext> {
  const ledger = await readLedger(store);
  const years = ledger.years.length ? { from: ledger.years[0], to: ledger.years[ledger.years.length - 1] } : { from: 0, to: -1 };
  const facts = ledger.years.length ? await computeFacts(store, { kind, years, withTotal }) : new Map();
  return { region: store.region, ledger, facts };
}

/** Suppression applies below region level: every gemeente, every provider, every month. */
const regionLevel = (scope: string, period: string) => scope === 'REGIO' && period.length === 4;

const shownKey = (scope: string, row: string, indicator: string) => `${scope}\t${row}\t${indicator}`;

/**
 * The long form of one year. Suppressed unless `unsuppressed`; month outputs are suppressed
 * knowing which year totals are shown, so no month can be worked out from its year.
 */
export function longForm(
  ctx: EngineContext,
  year: number,
  grain: Grain,
  opts: { kind: ScopeKind; scopes?: string[]; unsuppressed?: boolean; yearValues?: RawValue[] },
): RawValue[] {
  const scopes = opts.scopes ?? areaScopes(ctx.ledger);
  const raw = buildValues(ctx, year, grain, scopes, opts.kind);
  if (opts.unsuppressed) return raw;
  const base = {
    threshold: ctx.region.privacyThreshold,
    regionLevel: opts.kind === 'area' ? regionLevel : () => false,
    gemeentenBesideRegion: opts.kind === 'area',
  };
  if (grain === 'year') return suppress(raw, base);
  const years = opts.yearValues ?? longForm(ctx, year, 'year', { ...opts, unsuppressed: false });
  const shown = new Set(years.filter((v) => v.value !== null && !v.suppressed).map((v) => shownKey(v.scope, v.segment, v.indicator)));
  return suppress(raw, { ...base, yearShown: (scope: string, row: string, indicator: IndicatorId) => shown.has(shownKey(scope, row, indicator)) });
}

export function toIndicatorValue(v: RawValue) {
  return {
    segment: v.segment,
    gemeente_code: v.scope as 'REGIO',
    period: v.period,
    indicator: v.indicator,
    value: v.value,
    suppressed: v.suppressed,
    target: v.target,
    status: v.status,
    provisional: v.provisional,
    coverage: v.coverage,
  };
}
