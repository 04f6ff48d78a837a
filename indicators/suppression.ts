/**
 * Small-number suppression (AVG): person counts of 1 … threshold−1 below region level are
 * hidden (`<5`), and so is every figure that would reveal one (a rate, a share or a mean
 * built on it). Then the secondary rule: where a table also shows its total, exactly one
 * hidden cell could be worked out by subtraction, so a second cell is hidden too.
 *
 * Tables that show their total (see docs/indicators.md):
 *  - the referrer groups of a (row, scope, period), whose total is that instroom;
 *  - the gemeente rows of a (row, period, count), beside the REGIO row;
 *  - the months of a (row, scope, count that adds up over time), beside the year
 *    (instroom, uitstroom, referrer groups; clients do not add up over months).
 */
import type { IndicatorId } from '../contract/domain.ts';
import type { RawValue } from './rawValue.ts';
import { PERSON_COUNTS, REFERRER_GROUPS, referrerIndicator } from './rules.ts';

const REFERRER_INDICATORS = REFERRER_GROUPS.map(referrerIndicator);
/** Counts that add up from months to the year (a trajectory starts or ends in one month only). */
export const ADDITIVE_OVER_TIME: IndicatorId[] = ['instroom', 'uitstroom', ...REFERRER_INDICATORS];

/** Figures divided by `clients` of the same cell: hidden whenever that count is (also by the secondary rule). */
const PER_CLIENT: ReadonlySet<IndicatorId> = new Set<IndicatorId>(['per_1000', 'kosten_per_client']);

export interface SuppressionOptions {
  threshold: number;
  /** True where no suppression applies: REGIO year figures. */
  regionLevel: (scope: string, period: string) => boolean;
  /** Area outputs: the gemeente rows beside REGIO form a table with its total. */
  gemeentenBesideRegion: boolean;
  /**
   * Month outputs: whether the year figure of (scope, row, indicator) is shown, i.e. the
   * months' total is visible elsewhere (the overview, a yearly series).
   */
  yearShown?: (scope: string, row: string, indicator: IndicatorId) => boolean;
}

export const isSmall = (n: number | null, threshold: number) => n !== null && n >= 1 && n < threshold;

/**
 * Region level, where no count is hidden: the region's own figures of a year (a year to date
 * counts as the year). Every gemeente, every provider and every month is below it.
 */
export const isRegionLevel = (scope: string, period: string) => scope === 'REGIO' && period.length === 4;

/** The one rule for a count shown on its own (a card, a breakdown): hidden when small below region level. */
export const hiddenBelowRegion = (n: number | null, threshold: number, scope: string, period: string) =>
  !isRegionLevel(scope, period) && isSmall(n, threshold);

interface Group {
  cells: number[];
  /** The index of the total among the values, or `'shown'` when it is shown in another output. */
  total: number | 'shown';
}

/** Returns new values with `suppressed` set and hidden values, targets and statuses emptied. */
export function suppress(input: RawValue[], opts: SuppressionOptions): RawValue[] {
  const values = input.map((v) => ({ ...v }));
  const hide = (i: number) => {
    values[i].value = null;
    values[i].suppressed = true;
    values[i].status = null;
  };

  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (opts.regionLevel(v.scope, v.period)) continue;
    if (v.basis.some((b) => isSmall(b, opts.threshold))) hide(i);
    // The target is the baseline count shrunk by a known factor: a small baseline would show through.
    if (isSmall(v.targetBasis, opts.threshold)) {
      v.target = null;
      v.status = null;
    }
  }

  const grid = new Grid(values);
  const at = (row: string, scope: string, period: string, ind: string) => grid.at(row, scope, period, ind);

  // Worklist: a group is looked at again only when one of its cells or its total was hidden.
  const groups = secondaryGroups(values, grid, opts);
  const groupsOfCell = new Map<number, number[]>();
  groups.forEach((g, gi) => {
    for (const c of g.cells) {
      const list = groupsOfCell.get(c);
      if (list) list.push(gi);
      else groupsOfCell.set(c, [gi]);
    }
  });
  const queue = groups.map((_, gi) => gi);
  const queued = new Uint8Array(groups.length).fill(1);
  while (queue.length) {
    const gi = queue.pop() as number;
    queued[gi] = 0;
    const g = groups[gi];
    if (g.total !== 'shown' && values[g.total].value === null) continue; // total hidden or missing: nothing to subtract from
    let hidden = 0;
    let pick = -1;
    for (const c of g.cells) {
      const v = values[c];
      if (v.suppressed) hidden++;
      else if (v.value !== null && v.value !== 0 && (pick === -1 || v.value < (values[pick].value as number))) pick = c;
    }
    if (hidden !== 1 || pick === -1) continue;
    hide(pick);
    for (const other of groupsOfCell.get(pick) ?? []) {
      if (!queued[other]) {
        queued[other] = 1;
        queue.push(other);
      }
    }
  }

  // A rate on a hidden count reveals it (the population is public); so does an amount per
  // client, since the costs are shown (euros are never hidden).
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!PER_CLIENT.has(v.indicator) || v.suppressed) continue;
    const c = at(v.segment, v.scope, v.period, 'clients');
    if (c !== undefined && values[c].suppressed) hide(i);
  }
  return values;
}

