/**
 * The decomposition of a change in kosten into volume (clients) and intensity (kosten per
 * client) by LMDI: on hand-made numbers worked out by hand, and through the engine on a small
 * hand-made region (three gemeenten, verblijf, 2024 and 2025).
 */
import { describe, expect, it } from 'vitest';
import { effectsOf, lmdiSplit, logMean } from '../../indicators/decomposition.ts';
import { createIndicatorEngine } from '../../indicators/index.ts';
import { tempStore } from '../helpers/tempStore.ts';
import { seedCostRise } from './helpers/costRise.ts';

describe('the LMDI split on hand-made numbers', () => {
  it('splits 1.000 → 1.320 euro with 10 → 11 clients into known effects that add up', () => {
    // L(1320, 1000) = 320 / ln 1.32 = 1152.60; volume = L · ln 1.1 = 109.86; intensity = L · ln 1.2 = 210.14.
    const { effects, note } = effectsOf({ kosten: 1000, clients: 10 }, { kosten: 1320, clients: 11 }, false);
    expect(note).toBeNull();
    expect(effects).toEqual({ change_eur: 320, change_pct: 32, volume_eur: 109.86, volume_pct: 11, intensity_eur: 210.14, intensity_pct: 21, interaction_eur: 0 });
    expect(effects.volume_eur! + effects.intensity_eur!).toBeCloseTo(effects.change_eur!, 10);
  });

  it('gives all of a change to volume when kosten per client stay the same, and to intensity when clients do', () => {
    const same = lmdiSplit({ kosten: 800, clients: 8 }, { kosten: 1200, clients: 12 })!;
    expect(same.volume).toBeCloseTo(400, 9);
    expect(same.intensity).toBeCloseTo(0, 9);
    const dearer = lmdiSplit({ kosten: 800, clients: 8 }, { kosten: 600, clients: 8 })!;
    expect(dearer.volume).toBeCloseTo(0, 9);
    expect(dearer.intensity).toBeCloseTo(-200, 9);
    expect(logMean(5, 5)).toBe(5);
  });

  it('leaves the split empty, saying why, when it cannot be made or would show a hidden count', () => {
    expect(effectsOf({ kosten: 0, clients: 0 }, { kosten: 500, clients: 5 }, false)).toMatchObject({ effects: { change_eur: 500, change_pct: null, volume_eur: null }, note: expect.stringMatching(/niet te splitsen/) });
    expect(effectsOf({ kosten: 100, clients: 3 }, { kosten: 200, clients: 3 }, true)).toMatchObject({ effects: { change_eur: 100, change_pct: 100, volume_eur: null, intensity_eur: null }, note: expect.stringMatching(/privacy/) });
    expect(effectsOf({ kosten: null, clients: 3 }, { kosten: 200, clients: 3 }, false).note).toMatch(/geen kosten/);
  });
});

describe('the decomposition through the engine', () => {
  it('splits the region change, lists the gemeenten that made it, and hides splits built on small counts', async () => {
    const engine = createIndicatorEngine(await seedCostRise(await tempStore()));
    const d = await engine.decomposition({ segment: 'verblijf', year: 2025, month: '2025-06' });
    // To June: the July claim of 999 does not count.
    expect(d).toMatchObject({ scope: 'REGIO', comparison_year: 2024, months: 6, up_to: '2025-06', kosten: 18000, kosten_comparison: 14500, clients: { value: 21 }, clients_comparison: { value: 19 } });
    // L(18000, 14500) = 3500 / ln(18000/14500); volume = L · ln(21/19) = 1620.05; intensity 3500 − 1620.05.
    expect(d).toMatchObject({ change_eur: 3500, change_pct: 24.1, volume_eur: 1620.05, volume_pct: 11.2, intensity_eur: 1879.95, intensity_pct: 13, interaction_eur: 0, note: null });
    expect(d.volume_eur! + d.intensity_eur! + d.interaction_eur).toBeCloseTo(d.change_eur!, 6);
    // Gemeenten, largest change first; their changes add up to the region's.
    expect(d.gemeenten.map((g) => [g.gemeente_code, g.change_eur])).toEqual([['GM0153', 3200], ['GM0141', 300], ['GM0164', 0]]);
    expect(d.gemeenten.reduce((s, g) => s + g.change_eur!, 0)).toBe(d.change_eur);
    const [enschede, almelo, hengelo] = d.gemeenten;
    expect(enschede).toMatchObject({ volume_eur: 2101.45, intensity_eur: 1098.55, contribution_pct: 22.1 });
    // Almelo's 3 clients are hidden, and Hengelo's as the second cell: no split for either.
    expect(almelo).toMatchObject({ change_eur: 300, volume_eur: null, intensity_eur: null });
    expect(hengelo).toMatchObject({ volume_eur: null, intensity_eur: null });
    expect(d.subsegmenten).toEqual([{ subsegment: 'residentieel', kosten: 18000, kosten_comparison: 14500, change_eur: 3500, contribution_pct: 24.1 }]);

    const year = await engine.decomposition({ segment: 'verblijf', year: 2025 });
    expect(year).toMatchObject({ months: 12, kosten: 18999, change_eur: 4499 });

    const almeloOwn = await engine.decomposition({ segment: 'verblijf', year: 2025, scope: 'GM0141' });
    expect(almeloOwn).toMatchObject({ clients: { value: null, suppressed: true }, volume_eur: null, note: expect.stringMatching(/privacy/), gemeenten: [] });

    const limited = await engine.decomposition({ segment: 'verblijf', year: 2025 }, ['GM0141']);
    expect(limited.gemeenten.map((g) => g.gemeente_code)).toEqual(['GM0141']);
  });

  it('compares with the baseline, says when there is no comparison year, and refuses bad questions in Dutch', async () => {
    const engine = createIndicatorEngine(await seedCostRise(await tempStore()));
    const base = await engine.decomposition({ segment: 'verblijf', year: 2025, compare: 'baseline' });
    expect(base.comparison_year).toBe(2024);
    await expect(engine.decomposition({ segment: 'verblijf', year: 2024, compare: 'baseline' })).rejects.toThrow(/basisjaar/);
    const first = await engine.decomposition({ segment: 'verblijf', year: 2024 });
    expect(first).toMatchObject({ comparison_year: 2023, change_eur: null, volume_eur: null, note: 'geen gegevens voor het vergelijkingsjaar 2023' });
    await expect(engine.decomposition({ segment: 'verblijf', year: 2025, scope: 'GM9999' })).rejects.toThrow(/hoort niet bij regio/);
    await expect(engine.decomposition({ segment: 'verblijf', year: 2025, month: '2024-03' })).rejects.toThrow(/valt niet in 2025/);
  });
});
