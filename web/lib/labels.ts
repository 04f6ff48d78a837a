/** The Dutch words for the domain's ids, in one place. */
import type { IndicatorId, ReportingRow, TargetStatus } from '../../contract/domain.ts';
import { ROW_ORDER } from '../../contract/rows.ts';
import type { ActionStatus, DuidingKind, RegionInfo } from '../../contract/api.ts';

/** Row names live beside the rows themselves (contract/rows.ts). */
export { ROW_LABELS } from '../../contract/rows.ts';

/** The rows that carry a target in the region's plan, in the order every view lists rows. */
export function targetRows(region: Pick<RegionInfo, 'targets'>): ReportingRow[] {
  return ROW_ORDER.filter((row) => region.targets.some((t) => t.segment === row));
}

export const INDICATOR_LABELS: Record<IndicatorId, string> = {
  clients: 'Cliënten',
  instroom: 'Instroom',
  uitstroom: 'Uitstroom',
  kosten: 'Kosten',
  trajectduur_mean: 'Trajectduur (gemiddeld, dagen)',
  trajectduur_median: 'Trajectduur (mediaan, dagen)',
  crisis_start_pct: 'Start na crisis',
  gezinsgericht_pct: 'Gezinsgericht',
  per_1000: 'Per 1.000 jeugdigen',
  verwijzer_gemeente: 'Verwijzer gemeente',
  verwijzer_huisarts: 'Verwijzer huisarts',
  verwijzer_gi: 'Verwijzer GI',
  verwijzer_medisch: 'Verwijzer medisch',
  verwijzer_overig: 'Verwijzer overig',
  kosten_per_client: 'Kosten per cliënt',
  einde_volgens_plan_pct: 'Einde volgens plan',
  herinstroom_pct: 'Herinstroom',
};

export const VERWIJZER_INDICATORS: IndicatorId[] = ['verwijzer_gemeente', 'verwijzer_huisarts', 'verwijzer_gi', 'verwijzer_medisch', 'verwijzer_overig'];

/** Status is shown with colour AND icon AND text, so it never depends on colour vision. */
export const STATUS: Record<TargetStatus, { label: string; icon: string; className: string; color: string }> = {
  op_koers: { label: 'Op koers', icon: '✓', className: 'status-ok', color: '#1a7f37' },
  aandacht: { label: 'Aandacht', icon: '!', className: 'status-warn', color: '#9a6700' },
  uit_koers: { label: 'Uit koers', icon: '✕', className: 'status-bad', color: '#c62828' },
};

export const DUIDING_LABELS: Record<DuidingKind, string> = {
  verklaring: 'Verklaring',
  signaal: 'Signaal',
  verbetervoorstel: 'Verbetervoorstel',
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  lopend: 'Lopend',
  afgerond: 'Afgerond',
  vervallen: 'Vervallen',
};
