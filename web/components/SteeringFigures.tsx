/**
 * The three steering figures of a reporting row: kosten per cliënt, the share of ended
 * trajectories ended volgens plan, and the share of the instroom that is a return
 * (herinstroom). Each for this year beside last year, and beside the region or the country
 * where the caller has those. Shared by the segment, gemeente and aanbieder views.
 */
import type { IndicatorId, ReportingRow } from '../../contract/domain.ts';
import type { IndicatorValue, SeriesPoint } from '../../contract/indicators.ts';
import { ROW_ORDER } from '../../contract/rows.ts';
import type { ReferenceFigure } from '../../contract/reference.ts';
import { formatValue } from '../charts/options.ts';
import { apiUrl } from '../lib/api.ts';
import { useAppInfo } from '../lib/context.ts';
import { INDICATOR_LABELS, ROW_LABELS } from '../lib/labels.ts';
import { figureText, unitOf } from '../lib/measure.ts';
import { nationalFigure, sourceDetail, sourceText } from '../lib/reference.ts';
import { href } from '../lib/route.ts';
import type { Column } from '../lib/table.ts';
import { useApi, useApiAll } from '../lib/useApi.ts';
import { DataTable } from './DataTable.tsx';
import { Async } from './States.tsx';

export const STEERING_INDICATORS: readonly IndicatorId[] = ['kosten_per_client', 'einde_volgens_plan_pct', 'herinstroom_pct'];

/** What each figure means, in a line under it: the definitions are the region's (docs/definitions.md). */
export function steeringHelp(indicator: IndicatorId, returnWindowDays: number): string {
  switch (indicator) {
    case 'kosten_per_client':
      return 'Kosten gedeeld door het aantal cliënten van het segment.';
    case 'einde_volgens_plan_pct':
      return 'Van de beëindigde trajecten met een reden einde: het deel dat volgens plan eindigde.';
    default:
      return `Deel van de instroom dat binnen ${returnWindowDays} dagen na een eerder traject terugkwam.`;
  }
}

export interface SteeringSide {
  /** Shown before each value when there is more than one side: "Enschede", "Regio". */
  name: string;
  /** The year series of one indicator for this side (from the year before to the year). */
  urlOf: (indicator: IndicatorId) => string;
}

/**
 * One block of the three figures. `sides`: the scope itself first, then what it is compared
 * with (the region); `reference`: the national figures of the year, shown where CBS has one.
 */
export function SteeringFigures({ segment, year, sides, reference = [] }: { segment: string; year: number; sides: SteeringSide[]; reference?: readonly ReferenceFigure[] }) {
  const info = useAppInfo();
  const threshold = info.region.privacy_threshold;
  const urls = sides.flatMap((s) => STEERING_INDICATORS.map((ind) => s.urlOf(ind)));
  const all = useApiAll<SeriesPoint[]>(urls);
  return (
    <Async result={all}>
      {(series) => (
        <dl class="kpis" data-steering={segment}>
          {STEERING_INDICATORS.map((ind, i) => {
            const national = nationalFigure(reference, ind, segment, { orTotal: true });
            return (
              <div data-indicator={ind} key={ind}>
                <dt>{INDICATOR_LABELS[ind]}</dt>
                {sides.map((side, s) => {
                  const points = series[s * STEERING_INDICATORS.length + i];
                  const now = points.find((p) => p.period === String(year));
                  const before = points.find((p) => p.period === String(year - 1));
                  return (
                    <dd key={side.name} data-side={s === 0 ? 'own' : 'beside'}>
                      {sides.length > 1 ? `${side.name} ` : ''}
                      {figureText(now, ind, threshold)}
                      <span class="muted"> ({year - 1}: {figureText(before, ind, threshold)})</span>
                    </dd>
                  );
                })}
                {national && (
                  <dd data-reference-indicator={ind} title={sourceDetail(national.figure)}>
                    <span class="reference-marker" aria-hidden="true">▏</span>Nederland {formatValue(national.figure.value, unitOf(ind))}
                    {national.general ? ' (alle jeugdhulp)' : ''}
                    <span class="muted"> ({sourceText(national.figure)})</span>
                  </dd>
                )}
                <dd class="muted small">{steeringHelp(ind, info.region.return_window_days)}</dd>
              </div>
            );
          })}
        </dl>
      )}
    </Async>
  );
}

interface SteeringLine {
  segment: ReportingRow;
  own: Partial<Record<IndicatorId, IndicatorValue>>;
  regio: Partial<Record<IndicatorId, IndicatorValue>>;
  nederland: number | null;
}

/**
 * Every reporting row of a gemeente beside the region: the three figures over the year as
 * far as delivered, from the year's long form (one answer for the whole table), and CBS's
 * share ended volgens plan where it has one for the row.
 */
export function SteeringTable({ code, name, year, reference }: { code: string; name: string; year: number; reference: readonly ReferenceFigure[] }) {
  const values = useApi<IndicatorValue[]>(apiUrl('/values', { year, grain: 'year' }));
  const info = useAppInfo();
  return (
    <Async result={values} isEmpty={(v) => v.length === 0}>
      {(all) => {
        const of = (scope: string, segment: ReportingRow) =>
          Object.fromEntries(all.filter((v) => v.gemeente_code === scope && v.segment === segment && STEERING_INDICATORS.includes(v.indicator)).map((v) => [v.indicator, v]));
        const lines: SteeringLine[] = ROW_ORDER.map((segment) => ({
          segment,
          own: of(code, segment),
          regio: of('REGIO', segment),
          nederland: nationalFigure(reference, 'einde_volgens_plan_pct', segment)?.figure.value ?? null,
        }));
        const cell = (side: 'own' | 'regio', ind: IndicatorId, label: string): Column<SteeringLine> => ({
          key: `${ind}_${side}`,
          label,
          kind: unitOf(ind) === 'euro' ? 'euro' : 'percent',
          value: (l) => l[side][ind]?.value ?? null,
          suppressed: (l) => l[side][ind]?.suppressed ?? false,
        });
        const columns: Column<SteeringLine>[] = [
          { key: 'segment', label: 'Segment', kind: 'text', value: (l) => ROW_LABELS[l.segment], link: (l) => href('segment', l.segment, { jaar: year, gemeente: code }) },
          cell('own', 'kosten_per_client', `Kosten per cliënt (${name})`),
          cell('regio', 'kosten_per_client', 'Kosten per cliënt (regio)'),
          cell('own', 'einde_volgens_plan_pct', `Einde volgens plan (${name})`),
          cell('regio', 'einde_volgens_plan_pct', 'Einde volgens plan (regio)'),
          ...(lines.some((l) => l.nederland !== null)
            ? [{ key: 'einde_volgens_plan_nl', label: 'Einde volgens plan (Nederland)', kind: 'percent', value: (l) => l.nederland } satisfies Column<SteeringLine>]
            : []),
          cell('own', 'herinstroom_pct', `Herinstroom (${name})`),
          cell('regio', 'herinstroom_pct', 'Herinstroom (regio)'),
        ];
        return (
          <>
            <DataTable title={`${name}: kosten per cliënt, einde volgens plan en herinstroom ${year}`} sortParam="sturingsort" columns={columns} rows={lines} rowKey={(l) => l.segment} />
            <p class="muted small">
              {STEERING_INDICATORS.map((ind) => `${INDICATOR_LABELS[ind]}: ${steeringHelp(ind, info.region.return_window_days).toLowerCase()}`).join(' ')}
            </p>
          </>
        );
      }}
    </Async>
  );
}
