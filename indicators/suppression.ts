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
import type { RawValue } from './longForm.ts';
import { PERSON_COUNTS, REFERRER_GROUPS, referrerIndicator } from './rules.ts';

const REFERRER_INDICATORS = REFERRER_GROUPS.map(referrerIndicator);
/** Counts that add up from months to the year (a trajectory starts or ends in one month only). */
export const ADDITIVE_OVER_TIME: IndicatorId[] = ['instroom', 'uitstroom', ...REFERRER_INDICATORS];

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

  const index = new Map<string, number>();
  values.forEach((v, i) => index.set(`${v.segment}\t${v.scope}\t${v.period}\t${v.indicator}`, i));
  const at = (row: string, scope: string, period: string, ind: string) => index.get(`${row}\t${scope}\t${period}\t${ind}`);

  // Worklist: a group is looked at again only when one of its cells or its total was hidden.
  const groups = secondaryGroups(values, at, opts);
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

  // A rate on a hidden count reveals it (the population is public).
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v.indicator !== 'per_1000' || v.suppressed) continue;
    const c = at(v.segment, v.scope, v.period, 'clients');
    if (c !== undefined && values[c].suppressed) hide(i);
  }
  return values;
}

function secondaryGroups(
  values: RawValue[],
  at: (row: string, scope: string, period: string, ind: string) => number | undefined,
  opts: SuppressionOptions,
): Group[] {
  const groups: Group[] = [];
  const keys = new Map<string, { row: string; scope: string; period: string }>();
  for (const v of values) keys.set(`${v.segment}\t${v.scope}\t${v.period}`, { row: v.segment, scope: v.scope, period: v.period });

  for (const { row, scope, period } of keys.values()) {
    const total = at(row, scope, period, 'instroom');
    const cells = REFERRER_INDICATORS.map((ind) => at(row, scope, period, ind)).filter((i): i is number => i !== undefined);
    if (total !== undefined) groups.push({ cells, total });
  }

  if (opts.gemeentenBesideRegion) {
    const byColumn = new Map<string, number[]>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v.scope === 'REGIO' || !PERSON_COUNTS.has(v.indicator)) continue;
      const k = `${v.segment}\t${v.period}\t${v.indicator}`;
      const list = byColumn.get(k);
      if (list) list.push(i);
      else byColumn.set(k, [i]);
    }
    for (const [k, cells] of byColumn) {
      const [row, period, ind] = k.split('\t');
      const total = at(row, 'REGIO', period, ind);
      if (total !== undefined) groups.push({ cells, total });
    }
  }

  if (opts.yearShown) {
    const byYear = new Map<string, number[]>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v.period.length !== 7 || !ADDITIVE_OVER_TIME.includes(v.indicator)) continue;
      if (!opts.yearShown(v.scope, v.segment, v.indicator)) continue;
      const k = `${v.segment}\t${v.scope}\t${v.indicator}`;
      const list = byYear.get(k);
      if (list) list.push(i);
      else byYear.set(k, [i]);
    }
    for (const cells of byYear.values()) groups.push({ cells, total: 'shown' });
  }
  return groups;
}
