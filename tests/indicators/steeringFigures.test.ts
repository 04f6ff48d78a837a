/**
 * The rows of the gecertificeerde instellingen and the three steering figures
 * (kosten_per_client, einde_volgens_plan_pct, herinstroom_pct) on hand-made cases small
 * enough to check on paper. Counts are read from REGIO year rows or the unsuppressed long form.
 */
import { describe, expect, it } from 'vitest';
import { createIndicatorEngine } from '../../indicators/index.ts';
import { unsuppressedValues } from '../../indicators/unsuppressed.ts';
import { loadRegion } from '../../region/config.ts';
import { tempStore } from '../helpers/tempStore.ts';
import { deliverDeclaraties, deliverMonthly, deliverToewijzingen } from './helpers/seed.ts';
import { pick, valueOf } from './helpers/pick.ts';

const E = 'GM0153'; // Enschede
const H = 'GM0164'; // Hengelo

describe('herinstroom_pct', () => {
  // Each earlier trajectory ends on 31 January 2023; 31 January 2024 is 365 days later.
  const returns = [
    { id: 'a1', client: 'client-RA-0001', begin: '2023-01-01', end: '2023-01-31', product: '45A01' },
    { id: 'a2', client: 'client-RA-0001', begin: '2024-01-31', end: '2024-02-29', product: '45A01' }, // 365 days: a return
    { id: 'b1', client: 'client-RB-0001', begin: '2023-01-01', end: '2023-01-31', product: '45A01' },
    { id: 'b2', client: 'client-RB-0001', begin: '2024-02-01', end: '2024-02-29', product: '45A01' }, // 366 days: none
    { id: 'c1', client: 'client-RC-0001', begin: '2024-03-01', end: '2024-03-31', product: '45A01' },
    { id: 'c2', client: 'client-RC-0001', begin: '2024-05-01', end: '2024-05-31', product: '45A01' }, // 31 days: same trajectory
    { id: 'd1', client: 'client-RD-0001', begin: '2024-06-01', end: '2024-06-30', product: '45A01' }, // first care ever
  ];

  it('counts a start 365 days after the previous end as a return, not 366, and a start within the gap is no new trajectory', async () => {
    const store = await tempStore();
    await deliverToewijzingen(store, E, '2023-01', returns.filter((r) => r.begin < '2024'));
    await deliverMonthly(store, E, '2024-01', '2024-12', returns);
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    // Instroom 2024: a2, b2, c1 (c2 continues it) and d1; only a2 is a return.
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'instroom')).toBe(4);
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'herinstroom_pct')).toBe(25);
    const m = await unsuppressedValues(store, { year: 2024, grain: 'month' });
    expect(valueOf(m, 'ambulant', E, '2024-01', 'herinstroom_pct')).toBe(100);
    expect(valueOf(m, 'ambulant', E, '2024-02', 'herinstroom_pct')).toBe(0);
    expect(valueOf(m, 'ambulant', E, '2024-05', 'herinstroom_pct')).toBeNull(); // no instroom: a share of nothing
  });

  it('takes the window from the region setting', async () => {
    const store = await tempStore({ ...loadRegion(), returnWindowDays: 366 });
    await deliverToewijzingen(store, E, '2024-12', returns);
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'herinstroom_pct')).toBe(50);
  });

  it('is a return in the gemeente only when the earlier trajectory was there, and in the region either way', async () => {
    const store = await tempStore();
    await deliverToewijzingen(store, E, '2024-12', [{ id: 'm1', client: 'client-MV-0001', begin: '2023-09-01', end: '2023-12-31', product: '44W01' }]);
    await deliverToewijzingen(store, H, '2024-12', [{ id: 'm2', client: 'client-MV-0001', begin: '2024-04-01', end: null, product: '44W01' }]);
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(valueOf(v, 'wonen', 'REGIO', '2024', 'herinstroom_pct')).toBe(100);
    expect(valueOf(v, 'wonen', H, '2024', 'herinstroom_pct')).toBe(0);
  });
});

