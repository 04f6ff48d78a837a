/**
 * The signal rules on series made to trigger and made not to trigger each of them, and the
 * signals of the engine on a small hand-made region.
 */
import { describe, expect, it } from 'vitest';
import { contributionSignal, controlChart, rankSignals, referenceSignal, targetPathSignal, trendSignal, type MonthValue } from '../../indicators/signals.ts';
import { createIndicatorEngine } from '../../indicators/index.ts';
import { loadRegion } from '../../region/config.ts';
import { tempStore } from '../helpers/tempStore.ts';
import { seedCostRise } from './helpers/costRise.ts';

const settings = loadRegion().signals;
const ref = { segment: 'verblijf' as const, scope: 'REGIO', name: 'Twente' };

/**
 * 36 months from January 2023: a seasonal first year, then each month its month a year before
 * plus a known seasonal difference (a small steady growth with a wobble); `last` and
 * `secondLast` set the seasonal difference of the final two months.
 */
function series(last?: number, secondLast?: number): MonthValue[] {
  const wobble = [10, -10, 5, -5, 0, 8, -8, 3, -3, 6, -6, 2];
  const values: number[] = [];
  for (let i = 0; i < 36; i++) {
    const d = i === 35 && last !== undefined ? last : i === 34 && secondLast !== undefined ? secondLast : 20 + wobble[i % 12];
    values.push(i < 12 ? 1000 + 100 * Math.sin((2 * Math.PI * (i + 1)) / 12) : values[i - 12] + d);
  }
  return values.map((value, i) => ({ period: `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, value }));
}

describe('the trend rule: a control chart on the seasonal difference', () => {
  it('raises nothing for a month in line with its season and trend', () => {
    const s = series();
    expect(controlChart(s, settings.trendMinMonths)).not.toBeNull();
    expect(trendSignal(ref, 'kosten', s, settings)).toBeNull();
  });

  it('raises a month far above what the past two years make likely, saying so in Dutch', () => {
    const c = controlChart(series(), settings.trendMinMonths)!;
    const jump = series(c.centre + 4 * c.sigma);
    const sig = trendSignal(ref, 'kosten', jump, settings)!;
    expect(sig).toMatchObject({ kind: 'trendbreuk', period: '2025-12', indicator: 'kosten', value: jump[35].value });
    expect(sig.score).toBeCloseTo(4 / 3, 2);
    expect(sig.comparison!).toBeCloseTo((jump[23].value as number) + c.centre, 2);
    expect(sig.reason).toMatch(/^Kosten verblijf in de regio: december 2025 hoger dan de afgelopen twee jaar voor die maand doen verwachten/);
    expect(trendSignal(ref, 'kosten', series(c.centre - 4 * c.sigma), settings)!.reason).toMatch(/lager dan/);
    expect(trendSignal(ref, 'kosten', series(c.centre + 2.9 * c.sigma), settings)).toBeNull();
  });

  it('raises two months in a row beyond two thirds of the limit on the same side, not one, nor two on opposite sides', () => {
    const c = controlChart(series(), settings.trendMinMonths)!;
    const at = (z: number) => c.centre + z * c.sigma;
    expect(trendSignal(ref, 'kosten', series(at(2.5), at(0)), settings)).toBeNull();
    expect(trendSignal(ref, 'kosten', series(at(2.5), at(-2.5)), settings)).toBeNull();
    expect(trendSignal(ref, 'kosten', series(at(2.5), at(2.5)), settings)?.reason).toMatch(/twee maanden op rij meer dan 2,0 sigma/);
  });

  it('needs enough months: no limits from less than the region asks', () => {
    expect(controlChart(series().slice(20), settings.trendMinMonths)).toBeNull();
    expect(trendSignal(ref, 'kosten', series().slice(20).map((p, i) => (i === 15 ? { ...p, value: 99_999 } : p)), settings)).toBeNull();
  });
});

describe('the other rules', () => {
  it('target path: raised from the threshold in euros, not below it', () => {
    const t = { year: 2025, upTo: '2025-06', target: 10_000_000 };
    const over = targetPathSignal(ref, { ...t, value: 10_000_000 + 2 * settings.targetPathMinEur }, settings)!;
    expect(over).toMatchObject({ kind: 'doelpad', score: 2, comparison: 10_000_000 });
    expect(over.reason).toBe('Kosten verblijf in de regio €\u00a0500.000 boven het doelpad t/m juni 2025 (€\u00a010,5\u00a0mln tegen een doel van €\u00a010,0\u00a0mln).');
    expect(targetPathSignal(ref, { ...t, value: 10_000_000 + settings.targetPathMinEur - 1 }, settings)).toBeNull();
    expect(targetPathSignal(ref, { ...t, value: 9_000_000 }, settings)).toBeNull();
  });

  it('national reference: raised from the threshold in percentage points either way', () => {
    const f = { year: 2025, indicator: 'gezinsgericht_pct', label: 'Gezinsgericht aandeel', national: 16.8, nationalYear: 2024 };
    const low = referenceSignal({ ...ref, segment: 'wonen_verblijf' }, { ...f, value: 16.8 - settings.referenceMinPoints - 1 }, settings)!;
    expect(low).toMatchObject({ kind: 'landelijk', indicator: 'gezinsgericht_pct', comparison: 16.8 });
    expect(low.reason).toContain('procentpunt lager');
    expect(referenceSignal(ref, { ...f, value: 16.8 + settings.referenceMinPoints - 0.1 }, settings)).toBeNull();
    expect(referenceSignal(ref, { ...f, value: null }, settings)).toBeNull();
  });

  it('contribution: a gemeente with a large part of the region change, not a small one', () => {
    const c = { year: 2025, change_eur: 3200, contribution_pct: 22.1, volume_eur: 2101.45, intensity_eur: 1098.55, region_change_pct: 24.1 };
    const big = contributionSignal({ ...ref, scope: 'GM0153', name: 'Enschede' }, c, settings)!;
    expect(big.reason).toBe('Enschede: kosten verblijf +€\u00a03.200, +22,1 procentpunt van de regionale verandering van +24,1\u00a0%, vooral door meer cliënten.');
    expect(contributionSignal({ ...ref, scope: 'GM0164', name: 'Hengelo' }, { ...c, change_eur: 10, contribution_pct: settings.contributionMinPoints / 2 }, settings)).toBeNull();
  });

  it('ranks across kinds by how far past the threshold, and keeps the maximum', () => {
    const a = targetPathSignal(ref, { year: 2025, upTo: '2025-12', value: 3 * settings.targetPathMinEur + 1, target: 1 }, settings)!;
    const b = contributionSignal({ ...ref, scope: 'GM0153', name: 'Enschede' }, { year: 2025, change_eur: 1, contribution_pct: 5 * settings.contributionMinPoints, volume_eur: null, intensity_eur: null, region_change_pct: 1 }, settings)!;
    expect(rankSignals([a, b], settings).map((s) => s.kind)).toEqual(['bijdrage', 'doelpad']);
    expect(rankSignals([a, b], { ...settings, maxSignals: 1 })).toHaveLength(1);
  });
});

describe('the signals of the engine', () => {
  it('names the gemeente that made the region change, and only the visible ones', async () => {
    const engine = createIndicatorEngine(await seedCostRise(await tempStore()));
    const all = await engine.signals({ year: 2025 });
    const contributions = all.signals.filter((s) => s.kind === 'bijdrage' && s.segment === 'verblijf');
    // Enschede 3.200 of 3.500 (+22,1 points) and Almelo 300 (+2,1 points) pass the 2-point threshold; Hengelo (0) does not.
    expect(contributions.map((s) => s.gemeente_code)).toEqual(['GM0153', 'GM0141']);
    expect(all.signals.map((s) => s.score)).toEqual([...all.signals.map((s) => s.score)].sort((x, y) => y - x));
    const limited = await engine.signals({ year: 2025 }, ['GM0141']);
    expect(limited.signals.every((s) => s.gemeente_code === 'REGIO' || s.gemeente_code === 'GM0141')).toBe(true);
    expect(limited.signals.some((s) => s.gemeente_code === 'GM0141')).toBe(true);
    const own = await engine.signals({ year: 2025, scope: 'GM0153' });
    expect(own.signals.every((s) => s.gemeente_code === 'GM0153')).toBe(true);
  });
});
