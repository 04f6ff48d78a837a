import { describe, expect, it } from 'vitest';
import {
  addMonths, csvNumber, formatTimestamp, formatTimestampShort, formatChange, formatCount, formatDate, formatEuro, formatEuroCompact, formatMonth, formatMonthShort, formatNumber, formatPercent, formatPeriod, formatToDate, monthsOfYear, NBSP, toDateMonth,
} from '../../web/lib/format.ts';

const plain = (s: string) => s.replaceAll(NBSP, ' ');

describe('format', () => {
  it('writes euros with a euro sign, a space and dots between thousands', () => {
    expect(plain(formatEuro(1234567))).toBe('€ 1.234.567');
    expect(plain(formatEuro(1234567.89, 2))).toBe('€ 1.234.567,89');
    expect(plain(formatEuro(-2500))).toBe('−€ 2.500');
  });

  it('keeps the euro sign and the amount on one line', () => {
    expect(formatEuro(10)).toBe(`€${NBSP}10`);
  });

  it('writes shares with a decimal comma and a space before the percent sign', () => {
    expect(plain(formatPercent(12.5))).toBe('12,5 %');
    expect(plain(formatPercent(100))).toBe('100,0 %');
  });

  it('writes a change with its sign and a zero change without one', () => {
    expect(plain(formatChange(3.25))).toBe('+3,3 %');
    expect(plain(formatChange(-1))).toBe('−1,0 %');
    expect(plain(formatChange(0.01))).toBe('0,0 %');
  });

  it('shows a dash for a figure that does not exist, never zero', () => {
    expect(formatNumber(null)).toBe('–');
    expect(formatEuro(undefined)).toBe('–');
    expect(formatPercent(Number.NaN)).toBe('–');
  });

  it('does not print minus zero for a value that rounds to zero', () => {
    expect(formatNumber(-0.01, 1)).toBe('0,0');
  });

  it('shows a suppressed person count as <threshold and a zero as 0', () => {
    expect(formatCount(3, true, 5)).toBe('<5');
    expect(formatCount(3, true, 10)).toBe('<10');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(12345)).toBe('12.345');
  });

  it('abbreviates large amounts for cards, axes and the projector in millions only', () => {
    expect(plain(formatEuroCompact(6_100_000))).toBe('€ 6,1 mln');
    expect(plain(formatEuroCompact(240_000_000))).toBe('€ 240 mln');
    // One unit for a room: never `€ 500 k`.
    expect(plain(formatEuroCompact(500_000))).toBe('€ 0,50 mln');
    expect(plain(formatEuroCompact(450_000))).toBe('€ 0,45 mln');
    expect(plain(formatEuroCompact(9_999))).toBe('€ 9.999');
    expect(plain(formatEuroCompact(47_600_000))).toBe('€ 47,6 mln');
  });

  it('names months in Dutch as calendar values without time zones', () => {
    expect(formatMonth('2025-03')).toBe('maart 2025');
    expect(formatMonth('2025-01')).toBe('januari 2025');
    expect(formatMonthShort('2025-10')).toBe('okt 2025');
    expect(formatPeriod('2025')).toBe('2025');
    expect(formatPeriod('2024-12')).toBe('december 2024');
    expect(formatDate('2025-03-01')).toBe('1 maart 2025');
  });

  it('shows UTC timestamps in Dutch time, summer and winter', () => {
    expect(formatTimestampShort('2025-07-01T10:00:00.000Z')).toBe('01-07-2025 12:00');
    expect(formatTimestampShort('2025-01-15T10:00:00Z')).toBe('15-01-2025 11:00');
    expect(formatTimestamp('2025-01-15T10:00:00Z')).toBe('15 januari 2025 om 11:00');
  });

  it('refuses text that is not a month', () => {
    expect(() => formatMonth('2025-13')).toThrow();
    expect(() => formatMonth('maart')).toThrow();
  });

  it('counts calendar months across year ends', () => {
    expect(addMonths('2024-11', 3)).toBe('2025-02');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(monthsOfYear(2025, 3)).toEqual(['2025-01', '2025-02', '2025-03']);
  });

  it('writes numbers for Dutch Excel with a decimal comma and no grouping', () => {
    expect(csvNumber(1234567.5)).toBe('1234567,5');
    expect(csvNumber(12, 2)).toBe('12,00');
    expect(csvNumber(null)).toBe('');
  });
});

describe('the months a year to date counts', () => {
  it('says the months once: January alone, January to a month, or the whole year', () => {
    expect(formatToDate('2026-01')).toBe('januari 2026');
    expect(formatToDate('2026-11')).toBe('januari t/m november 2026');
    expect(formatToDate('2025-12')).toBe('2025');
  });

  it('counts a year to date only while it is not over', () => {
    expect(toDateMonth(2026, '2026-11')).toBe('2026-11');
    expect(toDateMonth(2025, '2026-11')).toBeNull();
    expect(toDateMonth(2026, '2026-12')).toBeNull();
    expect(toDateMonth(2026, null)).toBeNull();
  });
});
