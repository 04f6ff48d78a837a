/**
 * The answer of /nowcast/patterns: per reporting row and measure the lag pattern a scope's
 * months develop by (its own, or the region's it falls back to), and how mature each month of
 * the peilmaand's year is.
 */
import { REPORTING_ROWS } from '../../contract/domain.ts';
import type { NowcastPatterns } from '../../contract/indicators.ts';
import type { EngineContext } from '../context.ts';
import { monthsOfYear } from '../periods.ts';
import type { CellMeasure } from './cells.ts';

const MEASURES: CellMeasure[] = ['kosten', 'instroom', 'clients'];

export function nowcastPatterns(ctx: EngineContext, scope: string): NowcastPatterns {
  const peilmaand = ctx.ledger.lastMonth;
  if (peilmaand === null) return { peilmaand, patterns: [], maturity: [] };
  const months = monthsOfYear(Number(peilmaand.slice(0, 4))).filter((m) => m <= peilmaand);
  const maturity = REPORTING_ROWS.flatMap((segment) =>
    MEASURES.flatMap((measure) =>
      ctx.nowcast.maturity(scope, segment, measure, months).map((m) => ({ gemeente_code: scope, segment, measure, month: m.month, share_known: m.share, mature: m.mature })),
    ),
  );
  return { peilmaand, patterns: ctx.nowcast.patterns(scope, REPORTING_ROWS), maturity };
}
