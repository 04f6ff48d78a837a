/** How an action went through the duidingssessies, in words (the report's Act chapter). */
import type { Action, Duiding, Duidingssessie } from '../../contract/api.ts';
import { formatDate } from './format.ts';

/**
 * An action's way through the sessions, from its status history: "voorgesteld in A; lopend
 * sinds B; afgerond in C". A step without a session (before the first one) is dated instead.
 */
export function actionJourney(a: Action, proposal: Duiding, sessions: Duidingssessie[]): string {
  const name = (id: number | null, at: string) => {
    const s = sessions.find((x) => x.id === id);
    return s ? `sessie "${s.title}" (${formatDate(s.date)})` : formatDate(at.slice(0, 10));
  };
  const WORDS: Record<Action['status'], string> = { open: 'weer open sinds', lopend: 'lopend sinds', afgerond: 'afgerond in', vervallen: 'vervallen in' };
  const [first, ...rest] = a.history;
  if (!first) return '';
  const proposed = `voorgesteld in ${name(proposal.session_id ?? first.session_id, first.changed_at)}`;
  const firstStatus = first.status === 'open' ? [] : [`${WORDS[first.status]} ${name(first.session_id, first.changed_at)}`];
  return [proposed, ...firstStatus, ...rest.map((h) => `${WORDS[h.status]} ${name(h.session_id, h.changed_at)}`)].join('; ');
}
