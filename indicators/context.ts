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
  /** The peilmaand the figures are as known at; null for the newest data. */
  asOf: string | null;
}

export interface ContextOptions {
  kind?: ScopeKind;
  /** Adds the pseudo-row `totaal` (calibration only). */
  withTotal?: boolean;
  /** Peilmaand `YYYY-MM`: the figures as known at the end of that month; default the newest data. */
  asOf?: string;
}

export async function loadContext(store: Store, { kind = 'area', withTotal = false, asOf }: ContextOptions = {}): Promise<EngineContext> {
  const ledger = await readLedger(store, asOf);
  const years = ledger.years.length ? { from: ledger.years[0], to: ledger.years[ledger.years.length - 1] } : { from: 0, to: -1 };
  const facts = ledger.years.length ? await computeFacts(store, { kind, years, withTotal, asOf }) : new Map();
  return { region: store.region, ledger, facts, asOf: asOf ?? null };
}
