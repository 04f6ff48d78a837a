/**
 * The cards a session's agenda topics need, twice: as known at the session's peilmaand, and
 * the same months as known now (the newest data, whatever the Stand per). The Sessie view and
 * *Sinds de vorige sessie* both show a topic then and now; one hook so they cannot differ.
 */
import type { AgendaItem, Duidingssessie } from '../../contract/api.ts';
import type { OverviewCard } from '../../contract/indicators.ts';
import { apiUrl } from './api.ts';
import { useApiAll } from './useApi.ts';

const scopeOf = (item: Pick<AgendaItem, 'gemeente_code'>) => item.gemeente_code ?? 'REGIO';

export interface SessionFigures {
  /** The topic's card at the peilmaand (a session without one: as known now). */
  then: (item: AgendaItem) => OverviewCard | undefined;
  now: (item: AgendaItem) => OverviewCard | undefined;
  /** The last month of the figures (year to date), once known. */
  month: string | null;
  error: Error | null;
}

export function useSessionFigures(s: Duidingssessie | null | undefined, year: number): SessionFigures {
  const scopes = s ? [...new Set(s.agenda.filter((i) => i.segment).map(scopeOf))] : [];
  const then = useApiAll<OverviewCard[]>(s?.peilmaand && scopes.length ? scopes.map((scope) => apiUrl('/overview', { year, scope, peilmaand: s.peilmaand })) : null);
  const thenReady = !s?.peilmaand || then.data != null;
  const now = useApiAll<OverviewCard[]>(s && scopes.length && thenReady ? scopes.map((scope, i) => apiUrl('/overview', { year, scope, month: then.data?.[i]?.[0]?.month, peilmaand: null })) : null);
  const thenData = s?.peilmaand ? then.data : now.data;
  const cardOf = (result: OverviewCard[][] | null, item: AgendaItem) => result?.[scopes.indexOf(scopeOf(item))]?.find((c) => c.segment === item.segment);
  return {
    then: (item) => cardOf(thenData, item),
    now: (item) => cardOf(now.data, item),
    month: thenData?.[0]?.[0]?.month ?? null,
    error: then.error ?? now.error,
  };
}
