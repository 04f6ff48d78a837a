/**
 * The in-year estimate of late data (docs/nowcast.md) as known at one peilmaand: learnt once
 * per context from the development cells, then asked per (scope, row, measure, months).
 * A region's late part is the sum of its gemeenten's, so a quarterly deliverer's rhythm
 * counts in the region exactly as in its own figures.
 */
import type { LagPattern } from '../../contract/indicators.ts';
import { monthIndex, monthRange } from '../periods.ts';
import type { CellMeasure, DevelopmentCell } from './cells.ts';
import { estimateSeries, lateOf, type MonthEstimate } from './estimates.ts';
import { indexCells, learnPatterns, type LearntPattern } from './patterns.ts';

export interface LateFigure {
  /** Expected still to arrive (estimate − observed). */
  late: number;
  variance: number;
  /** Every month in it is mature: the estimate is the observed figure. */
  mature: boolean;
}

export interface Nowcast {
  asOf: string | null;
  /** The late part of the months of a scope ('REGIO' adds up the gemeenten). */
  late(scope: string, row: string, measure: CellMeasure, months: readonly string[], regionObserved?: number): LateFigure;
  /** The learnt patterns of a scope for the API: one per row and measure (per month of the quarter for a quarterly deliverer). */
  patterns(scope: string, rows: readonly string[]): (LagPattern)[];
  /** Maturity of each month of a scope and row, for the measure given. */
  maturity(scope: string, row: string, measure: CellMeasure, months: readonly string[]): { month: string; mature: boolean; share: number }[];
}

export const NO_LATE: LateFigure = { late: 0, variance: 0, mature: true };

/** The 80 % interval's half-width in standard errors (normal approximation). */
export const Z80 = 1.2815515655446004;

export function buildNowcast(cells: readonly DevelopmentCell[], units: readonly string[], quarterly: ReadonlySet<string>, asOf: string | null, firstMonth: string | null): Nowcast {
  const index = indexCells(cells);
  const p = asOf ?? cells.reduce((m, c) => (c.month > m ? c.month : m), firstMonth ?? '0000-01');
  const patterns = learnPatterns(index, units, quarterly, p);
  const months = firstMonth && firstMonth <= p ? monthRange(firstMonth, p) : [];
  const memo = new Map<string, Map<string, MonthEstimate>>();
  const series = (unit: string, row: string, measure: CellMeasure) => {
    const key = `${unit}\t${row}\t${measure}`;
    let hit = memo.get(key);
    if (!hit) memo.set(key, (hit = estimateSeries(index, patterns, unit, row, measure, p, months)));
    return hit;
  };
  const unitsOf = (scope: string) => (scope === 'REGIO' ? units : units.includes(scope) ? [scope] : []);
  const toLag = (scope: string, row: string, measure: CellMeasure, l: LearntPattern): LagPattern => ({
    gemeente_code: scope,
    segment: row as LagPattern['segment'],
    measure,
    source: l.source,
    phase: l.phase,
    shares: l.development.shares.map((s) => Math.round(s * 10000) / 10000),
    mature_after: l.matureAfter,
  });
  return {
    asOf: p,
    late(scope, row, measure, ms, regionObserved) {
      const wanted = ms.filter((m) => m <= p);
      const list = unitsOf(scope).flatMap((u) => {
        const s = series(u, row, measure);
        return wanted.map((m) => s.get(m)).filter((e): e is MonthEstimate => !!e);
      });
      if (!list.length) return NO_LATE;
      const sum = lateOf(list);
      // The region counts a youth who moved with continuous care once; its gemeenten twice.
      // Their late part is scaled to the region's own count so that it is not counted twice either.
      const observed = list.reduce((s, e) => s + e.observed, 0);
      const r = scope === 'REGIO' && regionObserved !== undefined && observed > 0 ? Math.min(regionObserved / observed, 1) : 1;
      return { late: sum.late * r, variance: sum.variance * r * r, mature: sum.mature };
    },
    patterns(scope, rows) {
      const measures: CellMeasure[] = ['kosten', 'instroom', 'clients'];
      return rows.flatMap((row) =>
        measures.flatMap((measure) =>
          scope === 'REGIO' ? [toLag(scope, row, measure, patterns.region(row, measure))] : patterns.all(scope, row, measure).map((l) => toLag(scope, row, measure, l)),
        ),
      );
    },
    maturity(scope, row, measure, ms) {
      return ms.map((month) => {
        const age = Math.max(0, monthIndex(p) - monthIndex(month));
        const pick = scope === 'REGIO' ? patterns.region(row, measure) : patterns.of(scope, row, measure, month);
        const share = pick.development.shares[Math.min(age, pick.development.shares.length - 1)];
        return { month, mature: age >= pick.matureAfter, share: Math.round(share * 10000) / 10000 };
      });
    },
  };
}
