/**
 * Why kosten changed (docs/decomposition.md): one Dutch sentence and a waterfall from
 * /api/decomposition, and for the region the gemeenten that moved most. Used by the segment
 * view and, compact, by the presentation.
 */
import type { DecompositionAnswer } from '../../contract/decomposition.ts';
import type { ReportingRow } from '../../contract/domain.ts';
import { waterfallOption } from '../charts/options.ts';
import { apiUrl } from '../lib/api.ts';
import { comparisonText, decompositionSentence, periodText } from '../lib/decomposition.ts';
import { formatEuro, formatNumber } from '../lib/format.ts';
import { ROW_LABELS } from '../lib/labels.ts';
import { useApi } from '../lib/useApi.ts';
import { Chart } from './Chart.tsx';
import { Async } from './States.tsx';

/** Gemeenten listed beside the region's waterfall: the largest changes, the rest is in the table. */
const TOP_GEMEENTEN = 3;

export const decompositionUrl = (segment: ReportingRow, scope: string, year: number, month: string | null, peilmaand: string | null) =>
  apiUrl('/decomposition', { segment, scope, year, month: month && !month.endsWith('-12') ? month : null, peilmaand });

export function Decomposition({
  segment, scope, year, month = null, peilmaand = null, compact = false, height = 220,
}: { segment: ReportingRow; scope: string; year: number; month?: string | null; peilmaand?: string | null; compact?: boolean; height?: number }) {
  const answer = useApi<DecompositionAnswer>(decompositionUrl(segment, scope, year, month, peilmaand));
  return (
    <Async result={answer}>
      {(d) => {
        const sentence = decompositionSentence(d, ROW_LABELS[segment]);
        const split = d.volume_eur !== null && d.intensity_eur !== null;
        const movers = d.gemeenten.filter((g) => g.change_eur !== null && g.change_eur !== 0).slice(0, TOP_GEMEENTEN);
        return (
          <div class={`decomposition${compact ? ' compact' : ''}`}>
            <p class="decomposition-sentence" data-testid="decomposition-sentence">
              {sentence}
            </p>
            {!compact && (
              <p class="muted">
                {periodText(d)} t.o.v. {comparisonText(d)}
                {d.provisional ? '; voorlopig, er komen nog declaraties binnen' : ''}.
              </p>
            )}
            {split && <Chart option={waterfallOption(d, compact)} label={`Kostenverandering ${ROW_LABELS[segment]} in volume en kosten per cliënt`} description={sentence} height={height} exportable={!compact} />}
            {!compact && movers.length > 0 && (
              <>
                <h3>Grootste bijdragen</h3>
                <ul class="decomposition-movers">
                  {movers.map((g) => (
                    <li key={g.gemeente_code}>
                      {g.naam}: {g.change_eur! > 0 ? '+' : ''}
                      {formatEuro(g.change_eur)}
                      {g.contribution_pct !== null && <span class="muted"> ({g.contribution_pct > 0 ? '+' : ''}{formatNumber(g.contribution_pct, 1)} procentpunt)</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        );
      }}
    </Async>
  );
}
