import type { IndicatorValue } from '../../../contract/indicators.ts';

/** The one value of (row, scope, period, indicator); fails loudly when absent. */
export function pick(values: IndicatorValue[], segment: string, scope: string, period: string, indicator: string): IndicatorValue {
  const v = values.find((x) => x.segment === segment && x.gemeente_code === scope && x.period === period && x.indicator === indicator);
  if (!v) throw new Error(`geen waarde voor ${segment} ${scope} ${period} ${indicator}`);
  return v;
}

export const valueOf = (values: IndicatorValue[], segment: string, scope: string, period: string, indicator: string) =>
  pick(values, segment, scope, period, indicator).value;
