/**
 * One duidingssessie: its agenda (each item opens the view it is about), each topic's headline
 * figure as known at the session's peilmaand beside the same months as known now, its duiding,
 * and the way into presentation mode (which shows the figures at the session's peilmaand).
 */
import type { AgendaItem, Duiding, Duidingssessie } from '../../contract/api.ts';
import type { OverviewCard } from '../../contract/indicators.ts';
import { DuidingList } from '../components/DuidingPanel.tsx';
import { HeadlineFigure } from '../components/HeadlineFigure.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Async } from '../components/States.tsx';
import { apiUrl } from '../lib/api.ts';
import { useAppInfo, type AppInfo } from '../lib/context.ts';
import { formatDate, formatMonth, formatToDate } from '../lib/format.ts';
import { href, yearParam } from '../lib/route.ts';
import { headline, sessionYear } from '../lib/sessionPeilmaand.ts';
import { useApi } from '../lib/useApi.ts';
import { useSessionFigures } from '../lib/useSessionFigures.ts';
import { useRoute } from '../lib/useRoute.ts';
import { mayWrite, useAccount } from '../lib/user.ts';
import { agendaTitle, PlanForm } from './Sessies.tsx';
import { useState } from 'preact/hooks';

/** "toen … · nu …" for one topic: the card at the peilmaand, and the same months as known now. */
function ThenAndNow({ item, then, now, info }: { item: AgendaItem; then: OverviewCard | undefined; now: OverviewCard | undefined; info: AppInfo }) {
  if (!item.segment) return null;
  const threshold = info.region.privacy_threshold;
  return (
    <p class="then-now" data-segment={item.segment}>
      {then ? `${formatToDate(then.month)}: ` : ''}
      toen <HeadlineFigure h={headline(then)} field="then" threshold={threshold} strong /> · nu <HeadlineFigure h={headline(now)} field="now" threshold={threshold} strong />
    </p>
  );
}

export function SessieView() {
  const writer = mayWrite(useAccount());
  const [editing, setEditing] = useState(false);
  const route = useRoute();
  const info = useAppInfo();
  const id = route.id ?? '';
  const duidingssessie = useApi<Duidingssessie>(apiUrl(`/sessions/${encodeURIComponent(id)}`));
  const duiding = useApi<Duiding[]>(apiUrl('/duiding', { session_id: id }));
  const s = duidingssessie.data;
  const year = yearParam(route, sessionYear(s, info.defaultYear));
  const figures = useSessionFigures(s, year);
  return (
    <Async result={duidingssessie}>
      {(s) => (
        <>
          <PageHeader title={s.title} intro={`${formatDate(s.date)}${s.organisations.length ? ` · met ${s.organisations.join(', ')}` : ''}`}>
            <a class="button" href={href('presentatie', String(s.id), { item: 1, jaar: route.params.jaar })}>
              Start presentatie
            </a>
            {writer && (
              <button type="button" class="secondary" aria-expanded={editing} onClick={() => setEditing(!editing)}>
                Sessie wijzigen
              </button>
            )}
          </PageHeader>
          {editing && (
            <section class="panel">
              <PlanForm
                existing={s}
                onSaved={() => {
                  setEditing(false);
                  duidingssessie.reload();
                }}
              />
            </section>
          )}
          <p class="session-peilmaand" data-peilmaand={s.peilmaand ?? ''}>
            {s.peilmaand
              ? `Cijfers zoals bekend eind ${formatMonth(s.peilmaand)} (de peilmaand van deze sessie); ernaast dezelfde maanden zoals nu bekend.`
              : 'Deze sessie is gemaakt voordat er leveringen waren: de cijfers zijn zoals nu bekend.'}
          </p>
          <div class="grid-2">
            <section class="panel" aria-labelledby="agenda-kop">
              <h2 id="agenda-kop">Agenda</h2>
              <ol class="agenda">
                {s.agenda.map((item, i) => (
                  <li>
                    <a href={href('presentatie', String(s.id), { item: i + 1, jaar: route.params.jaar })}>{agendaTitle(item, info)}</a>
                    {item.note && <p class="muted">{item.note}</p>}
                    <ThenAndNow item={item} then={figures.then(item)} now={figures.now(item)} info={info} />
                    {item.segment && (
                      <p>
                        <a href={href('segment', item.segment, { jaar: year, gemeente: item.gemeente_code === 'REGIO' ? null : item.gemeente_code })}>Open segmentbeeld</a>
                      </p>
                    )}
                  </li>
                ))}
              </ol>
              {figures.error && <p class="form-error">{figures.error.message}</p>}
            </section>
            <section class="panel" aria-labelledby="sessie-duiding-kop">
              <h2 id="sessie-duiding-kop">Duiding uit deze sessie</h2>
              <Async result={duiding}>{(items) => <DuidingList items={items} onChanged={duiding.reload} sessionId={s.id} />}</Async>
              <p>
                <a href={href('acties', null, { jaar: route.params.jaar })}>Alle open acties</a>
                {' · '}
                <a href={href('sinds', String(s.id), { jaar: route.params.jaar })}>Sinds de vorige sessie</a>
              </p>
            </section>
          </div>
        </>
      )}
    </Async>
  );
}