describe('einde_volgens_plan_pct', () => {
  it('reads the reason of the last toewijzing of each ended trajectory and leaves out those whose last has none', async () => {
    const store = await tempStore();
    await deliverMonthly(store, E, '2024-01', '2024-12', [
      { id: 'p1', client: 'client-PA-0001', begin: '2024-01-01', end: '2024-03-31', product: '45A02', reden: '31' }, // volgens plan
      { id: 'q1', client: 'client-PB-0001', begin: '2024-01-01', end: '2024-04-30', product: '45A02', reden: '33' }, // ended early
      // Last toewijzing without a reason: left out, though the first one ended volgens plan.
      { id: 'r1', client: 'client-PC-0001', begin: '2024-01-01', end: '2024-02-29', product: '45A02', reden: '31' },
      { id: 'r2', client: 'client-PC-0001', begin: '2024-03-01', end: '2024-06-30', product: '45A02' },
      // The last one carries 31: volgens plan, whatever the first said.
      { id: 's1', client: 'client-PD-0001', begin: '2024-01-01', end: '2024-05-31', product: '45A02', reden: '34' },
      { id: 's2', client: 'client-PD-0001', begin: '2024-06-01', end: '2024-07-31', product: '45A02', reden: '31' },
      { id: 't1', client: 'client-PE-0001', begin: '2024-01-01', end: null, product: '45A02' }, // still running
    ]);
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'uitstroom')).toBe(4);
    // Of p, q and s (r has no reason): p and s ended volgens plan.
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'einde_volgens_plan_pct')).toBe(66.7);
    const m = await unsuppressedValues(store, { year: 2024, grain: 'month' });
    expect(valueOf(m, 'ambulant', E, '2024-06', 'uitstroom')).toBe(1);
    expect(valueOf(m, 'ambulant', E, '2024-06', 'einde_volgens_plan_pct')).toBeNull(); // only r ended: none with a reason
    expect(valueOf(m, 'ambulant', E, '2024-04', 'einde_volgens_plan_pct')).toBe(0);
  });
});

describe('kosten_per_client', () => {
  it('divides the row’s kosten by its clients; empty without clients', async () => {
    const store = await tempStore();
    await deliverMonthly(store, E, '2024-01', '2024-03', [
      { id: 'k1', client: 'client-KA-0001', begin: '2024-01-01', end: '2024-03-31', product: '43V01' },
      { id: 'k2', client: 'client-KB-0001', begin: '2024-02-01', end: '2024-03-31', product: '43V01' },
    ]);
    await deliverDeclaraties(store, E, '2024-04', [
      { id: 'd1', toewijzing: 'k1', client: 'client-KA-0001', product: '43V01', month: '2024-01', bedrag: 1000.1 },
      { id: 'd2', toewijzing: 'k2', client: 'client-KB-0001', product: '43V01', month: '2024-02', bedrag: 500.03 },
      // A claim on a row without any client in the month (a late line on an ended allocation).
      { id: 'd3', toewijzing: 'k1', client: 'client-KA-0001', product: '45A01', month: '2024-02', bedrag: 80 },
    ]);
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(valueOf(v, 'verblijf', 'REGIO', '2024', 'kosten_per_client')).toBe(750.07); // 1500.13 / 2, half-up
    const m = await unsuppressedValues(store, { year: 2024, grain: 'month' });
    expect(valueOf(m, 'verblijf', E, '2024-01', 'kosten_per_client')).toBe(1000.1);
    expect(valueOf(m, 'ambulant', E, '2024-02', 'kosten')).toBe(80);
    expect(valueOf(m, 'ambulant', E, '2024-02', 'kosten_per_client')).toBeNull();
  });

  it('is hidden with its count: small, or hidden by the secondary rule beside the region, while kosten stay shown', async () => {
    const store = await tempStore();
    const clients = (g: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `${g}-${i}`, client: `client-${g}-${i}-0000`, begin: '2024-01-01', end: '2024-12-31', product: '45A01' }));
    await deliverMonthly(store, E, '2024-01', '2024-12', clients(E, 2));
    await deliverMonthly(store, H, '2024-01', '2024-12', clients(H, 6));
    await deliverDeclaraties(store, E, '2024-12', [{ id: 'e1', toewijzing: `${E}-0`, client: `client-${E}-0-0000`, product: '45A01', month: '2024-01', bedrag: 300 }]);
    await deliverDeclaraties(store, H, '2024-12', [{ id: 'h1', toewijzing: `${H}-0`, client: `client-${H}-0-0000`, product: '45A01', month: '2024-01', bedrag: 600 }]);
    const v = await createIndicatorEngine(store).values({ year: 2024, grain: 'year' });
    // Enschede's 2 clients are hidden; Hengelo's 6 follow (the region total would give them away).
    for (const g of [E, H]) {
      expect(pick(v, 'ambulant', g, '2024', 'clients').suppressed).toBe(true);
      expect(pick(v, 'ambulant', g, '2024', 'kosten_per_client')).toMatchObject({ value: null, suppressed: true });
    }
    expect(pick(v, 'ambulant', E, '2024', 'kosten').value).toBe(300);
    expect(pick(v, 'ambulant', 'REGIO', '2024', 'kosten_per_client').value).toBe(112.5);
  });
});

