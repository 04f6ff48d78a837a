/** Actions that follow from a verbetervoorstel, with the history of their status. */
import type { Action, ActionFilter, ActionInput, ActionPatch } from '../../contract/api.ts';
import type { Queryable, Store } from '../../store/store.ts';
import { InvalidInputError, NotFoundError } from '../domainErrors.ts';
import type { Actor } from './duidingRepository.ts';
import { checkDuidingssessieExists } from './duidingssessieRepository.ts';
import { type AfterWrite, duidingWriter, firstOr, nowIso, TS, where } from './sql.ts';

/**
 * A status change counts as made in the session given with it, else in the latest session held
 * on or before that day (what was agreed there is carried out until the next one).
 */
const SESSION_OF_CHANGE = `coalesce(h.session_id, (SELECT s.session_id FROM duiding_sessions s
  WHERE s.session_date <= CAST(h.changed_at AS DATE) ORDER BY s.session_date DESC, s.session_id DESC LIMIT 1))`;

const SELECT = `
  SELECT action_id AS id, a.duiding_id, title, owner_organisation, strftime(due_date, '%Y-%m-%d') AS due_date, status,
         created_by, ${TS('a.created_at')} AS created_at, a.updated_by, ${TS('a.updated_at')} AS updated_at,
         coalesce((SELECT to_json(list({'status': h.status, 'changed_by': h.changed_by, 'changed_at': ${TS('h.changed_at')},
                                        'session_id': ${SESSION_OF_CHANGE}}
                                       ORDER BY h.changed_at, h.rowid))
                   FROM duiding_action_history h WHERE h.action_id = a.action_id), '[]')::VARCHAR AS history,
         CASE WHEN d.deleted_at IS NULL THEN NULL ELSE to_json({'by': d.deleted_by, 'at': ${TS('d.deleted_at')}})::VARCHAR END AS proposal_deleted
  FROM duiding_actions a LEFT JOIN duiding d ON d.duiding_id = a.duiding_id`;

type Row = Omit<Action, 'history' | 'proposal_deleted'> & { history: string; proposal_deleted: string | null };
const toAction = (r: Row): Action => ({ ...r, history: JSON.parse(r.history), proposal_deleted: r.proposal_deleted === null ? null : JSON.parse(r.proposal_deleted) });

const missing = (id: number) => () => new NotFoundError(`Actie ${id} bestaat niet.`);

async function getOn(conn: Queryable, id: number): Promise<Action> {
  return toAction(await firstOr(conn.query<Row>(`${SELECT} WHERE a.action_id = $id`, { id }), missing(id)));
}

async function recordStatus(conn: Queryable, id: number, status: string, user: string, now: string, session: number | undefined) {
  if (session !== undefined) await checkDuidingssessieExists(conn, session);
  await conn.run(`INSERT INTO duiding_action_history (action_id, status, changed_by, changed_at, session_id) VALUES ($id, $status, $user, CAST($now AS TIMESTAMP), $session)`, {
    id, status, user, now, session: session ?? null,
  });
}

/** How many actions hang on a duiding (a verbetervoorstel with actions keeps its kind and stays). */
export async function actionCount(conn: Queryable, duidingId: number): Promise<number> {
  const [row] = await conn.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duiding_actions WHERE duiding_id = $id`, { id: duidingId });
  return row.n;
}

export function createActionRepository(store: Store, afterWrite: AfterWrite = () => {}) {
  const write = duidingWriter(store, afterWrite);

  return {
    async list(filter: ActionFilter, today: string = new Date().toISOString().slice(0, 10)): Promise<Action[]> {
      const w = where([
        ['status = $?', filter.status],
        ['owner_organisation = $?', filter.owner_organisation],
        ['a.duiding_id = $?', filter.duiding_id],
        [
          filter.overdue ? `due_date < CAST($? AS DATE) AND status IN ('open', 'lopend')` : `NOT (coalesce(due_date < CAST($? AS DATE), false) AND status IN ('open', 'lopend'))`,
          filter.overdue === undefined ? undefined : today,
        ],
      ]);
      const rows = await store.query<Row>(`${SELECT} ${w.sql} ORDER BY due_date NULLS LAST, a.action_id`, w.params);
      return rows.map(toAction);
    },

    async get(id: number): Promise<Action> {
      return toAction(await firstOr(store.query<Row>(`${SELECT} WHERE a.action_id = $id`, { id }), missing(id)));
    },

    create(input: ActionInput, user: string): Promise<Action> {
      return write(async (conn) => {
        const [proposal] = await conn.query<{ kind: string; deleted: boolean }>(`SELECT kind, deleted_at IS NOT NULL AS deleted FROM duiding WHERE duiding_id = $id`, { id: input.duiding_id });
        if (!proposal) throw new InvalidInputError(`Duiding ${input.duiding_id} bestaat niet.`);
        if (proposal.deleted) throw new InvalidInputError(`Duiding ${input.duiding_id} is verwijderd; een actie volgt alleen uit een verbetervoorstel dat er nog is.`);
        if (proposal.kind !== 'verbetervoorstel') {
          throw new InvalidInputError(`Een actie volgt uit een verbetervoorstel; duiding ${input.duiding_id} is een ${proposal.kind}.`);
        }
        const now = nowIso();
        const [row] = await conn.query<{ id: number }>(`INSERT INTO duiding_actions VALUES (nextval('action_seq'), $duiding_id, $title, $owner_organisation,
             CAST($due_date AS DATE), $status, $user, CAST($now AS TIMESTAMP), $user, CAST($now AS TIMESTAMP))
           RETURNING action_id::INTEGER AS id`,
          { duiding_id: input.duiding_id, title: input.title, owner_organisation: input.owner_organisation, due_date: input.due_date, status: input.status, user, now },
        );
        await recordStatus(conn, row.id, input.status, user, now, input.session_id);
        return getOn(conn, row.id);
      });
    },

    update(id: number, patch: ActionPatch, { name: user }: Actor): Promise<Action> {
      return write(async (conn) => {
        const current = await getOn(conn, id);
        const next = { ...current, ...patch };
        const now = nowIso();
        await conn.run(
          `UPDATE duiding_actions SET title = $title, owner_organisation = $owner_organisation, due_date = CAST($due_date AS DATE),
             status = $status, updated_by = $user, updated_at = CAST($now AS TIMESTAMP)
           WHERE action_id = $id`,
          { title: next.title, owner_organisation: next.owner_organisation, due_date: next.due_date, status: next.status, user, now, id },
        );
        if (next.status !== current.status) await recordStatus(conn, id, next.status, user, now, patch.session_id);
        return getOn(conn, id);
      });
    },

    delete(id: number): Promise<void> {
      return write(async (conn) => {
        await getOn(conn, id);
        await conn.run(`DELETE FROM duiding_action_history WHERE action_id = $id`, { id });
        await conn.run(`DELETE FROM duiding_actions WHERE action_id = $id`, { id });
      });
    },
  };
}

export type ActionRepository = ReturnType<typeof createActionRepository>;
