/** Open actions across sessions: what was agreed, who owns it, by when; status can be moved on here. */
import type { Action, ActionStatus, Duiding } from '../../contract/api.ts';
import { ProposalDeletedNote } from '../components/ActionEditor.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { Async, Empty } from '../components/States.tsx';
import { apiUrl, sendJson } from '../lib/api.ts';
import { formatDate, formatPeriod } from '../lib/format.ts';
import { ACTION_STATUS_LABELS, ROW_LABELS } from '../lib/labels.ts';
import { href } from '../lib/route.ts';
import { useApi, useApiAll } from '../lib/useApi.ts';
import { setParams, useRoute } from '../lib/useRoute.ts';
import { mayWrite, useAccount } from '../lib/user.ts';

const STATUSES: ActionStatus[] = ['open', 'lopend', 'afgerond', 'vervallen'];

export function ActiesView() {
  const writer = mayWrite(useAccount());
  const route = useRoute();
  const filter = route.params.status === 'alle' ? null : ((route.params.status as ActionStatus | undefined) ?? null);
  // "Open" means not finished: both open and lopend, one list.
  const lists = useApiAll<Action[]>(filter ? [apiUrl('/actions', { status: filter })] : route.params.status === 'alle' ? [apiUrl('/actions')] : [apiUrl('/actions', { status: 'open' }), apiUrl('/actions', { status: 'lopend' })]);
  const duiding = useApi<Duiding[]>(apiUrl('/duiding', { kind: 'verbetervoorstel' }));
  const today = new Date().toISOString().slice(0, 10);

  const setStatus = async (action: Action, status: ActionStatus) => {
    await sendJson<Action>('PATCH', apiUrl(`/actions/${action.id}`), { status });
    lists.reload();
  };

  return (
    <>
      <PageHeader title="Acties" intro="Acties die volgen uit verbetervoorstellen in duidingssessies.">
        <label>
          Toon
          <select value={route.params.status ?? ''} onChange={(e) => setParams(route, { status: (e.target as HTMLSelectElement).value })}>
            <option value="">Open en lopend</option>
            {STATUSES.map((s) => (
              <option value={s}>{ACTION_STATUS_LABELS[s]}</option>
            ))}
            <option value="alle">Alle</option>
          </select>
        </label>
      </PageHeader>
      <section class="panel" aria-labelledby="acties-kop">
        <h2 id="acties-kop">Acties</h2>
        <Async result={lists} isEmpty={(l) => l.flat().length === 0} empty={<Empty title="Geen acties met deze status">Maak een actie van een verbetervoorstel bij een grafiek.</Empty>}>
          {(l) => {
            const rows = l.flat().sort((a, b) => (a.due_date ?? '9999').localeCompare(b.due_date ?? '9999'));
            return (
              <table class="data-table">
                <caption class="sr-only">Acties</caption>
                <thead>
                  <tr>
                    <th scope="col">Actie</th>
                    <th scope="col">Eigenaar</th>
                    <th scope="col">Uiterlijk</th>
                    <th scope="col">Voortgekomen uit</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((a) => {
                    const source = duiding.data?.find((d) => d.id === a.duiding_id);
                    const overdue = a.due_date != null && a.due_date < today && (a.status === 'open' || a.status === 'lopend');
                    return (
                      <tr data-action-id={a.id}>
                        <th scope="row">{a.title}</th>
                        <td>{a.owner_organisation}</td>
                        <td class={overdue ? 'status-bad' : undefined}>
                          {a.due_date ? formatDate(a.due_date) : '–'}
                          {overdue && ' (verlopen)'}
                        </td>
                        <td>
                          <ProposalDeletedNote action={a} />
                          {source ? (
                            <a href={href('segment', source.segment, { gemeente: source.gemeente_code === 'REGIO' ? null : source.gemeente_code, jaar: source.period.slice(0, 4) })}>
                              {ROW_LABELS[source.segment]}, {formatPeriod(source.period)}
                            </a>
                          ) : a.proposal_deleted ? null : (
                            `verbetervoorstel ${a.duiding_id}`
                          )}
                        </td>
                        <td>
                          {writer ? (
                            <>
                            <label class="sr-only" for={`actie-status-${a.id}`}>
                              Status van {a.title}
                            </label>
                            <select id={`actie-status-${a.id}`} value={a.status} onChange={(e) => setStatus(a, (e.target as HTMLSelectElement).value as ActionStatus)}>
                              {STATUSES.map((s) => (
                                <option value={s}>{ACTION_STATUS_LABELS[s]}</option>
                              ))}
                            </select>
                            </>
                          ) : (
                            <span id={`actie-status-${a.id}`}>{ACTION_STATUS_LABELS[a.status]}</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            );
          }}
        </Async>
        <p class="muted">Een actie zonder eigenaar of datum blijft open staan tot iemand hem oppakt.</p>
      </section>
    </>
  );
}