describe('jeugdbescherming and jeugdreclassering', () => {
  it('are rows of their own, beside jeugdhulp, with every indicator and no target', async () => {
    const store = await tempStore();
    await deliverMonthly(store, E, '2024-01', '2024-12', [
      { id: 'j1', client: 'client-JA-0001', begin: '2024-01-01', end: '2024-12-31', product: '48B01', verwijzer: '08' }, // ots
      { id: 'j2', client: 'client-JA-0001', begin: '2024-03-01', end: '2024-08-31', product: '45A02', verwijzer: '04' }, // and jeugdhulp
      { id: 'j3', client: 'client-JB-0001', begin: '2024-01-01', end: null, product: '48B02', verwijzer: '08' }, // voogdij
      { id: 'j4', client: 'client-JC-0001', begin: '2024-02-01', end: '2024-10-31', product: '47R01', verwijzer: '08', reden: '31' },
    ]);
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    expect(valueOf(v, 'jeugdbescherming', 'REGIO', '2024', 'clients')).toBe(2);
    expect(valueOf(v, 'jeugdreclassering', 'REGIO', '2024', 'clients')).toBe(1);
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'clients')).toBe(1);
    expect(valueOf(v, 'jeugdreclassering', 'REGIO', '2024', 'einde_volgens_plan_pct')).toBe(100);
    expect(valueOf(v, 'jeugdbescherming', 'REGIO', '2024', 'verwijzer_gi')).toBe(2);
    for (const row of ['jeugdbescherming', 'jeugdreclassering']) {
      const own = v.filter((x) => x.segment === row && x.gemeente_code === 'REGIO');
      expect(own.map((x) => x.indicator)).toContain('herinstroom_pct');
      expect(own.map((x) => x.indicator)).not.toContain('gezinsgericht_pct');
      expect(own.every((x) => x.target === null && x.status === null)).toBe(true);
    }
  });

  it('keep ots and voogdij apart as subsegments', async () => {
    const store = await tempStore();
    await deliverMonthly(store, E, '2024-01', '2024-12', [
      { id: 'o1', client: 'client-OA-0001', begin: '2024-01-01', end: '2024-12-31', product: '48B01' },
      { id: 'o2', client: 'client-OB-0001', begin: '2024-01-01', end: '2024-12-31', product: '48B01' },
      { id: 'o3', client: 'client-OC-0001', begin: '2024-01-01', end: '2024-12-31', product: '48B02' },
    ]);
    const rows = await createIndicatorEngine(store).subsegments({ segment: 'jeugdbescherming', scope: 'REGIO', year: 2024, grain: 'year' });
    expect(Object.fromEntries(rows.map((r) => [r.subsegment, r.clients.value]))).toEqual({ ots: 2, voogdij: 1 });
  });
});
