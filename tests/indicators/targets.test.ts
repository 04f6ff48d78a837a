import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSmall } from '../../indicators/suppression.ts';
import { cardTarget, forecastOf, NO_PATH_TARGET, pathPoint, savingsOf, statusOf, targetOfYear, upperBound, yearTarget, ytdTarget } from '../../indicators/targets.ts';

describe('targets', () => {
  it('compounds the yearly reduction from the baseline year over three years', () => {
    // 10 % a year on EUR 1,000,000 in 2024: 900,000 → 810,000 → 729,000.
    expect(yearTarget(1_000_000, 0.1, 2024, 2025)).toBeCloseTo(900_000, 6);
    expect(yearTarget(1_000_000, 0.1, 2024, 2026)).toBeCloseTo(810_000, 6);
    expect(yearTarget(1_000_000, 0.1, 2024, 2027)).toBeCloseTo(729_000, 6);
  });

  it('has no target in or before the baseline year, nor without a baseline', () => {
    expect(yearTarget(1000, 0.1, 2024, 2024)).toBeNull();
    expect(yearTarget(1000, 0.1, 2024, 2023)).toBeNull();
    expect(yearTarget(null, 0.1, 2024, 2025)).toBeNull();
  });

  it('is on course at the target, needs attention within the band and is off course beyond it', () => {
    expect(statusOf(900, 900, 0.05)).toBe('op_koers');
    expect(statusOf(945, 900, 0.05)).toBe('aandacht');
    expect(statusOf(945.01, 900, 0.05)).toBe('uit_koers');
    expect(statusOf(null, 900, 0.05)).toBeNull();
  });

  it('spreads the year target by the baseline’s seasonality and forecasts the year end from it', () => {
    // Baseline 1,200 with 400 in Jan–Feb; target 1,080: in-year target by February 360.
    expect(ytdTarget(1080, 400, 1200)).toBe(360);
    // 380 spent by February, in a baseline that had a third of its year by then: forecast 1,140.
    expect(forecastOf(380, 1200, 400)).toBe(1140);
    expect(savingsOf(1200, 1140)).toBe(60);
  });
});

const plan = { baselineYear: 2024, statusBand: 0.05 };
const kosten = { measure: 'kosten' as const, reduction: 0.1 };
const instroom = { measure: 'instroom' as const, reduction: 0.025 };
const never = () => false;
const belowFive = (n: number | null) => isSmall(n, 5);

describe('a card and a point of the target path', () => {
  it('rounds the year target to the measure’s decimals, and only after the baseline year', () => {
    expect(targetOfYear(instroom, plan, 2025, 12)).toBe(11.7);
    expect(targetOfYear(kosten, plan, 2025, 1000.3)).toBe(900.27);
    expect(targetOfYear(kosten, plan, 2024, 1000)).toBeNull();
    expect(upperBound(100, 0.05, 2)).toBe(105);
    expect(upperBound(null, 0.05, 2)).toBeNull();
  });

  it('gives a card the year-to-date target, the forecast and the savings against the baseline', () => {
    // Baseline 1,200 (400 by February), 10 % less in 2025: 1,080 for the year, 360 by February.
    expect(cardTarget(kosten, plan, 2025, { baseline: 1200, baselineYtd: 400, valueYtd: 380 }, never)).toMatchObject({
      measure: 'kosten',
      baseline_year: 2024,
      baseline_value: 1200,
      value_ytd: 380,
      target_ytd: 360,
      status_ytd: 'uit_koers',
      target_year: 1080,
      forecast: 1140,
      forecast_status: 'uit_koers',
      savings_ytd: 20,
      planned_savings_ytd: 40,
      savings_forecast: 60,
      planned_savings: 120,
    });
  });

  it('hides a count card’s target when its baseline is small, and its value and forecast when the value is', () => {
    const baseSmall = cardTarget(instroom, plan, 2025, { baseline: 3, baselineYtd: 1, valueYtd: 7 }, belowFive);
    expect(baseSmall).toMatchObject({ baseline_value: null, target_year: null, target_ytd: null, forecast: null, value_ytd: 7, status_ytd: null });
    const valueSmall = cardTarget(instroom, plan, 2025, { baseline: 40, baselineYtd: 10, valueYtd: 2 }, belowFive);
    expect(valueSmall).toMatchObject({ baseline_value: 40, target_year: 39, target_ytd: 9.8, value_ytd: null, forecast: null, savings_ytd: null });
    // Kosten are not a person count: nothing is hidden.
    expect(cardTarget(kosten, plan, 2025, { baseline: 3, baselineYtd: 1, valueYtd: 2 }, belowFive).baseline_value).toBe(3);
  });

  it('gives a month of the path its share of the year target and compares the year to date', () => {
    // February held 150 of the baseline's 1,200: 135 of 2025's 1,080.
    expect(pathPoint(kosten, plan, '2025-02', { baseline: 1200, baselineMonth: 150, baselineYtd: 400, valueYtd: 350 }, never)).toEqual({
      target: 135,
      target_upper: 141.75,
      value_ytd: 350,
      target_ytd: 360,
      status: 'op_koers',
    });
    expect(pathPoint(kosten, plan, '2024-02', { baseline: 1200, baselineMonth: 150, baselineYtd: 400, valueYtd: 350 }, never)).toEqual(NO_PATH_TARGET);
    expect(pathPoint(kosten, plan, '2025-02', { baseline: 0, baselineMonth: 0, baselineYtd: 0, valueYtd: 350 }, never)).toEqual(NO_PATH_TARGET);
    expect(pathPoint(instroom, plan, '2025-02', { baseline: 40, baselineMonth: 4, baselineYtd: 3, valueYtd: 9 }, belowFive)).toEqual(NO_PATH_TARGET);
    expect(pathPoint(instroom, plan, '2025-02', { baseline: 40, baselineMonth: 4, baselineYtd: 8, valueYtd: 2 }, belowFive)).toMatchObject({
      target: 3.9,
      value_ytd: null,
      target_ytd: 7.8,
      status: null,
    });
  });
});

describe('target invariants (property)', () => {
  it('a target path never rises and never goes below zero', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 2000, max: 2090 }), (m, r, b) => {
        let previous = m;
        for (let y = b + 1; y <= b + 10; y++) {
          const t = yearTarget(m, r, b, y)!;
          expect(t).toBeLessThanOrEqual(previous);
          expect(t).toBeGreaterThanOrEqual(0);
          previous = t;
        }
      }),
    );
  });

  it('status never contradicts value and target', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e9, noNaN: true }), fc.double({ min: 0, max: 1e9, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (v, t, band) => {
        const s = statusOf(v, t, band);
        if (v <= t) expect(s).toBe('op_koers');
        else if (v <= t * (1 + band)) expect(s).toBe('aandacht');
        else expect(s).toBe('uit_koers');
        // A worse value never gets a better status.
        const rank = { op_koers: 0, aandacht: 1, uit_koers: 2 } as const;
        expect(rank[statusOf(v + 1, t, band)!]).toBeGreaterThanOrEqual(rank[s!]);
      }),
    );
  });
});
