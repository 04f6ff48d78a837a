import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastOf, savingsOf, statusOf, yearTarget, ytdTarget } from '../../indicators/targets.ts';

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
