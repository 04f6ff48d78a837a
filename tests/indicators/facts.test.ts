/**
 * The definitions of indicators.md on hand-made cases small enough to check on paper. Counts
 * are read from REGIO year rows (never suppressed) or through the unsuppressed long form.
 */
import { describe, expect, it } from 'vitest';
import { createIndicatorEngine } from '../../indicators/index.ts';
import { unsuppressedValues } from '../../indicators/unsuppressed.ts';
import { monthlyRegion, tempStore } from '../helpers/tempStore.ts';
import { deliverDeclaraties, deliverMonthly, deliverToewijzingen } from './helpers/seed.ts';
import { valueOf } from './helpers/pick.ts';

const E = 'GM0153'; // Enschede, as a monthly gemeente (monthlyRegion): these tests give it months of its own
const H = 'GM0164'; // Hengelo

describe('trajectories', () => {
  it('a toewijzing starting 31 days after the last end continues the trajectory; 32 days starts a new one', async () => {
    const store = await tempStore(monthlyRegion());
    await deliverMonthly(store, E, '2024-01', '2024-12', [
      { id: 'a1', client: 'client-A-0001', begin: '2024-01-01', end: '2024-01-31', product: '45A01' },
      { id: 'a2', client: 'client-A-0001', begin: '2024-03-02', end: '2024-04-30', product: '45A01' }, // 31 days after
      { id: 'b1', client: 'client-B-0001', begin: '2024-01-01', end: '2024-01-31', product: '45A01' },
      { id: 'b2', client: 'client-B-0001', begin: '2024-03-03', end: '2024-04-30', product: '45A01' }, // 32 days after
    ]);
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'clients')).toBe(2);
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'instroom')).toBe(3);
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'uitstroom')).toBe(3);
    // A: 1 Jan – 30 Apr = 121 days; B: 31 and 59 days.
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'trajectduur_mean')).toBe(70.3);
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'trajectduur_median')).toBe(59);
    const m = await unsuppressedValues(store, { year: 2024, grain: 'month' });
    expect(valueOf(m, 'ambulant', E, '2024-03', 'instroom')).toBe(1);
    expect(valueOf(m, 'ambulant', E, '2024-01', 'uitstroom')).toBe(1);
    expect(valueOf(m, 'ambulant', E, '2024-04', 'uitstroom')).toBe(2);
    expect(valueOf(m, 'ambulant', E, '2024-02', 'clients')).toBe(0);
  });

  it('an overlapping toewijzing continues the trajectory and an open-ended one keeps it open', async () => {
    const store = await tempStore(monthlyRegion());
    await deliverMonthly(store, E, '2024-01', '2024-12', [
      { id: 'c1', client: 'client-C-0001', begin: '2024-01-01', end: '2024-06-30', product: '44W01' },
      { id: 'c2', client: 'client-C-0001', begin: '2024-03-01', end: null, product: '44W01' },
      { id: 'c3', client: 'client-C-0001', begin: '2024-05-01', end: '2024-05-31', product: '44W01' },
    ]);
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(valueOf(v, 'wonen', 'REGIO', '2024', 'instroom')).toBe(1);
    expect(valueOf(v, 'wonen', 'REGIO', '2024', 'uitstroom')).toBe(0);
    // Nothing ended: the mean of nothing is undefined, not zero.
    expect(valueOf(v, 'wonen', 'REGIO', '2024', 'trajectduur_mean')).toBeNull();
  });

  it('two toewijzingen with the same dates are one trajectory, also after an earlier one', async () => {
    const store = await tempStore(monthlyRegion());
    await deliverToewijzingen(store, E, '2024-03', [
      { id: 'e0', client: 'client-TIE-0001', begin: '2023-01-01', end: '2023-02-28', product: '45A01', verwijzer: '02' },
      { id: 'e1', client: 'client-TIE-0001', begin: '2024-01-01', end: '2024-03-31', product: '45A02', verwijzer: '04' },
      { id: 'e2', client: 'client-TIE-0001', begin: '2024-01-01', end: '2024-03-31', product: '54A01', verwijzer: '04' },
    ]);
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'instroom')).toBe(1);
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'verwijzer_gi')).toBe(1);
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'trajectduur_mean')).toBe(91);
  });

  it('a retroactive allocation in a later delivery changes an earlier month', async () => {
    const store = await tempStore(monthlyRegion());
    await deliverToewijzingen(store, E, '2024-03', [{ id: 'r1', client: 'client-R-0001', begin: '2024-03-01', end: '2024-03-31', product: '45A02' }]);
    await deliverToewijzingen(store, E, '2024-04', []);
    const engine = createIndicatorEngine(store);
    const before = await unsuppressedValues(store, { year: 2024, grain: 'month' });
    expect(valueOf(before, 'ambulant', E, '2024-03', 'clients')).toBe(1);
    // April's delivery holds a toewijzing dated back to 1 February, and moves r1's end.
    await deliverToewijzingen(store, E, '2024-05', [
      { id: 'r1', client: 'client-R-0001', begin: '2024-03-01', end: '2024-05-15', product: '45A02' },
      { id: 'r2', client: 'client-S-0001', begin: '2024-02-01', end: '2024-05-31', product: '45A02' },
    ]);
    const after = await unsuppressedValues(store, { year: 2024, grain: 'month' });
    expect(valueOf(after, 'ambulant', E, '2024-03', 'clients')).toBe(2);
    expect(valueOf(after, 'ambulant', E, '2024-03', 'uitstroom')).toBe(0);
    expect(valueOf(after, 'ambulant', E, '2024-05', 'uitstroom')).toBe(2);
    // February has no toewijzingen delivery: missing, not zero, even though r2 covers it.
    expect(valueOf(after, 'ambulant', E, '2024-02', 'clients')).toBeNull();
    const regio = await engine.values({ year: 2024, grain: 'year' });
    expect(valueOf(regio, 'ambulant', 'REGIO', '2024', 'instroom')).toBe(2);
  });

  it('a corrected delivery replaces the earlier one for the same month as a whole', async () => {
    const store = await tempStore(monthlyRegion());
    await deliverToewijzingen(store, E, '2024-01', [
      { id: 'x1', client: 'client-X-0001', begin: '2024-01-01', end: '2024-01-31', product: '43V01' },
      { id: 'x2', client: 'client-Y-0001', begin: '2024-01-01', end: '2024-01-31', product: '43V01' },
    ]);
    await deliverToewijzingen(store, E, '2024-01', [{ id: 'x1', client: 'client-X-0001', begin: '2024-01-10', end: '2024-01-31', product: '43V01' }]);
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(valueOf(v, 'verblijf', 'REGIO', '2024', 'clients')).toBe(1);
    const engine = createIndicatorEngine(store);
    const grid = await engine.completeness({ from: '2024-01', to: '2024-02' });
    expect(grid.find((c) => c.gemeente_code === E && c.month === '2024-01')?.toewijzingen).toBe('corrected');
    expect(grid.find((c) => c.gemeente_code === E && c.month === '2024-02')?.toewijzingen).toBe('missing');
    expect(grid.find((c) => c.gemeente_code === H && c.month === '2024-01')?.state).toBe('missing');
  });

  it('the newest periode wins over a later load of an older periode', async () => {
    const store = await tempStore(monthlyRegion());
    await deliverToewijzingen(store, E, '2024-02', [{ id: 'n1', client: 'client-N-0001', begin: '2024-01-01', end: '2024-02-29', product: '45A01' }]);
    // A late correction of January, loaded after February, still holds the old end date.
    await deliverToewijzingen(store, E, '2024-01', [{ id: 'n1', client: 'client-N-0001', begin: '2024-01-01', end: null, product: '45A01' }]);
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'uitstroom')).toBe(1);
  });
});

