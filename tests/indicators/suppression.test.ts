import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndicatorId, ReportingRow } from '../../contract/domain.ts';
import type { RawValue } from '../../indicators/rawValue.ts';
import { ADDITIVE_OVER_TIME, hiddenBelowRegion, isRegionLevel, suppress, type SuppressionOptions } from '../../indicators/suppression.ts';

const REFERRERS: IndicatorId[] = ['verwijzer_gemeente', 'verwijzer_huisarts', 'verwijzer_gi', 'verwijzer_medisch', 'verwijzer_overig'];

function raw(scope: string, period: string, indicator: IndicatorId, value: number | null, segment: ReportingRow = 'ambulant'): RawValue {
  return {
    segment,
    scope,
    period,
    indicator,
    value,
    suppressed: false,
    target: null,
    status: null,
    provisional: false,
    coverage: 100,
    basis: value === null ? [] : [value],
    targetBasis: null,
  };
}

const yearOpts: SuppressionOptions = {
  threshold: 5,
  regionLevel: (scope, period) => scope === 'REGIO' && period.length === 4,
  gemeentenBesideRegion: true,
};

const find = (vs: RawValue[], scope: string, indicator: string, period = '2024') =>
  vs.find((v) => v.scope === scope && v.indicator === indicator && v.period === period)!;

describe('primary suppression', () => {
  it('hides counts of 1 to 4 below region level, keeps zero and five, and never hides region year figures', () => {
    const out = suppress(
      [
        raw('GM0153', '2024', 'clients', 4),
        raw('GM0164', '2024', 'clients', 0),
        raw('GM0141', '2024', 'clients', 5),
        raw('REGIO', '2024', 'clients', 9),
        raw('REGIO', '2024-03', 'uitstroom', 2),
      ],
      { ...yearOpts, gemeentenBesideRegion: false },
    );
    expect(find(out, 'GM0153', 'clients')).toMatchObject({ value: null, suppressed: true });
    expect(find(out, 'GM0164', 'clients')).toMatchObject({ value: 0, suppressed: false });
    expect(find(out, 'GM0141', 'clients')).toMatchObject({ value: 5, suppressed: false });
    expect(find(out, 'REGIO', 'clients')).toMatchObject({ value: 9, suppressed: false });
    // A month is below region level even for REGIO.
    expect(find(out, 'REGIO', 'uitstroom', '2024-03')).toMatchObject({ value: null, suppressed: true });
  });

  it('hides a share whose numerator is small and a rate on a hidden count, but not euros', () => {
    const share = { ...raw('GM0153', '2024', 'crisis_start_pct', 20), basis: [2, 10] };
    const rate = { ...raw('GM0153', '2024', 'per_1000', 1.2), basis: [3] };
    const euros = { ...raw('GM0153', '2024', 'kosten', 3), basis: [] };
    const out = suppress([share, rate, euros, raw('GM0153', '2024', 'clients', 3)], yearOpts);
    expect(find(out, 'GM0153', 'crisis_start_pct').suppressed).toBe(true);
    expect(find(out, 'GM0153', 'per_1000').suppressed).toBe(true);
    expect(find(out, 'GM0153', 'kosten')).toMatchObject({ value: 3, suppressed: false });
  });

  it('a threshold of 10 hides 9 and shows 10', () => {
    const out = suppress([raw('GM0197', '2024', 'clients', 9), raw('GM1859', '2024', 'clients', 10)], { ...yearOpts, threshold: 10, gemeentenBesideRegion: false });
    expect(find(out, 'GM0197', 'clients').suppressed).toBe(true);
    expect(find(out, 'GM1859', 'clients').suppressed).toBe(false);
  });
});

