/** How a card or series is counted, from the contract's target measure. */
import type { IndicatorId, ReportingRow } from '../../contract/domain.ts';
import type { TargetMeasure } from '../../contract/indicators.ts';
import type { Unit } from '../charts/options.ts';

/** Crisis steers on inflow; the other rows on expenditure (Sturingsplan). */
export function targetMeasureOf(row: ReportingRow): TargetMeasure {
  return row === 'crisis' ? 'instroom' : 'kosten';
}

export function unitOf(indicator: IndicatorId | TargetMeasure): Unit {
  switch (indicator) {
    case 'kosten':
      return 'euro';
    case 'trajectduur_mean':
    case 'trajectduur_median':
      return 'days';
    case 'crisis_start_pct':
    case 'gezinsgericht_pct':
      return 'percent';
    case 'per_1000':
      return 'number';
    default:
      return 'count';
  }
}
