/**
 * *Sinds de vorige sessie*: what changed between the previous session's peilmaand and now
 * (the newest data), per agenda topic of that session: its headline figure then and now over
 * the same months, the change, and the actions that came out of that session with their
 * history since. Without a session in the URL the page prepares the next session, so it looks
 * back on the newest one; with one (`#/sinds/<id>`) it looks back on the session before it.
 */
import type { Action, AgendaItem, Duiding, Duidingssessie } from '../../contract/api.ts';
import type { OverviewCard } from '../../contract/indicators.ts';
import { formatValue } from '../charts/options.ts';
import { ProposalDeletedNote } from '../components/ActionEditor.tsx';
import { HeadlineFigure } from '../components/HeadlineFigure.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Async, Empty } from '../components/States.tsx';
import { apiUrl } from '../lib/api.ts';
import { useAppInfo, type AppInfo } from '../lib/context.ts';
import { formatChange, formatDate, formatMonth, formatToDate, MISSING } from '../lib/format.ts';
import { ACTION_STATUS_LABELS } from '../lib/labels.ts';
import { href } from '../lib/route.ts';
import { headline, sessionYear } from '../lib/sessionPeilmaand.ts';
import { actionOfTopic, change, lookBack, sessionActions } from '../lib/sinceSession.ts';
import { useApi } from '../lib/useApi.ts';
import { useSessionFigures } from '../lib/useSessionFigures.ts';
import { useRoute } from '../lib/useRoute.ts';
import { agendaTitle } from './Sessies.tsx';

const scopeOf = (item: AgendaItem) => item.gemeente_code ?? 'REGIO';

const sessionName = (s: Duidingssessie) => `"${s.title}" (${formatDate(s.date)})`;

/** A signed amount as a room reads it: `+€ 0,3 mln`, `−12`. */
function signed(diff: number | null, unit: 'euro' | 'count'): string {
  if (diff == null) return MISSING;
  const text = formatValue(Math.abs(diff), unit, true);
  return diff === 0 ? text : `${diff > 0 ? '+' : '−'}${text}`;
}

/** One topic: the headline figure then (at the previous session's peilmaand) and now, and the change. */
function TopicFigures({ item, then, now, info }: { item: AgendaItem; then: OverviewCard | undefined; now: OverviewCard | undefined; info: AppInfo }) {
  const t = headline(then);
  const n = headline(now);
  const threshold = info.region.privacy_threshold;
  const hidden = t.suppressed || n.suppressed;
  const c = change(t.value, n.value);
  return (
    <dl class="since-figures" data-segment={item.segment ?? ''} data-scope={scopeOf(item)}>
      <div>
        <dt>Toen</dt>
        <dd>
          <HeadlineFigure h={t} field="then" threshold={threshold} />
        </dd>
      </div>
      <div>
        <dt>Nu</dt>
        <dd>
          <HeadlineFigure h={n} field="now" threshold={threshold} />
        </dd>
      </div>
      <div>
        <dt>Verandering</dt>
        <dd data-field="change">{hidden ? MISSING : `${signed(c.diff, n.unit)} (${formatChange(c.pct)})`}</dd>
      </div>
    </dl>
  );
}

/** An action from the session: its status now, and every step of its history with the session it was set in. */
function ActionLine({ action, sessions }: { action: Action; sessions: Duidingssessie[] }) {
  const where = (id: number | null) => {
    const s = sessions.find((x) => x.id === id);
    return s ? ` in sessie ${sessionName(s)}` : '';
  };
  return (
    <li data-action-id={action.id}>
      <strong>{action.title}</strong> · {action.owner_organisation}
      {action.due_date ? ` · uiterlijk ${formatDate(action.due_date)}` : ''} · <span data-field="status">{ACTION_STATUS_LABELS[action.status]}</span>
      <ProposalDeletedNote action={action} />
      <ol class="since-history">
        {action.history.map((h) => (
          <li data-status={h.status}>
            {ACTION_STATUS_LABELS[h.status]} op {formatDate(h.changed_at.slice(0, 10))}
            {where(h.session_id)} ({h.changed_by})
          </li>
        ))}
      </ol>
    </li>
  );
}

