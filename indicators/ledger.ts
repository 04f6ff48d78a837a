/**
 * What was delivered: which gemeente-months have toewijzingen, which were corrected, how far
 * each gemeente's claims reach, the youth population. Small tables, read once per data version,
 * from which coverage and provisional flags follow.
 */
import { deliveryPeriodeOf, monthsCoveredBy, rhythmOf, type DeliveryRhythm } from '../region/rhythm.ts';
import type { Store } from '../store/store.ts';
import { addMonths, monthIndex, monthsOf, NO_PEILMAAND, yearOf } from './periods.ts';

export interface Ledger {
  /** Region gemeenten in configuration order. */
  regionGemeenten: string[];
  /** Gemeenten with any toewijzingen or declaraties delivery: the rows of the output. */
  activeGemeenten: string[];
  /** `gemeente\tmonth` with a loaded toewijzingen delivery (a quarterly one counts for its three months). */
  delivered: Set<string>;
  /** `kind\tgemeente\tmonth` for which an earlier delivery was replaced. */
  corrected: Set<string>;
  /** `gemeente\tmonth` with a loaded declaraties delivery (a quarterly one counts for its three months). */
  claimsDelivered: Set<string>;
  /** Newest declaraties processing month per gemeente that ever delivered claims. */
  newestClaims: Map<string, string>;
  /** `gemeente\tyear` → youth aged 0–17. */
  population: Map<string, number>;
  /** Years with any toewijzingen or declaraties delivery, and the months from the first to the last. */
  years: number[];
  firstMonth: string | null;
  lastMonth: string | null;
  /** Newest month with any toewijzingen delivery. */
  latestToewijzingenMonth: string | null;
  provisionalLagMonths: number;
  /** Each region gemeente's delivery rhythm (region/rhythm.ts). */
  rhythms: Map<string, DeliveryRhythm>;
  /**
   * The newest month whose deliveries are due: the peilmaand, or without one the newest
   * delivery's month. A quarterly gemeente's months whose quarter ends after it are not due yet.
   */
  dueUntil: string | null;
}

/** `asOf`: the peilmaand; deliveries after it are not known yet (population always counts). */
export async function readLedger(store: Store, asOf: string = NO_PEILMAAND): Promise<Ledger> {
  const deliveries = await store.query<{ kind: string; gemeente_code: string; periode: string; status: string }>(
    `SELECT DISTINCT kind, gemeente_code, periode, status FROM deliveries
     WHERE kind IN ('toewijzingen', 'declaraties') AND gemeente_code IS NOT NULL AND periode IS NOT NULL AND periode <= $asOf`,
    { asOf },
  );
  const population = await store.query<{ gemeente_code: string; jaar: number; jeugd_0_17: number }>(
    `SELECT gemeente_code, jaar::INTEGER AS jaar, jeugd_0_17::INTEGER AS jeugd_0_17 FROM bevolking`,
  );
  const delivered = new Set<string>();
  const claimsDelivered = new Set<string>();
  const corrected = new Set<string>();
  const newestClaims = new Map<string, string>();
  const active = new Set<string>();
  let first: string | null = null;
  let last: string | null = null;
  let latestTw: string | null = null;
  const rhythms = new Map(store.region.gemeenten.map((g) => [g.code, rhythmOf(store.region, g.code)]));
  for (const d of deliveries) {
    active.add(d.gemeente_code);
    if (first === null || d.periode < first) first = d.periode;
    if (last === null || d.periode > last) last = d.periode;
    const cells = monthsCoveredBy(rhythms.get(d.gemeente_code) ?? 'maand', d.periode).map((m) => `${d.gemeente_code}\t${m}`);
    if (d.status === 'replaced') for (const cell of cells) corrected.add(`${d.kind}\t${cell}`);
    if (d.kind === 'toewijzingen') {
      for (const cell of cells) delivered.add(cell);
      if (latestTw === null || d.periode > latestTw) latestTw = d.periode;
    } else {
      for (const cell of cells) claimsDelivered.add(cell);
      const newest = newestClaims.get(d.gemeente_code);
      if (!newest || d.periode > newest) newestClaims.set(d.gemeente_code, d.periode);
    }
  }
  const years: number[] = [];
  if (first && last) for (let y = yearOf(first); y <= yearOf(last); y++) years.push(y);
  const regionGemeenten = store.region.gemeenten.map((g) => g.code);
  return {
    regionGemeenten,
    activeGemeenten: [...active].sort(),
    delivered,
    corrected,
    claimsDelivered,
    newestClaims,
    population: new Map(population.map((p) => [`${p.gemeente_code}\t${p.jaar}`, p.jeugd_0_17])),
    years,
    firstMonth: first,
    lastMonth: last,
    latestToewijzingenMonth: latestTw,
    provisionalLagMonths: store.region.provisionalLagMonths,
    rhythms,
    dueUntil: asOf === NO_PEILMAAND ? last : asOf,
  };
}

