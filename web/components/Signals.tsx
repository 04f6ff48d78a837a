/**
 * The signals of one row and scope (docs/signals.md), as the API words them: what moved and
 * why, highest first. The segment view lists them beside the decomposition.
 */
import type { ReportingRow } from '../../contract/domain.ts';
import type { SignalKind, SignalsAnswer } from '../../contract/signals.ts';
import { apiUrl } from '../lib/api.ts';
import { useApi } from '../lib/useApi.ts';
import { Async } from './States.tsx';

const KIND_LABELS: Record<SignalKind, string> = {
  doelpad: 'Doelpad',
  trendbreuk: 'Trendbreuk',
  landelijk: 'Landelijk',
  bijdrage: 'Bijdrage',
};

export function SignalList({ segment, scope, year, peilmaand = null }: { segment: ReportingRow; scope: string; year: number; peilmaand?: string | null }) {
  const answer = useApi<SignalsAnswer>(apiUrl('/signals', { year, scope, peilmaand }));
  return (
    <Async result={answer}>
      {(a) => {
        // A region view lists the region's own signals and the gemeenten's contributions to it.
        const mine = a.signals.filter((s) => s.segment === segment && (scope !== 'REGIO' || s.gemeente_code === 'REGIO' || s.kind === 'bijdrage'));
        if (!mine.length) return <p class="muted">Geen signalen voor dit segment in {year}.</p>;
        return (
          <ul class="signal-list">
            {mine.map((s) => (
              <li key={`${s.kind}-${s.gemeente_code}-${s.period}-${s.indicator}`} data-kind={s.kind}>
                <strong>{KIND_LABELS[s.kind]}</strong> {s.reason}
              </li>
            ))}
          </ul>
        );
      }}
    </Async>
  );
}
