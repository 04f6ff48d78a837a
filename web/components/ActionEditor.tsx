/**
 * One action under its verbetervoorstel: title, owner, due date and status, each changeable by
 * an analist (in a session the change is recorded as made there), and a note when the
 * proposal it came from was deleted.
 */
import { useState } from 'preact/hooks';
import type { Action, ActionPatch, ActionStatus } from '../../contract/api.ts';
import { apiUrl, sendJson } from '../lib/api.ts';
import { formatDate, formatTimestamp } from '../lib/format.ts';
import { ACTION_STATUS_LABELS } from '../lib/labels.ts';
import { mayWrite, useAccount } from '../lib/user.ts';

export const ACTION_STATUSES: ActionStatus[] = ['open', 'lopend', 'afgerond', 'vervallen'];

/** Said wherever an action shows whose proposal is gone. */
export function ProposalDeletedNote({ action }: { action: Action }) {
  if (!action.proposal_deleted) return null;
  return (
    <p class="muted proposal-deleted" data-field="proposal-deleted">
      Het verbetervoorstel van deze actie is verwijderd door {action.proposal_deleted.by} op {formatTimestamp(action.proposal_deleted.at)}; de actie blijft staan.
    </p>
  );
}

/** Sends a change of an action; `sessionId`: the session it is made in. */
export function patchAction(action: Action, patch: Omit<ActionPatch, 'session_id'>, sessionId: number | null = null): Promise<Action> {
  return sendJson<Action>('PATCH', apiUrl(`/actions/${action.id}`), { ...patch, ...(sessionId ? { session_id: sessionId } : {}) });
}

export function ActionEditor({ action, sessionId = null, onChanged }: { action: Action; sessionId?: number | null; onChanged: () => void }) {
  const writer = mayWrite(useAccount());
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const prefix = `actie-${action.id}`;
  const send = async (patch: Omit<ActionPatch, 'session_id'>) => {
    setError(null);
    try {
      await patchAction(action, patch, sessionId);
      setEditing(false);
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    void send({ title: String(form.get('titel') ?? ''), owner_organisation: String(form.get('eigenaar') ?? ''), due_date: String(form.get('deadline') ?? '') || null });
  };
  return (
    <li class="action-line" data-action-id={action.id}>
      {editing ? (
        <form class="action-form" onSubmit={submit} aria-label={`Actie ${action.title} wijzigen`}>
          <div class="field">
            <label for={`${prefix}-titel-edit`}>Actie</label>
            <input id={`${prefix}-titel-edit`} name="titel" required defaultValue={action.title} />
          </div>
          <div class="field">
            <label for={`${prefix}-eigenaar-edit`}>Eigenaar (organisatie)</label>
            <input id={`${prefix}-eigenaar-edit`} name="eigenaar" required defaultValue={action.owner_organisation} />
          </div>
          <div class="field">
            <label for={`${prefix}-deadline-edit`}>Uiterlijk</label>
            <input id={`${prefix}-deadline-edit`} name="deadline" type="date" defaultValue={action.due_date ?? ''} />
          </div>
          <button type="submit">Actie bewaren</button>{' '}
          <button type="button" class="secondary" onClick={() => setEditing(false)}>
            Annuleren
          </button>
        </form>
      ) : (
        <span>
          Actie: {action.title} · {action.owner_organisation}
          {action.due_date ? ` · uiterlijk ${formatDate(action.due_date)}` : ''}
        </span>
      )}{' '}
      {writer ? (
        <>
          <label class="sr-only" for={`${prefix}-status`}>
            Status van {action.title}
          </label>
          <select id={`${prefix}-status`} value={action.status} onChange={(e) => void send({ status: (e.target as HTMLSelectElement).value as ActionStatus })}>
            {ACTION_STATUSES.map((s) => (
              <option value={s}>{ACTION_STATUS_LABELS[s]}</option>
            ))}
          </select>{' '}
          {!editing && (
            <button type="button" class="link-button" onClick={() => setEditing(true)}>
              Wijzig<span class="sr-only"> actie {action.title}</span>
            </button>
          )}
        </>
      ) : (
        <span> · {ACTION_STATUS_LABELS[action.status].toLowerCase()}</span>
      )}
      <ProposalDeletedNote action={action} />
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