/**
 * A month of a quarterly gemeente whose quarter's delivery is not due yet (its `periode` lies
 * after `dueUntil`) and has not come: not missing, since nobody could have delivered it.
 */
export function monthNotDue(ledger: Ledger, gemeente: string, month: string, delivered: Set<string> = ledger.delivered): boolean {
  const rhythm = ledger.rhythms.get(gemeente) ?? 'maand';
  if (rhythm === 'maand' || ledger.dueUntil === null || delivered.has(`${gemeente}\t${month}`)) return false;
  return deliveryPeriodeOf(rhythm, month) > ledger.dueUntil;
}

/**
 * Youth population of a gemeente in a year: the `bevolking` delivery for that year; when it
 * is missing, the nearest earlier year, else the nearest later one (populations move slowly,
 * and a missing weight should not drop a gemeente out of the coverage share).
 */
export function populationOf(ledger: Ledger, gemeente: string, year: number, exact = false): number | null {
  const own = ledger.population.get(`${gemeente}\t${year}`);
  if (own !== undefined || exact) return own ?? null;
  for (let d = 1; d <= 50; d++) {
    const before = ledger.population.get(`${gemeente}\t${year - d}`);
    if (before !== undefined) return before;
    const after = ledger.population.get(`${gemeente}\t${year + d}`);
    if (after !== undefined) return after;
  }
  return null;
}

/** The gemeenten a scope covers: itself, or every gemeente of the region for REGIO and providers. */
export const gemeentenOf = (ledger: Ledger, scope: string) => (/^GM\d{4}$/.test(scope) ? [scope] : ledger.regionGemeenten);

/** No toewijzingen at all for any month of the period in the scope: its figures are missing, not zero. */
export function missingToewijzingen(ledger: Ledger, scope: string, period: string, months: string[] = monthsOf(period)): boolean {
  return !gemeentenOf(ledger, scope).some((g) => months.some((m) => ledger.delivered.has(`${g}\t${m}`)));
}

/**
 * Share (0–100) of the scope's youth population living in gemeenten that delivered
 * toewijzingen for every month of the period. Weighted by population only when every
 * gemeente of the scope has a figure; otherwise every gemeente weighs the same (a gemeente
 * without a population figure must not drop out of the share).
 */
export function coverageOf(ledger: Ledger, scope: string, period: string, months: string[] = monthsOf(period)): number {
  const gemeenten = gemeentenOf(ledger, scope);
  const year = yearOf(period);
  const weights = gemeenten.map((g) => populationOf(ledger, g, year));
  const weighted = weights.every((w) => w !== null) && weights.some((w) => (w as number) > 0);
  let total = 0;
  let covered = 0;
  gemeenten.forEach((g, i) => {
    const w = weighted ? (weights[i] as number) : 1;
    total += w;
    if (months.every((m) => ledger.delivered.has(`${g}\t${m}`))) covered += w;
  });
  return total === 0 ? 0 : (100 * covered) / total;
}

/** Claims arrive late: service month k stays provisional until claims processed in k + lag were delivered. */
export function monthProvisional(ledger: Ledger, gemeente: string, month: string): boolean {
  const newest = ledger.newestClaims.get(gemeente);
  if (!newest) return false; // never delivered claims: shown in coverage, not as provisional
  return monthIndex(newest) < monthIndex(addMonths(month, ledger.provisionalLagMonths));
}

export function provisionalOf(ledger: Ledger, scope: string, period: string, months: string[] = monthsOf(period)): boolean {
  return gemeentenOf(ledger, scope).some((g) => months.some((m) => monthProvisional(ledger, g, m)));
}

/** Kosten are missing (not zero) for a scope none of whose gemeenten ever delivered claims. */
export const missingClaims = (ledger: Ledger, scope: string) => !gemeentenOf(ledger, scope).some((g) => ledger.newestClaims.has(g));
