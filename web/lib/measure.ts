/** How a card or series is counted, from the region's target measure. */
import type { RegionInfo } from '../../contract/api.ts';
import type { IndicatorId, ReportingRow } from '../../contract/domain.ts';
import type { SeriesPoint, TargetMeasure } from '../../contract/indicators.ts';
import { formatValue, type Unit } from '../charts/options.ts';
import { hiddenCount } from './format.ts';

/** The measure the region's plan steers the row on; a row without a target is shown in expenditure, as the engine does. */
export function targetMeasureOf(region: Pick<RegionInfo, 'targets'>, row: ReportingRow): TargetMeasure {
  return region.targets.find((t) => t.segment === row)?.measure ?? 'kosten';
}

export function unitOf(indicator: IndicatorId | TargetMeasure): Unit {
  switch (indicator) {
    case 'kosten':
    case 'kosten_per_client':
      return 'euro';
    case 'trajectduur_mean':
    case 'trajectduur_median':
      return 'days';
    case 'crisis_start_pct':
    case 'gezinsgericht_pct':
    case 'einde_volgens_plan_pct':
    case 'herinstroom_pct':
      return 'percent';
    case 'per_1000':
      return 'number';
    default:
      return 'count';
  }
}

/**
 * One figure of a point in words. A share or mean over fewer persons than the threshold is
 * hidden by the API; `<threshold` alone there would read as its value, so it says so.
 */
export function figureText(point: SeriesPoint | undefined, indicator: IndicatorId, threshold: number): string {
  if (point?.suppressed) return unitOf(indicator) === 'count' ? hiddenCount(threshold) : `afgeschermd (${hiddenCount(threshold)} personen)`;
  return formatValue(point?.value, unitOf(indicator));
}
