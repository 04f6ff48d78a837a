import { describe, expect, it } from 'vitest';
import type { Action, Duiding, Duidingssessie } from '../../contract/api.ts';
import { actionJourney } from '../../web/lib/actionJourney.ts';

const session = (id: number, title: string, date: string) => ({ id, title, date }) as Duidingssessie;
const step = (status: Action['status'], session_id: number | null, changed_at: string) => ({ status, session_id, changed_at, changed_by: 'x' });

describe('an action across sessions', () => {
  const sessions = [session(1, 'Maart', '2025-03-10'), session(2, 'Juni', '2025-06-12'), session(3, 'September', '2025-09-15')];
  const proposal = { session_id: 1 } as Duiding;

  it('reads proposed in A, lopend since B, afgerond in C from the status history', () => {
    const a = { history: [step('open', 1, '2025-03-10T10:00:00.000Z'), step('lopend', 2, '2025-06-12T10:00:00.000Z'), step('afgerond', 3, '2025-09-15T10:00:00.000Z')] } as Action;
    expect(actionJourney(a, proposal, sessions)).toBe(
      'voorgesteld in sessie "Maart" (10 maart 2025); lopend sinds sessie "Juni" (12 juni 2025); afgerond in sessie "September" (15 september 2025)',
    );
  });

  it('dates a step made outside any session, and names a first status that was not open', () => {
    const a = { history: [step('lopend', null, '2025-02-01T10:00:00.000Z')] } as Action;
    expect(actionJourney(a, { session_id: null } as Duiding, sessions)).toBe('voorgesteld in 1 februari 2025; lopend sinds 1 februari 2025');
  });
});
