/** One duidingssessie: its agenda (each item opens the view it is about), its duiding, and the way into presentation mode. */
import type { Duiding, Duidingssessie } from '../../contract/api.ts';
import { DuidingList } from '../components/DuidingPanel.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Async } from '../components/States.tsx';
import { apiUrl } from '../lib/api.ts';
import { useAppInfo } from '../lib/context.ts';
import { formatDate } from '../lib/format.ts';
import { href, yearParam } from '../lib/route.ts';
import { useApi } from '../lib/useApi.ts';
import { useRoute } from '../lib/useRoute.ts';
import { agendaTitle } from './Sessies.tsx';

export function SessieView() {
  const route = useRoute();
  const info = useAppInfo();
  const year = yearParam(route, info.defaultYear);
  const id = route.id ?? '';
  const duidingssessie = useApi<Duidingssessie>(apiUrl(`/sessions/${encodeURIComponent(id)}`));
  const duiding = useApi<Duiding[]>(apiUrl('/duiding', { session_id: id }));
  return (
    <Async result={duidingssessie}>
      {(s) => (
        <>
          <PageHeader title={s.title} intro={`${formatDate(s.date)}${s.organisations.length ? ` · met ${s.organisations.join(', ')}` : ''}`}>
            <a class="button" href={href('presentatie', String(s.id), { item: 1, jaar: route.params.jaar })}>
              Start presentatie
            </a>
          </PageHeader>
          <div class="grid-2">
            <section class="panel" aria-labelledby="agenda-kop">
              <h2 id="agenda-kop">Agenda</h2>
              <ol class="agenda">
                {s.agenda.map((item, i) => (
                  <li>
                    <a href={href('presentatie', String(s.id), { item: i + 1, jaar: route.params.jaar })}>{agendaTitle(item, info)}</a>
                    {item.note && <p class="muted">{item.note}</p>}
                    {item.segment && (
                      <p>
                        <a href={href('segment', item.segment, { jaar: year, gemeente: item.gemeente_code === 'REGIO' ? null : item.gemeente_code })}>Open segmentbeeld</a>
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            </section>
            <section class="panel" aria-labelledby="sessie-duiding-kop">
              <h2 id="sessie-duiding-kop">Duiding uit deze sessie</h2>
              <Async result={duiding}>{(items) => <DuidingList items={items} onChanged={duiding.reload} />}</Async>
              <p>
                <a href={href('acties', null, { jaar: route.params.jaar })}>Alle open acties</a>
              </p>
            </section>
          </div>
        </>
      )}
    </Async>
  );
}