function Since({ previous, from, sessions }: { previous: Duidingssessie; from: Duidingssessie | null; sessions: Duidingssessie[] }) {
  const info = useAppInfo();
  const route = useRoute();
  const year = sessionYear(previous, info.defaultYear);
  // Then: as the previous session saw the figures. Now: the same months as known from the newest data.
  const figures = useSessionFigures(previous, year);
  const proposals = useApi<Duiding[]>(apiUrl('/duiding', { kind: 'verbetervoorstel' }));
  const actions = useApi<Action[]>(apiUrl('/actions'));
  const month = figures.month;
  const newest = info.periods.newest_peilmaand;
  const ofSession = actions.data && proposals.data ? sessionActions(actions.data, proposals.data, previous.id) : null;
  const loose = ofSession?.filter((a) => !previous.agenda.some((item) => actionOfTopic(a, proposals.data!, item))) ?? [];

  return (
    <>
      <p class="since-period" data-peilmaand={previous.peilmaand ?? ''}>
        {`Vorige sessie: ${sessionName(previous)}. `}
        {month ? `Cijfers ${formatToDate(month)}: ` : ''}
        {previous.peilmaand ? `toen zoals bekend eind ${formatMonth(previous.peilmaand)}, nu zoals bekend ${newest ? `eind ${formatMonth(newest)}` : 'nu'}.` : 'de vorige sessie is gemaakt voordat er leveringen waren; toen en nu zijn beide de cijfers zoals nu bekend.'}
      </p>
      {figures.error && <p class="form-error">{figures.error.message}</p>}
      <ol class="since-topics">
        {previous.agenda.map((item, i) => {
          const topicActions = ofSession?.filter((a) => actionOfTopic(a, proposals.data!, item)) ?? [];
          return (
            <li class="panel" data-topic={i + 1}>
              <h2>{agendaTitle(item, info)}</h2>
              {item.note && <p class="muted">{item.note}</p>}
              {item.segment ? (
                <TopicFigures item={item} then={figures.then(item)} now={figures.now(item)} info={info} />
              ) : (
                <p class="muted">Een overzicht van alle rijen: geen eigen cijfer.</p>
              )}
              {item.segment && (
                <p>
                  <a href={href('segment', item.segment, { jaar: year, gemeente: item.gemeente_code === 'REGIO' ? null : item.gemeente_code })}>Open segmentbeeld</a>
                </p>
              )}
              {ofSession && (
                <div class="since-actions">
                  <h3>Acties</h3>
                  {topicActions.length ? (
                    <ul>
                      {topicActions.map((a) => (
                        <ActionLine action={a} sessions={sessions} />
                      ))}
                    </ul>
                  ) : (
                    <p class="muted">Geen acties uit deze sessie bij dit onderwerp.</p>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {(actions.error || proposals.error) && <p class="form-error">{(actions.error ?? proposals.error)!.message}</p>}
      {loose.length > 0 && (
        <section class="panel" aria-labelledby="overige-acties-kop">
          <h2 id="overige-acties-kop">Overige acties uit deze sessie</h2>
          <ul>
            {loose.map((a) => (
              <ActionLine action={a} sessions={sessions} />
            ))}
          </ul>
        </section>
      )}
      <p>
        <a href={href('sessie', String(previous.id), { jaar: route.params.jaar })}>Open de vorige sessie</a>
        {from && (
          <>
            {' · '}
            <a href={href('sessie', String(from.id), { jaar: route.params.jaar })}>Terug naar {from.title}</a>
          </>
        )}
      </p>
    </>
  );
}

export function SindsView() {
  const route = useRoute();
  const sessions = useApi<Duidingssessie[]>(apiUrl('/sessions'));
  const picked = sessions.data ? lookBack(sessions.data, route.id) : null;
  return (
    <>
      <PageHeader
        title="Sinds de vorige sessie"
        intro={picked?.from ? `Wat veranderde sinds de sessie vóór ${sessionName(picked.from)}.` : 'Wat veranderde sinds de laatste sessie: de cijfers van haar agenda toen en nu, en de stand van haar acties.'}
      />
      <Async
        result={sessions}
        isEmpty={(s) => lookBack(s, route.id).previous == null}
        empty={
          <Empty title={route.id != null && sessions.data?.some((s) => String(s.id) === route.id) ? 'Geen eerdere sessie' : 'Nog geen sessie om op terug te kijken'}>
            <a href={href('sessies')}>Naar de duidingssessies</a>
          </Empty>
        }
      >
        {(all) => {
          const { from, previous } = lookBack(all, route.id);
          return <Since key={previous!.id} previous={previous!} from={from} sessions={all} />;
        }}
      </Async>
    </>
  );
}
