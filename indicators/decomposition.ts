/**
 * Why kosten changed (docs/decomposition.md): the change of a row's kosten against a
 * comparison year split into a volume effect (clients) and an intensity effect (kosten per
 * client) with the log-mean Divisia index (LMDI I). With K = C × I,
 *
 *     ΔK = L(K₁, K₀) · ln(C₁/C₀) + L(K₁, K₀) · ln(I₁/I₀),   L(a, b) = (a − b) / (ln a − ln b),
 *
 * exactly, so there is no interaction term to explain away (a Laspeyres split leaves one).
 * Percentages are of the comparison year's kosten, so they add up to the change in % too.
 * The split rests on client counts, so it is hidden wherever those are (suppression.ts).
 */
import type { DecompositionAnswer, DecompositionComparison, Effects, GemeenteContribution, SubsegmentContribution } from '../contract/decomposition.ts';
import type { Cell } from '../contract/indicators.ts';
import type { ReportingRow } from '../contract/domain.ts';
import type { EngineContext } from './context.ts';
import type { SubsegmentFact } from './facts.ts';
import { measureValue, ytdSum, type ValueIndex, lookup } from './longForm.ts';
import { provisionalOf } from './ledger.ts';
import { roundTo } from './rules.ts';
import type { ToDate } from './toDate.ts';

/** The logarithmic mean: the weight LMDI gives both effects; L(a, a) = a. */
export function logMean(a: number, b: number): number {
  return Math.abs(a - b) < 1e-9 * Math.max(Math.abs(a), Math.abs(b)) ? a : (a - b) / (Math.log(a) - Math.log(b));
}

/** One side of the comparison: kosten and clients of the same months, null when unknown. */
export interface Side {
  kosten: number | null;
  clients: number | null;
}

/**
 * The LMDI split of a change from `before` to `now`, unrounded; null when it cannot be made
 * (the logarithms need kosten and clients above zero on both sides).
 */
export function lmdiSplit(before: Side, now: Side): { volume: number; intensity: number } | null {
  const { kosten: k0, clients: c0 } = before;
  const { kosten: k1, clients: c1 } = now;
  if (k0 === null || k1 === null || c0 === null || c1 === null || k0 <= 0 || k1 <= 0 || c0 <= 0 || c1 <= 0) return null;
  const w = logMean(k1, k0);
  return { volume: w * Math.log(c1 / c0), intensity: w * Math.log(k1 / c1 / (k0 / c0)) };
}

const pctOf = (eur: number | null, base: number | null) => (eur === null || base === null || base <= 0 ? null : roundTo((100 * eur) / base, 1));

/**
 * Rounded effects of a change. The cent the rounding leaves goes to the intensity effect, so
 * volume + intensity is the change to the cent. `hidden`: the client counts behind it are.
 */
export function effectsOf(before: Side, now: Side, hidden: boolean): { effects: Effects; note: string | null } {
  const change = before.kosten === null || now.kosten === null ? null : roundTo(now.kosten - before.kosten, 2);
  const base = before.kosten;
  const empty = (note: string | null) => ({
    effects: { change_eur: change, change_pct: pctOf(change, base), volume_eur: null, volume_pct: null, intensity_eur: null, intensity_pct: null, interaction_eur: 0 },
    note,
  });
  if (change === null) return empty('geen kosten (declaraties) in een van beide perioden');
  if (hidden) return empty('te weinig cliënten om de splitsing te tonen (privacy)');
  if (before.clients === null || now.clients === null) return empty('geen toewijzingen in een van beide perioden');
  const split = lmdiSplit(before, now);
  if (!split) return empty('kosten of cliënten van nul of minder: niet te splitsen');
  const volume = roundTo(split.volume, 2);
  const intensity = roundTo(change - volume, 2);
  return {
    effects: { change_eur: change, change_pct: pctOf(change, base), volume_eur: volume, volume_pct: pctOf(volume, base), intensity_eur: intensity, intensity_pct: pctOf(intensity, base), interaction_eur: 0 },
    note: null,
  };
}

/** Kosten of months 1 … k of a year (the year figure itself for twelve months). */
export function kostenOf(ctx: EngineContext, scope: string, row: string, t: ToDate): number | null {
  return t.k === 12 ? measureValue(ctx, scope, row, String(t.year), 'kosten') : ytdSum(ctx, scope, row, t.year, t.k, 'kosten');
}