describe('reporting rows', () => {
  it('ambulant leaves out ambulante alternatieven, which are a row of their own, and wonen_verblijf counts a client once', async () => {
    const store = await tempStore(monthlyRegion());
    await deliverMonthly(store, E, '2024-01', '2024-12', [
      { id: 'p1', client: 'client-P-0001', begin: '2024-01-01', end: '2024-12-31', product: '45B01' }, // ambulant_alternatief
      { id: 'p2', client: 'client-Q-0001', begin: '2024-01-01', end: '2024-12-31', product: '45A01' }, // ambulant
      { id: 'p3', client: 'client-Z-0001', begin: '2024-01-01', end: '2024-06-30', product: '43V01' }, // verblijf
      { id: 'p4', client: 'client-Z-0001', begin: '2024-07-01', end: '2024-12-31', product: '44W01' }, // then pleegzorg
      { id: 'p5', client: 'client-W-0001', begin: '2024-01-01', end: '2024-12-31', product: '44W02' }, // gezinshuis
    ]);
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'clients')).toBe(1);
    expect(valueOf(v, 'ambulant_alternatief', 'REGIO', '2024', 'clients')).toBe(1);
    expect(valueOf(v, 'verblijf', 'REGIO', '2024', 'clients')).toBe(1);
    expect(valueOf(v, 'wonen', 'REGIO', '2024', 'clients')).toBe(2);
    expect(valueOf(v, 'wonen_verblijf', 'REGIO', '2024', 'clients')).toBe(2);
    // Z moved from verblijf to pleegzorg without a gap: one wonen_verblijf trajectory.
    expect(valueOf(v, 'wonen_verblijf', 'REGIO', '2024', 'instroom')).toBe(2);
    // Both clients of wonen_verblijf had pleegzorg or gezinshuis in the year.
    expect(valueOf(v, 'wonen_verblijf', 'REGIO', '2024', 'gezinsgericht_pct')).toBe(100);
    expect(v.some((x) => x.segment === 'wonen' && x.indicator === 'gezinsgericht_pct')).toBe(false);
  });

  it('a product code takes the row valid on the begindatum, so a code retired at year end still counts before it', async () => {
    const store = await tempStore(monthlyRegion());
    await deliverToewijzingen(store, E, '2024-12', [{ id: 'o1', client: 'client-O-0001', begin: '2024-12-01', end: '2024-12-31', product: '44W09' }]);
    await deliverToewijzingen(store, E, '2025-01', [{ id: 'o2', client: 'client-O-0002', begin: '2025-01-01', end: '2025-01-31', product: '44W03' }]);
    const v24 = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    const v25 = await unsuppressedValues(store, { year: 2025, grain: 'year' });
    expect(valueOf(v24, 'wonen', 'REGIO', '2024', 'clients')).toBe(1);
    expect(valueOf(v25, 'wonen', 'REGIO', '2025', 'clients')).toBe(1);
  });
});

