/**
 * The overview: one card per reporting row with the year to date of a scope (clients,
 * instroom, kosten), the row's target block and a sparkline of its target measure.
 */
import { REPORTING_ROWS, type IndicatorId, type ReportingRow } from '../contract/domain.ts';
import type { Cell, OverviewCard, SeriesPoint } from '../contract/indicators.ts';
import type { EngineContext } from './context.ts';
import { coverageOf, gemeentenOf, missingToewijzingen, provisionalOf } from './ledger.ts';
import { ytdSum } from './longForm.ts';
import { roundTo } from './rules.ts';
import { hiddenBelowRegion } from './suppression.ts';
import { estimatedToDate, targetToDate } from './estimatedTarget.ts';
import { clientsToDate, toDateOf } from './toDate.ts';

export interface OverviewSpec {
  year: number;
  scope: string;
  month?: string;
}

export async function overviewCards(
  ctx: EngineContext,
  { year, scope, month }: OverviewSpec,
  visible: readonly string[] | undefined,
  sparkline: (row: ReportingRow, indicator: IndicatorId) => Promise<SeriesPoint[]>,
): Promise<OverviewCard[]> {
  const { region, ledger } = ctx;
  const toDate = toDateOf(ctx, scope, year, month);
  const { upTo, k, months } = toDate;
  const coverage = roundTo(coverageOf(ledger, scope, String(year), months), 1);
  const covered = gemeentenOf(ledger, scope).filter((g) => (!visible || visible.includes(g)) && months.every((m) => ledger.delivered.has(`${g}\t${m}`)));
  const provisional = provisionalOf(ledger, scope, String(year), months);
  const noToewijzingen = missingToewijzingen(ledger, scope, String(year), months);
  // Year-to-date figures count as the year: hidden when small below region level.
  const hidden = (n: number | null) => hiddenBelowRegion(n, region.privacyThreshold, scope, String(year));
  const hide = (n: number | null): Cell => (hidden(n) ? { value: null, suppressed: true } : { value: n, suppressed: false });
  const cards: OverviewCard[] = [];
  for (const row of REPORTING_ROWS) {
    const setting = region.targets.rows[row];
    // A youth counts once in the year to date: in the month of first activity.
    const clients = noToewijzingen ? null : clientsToDate(ctx, scope, row, toDate);
    const instroom = noToewijzingen ? null : ytdSum(ctx, scope, row, year, k, 'instroom');
    const kosten = ytdSum(ctx, scope, row, year, k, 'kosten');
    const target = setting ? targetToDate(ctx, scope, row, year, k, setting.measure === 'kosten' ? kosten : instroom, hidden) : null;
    cards.push({
      segment: row,
      gemeente_code: scope,
      year,
      month: upTo,
      clients_ytd: hide(clients),
      instroom_ytd: hide(instroom),
      kosten_ytd: kosten,
      // The estimate beside each observed figure, so that a screen can show the estimate for rows whose target is on another measure (or none).
      kosten_estimated_ytd: estimatedToDate(ctx, scope, row, 'kosten', year, k, kosten),
      instroom_estimated_ytd: hidden(instroom) ? null : estimatedToDate(ctx, scope, row, 'instroom', year, k, instroom),
      target,
      provisional,
      coverage,
      covered_gemeenten: covered,
      months: await sparkline(row, setting?.measure ?? 'kosten'),
    });
  }
  return cards;
}
