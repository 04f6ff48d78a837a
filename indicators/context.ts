/**
 * The context of one data version, shared by the engine (suppressed) and the local CLI
 * (unsuppressed): the region, the delivery ledger and the raw figures of every year.
 */
import type { RegionConfig } from '../region/config.ts';
import type { Queryable } from '../store/queryable.ts';
import type { Store } from '../store/store.ts';
import { computeFacts, type FactRow, type ScopeKind } from './facts.ts';
import { readLedger, type Ledger } from './ledger.ts';
import { developmentCells, quarterlyUnits, type DevelopmentCell } from './nowcast/cells.ts';
import { buildNowcast, type Nowcast } from './nowcast/index.ts';

export interface EngineContext {
  region: RegionConfig;
  ledger: Ledger;
  facts: Map<string, FactRow>;
  /** The peilmaand the figures are as known at; null for the newest data. */
  asOf: string | null;
  /** The estimate of late data as known at the peilmaand (area contexts; empty for providers). */
  nowcast: Nowcast;
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
  let cells: DevelopmentCell[] = [];
  let quarterly = new Set<string>();
  // The lag history is read on the facts' own session, from the same temporary tables.
  const alongside = kind === 'area' ? async (conn: Queryable) => {
    cells = await developmentCells(conn, { years, asOf });
    quarterly = await quarterlyUnits(conn, asOf);
  } : undefined;
  const facts = ledger.years.length ? await computeFacts(store, { kind, years, withTotal, asOf }, alongside) : new Map();
  const nowcast = buildNowcast(cells, ledger.activeGemeenten, quarterly, ledger.lastMonth, ledger.firstMonth);
  return { region: store.region, ledger, facts, asOf: asOf ?? null, nowcast };
}
