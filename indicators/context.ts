/**
 * The context of one data version, shared by the engine (suppressed) and the local CLI
 * (unsuppressed): the region, the delivery ledger and the raw figures of every year.
 */
import type { RegionConfig } from '../region/config.ts';
import type { Store } from '../store/store.ts';
import { computeFacts, type FactRow, type ScopeKind } from './facts.ts';
import { readLedger, type Ledger } from './ledger.ts';

export interface EngineContext {
  region: RegionConfig;
  ledger: Ledger;
  facts: Map<string, FactRow>;
}

export async function loadContext(store: Store, kind: ScopeKind = 'area', withTotal = false): Promise<EngineContext> {
  const ledger = await readLedger(store);
  const years = ledger.years.length ? { from: ledger.years[0], to: ledger.years[ledger.years.length - 1] } : { from: 0, to: -1 };
  const facts = ledger.years.length ? await computeFacts(store, { kind, years, withTotal }) : new Map();
  return { region: store.region, ledger, facts };
}