describe('kosten', () => {
  it('sums claim lines by service month, credits included, with the segment of the claim line’s own product', async () => {
    const store = await tempStore(monthlyRegion());
    await deliverToewijzingen(store, E, '2024-01', [{ id: 'k1', client: 'client-K-0001', begin: '2024-01-01', end: null, product: '43V01' }]);
    await deliverDeclaraties(store, E, '2024-02', [
      { id: 'd1', toewijzing: 'k1', client: 'client-K-0001', product: '43V01', month: '2024-01', bedrag: 1000.1 },
      { id: 'd2', toewijzing: 'k1', client: 'client-K-0001', product: '45B01', month: '2024-01', bedrag: 250.25 },
    ]);
    await deliverDeclaraties(store, E, '2024-03', [
      { id: 'd3', toewijzing: 'k1', client: 'client-K-0001', product: '43V01', month: '2024-01', bedrag: -200.05 }, // credit
      { id: 'd4', toewijzing: 'k1', client: 'client-K-0001', product: '43V01', month: '2024-02', bedrag: 500 },
    ]);
    const m = await unsuppressedValues(store, { year: 2024, grain: 'month' });
    expect(valueOf(m, 'verblijf', E, '2024-01', 'kosten')).toBe(800.05);
    expect(valueOf(m, 'verblijf', E, '2024-02', 'kosten')).toBe(500);
    expect(valueOf(m, 'wonen_verblijf', 'REGIO', '2024-01', 'kosten')).toBe(800.05);
    expect(valueOf(m, 'ambulant_alternatief', E, '2024-01', 'kosten')).toBe(250.25);
    expect(valueOf(m, 'ambulant', E, '2024-01', 'kosten')).toBe(0);
    const y = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(valueOf(y, 'verblijf', 'REGIO', '2024', 'kosten')).toBe(1300.05);
  });

  it('marks a service month provisional until claims up to three months later were delivered', async () => {
    const store = await tempStore(monthlyRegion());
    await deliverToewijzingen(store, E, '2024-01', []);
    await deliverDeclaraties(store, E, '2024-04', [
      { id: 'd1', toewijzing: 't', client: 'client-K-0001', product: '45A01', month: '2024-01', bedrag: 10 },
    ]);
    const m = await unsuppressedValues(store, { year: 2024, grain: 'month' });
    // Newest claims: April. January (+3 = April) is final; February (+3 = May) is not.
    expect(m.find((x) => x.segment === 'ambulant' && x.gemeente_code === E && x.period === '2024-01' && x.indicator === 'kosten')?.provisional).toBe(false);
    expect(m.find((x) => x.segment === 'ambulant' && x.gemeente_code === E && x.period === '2024-02' && x.indicator === 'kosten')?.provisional).toBe(true);
    expect(m.find((x) => x.segment === 'ambulant' && x.gemeente_code === E && x.period === '2024-02' && x.indicator === 'clients')?.provisional).toBe(false);
    const y = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(y.find((x) => x.segment === 'ambulant' && x.gemeente_code === 'REGIO' && x.indicator === 'kosten')?.provisional).toBe(true);
    // Hengelo never delivered claims: its kosten are missing, not zero, and do not make the region provisional.
    expect(y.some((x) => x.gemeente_code === H)).toBe(false);
  });
});
