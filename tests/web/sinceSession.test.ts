import { describe, expect, it } from 'vitest';
import type { Action, AgendaItem, Duiding, Duidingssessie } from '../../contract/api.ts';
import { actionOfTopic, change, lookBack, sessionActions } from '../../web/lib/sinceSession.ts';

const session = (id: number, date: string) => ({ id, date, title: `S${id}` }) as Duidingssessie;
/** Newest first, as /api/sessions lists them. */
const sessions = [session(3, '2025-09-15'), session(2, '2025-06-12'), session(1, '2025-03-10')];
const proposal = (id: number, session_id: number | null, segment = 'verblijf', gemeente_code = 'REGIO') => ({ id, session_id, segment, gemeente_code }) as Duiding;
const action = (id: number, duiding_id: number, firstSession: number | null) => ({ id, duiding_id, history: [{ status: 'open', session_id: firstSession, changed_at: '2025-01-01T00:00:00.000Z', changed_by: 'x' }] }) as Action;

describe('which session the page looks back on', () => {
  it('without an id it prepares the next session: the newest one', () => {
    expect(lookBack(sessions, null)).toEqual({ from: null, previous: sessions[0] });
  });
  it('with an id it is the page for that session: the one before it', () => {
    expect(lookBack(sessions, '3')).toEqual({ from: sessions[0], previous: sessions[1] });
    expect(lookBack(sessions, '1')).toEqual({ from: sessions[2], previous: null });
  });
  it('an unknown session or none at all has nothing to look back on', () => {
    expect(lookBack(sessions, '9').previous).toBeNull();
    expect(lookBack([], null).previous).toBeNull();
  });
});

describe('the actions that came out of a session', () => {
  const proposals = [proposal(10, 1), proposal(11, 2, 'crisis', 'GM0153'), proposal(12, null)];
  const actions = [action(1, 10, 1), action(2, 11, 2), action(3, 12, 1), action(4, 12, null)];
  it('made from its verbetervoorstellen, or first recorded in it', () => {
    expect(sessionActions(actions, proposals, 1).map((a) => a.id)).toEqual([1, 3]);
    expect(sessionActions(actions, proposals, 2).map((a) => a.id)).toEqual([2]);
  });
  it('belong to the topic whose row and scope their verbetervoorstel is about', () => {
    const verblijf = { segment: 'verblijf', gemeente_code: null } as AgendaItem;
    const crisisEnschede = { segment: 'crisis', gemeente_code: 'GM0153' } as AgendaItem;
    const overzicht = { segment: null, gemeente_code: null } as AgendaItem;
    expect(actions.filter((a) => actionOfTopic(a, proposals, verblijf)).map((a) => a.id)).toEqual([1, 3, 4]);
    expect(actions.filter((a) => actionOfTopic(a, proposals, crisisEnschede)).map((a) => a.id)).toEqual([2]);
    expect(actions.filter((a) => actionOfTopic(a, proposals, overzicht))).toEqual([]);
  });
});

describe('the change from then to now', () => {
  it('in units and in percent of then', () => {
    expect(change(200, 250)).toEqual({ diff: 50, pct: 25 });
    expect(change(200, 150)).toEqual({ diff: -50, pct: -25 });
  });
  it('nothing when a side is missing, no percent from zero', () => {
    expect(change(null, 5)).toEqual({ diff: null, pct: null });
    expect(change(0, 5)).toEqual({ diff: 5, pct: null });
  });
});
