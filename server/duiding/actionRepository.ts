/** Actions that follow from a verbetervoorstel, with the history of their status. */
import type { Action, ActionFilter, ActionInput, ActionPatch } from '../../contract/api.ts';
import type { Queryable, Store } from '../../store/store.ts';
import { InvalidInputError, NotFoundError } from '../domainErrors.ts';
import { type AfterWrite, duidingWriter, firstOr, nowIso, TS, where } from './sql.ts';

const SELECT = `
  SELECT action_id AS id, duiding_id, title, owner_organisation, strftime(due_date, '%Y-%m-%d') AS due_date, status,
         created_by, ${TS('created_at')} AS created_at, updated_by, ${TS('updated_at')} AS updated_at,
         coalesce((SELECT to_json(list({'status': h.status, 'changed_by': h.changed_by, 'changed_at': ${TS('h.changed_at')}}
                                       ORDER BY h.changed_at, h.rowid))
                   FROM duiding_action_history h WHERE h.action_id = a.action_id), '[]')::VARCHAR AS history
  FROM duiding_actions a`;

type Row = Omit<Action, 'history'> & { history: string };
const toAction = (r: Row): Action => ({ ...r, history: JSON.parse(r.history) });

const missing = (id: number) => () => new NotFoundError(`Actie ${id} bestaat niet.`);

async function getOn(conn: Queryable, id: number): Promise<Action> {
  return toAction(await firstOr(conn.query<Row>(`${SELECT} WHERE action_id = $id`, { id }), missing(id)));
}

async function recordStatus(conn: Queryable, id: number, status: string, user: string, now: string) {
  await conn.run(`INSERT INTO duiding_action_history VALUES ($id, $status, $user, CAST($now AS TIMESTAMP))`, { id, status, user, now });
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
        ['duiding_id = $?', filter.duiding_id],
        [
          filter.overdue ? `due_date < CAST($? AS DATE) AND status IN ('open', 'lopend')` : `NOT (coalesce(due_date < CAST($? AS DATE), false) AND status IN ('open', 'lopend'))`,
          filter.overdue === undefined ? undefined : today,
        ],
      ]);
      const rows = await store.query<Row>(`${SELECT} ${w.sql} ORDER BY due_date NULLS LAST, action_id`, w.params);
      return rows.map(toAction);
    },

    async get(id: number): Promise<Action> {
      return toAction(await firstOr(store.query<Row>(`${SELECT} WHERE action_id = $id`, { id }), missing(id)));
    },

    create(input: ActionInput, user: string): Promise<Action> {
      return write(async (conn) => {
        const [proposal] = await conn.query<{ kind: string }>(`SELECT kind FROM duiding WHERE duiding_id = $id`, { id: input.duiding_id });
        if (!proposal) throw new InvalidInputError(`Duiding ${input.duiding_id} bestaat niet.`);
        if (proposal.kind !== 'verbetervoorstel') {
          throw new InvalidInputError(`Een actie volgt uit een verbetervoorstel; duiding ${input.duiding_id} is een ${proposal.kind}.`);
        }
        const now = nowIso();
        const [row] = await conn.query<{ id: number }>(`INSERT INTO duiding_actions VALUES (nextval('action_seq'), $duiding_id, $title, $owner_organisation,
             CAST($due_date AS DATE), $status, $user, CAST($now AS TIMESTAMP), $user, CAST($now AS TIMESTAMP))
           RETURNING action_id::INTEGER AS id`,
          { ...input, user, now },
        );
        await recordStatus(conn, row.id, input.status, user, now);
        return getOn(conn, row.id);
      });
    },

    update(id: number, patch: ActionPatch, user: string): Promise<Action> {
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
        if (next.status !== current.status) await recordStatus(conn, id, next.status, user, now);
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
