import { describe, expect, it } from 'vitest';
import { NOT_ESTIMATED, type SeriesPoint } from '../../contract/indicators.ts';
import { blankAfter, completenessRange, splitYears } from '../../web/lib/series.ts';

const point = (period: string, value: number | null, target: number | null = null): SeriesPoint => ({
  period, value, suppressed: false, target, target_upper: null, value_ytd: null, target_ytd: null, status: null, provisional: false, coverage: 100, ...NOT_ESTIMATED,
});

describe('series', () => {
  it('blanks months after the newest delivered month but keeps their target path', () => {
    const shown = blankAfter([point('2025-05', 10, 8), point('2025-06', 0, 9), point('2025-07', 0, 9)], '2025-06');
    expect(shown.map((p) => [p.value, p.target])).toEqual([[10, 8], [0, 9], [null, 9]]);
  });

  it('leaves yearly points alone', () => {
    expect(blankAfter([point('2025', 5)], '2024-12')[0].value).toBe(5);
  });

  it('splits two years of months into this year and last year, month by month, filling gaps', () => {
    const { current, previous } = splitYears([point('2024-01', 1), point('2024-03', 3), point('2025-01', 10)], 2025, '2025-01');
    expect(current).toHaveLength(12);
    expect(current[0].value).toBe(10);
    expect(current[1].value).toBeNull();
    expect(previous.map((p) => p.value).slice(0, 3)).toEqual([1, null, 3]);
  });

  it('asks completeness up to the newest month in its year, and the whole of earlier years', () => {
    expect(completenessRange(2025, '2025-06')).toEqual({ from: '2025-01', to: '2025-06' });
    expect(completenessRange(2024, '2025-06')).toEqual({ from: '2024-01', to: '2024-12' });
    expect(completenessRange(2025, null)).toEqual({ from: '2025-01', to: '2025-12' });
  });
});