describe('secondary suppression', () => {
  it('hides a second referrer group when exactly one is hidden and instroom shows the total', () => {
    // instroom 12 = gemeente 3 + huisarts 9: with only 3 hidden, 12 − 9 would give it away.
    const out = suppress(
      [
        raw('GM0153', '2024', 'instroom', 12),
        raw('GM0153', '2024', 'verwijzer_gemeente', 3),
        raw('GM0153', '2024', 'verwijzer_huisarts', 9),
        raw('GM0153', '2024', 'verwijzer_gi', 0),
        raw('GM0153', '2024', 'verwijzer_medisch', 0),
        raw('GM0153', '2024', 'verwijzer_overig', 0),
      ],
      { ...yearOpts, gemeentenBesideRegion: false },
    );
    expect(find(out, 'GM0153', 'verwijzer_gemeente').suppressed).toBe(true);
    expect(find(out, 'GM0153', 'verwijzer_huisarts').suppressed).toBe(true);
    expect(find(out, 'GM0153', 'verwijzer_gi')).toMatchObject({ value: 0, suppressed: false });
    expect(find(out, 'GM0153', 'instroom')).toMatchObject({ value: 12, suppressed: false });
  });

  it('hides the smallest other gemeente when exactly one gemeente is hidden beside the REGIO row', () => {
    const out = suppress(
      [raw('GM0153', '2024', 'clients', 3), raw('GM0164', '2024', 'clients', 20), raw('GM0141', '2024', 'clients', 7), raw('GM0147', '2024', 'clients', 0), raw('REGIO', '2024', 'clients', 30)],
      yearOpts,
    );
    expect(out.filter((v) => v.suppressed).map((v) => v.scope).sort()).toEqual(['GM0141', 'GM0153']);
  });

  it('hides a second month when one month is hidden and the year total is shown elsewhere', () => {
    const months = ['2024-01', '2024-02', '2024-03'].map((m, i) => raw('GM0153', m, 'instroom', [2, 8, 6][i]));
    const out = suppress(months, { ...yearOpts, gemeentenBesideRegion: false, yearShown: () => true });
    expect(out.filter((v) => v.suppressed).map((v) => v.period)).toEqual(['2024-01', '2024-03']);
    const alone = suppress(months, { ...yearOpts, gemeentenBesideRegion: false, yearShown: () => false });
    expect(alone.filter((v) => v.suppressed).map((v) => v.period)).toEqual(['2024-01']);
  });

  it('follows a chain: a second hidden gemeente can force a second hidden referrer group', () => {
    const values = [
      raw('GM0153', '2024', 'instroom', 3),
      raw('GM0164', '2024', 'instroom', 20),
      raw('GM0141', '2024', 'instroom', 10),
      raw('REGIO', '2024', 'instroom', 33),
      ...REFERRERS.map((r, i) => raw('GM0164', '2024', r, [6, 14, 0, 0, 0][i])),
      ...REFERRERS.map((r, i) => raw('GM0153', '2024', r, [3, 0, 0, 0, 0][i])),
      ...REFERRERS.map((r, i) => raw('GM0141', '2024', r, [0, 10, 0, 0, 0][i])),
      ...REFERRERS.map((r, i) => raw('REGIO', '2024', r, [9, 24, 0, 0, 0][i])),
    ];
    const out = suppress(values, yearOpts);
    // GM0153's instroom (3) is hidden, so GM0141's (10, the smallest other) is hidden beside REGIO.
    expect(find(out, 'GM0141', 'instroom').suppressed).toBe(true);
    expect(find(out, 'GM0164', 'instroom').suppressed).toBe(false);
    // GM0153's verwijzer_gemeente (3) is hidden → column verwijzer_gemeente has one hidden gemeente → GM0164's 6 hidden
    // → GM0164's referrer row has one hidden of total 20 → its huisarts 14 hidden too.
    expect(find(out, 'GM0164', 'verwijzer_gemeente').suppressed).toBe(true);
    expect(find(out, 'GM0164', 'verwijzer_huisarts').suppressed).toBe(true);
  });
});

/** Groups whose total is shown: referrers vs instroom, gemeenten vs REGIO, months vs a shown year. */
function groupsOf(vs: RawValue[]): { cells: RawValue[]; total: RawValue | 'shown'; exact: boolean }[] {
  const groups: { cells: RawValue[]; total: RawValue | 'shown'; exact: boolean }[] = [];
  const scopes = [...new Set(vs.map((v) => v.scope))];
  const periods = [...new Set(vs.map((v) => v.period))];
  for (const s of scopes)
    for (const p of periods) {
      const total = vs.find((v) => v.scope === s && v.period === p && v.indicator === 'instroom');
      if (total) groups.push({ total, cells: vs.filter((v) => v.scope === s && v.period === p && REFERRERS.includes(v.indicator)), exact: true });
    }
  for (const p of periods)
    for (const ind of ['instroom', ...REFERRERS]) {
      const total = vs.find((v) => v.scope === 'REGIO' && v.period === p && v.indicator === ind);
      if (total) groups.push({ total, cells: vs.filter((v) => v.scope !== 'REGIO' && v.period === p && v.indicator === ind), exact: false });
    }
  for (const s of scopes)
    for (const ind of ADDITIVE_OVER_TIME) {
      const cells = vs.filter((v) => v.scope === s && v.indicator === ind && v.period.length === 7);
      if (cells.length) groups.push({ total: 'shown', cells, exact: true });
    }
  return groups;
}

