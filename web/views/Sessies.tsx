/** Duidingssessies: the list, and a form to plan one (date, title, organisations, agenda of views). */
import { useState } from 'preact/hooks';
import type { AgendaItem, Duidingssessie, DuidingssessieInput } from '../../contract/api.ts';
import type { ReportingRow } from '../../contract/domain.ts';
import { ROW_ORDER } from '../../contract/rows.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { Async, Empty } from '../components/States.tsx';
import type { SignalsAnswer } from '../../contract/signals.ts';
import { apiUrl, getJson, sendJson } from '../lib/api.ts';
import { proposeAgenda } from '../lib/agendaProposal.ts';
import { gemeenteName, useAppInfo } from '../lib/context.ts';
import { formatDate, formatMonth } from '../lib/format.ts';
import { ROW_LABELS } from '../lib/labels.ts';
import { href } from '../lib/route.ts';
import { useApi } from '../lib/useApi.ts';
import { navigate, useRoute } from '../lib/useRoute.ts';
import { NameField } from '../components/DuidingPanel.tsx';
import { mayWrite, useAccount } from '../lib/user.ts';

/** Every row but overig, which a duidingssessie does not steer on. */
const AGENDA_ROWS = ROW_ORDER.filter((row) => row !== 'overig');

export function agendaTitle(item: AgendaItem, info: ReturnType<typeof useAppInfo>): string {
  const scope = item.gemeente_code ? gemeenteName(info, item.gemeente_code) : `Regio ${info.regionName}`;
  if (item.segment) return `${ROW_LABELS[item.segment]} · ${scope}`;
  return `Overzicht · ${scope}`;
}

interface DraftItem {
  segment: string;
  gemeente: string;
  note: string;
}

const draftOf = (item: AgendaItem): DraftItem => ({ segment: item.segment ?? '', gemeente: item.gemeente_code ?? 'REGIO', note: item.note ?? '' });

/**
 * Plans a new session, or with `existing` changes one (title, date, organisations, agenda; its
 * peilmaand stays what the session saw unless changed here).
 */
