/**
 * One duiding in a list: what it says, the figure it was written beside and the same figure
 * now, and for its author or a beheerder: change it, delete it, and read its history (who
 * changed what, when). Actions of a verbetervoorstel are listed by the caller under it.
 */
import { useState } from 'preact/hooks';
import type { Duiding, DuidingHistory, DuidingKind } from '../../contract/api.ts';
import { apiUrl, sendJson } from '../lib/api.ts';
import { useAppInfo } from '../lib/context.ts';
import { standText, thenAndNow } from '../lib/duidingFigures.ts';
import { formatPeriod, formatTimestamp } from '../lib/format.ts';
import { DUIDING_LABELS } from '../lib/labels.ts';
import { useApi } from '../lib/useApi.ts';
import { useAccount } from '../lib/user.ts';

const KINDS: DuidingKind[] = ['verklaring', 'signaal', 'verbetervoorstel'];
const CHANGE_LABELS = { geschreven: 'Geschreven', gewijzigd: 'Gewijzigd', verwijderd: 'Verwijderd' } as const;

/** "Kosten bij schrijven € 4,2 mln (stand juni 2025), nu € 4,5 mln (stand juli 2025)". */
export function FiguresThenNow({ d }: { d: Pick<Duiding, 'figures_at_writing' | 'figures_now'> }) {
  const { region } = useAppInfo();
  const f = thenAndNow(d.figures_at_writing, d.figures_now, region.privacy_threshold);
  if (!f) return null;
  const sameMonth = f.thenMonth === f.nowMonth;
  return (
    <p class={`duiding-figures${f.changed ? ' moved' : ''}`} data-field="figures">
      {f.label}{' '}
      {f.then === null ? (
        <>
          (bij schrijven niet vastgelegd), nu <strong data-field="now">{f.now}</strong>
        </>
      ) : (
        <>
          bij schrijven <strong data-field="then">{f.then}</strong>
          {sameMonth ? '' : ` (${standText(f.thenMonth)})`}, nu <strong data-field="now">{f.now}</strong>
          {sameMonth ? ` (${standText(f.nowMonth)})` : ` (${standText(f.nowMonth)})`}
          {f.changed ? ' · sindsdien veranderd' : ''}
        </>
      )}
    </p>
  );
}

function HistoryList({ id }: { id: number }) {
  const history = useApi<DuidingHistory>(apiUrl(`/duiding/${id}/history`));
  if (history.error) return <p class="form-error">{history.error.message}</p>;
  if (!history.data) return <p class="muted">Geschiedenis laden…</p>;
  return (
    <ol class="duiding-history" aria-label="Geschiedenis van deze duiding">
      {history.data.changes.map((c) => (
        <li>
          <span class="history-what">{CHANGE_LABELS[c.change]}</span> door {c.changed_by} op {formatTimestamp(c.changed_at)}
          {c.change === 'gewijzigd' && c.before && c.after && (
            <>
              {c.before.kind !== c.after.kind && <span> · soort: {DUIDING_LABELS[c.before.kind]} → {DUIDING_LABELS[c.after.kind]}</span>}
              {c.before.period !== c.after.period && <span> · over: {formatPeriod(c.before.period)} → {formatPeriod(c.after.period)}</span>}
              {c.before.text !== c.after.text && (
                <span class="history-text">
                  {' '}
                  · voor: <q data-field="before">{c.before.text}</q> na: <q data-field="after">{c.after.text}</q>
                </span>
              )}
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

export function DuidingItem({ d, onChanged, children }: { d: Duiding; onChanged: () => void; children?: preact.ComponentChildren }) {
  const account = useAccount();
  const mayChange = !!account && (account.role === 'beheerder' || (account.role === 'analist' && account.name === d.author));
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [showHistory, setShowHistory] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const prefix = `duiding-${d.id}`;

  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      setMode('view');
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const save = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    void run(() => sendJson('PATCH', apiUrl(`/duiding/${d.id}`), { kind: String(form.get('soort')), text: String(form.get('tekst') ?? '') }));
  };

  return (
    <li class={`duiding duiding-${d.kind}`} data-duiding-id={d.id}>
      <p class="duiding-meta">
        <span class="duiding-kind">{DUIDING_LABELS[d.kind]}</span> · {formatPeriod(d.period)} · {d.author}
        {d.updated_at !== d.created_at && <span class="muted"> · gewijzigd door {d.updated_by}</span>}
      </p>
      {mode === 'edit' ? (
        <form class="duiding-edit" onSubmit={save} aria-label="Duiding wijzigen">
          <div class="field">
            <label for={`${prefix}-soort`}>Soort</label>
            <select id={`${prefix}-soort`} name="soort" defaultValue={d.kind}>
              {KINDS.map((k) => (
                <option value={k} selected={k === d.kind}>
                  {DUIDING_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
          <div class="field field-wide">
            <label for={`${prefix}-tekst`}>Tekst</label>
            <textarea id={`${prefix}-tekst`} name="tekst" required rows={3} defaultValue={d.text} />
          </div>
          <button type="submit">Wijziging bewaren</button>{' '}
          <button type="button" class="secondary" onClick={() => setMode('view')}>
            Annuleren
          </button>
        </form>
      ) : (
        <p class="duiding-text">{d.text}</p>
      )}
      <FiguresThenNow d={d} />
      {children}
      <p class="duiding-tools">
        <button type="button" class="link-button" aria-expanded={showHistory} onClick={() => setShowHistory(!showHistory)}>
          Geschiedenis<span class="sr-only"> van deze duiding</span>
        </button>
        {mayChange && mode === 'view' && (
          <>
            {' · '}
            <button type="button" class="link-button" onClick={() => setMode('edit')}>
              Wijzig<span class="sr-only"> deze duiding</span>
            </button>
            {' · '}
            <button type="button" class="link-button" onClick={() => setMode('confirm-delete')}>
              Verwijder<span class="sr-only"> deze duiding</span>
            </button>
          </>
        )}
        {mode === 'confirm-delete' && (
          <span role="group" aria-label="Verwijderen bevestigen">
            {' '}
            Verwijderen? Acties blijven staan.{' '}
            <button type="button" onClick={() => void run(() => sendJson('DELETE', apiUrl(`/duiding/${d.id}`)))}>
              Ja, verwijder
            </button>{' '}
            <button type="button" class="secondary" onClick={() => setMode('view')}>
              Nee
            </button>
          </span>
        )}
      </p>
      {showHistory && <HistoryList id={d.id} />}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