export interface DecompositionSpec {
  segment: ReportingRow;
  scope: string;
  comparison: DecompositionComparison;
  /** This year's months and the comparison year's same months. */
  now: ToDate;
  before: ToDate;
  /** Suppressed client counts (`toDateValues`) of `now` and of `before`. */
  clientsNow: ValueIndex;
  clientsBefore: ValueIndex;
  /** The comparison year has data at all. */
  hasBefore: boolean;
  /** Area scopes: subsegment facts; null for a provider. */
  subsegments: SubsegmentFact[] | null;
  /** REGIO: the gemeenten whose part is shown (the reader's). */
  gemeenten: readonly string[];
}

const cellOf = (index: ValueIndex, segment: string, scope: string, t: ToDate): Cell => {
  const v = lookup(index, segment, scope, String(t.year), 'clients');
  return { value: v?.value ?? null, suppressed: v?.suppressed ?? false };
};

/** The answer of /api/decomposition from prepared pieces; the engine fetches and caches them. */
export function decompose(ctx: EngineContext, spec: DecompositionSpec): DecompositionAnswer {
  const { segment, scope, now, before } = spec;
  const area = /^GM\d{4}$/.test(scope) ? scope : 'REGIO';
  const sidesOf = (s: string) => {
    const cNow = cellOf(spec.clientsNow, segment, s, now);
    const cBefore = cellOf(spec.clientsBefore, segment, s, before);
    return {
      now: { kosten: kostenOf(ctx, s, segment, now), clients: cNow.value },
      before: { kosten: spec.hasBefore ? kostenOf(ctx, s, segment, before) : null, clients: cBefore.value },
      cNow,
      cBefore,
      hidden: cNow.suppressed || cBefore.suppressed,
    };
  };
  const own = sidesOf(scope);
  const { effects, note } = effectsOf(own.before, own.now, own.hidden);
  const regionBase = own.before.kosten;

  const gemeenten: GemeenteContribution[] = scope !== 'REGIO' ? [] : spec.gemeenten.map((g) => {
    const s = sidesOf(g);
    const e = effectsOf(s.before, s.now, s.hidden).effects;
    return {
      gemeente_code: g,
      naam: ctx.region.gemeenten.find((x) => x.code === g)?.name ?? g,
      kosten: s.now.kosten,
      kosten_comparison: s.before.kosten,
      ...e,
      contribution_pct: pctOf(e.change_eur, regionBase),
    };
  });
  gemeenten.sort((a, b) => Math.abs(b.change_eur ?? 0) - Math.abs(a.change_eur ?? 0) || a.gemeente_code.localeCompare(b.gemeente_code));

  return {
    segment,
    scope,
    year: now.year,
    comparison: spec.comparison,
    comparison_year: before.year,
    months: now.k,
    up_to: now.upTo,
    kosten: own.now.kosten,
    kosten_comparison: own.before.kosten,
    clients: own.cNow,
    clients_comparison: own.cBefore,
    provisional: provisionalOf(ctx.ledger, area, String(now.year), now.months) || provisionalOf(ctx.ledger, area, String(before.year), before.months),
    note: spec.hasBefore ? note : `geen gegevens voor het vergelijkingsjaar ${before.year}`,
    ...effects,
    gemeenten,
    subsegmenten: spec.subsegments ? subsegmentParts(spec.subsegments, segment, scope, now, before, regionBase) : [],
  };
}

/** Each subsegment's kosten in both periods and its change, largest change first. */
function subsegmentParts(facts: SubsegmentFact[], segment: string, scope: string, now: ToDate, before: ToDate, base: number | null): SubsegmentContribution[] {
  const periodsOf = (t: ToDate) => new Set(t.k === 12 ? [String(t.year)] : t.months);
  const pNow = periodsOf(now);
  const pBefore = periodsOf(before);
  const sums = new Map<string, { now: number; before: number }>();
  for (const f of facts) {
    if (f.scope !== scope || f.row !== segment) continue;
    const inNow = pNow.has(f.period);
    const inBefore = pBefore.has(f.period);
    if (!inNow && !inBefore) continue;
    const s = sums.get(f.subsegment) ?? { now: 0, before: 0 };
    if (inNow) s.now += f.kosten;
    if (inBefore) s.before += f.kosten;
    sums.set(f.subsegment, s);
  }
  return [...sums]
    .filter(([, s]) => s.now !== 0 || s.before !== 0)
    .map(([subsegment, s]) => {
      const change = roundTo(s.now - s.before, 2);
      return { subsegment, kosten: roundTo(s.now, 2), kosten_comparison: roundTo(s.before, 2), change_eur: change, contribution_pct: pctOf(change, base) };
    })
    .sort((a, b) => Math.abs(b.change_eur) - Math.abs(a.change_eur) || a.subsegment.localeCompare(b.subsegment));
}