/** Values on integer coordinates (scope, period, row, indicator): no string keys in the hot loops. */
class Grid {
  readonly scopes: string[] = [];
  readonly periods: string[] = [];
  readonly rows: string[] = [];
  readonly indicators: string[] = [];
  private readonly ids = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  private readonly cell: Int32Array;

  constructor(values: RawValue[]) {
    const coords = values.map((v) => [this.id(0, v.scope, this.scopes), this.id(1, v.period, this.periods), this.id(2, v.segment, this.rows), this.id(3, v.indicator, this.indicators)]);
    this.cell = new Int32Array(this.scopes.length * this.periods.length * this.rows.length * this.indicators.length).fill(-1);
    coords.forEach(([s, p, r, i], n) => (this.cell[this.offset(s, p, r, i)] = n));
  }

  private id(dim: number, key: string, list: string[]): number {
    let id = this.ids[dim].get(key);
    if (id === undefined) {
      id = list.length;
      list.push(key);
      this.ids[dim].set(key, id);
    }
    return id;
  }

  offset(s: number, p: number, r: number, i: number): number {
    return ((s * this.periods.length + p) * this.rows.length + r) * this.indicators.length + i;
  }

  /** Index of the value at integer coordinates, or -1. */
  get(s: number, p: number, r: number, i: number): number {
    return s < 0 || p < 0 || r < 0 || i < 0 ? -1 : this.cell[this.offset(s, p, r, i)];
  }

  idOf(dim: 0 | 1 | 2 | 3, key: string): number {
    return this.ids[dim].get(key) ?? -1;
  }

  at(row: string, scope: string, period: string, ind: string): number | undefined {
    const n = this.get(this.idOf(0, scope), this.idOf(1, period), this.idOf(2, row), this.idOf(3, ind));
    return n === -1 ? undefined : n;
  }
}

function secondaryGroups(values: RawValue[], grid: Grid, opts: SuppressionOptions): Group[] {
  const groups: Group[] = [];
  const S = grid.scopes.length;
  const P = grid.periods.length;
  const R = grid.rows.length;
  const instroom = grid.idOf(3, 'instroom');
  const referrers = REFERRER_INDICATORS.map((ind) => grid.idOf(3, ind)).filter((i) => i >= 0);
  const counts = grid.indicators.map((ind, i) => (PERSON_COUNTS.has(ind as IndicatorId) ? i : -1)).filter((i) => i >= 0);
  const additive = grid.indicators.map((ind, i) => (ADDITIVE_OVER_TIME.includes(ind as IndicatorId) ? i : -1)).filter((i) => i >= 0);
  const regio = grid.idOf(0, 'REGIO');
  const cellsOf = (list: number[]) => list.filter((n) => n >= 0);

  for (let s = 0; s < S; s++)
    for (let p = 0; p < P; p++)
      for (let r = 0; r < R; r++) {
        const total = grid.get(s, p, r, instroom);
        if (total >= 0) groups.push({ cells: cellsOf(referrers.map((i) => grid.get(s, p, r, i))), total });
      }

  if (opts.gemeentenBesideRegion && regio >= 0) {
    for (let p = 0; p < P; p++)
      for (let r = 0; r < R; r++)
        for (const i of counts) {
          const total = grid.get(regio, p, r, i);
          if (total < 0) continue;
          const cells: number[] = [];
          for (let s = 0; s < S; s++) if (s !== regio) cells.push(grid.get(s, p, r, i));
          groups.push({ cells: cellsOf(cells), total });
        }
  }

  if (opts.yearShown) {
    const months = grid.periods.map((period, p) => (period.length === 7 ? p : -1)).filter((p) => p >= 0);
    for (let s = 0; s < S; s++)
      for (let r = 0; r < R; r++)
        for (const i of additive) {
          if (!opts.yearShown(grid.scopes[s], grid.rows[r], grid.indicators[i] as IndicatorId)) continue;
          const cells = cellsOf(months.map((p) => grid.get(s, p, r, i)));
          if (cells.length) groups.push({ cells, total: 'shown' });
        }
  }
  return groups;
}
