/**
 * The export's byte format (indicators.md, section "Export"): one line per (row, gemeente,
 * period, indicator), sorted by those columns in plain byte order, `\n` line ends.
 */
import type { IndicatorValue } from '../contract/indicators.ts';
import { roundedText } from '../contract/rounding.ts';
import { decimalsOf, targetDecimals } from './rules.ts';

export const EXPORT_COLUMNS = ['segment', 'gemeente_code', 'period', 'indicator', 'value', 'target', 'status', 'provisional', 'coverage'] as const;

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function sortForExport(values: IndicatorValue[]): IndicatorValue[] {
  return [...values].sort(
    (a, b) =>
      byteOrder(a.segment, b.segment) ||
      byteOrder(a.gemeente_code, b.gemeente_code) ||
      byteOrder(a.period, b.period) ||
      byteOrder(a.indicator, b.indicator),
  );
}

const fixed = roundedText;

export interface ExportCell {
  value: string;
  target: string;
}

/** Value and target as text: counts as integers, euros to cents, the rest to one decimal; `<threshold` when hidden. */
export function formatCells(v: IndicatorValue, threshold: number): ExportCell {
  const value = v.suppressed ? `<${threshold}` : v.value === null ? '' : fixed(v.value, decimalsOf(v.indicator));
  const measure = v.indicator === 'kosten' ? 'kosten' : 'instroom';
  const target = v.target === null ? '' : fixed(v.target, targetDecimals(measure));
  return { value, target };
}

export function toCsv(values: IndicatorValue[], threshold: number): string {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const v of sortForExport(values)) {
    const { value, target } = formatCells(v, threshold);
    lines.push(
      [v.segment, v.gemeente_code, v.period, v.indicator, value, target, v.status ?? '', String(v.provisional), fixed(v.coverage, 1)].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * The same rows as JSON, one object per line: `value` is a number, the string `<5` when
 * hidden, or null when undefined; `target` a number or null; `status` a string or null.
 */
export function toJson(values: IndicatorValue[], threshold: number): string {
  const rows = sortForExport(values).map((v) => {
    const { value, target } = formatCells(v, threshold);
    return JSON.stringify({
      segment: v.segment,
      gemeente_code: v.gemeente_code,
      period: v.period,
      indicator: v.indicator,
      value: v.suppressed ? value : v.value === null ? null : Number(value),
      target: target === '' ? null : Number(target),
      status: v.status,
      provisional: v.provisional,
      coverage: Number(fixed(v.coverage, 1)),
    });
  });
  return rows.length ? `[\n${rows.join(',\n')}\n]\n` : '[]\n';
}