describe('suppression invariants (property)', () => {
  const gemeenten = ['GM0141', 'GM0147', 'GM0153', 'GM0164'];
  /** Random but consistent tables: referrer groups add up to instroom; REGIO is at most the gemeente sum. */
  const table = fc
    .record({
      months: fc.boolean(),
      counts: fc.array(fc.array(fc.array(fc.nat({ max: 12 }), { minLength: 5, maxLength: 5 }), { minLength: 3, maxLength: 3 }), {
        minLength: gemeenten.length,
        maxLength: gemeenten.length,
      }),
      overlap: fc.nat({ max: 3 }),
    })
    .map(({ months, counts, overlap }) => {
      const periods = months ? ['2024-01', '2024-02', '2024-03'] : ['2024', '2025', '2026'];
      const vs: RawValue[] = [];
      periods.forEach((p, pi) => {
        const regio = [0, 0, 0, 0, 0];
        gemeenten.forEach((g, gi) => {
          const groups = counts[gi][pi];
          groups.forEach((n, k) => {
            vs.push(raw(g, p, REFERRERS[k], n));
            regio[k] += n;
          });
          vs.push(raw(g, p, 'instroom', groups.reduce((a, b) => a + b, 0)));
        });
        // Movers are counted once in the region: take a little off, never below zero.
        const shrunk = regio.map((n, k) => (k === 0 ? Math.max(0, n - overlap) : n));
        shrunk.forEach((n, k) => vs.push(raw('REGIO', p, REFERRERS[k], n)));
        vs.push(raw('REGIO', p, 'instroom', shrunk.reduce((a, b) => a + b, 0)));
      });
      return { vs, months };
    });

  it('no hidden value can be recovered from a table that shows its total', () => {
    fc.assert(
      fc.property(table, ({ vs, months }) => {
        const out = suppress(vs, { ...yearOpts, yearShown: months ? () => true : undefined });
        for (const g of groupsOf(out)) {
          if (g.total !== 'shown' && g.total.suppressed) continue;
          const hidden = g.cells.filter((c) => c.suppressed);
          if (hidden.length !== 1) continue;
          // The only excuse: nothing else to hide, so the total itself already is the figure.
          const others = g.cells.filter((c) => !c.suppressed && (c.value ?? 0) > 0);
          expect(others).toEqual([]);
          if (g.exact && g.total !== 'shown') expect(g.total.value).toBe(vs.find((v) => v.scope === hidden[0].scope && v.period === hidden[0].period && v.indicator === hidden[0].indicator)!.value);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every person count of 1 to 4 below region level is hidden and zeros stay visible', () => {
    fc.assert(
      fc.property(table, ({ vs }) => {
        const out = suppress(vs, yearOpts);
        out.forEach((v, i) => {
          const before = vs[i].value as number;
          const regionLevel = v.scope === 'REGIO' && v.period.length === 4;
          if (!regionLevel && before >= 1 && before <= 4) expect(v.suppressed).toBe(true);
          if (before === 0) expect(v).toMatchObject({ value: 0, suppressed: false });
          if (regionLevel) expect(v.suppressed).toBe(false);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('a count shown on its own', () => {
  it('is hidden when small below region level: a gemeente, or a month of the region', () => {
    expect(isRegionLevel('REGIO', '2024')).toBe(true);
    expect(isRegionLevel('REGIO', '2024-03')).toBe(false);
    expect(isRegionLevel('GM0153', '2024')).toBe(false);
    expect(hiddenBelowRegion(3, 5, 'REGIO', '2024')).toBe(false);
    expect(hiddenBelowRegion(3, 5, 'REGIO', '2024-03')).toBe(true);
    expect(hiddenBelowRegion(3, 5, 'GM0153', '2024')).toBe(true);
    expect(hiddenBelowRegion(0, 5, 'GM0153', '2024')).toBe(false);
    expect(hiddenBelowRegion(null, 5, 'GM0153', '2024')).toBe(false);
    expect(hiddenBelowRegion(5, 5, 'GM0153', '2024')).toBe(false);
    expect(hiddenBelowRegion(9, 10, 'GM0153', '2024')).toBe(true);
  });
});
