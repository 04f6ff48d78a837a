import type { Store } from '../store/store.ts';
import type { IndicatorEngine } from './index.ts';

export function createIndicatorEngine(store: Store): IndicatorEngine {
  const notYet = async (): Promise<never> => {
    throw new Error(`indicatorengine voor ${store.region.name}: nog niet geïmplementeerd`);
  };
  return {
    periods: notYet,
    values: notYet,
    overview: notYet,
    series: notYet,
    comparison: notYet,
    subsegments: notYet,
    referrers: notYet,
    providers: notYet,
    providerSeries: notYet,
    completeness: notYet,
  };
}
