/**
 * Duiding next to the chart it is about: the list of verklaringen, signalen and
 * verbetervoorstellen for this row, scope and year, a form to write one, and for a
 * verbetervoorstel a form to turn it into an action.
 */
import { useState } from 'preact/hooks';
import type { Action, Duiding, DuidingInput, DuidingKind } from '../../contract/api.ts';
import type { IndicatorId, ReportingRow } from '../../contract/domain.ts';
import { apiUrl, sendJson } from '../lib/api.ts';
import { formatPeriod, monthsOfYear } from '../lib/format.ts';
import { DUIDING_LABELS } from '../lib/labels.ts';
import { useApi, type Loaded } from '../lib/useApi.ts';
import { mayWrite, useAccount } from '../lib/user.ts';
import { ActionEditor } from './ActionEditor.tsx';
import { DuidingItem } from './DuidingItem.tsx';
import { ErrorState, Loading } from './States.tsx';

interface Props {
  list: Loaded<Duiding[]>;
  segment: ReportingRow;
  scope: string;
  year: number;
  indicator?: IndicatorId | null;
  sessionId?: number | null;
  /** Large type in presentation mode. */
  compact?: boolean;
}

const KINDS: DuidingKind[] = ['verklaring', 'signaal', 'verbetervoorstel'];

/** Writes are recorded under the signed-in account's name: said next to the button. */
export function NameField({ idPrefix }: { idPrefix: string }) {
  const account = useAccount();
  return (
    <p class="muted recorded-as" id={`${idPrefix}-naam`}>
      Vastgelegd als {account?.name ?? 'onbekend'}
    </p>
  );
}

function ActionForm({ duiding, sessionId, onDone }: { duiding: Duiding; sessionId: number | null; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = `actie-${duiding.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      await sendJson<Action>('POST', apiUrl('/actions'), {
        duiding_id: duiding.id,
        title: String(form.get('titel') ?? ''),
        owner_organisation: String(form.get('eigenaar') ?? ''),
        due_date: String(form.get('deadline') ?? '') || null,
        ...(sessionId ? { session_id: sessionId } : {}),
      });
      onDone();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="action-form" onSubmit={submit} aria-label="Actie maken van dit verbetervoorstel">
      <div class="field">
        <label for={`${prefix}-titel`}>Actie</label>
        <input id={`${prefix}-titel`} name="titel" required defaultValue={duiding.text.slice(0, 200)} />
      </div>
      <div class="field">
        <label for={`${prefix}-eigenaar`}>Eigenaar (organisatie)</label>
        <input id={`${prefix}-eigenaar`} name="eigenaar" required />
      </div>
      <div class="field">
        <label for={`${prefix}-deadline`}>Uiterlijk</label>
        <input id={`${prefix}-deadline`} name="deadline" type="date" />
      </div>
      <NameField idPrefix={prefix} />
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Actie opslaan
      </button>
    </form>
  );
}

/**
 * Duiding with their figures then and now, and under each verbetervoorstel its actions (which
 * stay, with a note, when the proposal is deleted: see the Acties view). `sessionId`: the
 * session the list is shown in; action changes made here count as made there.
 */
export function DuidingList({ items, onChanged, sessionId = null }: { items: Duiding[]; onChanged: () => void; sessionId?: number | null }) {
  const writer = mayWrite(useAccount());
  const [actionFor, setActionFor] = useState<number | null>(null);
  // The actions that already follow from a verbetervoorstel are shown under it.
  const actions = useApi<Action[]>(items.some((d) => d.kind === 'verbetervoorstel') ? apiUrl('/actions') : null);
  if (items.length === 0) return <p class="muted">Nog geen duiding voor deze keuze.</p>;
  const changed = () => {
    actions.reload();
    onChanged();
  };
  return (
    <ul class="duiding-list">
      {items.map((d) => {
        const own = (actions.data ?? []).filter((a) => a.duiding_id === d.id);
        return (
          <DuidingItem d={d} onChanged={changed}>
            {d.kind === 'verbetervoorstel' && own.length > 0 && (
              <ul class="duiding-actions" aria-label="Acties">
                {own.map((a) => (
                  <ActionEditor action={a} sessionId={sessionId} onChanged={changed} />
                ))}
              </ul>
            )}
            {d.kind === 'verbetervoorstel' &&
              writer &&
              (actionFor === d.id ? (
                <ActionForm
                  duiding={d}
                  sessionId={sessionId}
                  onDone={() => {
                    setActionFor(null);
                    changed();
                  }}
                />
              ) : (
                <p class="make-action">
                  {own.length > 0 && <span class="muted" data-field="has-actions">Heeft al {own.length === 1 ? 'een actie' : `${own.length} acties`}. </span>}
                  <button type="button" class="link-button" onClick={() => setActionFor(d.id)}>
                    {own.length > 0 ? 'Nog een actie maken' : 'Maak actie'}
                    <span class="sr-only"> van verbetervoorstel: {d.text.slice(0, 60)}</span>
                  </button>
                </p>
              ))}
          </DuidingItem>
        );
      })}
    </ul>
  );
}

export function DuidingPanel({ list, segment, scope, year, indicator = null, sessionId = null, compact = false }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(0);
  const idPrefix = `duiding-${segment}`;
  const account = useAccount();
  const submit = async (e: Event) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    const input: DuidingInput = {
      kind: String(form.get('soort')) as DuidingKind,
      segment,
      gemeente_code: scope as DuidingInput['gemeente_code'],
      period: String(form.get('periode')),
      indicator,
      text: String(form.get('tekst') ?? ''),
      session_id: sessionId,
    };
    setBusy(true);
    setError(null);
    try {
      await sendJson<Duiding>('POST', apiUrl('/duiding'), input);
      formEl.reset();
      setSaved((n) => n + 1);
      list.reload();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class={`duiding-panel${compact ? ' duiding-compact' : ''}`} aria-labelledby={`${idPrefix}-kop`}>
      <h2 id={`${idPrefix}-kop`}>Duiding</h2>
      {list.error ? <ErrorState error={list.error} retry={list.reload} /> : list.data == null ? <Loading /> : <DuidingList items={list.data} onChanged={list.reload} sessionId={sessionId} />}
      {!mayWrite(account) ? (
        <p class="muted">Je account mag duiding lezen; schrijven mag een analist of beheerder.</p>
      ) : (
      <form class="duiding-form" onSubmit={submit} aria-label="Duiding schrijven">
        <div class="field">
          <label for={`${idPrefix}-soort`}>Soort</label>
          <select id={`${idPrefix}-soort`} name="soort">
            {KINDS.map((k) => (
              <option value={k}>{DUIDING_LABELS[k]}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${idPrefix}-periode`}>Over</label>
          <select id={`${idPrefix}-periode`} name="periode">
            <option value={String(year)}>heel {year}</option>
            {monthsOfYear(year).map((m) => (
              <option value={m}>{formatPeriod(m)}</option>
            ))}
          </select>
        </div>
        <div class="field field-wide">
          <label for={`${idPrefix}-tekst`}>Tekst</label>
          <textarea id={`${idPrefix}-tekst`} name="tekst" required rows={3} />
        </div>
        <NameField idPrefix={idPrefix} />
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          Duiding opslaan
        </button>
        <span class="sr-only" role="status">
          {saved > 0 ? 'Duiding opgeslagen' : ''}
        </span>
      </form>
      )}
    </section>
  );
}
