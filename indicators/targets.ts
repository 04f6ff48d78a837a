/**
 * Targets of the Sturingsplan: a compounding yearly reduction from the baseline year, a
 * status with a tolerance band, in-year targets that follow the baseline's seasonality,
 * a forecast and the savings. Pure functions: the numbers come from the engine, the
 * settings from the region configuration.
 */
import type { TargetStatus } from '../contract/domain.ts';

/** target(y) = m(B) × (1 − r)^(y − B), only for years after the baseline. */
export function yearTarget(baseline: number | null, reduction: number, baselineYear: number, year: number): number | null {
  if (baseline === null || year <= baselineYear) return null;
  return baseline * (1 - reduction) ** (year - baselineYear);
}

/** op_koers at or below target; aandacht within the band above it; uit_koers beyond. */
export function statusOf(value: number | null, target: number | null, band: number): TargetStatus | null {
  if (value === null || target === null) return null;
  if (value <= target) return 'op_koers';
  if (value <= target * (1 + band)) return 'aandacht';
  return 'uit_koers';
}

/** target_ytd(y, k) = target(y) × m_ytd(B, k) / m(B). */
export function ytdTarget(target: number | null, baselineYtd: number | null, baseline: number | null): number | null {
  if (target === null || baselineYtd === null || baseline === null || baseline === 0) return null;
  return (target * baselineYtd) / baseline;
}

/** Forecast for the year end: m_ytd(y, k) × m(B) / m_ytd(B, k). */
export function forecastOf(valueYtd: number | null, baseline: number | null, baselineYtd: number | null): number | null {
  if (valueYtd === null || baseline === null || baselineYtd === null || baselineYtd === 0) return null;
  return (valueYtd * baseline) / baselineYtd;
}

/** Savings against the baseline: m(B) − m(y). Positive is saved. */
export function savingsOf(baseline: number | null, value: number | null): number | null {
  return baseline === null || value === null ? null : baseline - value;
}
