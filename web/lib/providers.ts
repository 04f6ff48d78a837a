/**
 * The provider list: the API's long form (provider × row × indicator) laid out as one line
 * per provider. Change and share are ratios of figures the API served (this year against
 * last year, the provider against the region), computed here only for display and sorting.
 */
import type { ReportingRow } from '../../contract/domain.ts';
import type { ProviderValue } from '../../contract/indicators.ts';

export interface ProviderLine {
  agb: string;
  naam: string;
  kosten: number | null;
  kosten_previous: number | null;
  /** Percent change of kosten against the previous year; null without a previous year. */
  change_pct: number | null;
  /** Percent of the region's kosten of this row. */
  share_pct: number | null;
  clients: number | null;
  clients_suppressed: boolean;
  instroom: number | null;
  instroom_suppressed: boolean;
  provisional: boolean;
}

export function providerLines(current: ProviderValue[], previous: ProviderValue[], segment: ReportingRow, regionKosten: number | null): ProviderLine[] {
  const lines = new Map<string, ProviderLine>();
  const line = (v: ProviderValue) => {
    let l = lines.get(v.aanbieder_agb);
    if (!l) {
      l = {
        agb: v.aanbieder_agb, naam: v.aanbieder_naam ?? v.aanbieder_agb, kosten: null, kosten_previous: null, change_pct: null, share_pct: null,
        clients: null, clients_suppressed: false, instroom: null, instroom_suppressed: false, provisional: false,
      };
      lines.set(v.aanbieder_agb, l);
    }
    return l;
  };
  for (const v of current) {
    if (v.segment !== segment) continue;
    const l = line(v);
    if (v.indicator === 'kosten') {
      l.kosten = v.value;
      l.provisional = v.provisional;
    } else if (v.indicator === 'clients') {
      l.clients = v.value;
      l.clients_suppressed = v.suppressed;
    } else if (v.indicator === 'instroom') {
      l.instroom = v.value;
      l.instroom_suppressed = v.suppressed;
    }
  }
  for (const v of previous) {
    if (v.segment !== segment || v.indicator !== 'kosten') continue;
    const l = lines.get(v.aanbieder_agb);
    if (l) l.kosten_previous = v.value;
  }
  for (const l of lines.values()) {
    if (l.kosten != null && l.kosten_previous != null && l.kosten_previous !== 0) l.change_pct = ((l.kosten - l.kosten_previous) / Math.abs(l.kosten_previous)) * 100;
    if (l.kosten != null && regionKosten) l.share_pct = (l.kosten / regionKosten) * 100;
  }
  // Every provider is listed for every row; one with nothing in this row is not part of it.
  return [...lines.values()].filter((l) => (l.kosten ?? 0) !== 0 || (l.clients ?? 0) > 0 || l.clients_suppressed || (l.instroom ?? 0) > 0 || l.instroom_suppressed);
}
