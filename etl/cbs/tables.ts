/**
 * Which figures Koersbord takes from each CBS table it knows, by the titles CBS gives its columns
 * and categories (the keys are read from each file's metadata). A share is derived from CBS's
 * counts where CBS publishes counts; every figure names the columns it came from.
 */

/** One cell of a table: a topic (column title), at categories of the other dimensions (by title). */
export interface CellRule {
  topic: string;
  /** Dimension title → category title; a dimension not named here is read at the table's total. */
  where?: Record<string, string>;
}

export interface FigureRule {
  indicator: string;
  segment: string;
  /** A value read as it is (times `factor`), or the sum of `numerator` cells over the sum of `denominator` cells × 100. */
  read?: CellRule;
  factor?: number;
  numerator?: CellRule[];
  denominator?: CellRule[];
}

export interface TableRule {
  id: string;
  /** Topic title → the unit CBS gives it; another unit means the column changed and the file is refused. */
  topics: Record<string, string>;
  /** Dimension title → the title of its total category (for dimensions a rule does not name). */
  totals: Record<string, string>;
  figures: FigureRule[];
}

const started = (where: Record<string, string> = {}): CellRule => ({ topic: 'Gestarte jeugdhulptrajecten', where });
const VERBLIJF = { 'Soort jeugdhulp': 'Jeugdhulp met verblijf' };
const AMBULANT = { 'Soort jeugdhulp': 'Jeugdhulp zonder verblijf' };

export const CBS_TABLES: readonly TableRule[] = [
  {
    // Youths with jeugdhulp, jeugdbescherming and jeugdreclassering per region, as a share of the age group.
    id: '85098NED',
    topics: {
      'Jongeren met jeugdhulp': '%',
      'Jongeren met jeugdhulp met verblijf': '%',
      'Jongeren met jeugdbescherming': '%',
      'Jongeren met jeugdreclassering': '%',
    },
    totals: {},
    figures: [
      // Koersbord's `per_1000` is per 1,000 youths: CBS's percentage times ten.
      { indicator: 'per_1000', segment: 'alle', read: { topic: 'Jongeren met jeugdhulp' }, factor: 10 },
      { indicator: 'per_1000', segment: 'wonen_verblijf', read: { topic: 'Jongeren met jeugdhulp met verblijf' }, factor: 10 },
      { indicator: 'per_1000', segment: 'jeugdbescherming', read: { topic: 'Jongeren met jeugdbescherming' }, factor: 10 },
      { indicator: 'per_1000', segment: 'jeugdreclassering', read: { topic: 'Jongeren met jeugdreclassering' }, factor: 10 },
    ],
  },
  {
    // Jeugdhulp trajectories (in natura only) by referrer and kind: started, of which from crisis, ended.
    id: '85097NED',
    topics: {
      'Gestarte jeugdhulptrajecten': 'aantal',
      'Gestart vanuit crisis': 'aantal',
      'Beëindigde jeugdhulptrajecten': 'aantal',
      'Gemiddelde duur beëindigde trajecten': 'dagen',
      'Beëindigd volgens plan': 'aantal',
      'Beëindigd voortijdig': 'aantal',
    },
    totals: { Verwijzer: 'Totaal verwijzers', 'Soort jeugdhulp': 'Totaal jeugdhulp' },
    figures: [
      { indicator: 'crisis_start_pct', segment: 'alle', numerator: [{ topic: 'Gestart vanuit crisis' }], denominator: [started()] },
      { indicator: 'crisis_start_pct', segment: 'wonen_verblijf', numerator: [{ topic: 'Gestart vanuit crisis', where: VERBLIJF }], denominator: [started(VERBLIJF)] },
      { indicator: 'crisis_start_pct', segment: 'ambulant', numerator: [{ topic: 'Gestart vanuit crisis', where: AMBULANT }], denominator: [started(AMBULANT)] },
      { indicator: 'verwijzer_gemeente', segment: 'alle', numerator: [started({ Verwijzer: 'Gemeentelijke toegang' })], denominator: [started()] },
      { indicator: 'verwijzer_huisarts', segment: 'alle', numerator: [started({ Verwijzer: 'Huisarts' })], denominator: [started()] },
      { indicator: 'verwijzer_gi', segment: 'alle', numerator: [started({ Verwijzer: 'Gecertificeerde instelling' })], denominator: [started()] },
      {
        indicator: 'verwijzer_gemeente_gi',
        segment: 'alle',
        numerator: [started({ Verwijzer: 'Gemeentelijke toegang' }), started({ Verwijzer: 'Gecertificeerde instelling' })],
        denominator: [started()],
      },
      {
        indicator: 'verwijzer_gemeente_gi',
        segment: 'wonen_verblijf',
        numerator: [started({ ...VERBLIJF, Verwijzer: 'Gemeentelijke toegang' }), started({ ...VERBLIJF, Verwijzer: 'Gecertificeerde instelling' })],
        denominator: [started(VERBLIJF)],
      },
      { indicator: 'trajectduur_mean', segment: 'alle', read: { topic: 'Gemiddelde duur beëindigde trajecten' }, factor: 1 },
      {
        indicator: 'einde_volgens_plan_pct',
        segment: 'alle',
        numerator: [{ topic: 'Beëindigd volgens plan' }],
        denominator: [{ topic: 'Beëindigd volgens plan' }, { topic: 'Beëindigd voortijdig' }],
      },
    ],
  },
  {
    // The gemeenten's spending on jeugdzorg, in thousands of euros.
    id: '83454NED',
    topics: { 'Kosten jeugdzorg': 'x 1 000 euro' },
    totals: {},
    figures: [{ indicator: 'kosten', segment: 'alle', read: { topic: 'Kosten jeugdzorg' }, factor: 1000 }],
  },
];
