/**
 * The *Sinds de vorige sessie* page: which session a room looks back on, and what came out of
 * it. Pure functions over what the API serves (sessions, verbetervoorstellen, actions), so the
 * choices are tested without a browser and the page only words them.
 */
import type { Action, AgendaItem, Duiding, Duidingssessie } from '../../contract/api.ts';

export interface LookBack {
  /** The session the page is for; null: the next one, not planned yet (preparing it). */
  from: Duidingssessie | null;
  /** The session before it, whose topics and actions the page shows; null when there is none. */
  previous: Duidingssessie | null;
}

/**
 * `sessions` newest first (as `/api/sessions` lists them). Without an id the page prepares the
 * next session, so the previous one is the newest; with one, it is the session before that one.
 */
export function lookBack(sessions: Duidingssessie[], id: string | null): LookBack {
  if (id == null) return { from: null, previous: sessions[0] ?? null };
  const i = sessions.findIndex((s) => String(s.id) === id);
  if (i < 0) return { from: null, previous: null };
  return { from: sessions[i], previous: sessions[i + 1] ?? null };
}

/**
 * The actions that came out of a session: made from a verbetervoorstel written in it, or first
 * recorded in it (an action on an older proposal agreed in this session).
 */
export function sessionActions(actions: Action[], proposals: Duiding[], sessionId: number): Action[] {
  const fromSession = new Set(proposals.filter((d) => d.session_id === sessionId).map((d) => d.id));
  return actions.filter((a) => fromSession.has(a.duiding_id) || a.history[0]?.session_id === sessionId);
}

const scopeOf = (item: Pick<AgendaItem, 'gemeente_code'>) => item.gemeente_code ?? 'REGIO';

/** Whether an action belongs to an agenda topic: its verbetervoorstel is about the topic's row and scope. */
export function actionOfTopic(a: Action, proposals: Duiding[], item: AgendaItem): boolean {
  const d = proposals.find((p) => p.id === a.duiding_id);
  return !!d && !!item.segment && d.segment === item.segment && d.gemeente_code === scopeOf(item);
}

/** The change from then to now, and in percent of then (null when either side is missing or then is 0). */
export function change(then: number | null, now: number | null): { diff: number | null; pct: number | null } {
  if (then == null || now == null) return { diff: null, pct: null };
  return { diff: now - then, pct: then === 0 ? null : ((now - then) / Math.abs(then)) * 100 };
}