export function PlanForm({ existing, onSaved }: { existing?: Duidingssessie; onSaved?: (s: Duidingssessie) => void } = {}) {
  const info = useAppInfo();
  const [items, setItems] = useState<DraftItem[]>(existing ? existing.agenda.map(draftOf) : [{ segment: 'verblijf', gemeente: 'REGIO', note: '' }]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const months = info.periods.months;
  const newest = info.periods.newest_peilmaand ?? months[months.length - 1] ?? null;

  const [proposing, setProposing] = useState(false);
  const [proposal, setProposal] = useState<string | null>(null);

  /** Replaces the agenda by topics from the top signals at the form's peilmaand; the planner edits them after. */
  const prepare = async (e: Event) => {
    const form = (e.currentTarget as HTMLButtonElement).form;
    const peilmaand = (form?.elements.namedItem('peilmaand') as HTMLInputElement | null)?.value || newest;
    const year = peilmaand ? Number(peilmaand.slice(0, 4)) : info.defaultYear;
    setProposing(true);
    setError(null);
    try {
      const answer = await getJson<SignalsAnswer>(apiUrl('/signals', { year, peilmaand }));
      const topics = proposeAgenda(answer.signals, AGENDA_ROWS);
      if (topics.length) setItems(topics);
      setProposal(topics.length ? `${topics.length === 1 ? 'Eén onderwerp' : `${topics.length} onderwerpen`} voorgesteld uit de signalen van ${year}; pas ze aan waar nodig.` : `Geen signalen voor ${year}: de agenda is niet veranderd.`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setProposing(false);
    }
  };

  const update = (i: number, change: Partial<DraftItem>) => setItems(items.map((it, j) => (j === i ? { ...it, ...change } : it)));

  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const input: DuidingssessieInput = {
      date: String(form.get('datum')),
      title: String(form.get('titel') ?? ''),
      organisations: String(form.get('organisaties') ?? '')
        .split(/[\n,;]/)
        .map((s) => s.trim())
        .filter(Boolean),
      // Empty: the server records the newest delivered month.
      ...(form.get('peilmaand') ? { peilmaand: String(form.get('peilmaand')) } : {}),
      agenda: items.map((it) => ({
        view: it.segment === '' ? 'overzicht' : 'segment',
        segment: it.segment === '' ? null : (it.segment as ReportingRow),
        gemeente_code: it.gemeente as AgendaItem['gemeente_code'],
        indicator: null,
        note: it.note.trim() || null,
      })),
    };
    setBusy(true);
    setError(null);
    try {
      if (existing) {
        // Only a peilmaand that was changed is sent: the one saved stays what the session saw.
        const { peilmaand, ...rest } = input;
        const saved = await sendJson<Duidingssessie>('PATCH', apiUrl(`/sessions/${existing.id}`), { ...rest, ...(peilmaand && peilmaand !== existing.peilmaand ? { peilmaand } : {}) });
        onSaved?.(saved);
        return;
      }
      const created = await sendJson<Duidingssessie>('POST', apiUrl('/sessions'), input);
      navigate({ view: 'sessie', id: String(created.id), params: {} });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="plan-form" onSubmit={submit} aria-labelledby="plan-kop">
      <h2 id="plan-kop">{existing ? 'Sessie wijzigen' : 'Sessie plannen'}</h2>
      <div class="form-grid">
        <div class="field">
          <label for="sessie-datum">Datum</label>
          <input id="sessie-datum" name="datum" type="date" required defaultValue={existing?.date} />
        </div>
        <div class="field field-wide">
          <label for="sessie-titel">Titel</label>
          <input id="sessie-titel" name="titel" required maxLength={200} defaultValue={existing?.title} />
        </div>
        <div class="field field-wide">
          <label for="sessie-organisaties">Aanwezige organisaties (één per regel of met komma's)</label>
          <textarea id="sessie-organisaties" name="organisaties" rows={2} defaultValue={existing?.organisations.join(', ')} />
        </div>
        <div class="field">
          <label for="sessie-peilmaand">Peilmaand (cijfers zoals bekend eind deze maand)</label>
          <input id="sessie-peilmaand" name="peilmaand" type="month" defaultValue={existing ? (existing.peilmaand ?? undefined) : (newest ?? undefined)} min={months[0]} max={newest ?? undefined} />
        </div>
        <NameField idPrefix="sessie" />
      </div>
      <fieldset>
        <legend>Agenda</legend>
        <p>
          <button type="button" class="secondary" onClick={prepare} disabled={proposing}>
            Sessie voorbereiden
          </button>{' '}
          <span class="muted">Stelt een agenda voor uit de grootste signalen (doelpad, trendbreuk, landelijke referentie, bijdrage).</span>{' '}
          {/* Preparing the next session looks back on the newest; changing one, on the session before it. */}
          <a href={href('sinds', existing ? String(existing.id) : null)}>Sinds de vorige sessie</a>
        </p>
        {proposal && (
          <p class="muted" role="status" data-testid="agenda-proposal">
            {proposal}
          </p>
        )}
        <ol class="agenda-edit">
          {items.map((it, i) => (
            <li>
              <div class="field">
                <label for={`agenda-${i}-segment`}>Onderwerp {i + 1}</label>
                <select id={`agenda-${i}-segment`} value={it.segment} onChange={(e) => update(i, { segment: (e.target as HTMLSelectElement).value })}>
                  <option value="">Overzicht</option>
                  {AGENDA_ROWS.map((r) => (
                    <option value={r}>{ROW_LABELS[r]}</option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for={`agenda-${i}-gemeente`}>Gemeente {i + 1}</label>
                <select id={`agenda-${i}-gemeente`} value={it.gemeente} onChange={(e) => update(i, { gemeente: (e.target as HTMLSelectElement).value })}>
                  <option value="REGIO">Hele regio</option>
                  {info.gemeenten.map((g) => (
                    <option value={g.code}>{g.name}</option>
                  ))}
                </select>
              </div>
              <div class="field field-wide">
                <label for={`agenda-${i}-note`}>Vraag of toelichting {i + 1}</label>
                <input id={`agenda-${i}-note`} value={it.note} onInput={(e) => update(i, { note: (e.target as HTMLInputElement).value })} />
              </div>
              {items.length > 1 && (
                <button type="button" class="link-button" onClick={() => setItems(items.filter((_, j) => j !== i))}>
                  Verwijder onderwerp {i + 1}
                </button>
              )}
            </li>
          ))}
        </ol>
        <button type="button" class="secondary" onClick={() => setItems([...items, { segment: 'wonen', gemeente: 'REGIO', note: '' }])}>
          Agendapunt toevoegen
        </button>
      </fieldset>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {existing ? 'Wijzigingen opslaan' : 'Sessie opslaan'}
      </button>
    </form>
  );
}

export function SessiesView() {
  const account = useAccount();
  const route = useRoute();
  const duidingssessies = useApi<Duidingssessie[]>(apiUrl('/sessions'));
  return (
    <>
      <PageHeader title="Duidingssessies" intro="Plan een sessie met een agenda van beelden, presenteer die op de beamer en leg duiding en acties vast." />
      <div class="grid-2">
        <section class="panel" aria-labelledby="lijst-kop">
          <h2 id="lijst-kop">Sessies</h2>
          <p>
            <a href={href('sinds', null, { jaar: route.params.jaar })}>Sinds de vorige sessie</a>
            <span class="muted"> · wat veranderde sinds de laatste sessie, en de stand van haar acties</span>
          </p>
          <Async result={duidingssessies} isEmpty={(s) => s.length === 0} empty={<Empty title="Nog geen sessies gepland">Plan de eerste hiernaast.</Empty>}>
            {(rows) => (
              <ul class="session-list">
                {rows.map((s) => (
                  <li>
                    <a href={href('sessie', String(s.id), { jaar: route.params.jaar })}>{s.title}</a>
                    <span class="muted">
                      {' '}
                      · {formatDate(s.date)} · {s.agenda.length} agendapunten{s.peilmaand ? ` · stand ${formatMonth(s.peilmaand)}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Async>
        </section>
        <section class="panel">
          {mayWrite(account) ? <PlanForm /> : <p class="muted">Sessies plannen mag een analist of beheerder.</p>}
        </section>
      </div>
    </>
  );
}
