/**
 * Which lag pattern each gemeente's months develop by: its own where its history is long
 * enough, else the region's (learnt from the monthly deliverers together). A gemeente that
 * delivers per quarter always learns its own, one per month of the quarter, because its
 * claims of a quarter arrive together.
 */
import { monthIndex } from '../periods.ts';
import { learnDevelopment, type Development, type Triangle } from './chainLadder.ts';
import { MAX_LAG, type CellMeasure, type DevelopmentCell } from './cells.ts';

/** Service months with a complete development (MAX_LAG months) a gemeente needs for a pattern of its own. */
export const MIN_OWN_HISTORY = 12;
/** The factors are volume-weighted over this many most recent months per step. */
export const LEARNING_WINDOW = 24;
/** A month counts as mature when at least this share of its final figure is known. */
export const MATURE_SHARE = 0.995;

export interface LearntPattern {
  source: 'eigen' | 'regio';
  /** Month within the quarter (1–3) for a quarterly deliverer's patterns; null for monthly ones. */
  phase: number | null;
  development: Development;
  /** Lags after which a month is taken as final. */
  matureAfter: number;
}

/** Per (gemeente, row, measure): service month → cumulative value by lag, as the peilmaand knows it. */
export type CellIndex = Map<string, Map<string, number[]>>;

export const seriesKey = (unit: string, row: string, measure: CellMeasure) => `${unit}\t${row}\t${measure}`;

export function indexCells(cells: readonly DevelopmentCell[]): CellIndex {
  const index: CellIndex = new Map();
  for (const c of cells) {
    const key = seriesKey(c.unit, c.row, c.measure);
    let months = index.get(key);
    if (!months) index.set(key, (months = new Map()));
    let inc = months.get(c.month);
    if (!inc) months.set(c.month, (inc = new Array<number>(MAX_LAG + 1).fill(0)));
    inc[c.lag] += c.value;
  }
  // Increments to cumulative values.
  for (const months of index.values()) for (const inc of months.values()) for (let L = 1; L <= MAX_LAG; L++) inc[L] += inc[L - 1];
  return index;
}

/** A triangle from cumulative rows: each month's age at the peilmaand, capped at the last lag. */
export function triangleOf(rows: Map<string, number[]>, asOf: string, keep: (month: string) => boolean = () => true): Triangle {
  const months = [...rows.keys()].filter(keep).sort();
  const p = monthIndex(asOf);
  const inPast = months.filter((m) => monthIndex(m) <= p);
  return { cum: inPast.map((m) => rows.get(m)!), age: inPast.map((m) => Math.min(p - monthIndex(m), MAX_LAG)) };
}

const phaseOf = (month: string) => ((Number(month.slice(5, 7)) - 1) % 3) + 1;

function patternOf(t: Triangle, source: LearntPattern['source'], phase: number | null): LearntPattern {
  const development = learnDevelopment(t, MAX_LAG, LEARNING_WINDOW);
  // Mature from the lag on which the share stays within the margin of its final value: youths
  // can also leave a month again (shares above 1), so "at least 99.5 %" alone is not enough.
  const margin = 1 - MATURE_SHARE;
  const shares = development.shares;
  let matureAfter = shares.length - 1;
  while (matureAfter > 0 && Math.abs(shares[matureAfter - 1] - 1) <= margin) matureAfter--;
  return { source, phase, development, matureAfter: Math.min(matureAfter, MAX_LAG) };
}

/** Adds up the cumulative rows of several gemeenten month by month (the region's pooled triangle). */
function pooled(series: Map<string, number[]>[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of series)
    for (const [m, c] of s) {
      const acc = out.get(m);
      if (acc) for (let L = 0; L <= MAX_LAG; L++) acc[L] += c[L];
      else out.set(m, [...c]);
    }
  return out;
}

export interface PatternSet {
  /** The pattern a gemeente's month develops by. */
  of(unit: string, row: string, measure: CellMeasure, month: string): LearntPattern;
  /** Every pattern a gemeente uses for a row and measure (three for a quarterly deliverer). */
  all(unit: string, row: string, measure: CellMeasure): LearntPattern[];
  /** The region's pooled pattern. */
  region(row: string, measure: CellMeasure): LearntPattern;
}

export function learnPatterns(index: CellIndex, units: readonly string[], quarterly: ReadonlySet<string>, asOf: string): PatternSet {
  const memo = new Map<string, LearntPattern[]>();
  const empty = new Map<string, number[]>();
  const rowsOf = (unit: string, row: string, measure: CellMeasure) => index.get(seriesKey(unit, row, measure)) ?? empty;
  const fullHistory = (t: Triangle) => t.age.filter((a) => a >= MAX_LAG).length;

  function region(row: string, measure: CellMeasure): LearntPattern {
    const key = seriesKey('REGIO', row, measure);
    let hit = memo.get(key);
    if (!hit) {
      const monthly = units.filter((u) => !quarterly.has(u)).map((u) => rowsOf(u, row, measure));
      memo.set(key, (hit = [patternOf(triangleOf(pooled(monthly), asOf), 'regio', null)]));
    }
    return hit[0];
  }

  function all(unit: string, row: string, measure: CellMeasure): LearntPattern[] {
    const key = seriesKey(unit, row, measure);
    let hit = memo.get(key);
    if (hit) return hit;
    const rows = rowsOf(unit, row, measure);
    if (quarterly.has(unit)) {
      hit = [1, 2, 3].map((phase) => {
        const t = triangleOf(rows, asOf, (m) => phaseOf(m) === phase);
        return fullHistory(t) > 0 ? patternOf(t, 'eigen', phase) : { ...region(row, measure), phase };
      });
    } else {
      const t = triangleOf(rows, asOf);
      hit = [fullHistory(t) >= MIN_OWN_HISTORY ? patternOf(t, 'eigen', null) : region(row, measure)];
    }
    memo.set(key, hit);
    return hit;
  }

  return {
    all,
    region,
    of: (unit, row, measure, month) => {
      const list = all(unit, row, measure);
      return list.length === 1 ? list[0] : list[phaseOf(month) - 1];
    },
  };
}
