/**
 * Peilmaand: the figures as known at the end of a month. Only deliveries with `periode` up to
 * the peilmaand count, so a later delivery (late claims, a retroactive toewijzing) never
 * changes what was known earlier; without a peilmaand, or with one at or after the newest
 * delivery, the newest data counts.
 */
import { describe, expect, it } from 'vitest';
import { createIndicatorEngine, IndicatorQueryError } from '../../indicators/index.ts';
import { tempStore } from '../helpers/tempStore.ts';
import { deliverDeclaraties, deliverToewijzingen } from './helpers/seed.ts';
import { pick } from './helpers/pick.ts';

const E = 'GM0153';

async function seeded() {
  const store = await tempStore();
  const tw = [{ id: 't1', client: 'client-PEIL-0001', begin: '2025-01-05', product: '45A01' }];
  await deliverToewijzingen(store, E, '2025-01', tw);
  await deliverToewijzingen(store, E, '2025-02', tw);
  // March: a retroactive toewijzing that began in January, first delivered now.
  await deliverToewijzingen(store, E, '2025-03', [...tw, { id: 't2', client: 'client-PEIL-0002', begin: '2025-01-20', product: '45A01' }]);
  await deliverDeclaraties(store, E, '2025-02', [{ id: 'd1', toewijzing: 't1', client: 'client-PEIL-0001', product: '45A01', month: '2025-01', bedrag: 100 }]);
  // Late claims for January, processed in March.
  await deliverDeclaraties(store, E, '2025-03', [
    { id: 'd2', toewijzing: 't1', client: 'client-PEIL-0001', product: '45A01', month: '2025-01', bedrag: 50 },
    { id: 'd3', toewijzing: 't2', client: 'client-PEIL-0002', product: '45A01', month: '2025-01', bedrag: 25.5 },
  ]);
  return store;
}

describe('figures as known at a peilmaand', () => {
  it('a later delivery does not change the figures at an earlier peilmaand', async () => {
    const store = await seeded();
    const engine = createIndicatorEngine(store);
    const at = async (peilmaand?: string) => engine.values({ year: 2025, grain: 'month', ...(peilmaand ? { peilmaand } : {}) });
    const feb = await at('2025-02');
    expect(pick(feb, 'ambulant', 'REGIO', '2025-01', 'kosten').value).toBe(100);
    // Person counts of a month are hidden below 5, so the year carries the instroom.
    const year = (peilmaand?: string) => engine.values({ year: 2025, ...(peilmaand ? { peilmaand } : {}) });
    expect(pick(await year('2025-02'), 'ambulant', 'REGIO', '2025', 'instroom').value).toBe(1);
    const now = await at();
    expect(pick(now, 'ambulant', 'REGIO', '2025-01', 'kosten').value).toBe(175.5);
    expect(pick(await year(), 'ambulant', 'REGIO', '2025', 'instroom').value).toBe(2);
    // A peilmaand at or after the newest delivery is the newest data.
    expect(await at('2025-03')).toEqual(now);
    expect(await at('2026-06')).toEqual(now);
    // At January no claims delivery was known yet: kosten are missing, not zero.
    const jan = await at('2025-01');
    expect(pick(jan, 'ambulant', 'REGIO', '2025-01', 'kosten').value).toBeNull();
    const periods = await engine.periods({ peilmaand: '2025-01' });
    expect(periods).toMatchObject({ peilmaand: '2025-01', newest_peilmaand: '2025-03', latest_month: '2025-01', months: ['2025-01'] });
    expect((await engine.periods()).peilmaand).toBe('2025-03');
    // And the earlier answer is unchanged after the newer ones were computed.
    expect(await at('2025-02')).toEqual(feb);
  });

  it('refuses a peilmaand before the first delivery and a malformed one, in Dutch', async () => {
    const engine = createIndicatorEngine(await seeded());
    await expect(engine.values({ year: 2025, peilmaand: '2024-12' })).rejects.toThrow(/peilmaand 2024-12 ligt vóór de eerste levering \(2025-01\)/);
    await expect(engine.values({ year: 2025, peilmaand: '2025-13' })).rejects.toBeInstanceOf(IndicatorQueryError);
  });
});
