/**
 * The whole chain on the fixtures' small profile: generated files → ETL → engine, checked
 * against the generator's own ground truth (computed independently from what it delivered).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../../etl/index.ts';
import { generateFixtures, type FixtureSummary } from '../../fixtures/index.ts';
import { calibration } from '../../indicators/calibration.ts';
import { createIndicatorEngine } from '../../indicators/index.ts';
import { unsuppressedValues } from '../../indicators/unsuppressed.ts';
import type { Store } from '../../store/store.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';
import { valueOf } from './helpers/pick.ts';

let store: Store;
let summary: FixtureSummary;

beforeAll(async () => {
  const dir = tempDir('koersbord-ind-fixtures-');
  summary = await generateFixtures({ outDir: dir, profile: 'small' });
  store = await tempStore();
  const reports = await loadFiles(store, [dir]);
  expect(reports.filter((r) => r.outcome === 'rejected')).toEqual([]);
});

describe('engine on the small fixtures loaded through the ETL', () => {
  it('reports the region figures of the ground truth', async () => {
    const truth = summary.years.find((y) => y.jaar === 2024)!;
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    const cal = Object.fromEntries((await calibration(store, 2024)).map((l) => [l.label, l.value]));
    expect(cal['jeugdigen met jeugdhulp (alle zorg)']).toBe(truth.jeugdigen_in_zorg);
    expect(valueOf(v, 'ambulant', 'REGIO', '2024', 'clients')).toBe(truth.met_ambulant_zonder_alternatief);
    expect(valueOf(v, 'ambulant_alternatief', 'REGIO', '2024', 'clients')).toBe(truth.met_ambulant_alternatief);
    expect(valueOf(v, 'wonen_verblijf', 'REGIO', '2024', 'clients')).toBe(truth.met_verblijf_of_wonen);
    expect(valueOf(v, 'wonen_verblijf', 'REGIO', '2024', 'gezinsgericht_pct')).toBe(truth.gezinsgericht_pct);
    expect(valueOf(v, 'wonen_verblijf', 'REGIO', '2024', 'crisis_start_pct')).toBe(truth.crisis_start_pct_verblijf_wonen);
    expect(valueOf(v, 'crisis', 'REGIO', '2024', 'instroom')).toBe(truth.crisis_instroom);
    expect(truth.crisis_instroom).toBeGreaterThan(0);
    expect(valueOf(v, 'crisis', 'REGIO', '2024', 'crisis_start_pct')).toBeNull();
    expect(cal['gestarte trajecten alle zorg']).toBe(truth.trajecten_gestart);
    expect(cal['beëindigde trajecten alle zorg']).toBe(truth.trajecten_beeindigd);
    expect(cal['gemiddelde trajectduur alle zorg']).toBe(truth.trajectduur_gemiddeld);
    expect(cal['start na crisis, alle zorg (zonder crisis zelf)']).toBe(truth.crisis_start_pct);
    expect(cal['verwijzer huisarts']).toBe(truth.verwijzer_pct.huisarts);
    for (const [row, euros] of Object.entries(truth.uitgaven_per_rij)) {
      expect(valueOf(v, row, 'REGIO', '2024', 'kosten')).toBeCloseTo(euros, 2);
    }
  });

  it('reports each gemeente’s crisis inflow and spend as in the ground truth', async () => {
    const truth = summary.years.find((y) => y.jaar === 2024)!;
    const v = await unsuppressedValues(store, { year: 2024, grain: 'year' });
    for (const g of truth.per_gemeente) {
      expect(valueOf(v, 'crisis', g.gemeente_code, '2024', 'instroom')).toBe(g.crisis_instroom);
      expect(valueOf(v, 'ambulant', g.gemeente_code, '2024', 'kosten')).toBeCloseTo(g.uitgaven_per_rij.ambulant, 2);
      expect(valueOf(v, 'wonen_verblijf', g.gemeente_code, '2024', 'kosten')).toBeCloseTo(g.uitgaven_per_rij.wonen_verblijf, 2);
    }
  });

  it('counts the quarterly gemeente’s deliveries for all three months of its quarters, so coverage does not drop between them', async () => {
    const engine = createIndicatorEngine(store);
    const months = await engine.values({ year: 2024, grain: 'month' });
    const ens = (m: string) => months.find((x) => x.segment === 'ambulant' && x.gemeente_code === 'GM0153' && x.period === m && x.indicator === 'clients')!;
    const regio = (m: string) => months.find((x) => x.segment === 'ambulant' && x.gemeente_code === 'REGIO' && x.period === m && x.indicator === 'clients')!;
    for (const m of ['2024-01', '2024-02', '2024-03']) {
      expect(ens(m).value).toBeGreaterThan(0);
      expect(ens(m).coverage).toBe(100);
    }
    // The small profile delivers three of Twente's gemeenten: the region is incomplete, but equally so every month.
    expect(regio('2024-01').coverage).toBeGreaterThan(0);
    expect(regio('2024-01').coverage).toBeLessThan(100);
    expect(new Set(['2024-01', '2024-02', '2024-03', '2024-11'].map((m) => regio(m).coverage)).size).toBe(1);
    const year = await engine.values({ year: 2024, grain: 'year' });
    expect(year.find((x) => x.segment === 'ambulant' && x.gemeente_code === 'GM0153' && x.indicator === 'clients')?.coverage).toBe(100);
    const grid = await engine.completeness({ from: '2024-01', to: '2024-12' });
    const enschede = grid.filter((c) => c.gemeente_code === 'GM0153').map((c) => c.toewijzingen);
    expect(enschede).toHaveLength(12);
    expect(enschede.filter((s) => s !== 'delivered' && s !== 'corrected')).toEqual([]);
  });
});
