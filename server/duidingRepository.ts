/**
 * Duiding, duidingssessies and actions in the DuckDB store. Each write runs in one
 * transaction with the duiding version bump, so caches never see a write without its
 * version change. Data loads never touch these tables.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  Action,
  ActionFilter,
  ActionInput,
  ActionPatch,
  Duiding,
  DuidingFilter,
  DuidingInput,
  DuidingPatch,
  Session,
  SessionInput,
  SessionPatch,
} from '../contract/api.ts';
import { oneAtATime } from '../store/oneAtATime.ts';
import type { SqlParams, Store } from '../store/store.ts';
import { conflict, notFound, unprocessable } from './problems.ts';
import { bumpDuidingVersion } from './versions.ts';

const TS = (col: string) => `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%gZ')`;

const DUIDING_SELECT = `
  SELECT duiding_id AS id, kind, segment, gemeente_code, period, indicator, text, session_id,
         author, ${TS('created_at')} AS created_at, updated_by, ${TS('updated_at')} AS updated_at
  FROM duiding`;

const SESSION_SELECT = `
  SELECT session_id AS id, strftime(session_date, '%Y-%m-%d') AS date, title, organisations, agenda,
         created_by, ${TS('created_at')} AS created_at, updated_by, ${TS('updated_at')} AS updated_at
  FROM duiding_sessions`;

const ACTION_SELECT = `
  SELECT action_id AS id, duiding_id, title, owner_organisation, strftime(due_date, '%Y-%m-%d') AS due_date, status,
         created_by, ${TS('created_at')} AS created_at, updated_by, ${TS('updated_at')} AS updated_at,
         coalesce((SELECT to_json(list({'status': h.status, 'changed_by': h.changed_by, 'changed_at': ${TS('h.changed_at')}}
                                       ORDER BY h.changed_at, h.rowid))
                   FROM duiding_action_history h WHERE h.action_id = a.action_id), '[]')::VARCHAR AS history
  FROM duiding_actions a`;

type SessionRow = Omit<Session, 'organisations' | 'agenda'> & { organisations: string; agenda: string };
const toSession = (r: SessionRow): Session => ({ ...r, organisations: JSON.parse(r.organisations), agenda: JSON.parse(r.agenda) });

type ActionRow = Omit<Action, 'history'> & { history: string };
const toAction = (r: ActionRow): Action => ({ ...r, history: JSON.parse(r.history) });

async function readAll<T>(conn: DuckDBConnection, sql: string, params: SqlParams = {}): Promise<T[]> {
  return (await conn.runAndReadAll(sql, params)).getRowObjectsJson() as T[];
}

/** Builds `WHERE a = $a AND ...` from the filters that were given. */
function where(conditions: [string, unknown][]): { sql: string; params: SqlParams } {
  const given = conditions.filter(([, v]) => v !== undefined);
  const params: SqlParams = {};
  const clauses = given.map(([clause, value], i) => {
    params[`p${i}`] = value as SqlParams[string];
    return clause.replaceAll('$?', `$p${i}`);
  });
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** `afterWrite` runs after every committed write (the server drops its cached versions there). */
export function createDuidingRepository(store: Store, afterWrite: () => void = () => {}) {
  const nowIso = () => new Date().toISOString();
  const gemeenten = new Set(store.region.gemeenten.map((g) => g.code));

  // Writes go one at a time: each bumps the same version row, and DuckDB refuses concurrent
  // updates of one row (a transaction conflict) instead of waiting. They are small, so a queue
  // costs milliseconds, where twenty people saving at once would otherwise get errors.
  const write = async <T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> => {
    const result = await oneAtATime(store, 'duiding-write', () =>
      store.transaction(async (conn) => {
        const value = await fn(conn);
        await bumpDuidingVersion(conn);
        return value;
      }),
    );
    afterWrite();
    return result;
  };

  function checkScope(code: string | undefined) {
    if (code !== undefined && code !== 'REGIO' && !gemeenten.has(code)) {
      throw unprocessable(`Gemeente ${code} hoort niet bij regio ${store.region.name}; kies een gemeente van de regio of REGIO.`);
    }
  }

  async function checkSession(conn: DuckDBConnection, sessionId: number | null | undefined) {
    if (sessionId === null || sessionId === undefined) return;
    const found = await readAll(conn, `SELECT 1 FROM duiding_sessions WHERE session_id = $id`, { id: sessionId });
    if (found.length === 0) throw unprocessable(`Duidingssessie ${sessionId} bestaat niet.`);
  }

  async function getDuidingOn(conn: DuckDBConnection, id: number): Promise<Duiding> {
    const [row] = await readAll<Duiding>(conn, `${DUIDING_SELECT} WHERE duiding_id = $id`, { id });
    if (!row) throw notFound(`Duiding ${id} bestaat niet.`);
    return row;
  }

  async function getSessionOn(conn: DuckDBConnection, id: number): Promise<Session> {
    const [row] = await readAll<SessionRow>(conn, `${SESSION_SELECT} WHERE session_id = $id`, { id });
    if (!row) throw notFound(`Duidingssessie ${id} bestaat niet.`);
    return toSession(row);
  }

  async function getActionOn(conn: DuckDBConnection, id: number): Promise<Action> {
    const [row] = await readAll<ActionRow>(conn, `${ACTION_SELECT} WHERE action_id = $id`, { id });
    if (!row) throw notFound(`Actie ${id} bestaat niet.`);
    return toAction(row);
  }

  async function recordStatus(conn: DuckDBConnection, id: number, status: string, user: string, now: string) {
    await conn.run(`INSERT INTO duiding_action_history VALUES ($id, $status, $user, CAST($now AS TIMESTAMP))`, { id, status, user, now });
  }

  async function actionCount(conn: DuckDBConnection, duidingId: number): Promise<number> {
    const [row] = await readAll<{ n: number }>(conn, `SELECT count(*)::INTEGER AS n FROM duiding_actions WHERE duiding_id = $id`, { id: duidingId });
    return row.n;
  }

  const withConn = async <T>(fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> => {
    const conn = await store.connect();
    try {
      return await fn(conn);
    } finally {
      conn.closeSync();
    }
  };

  return {
    // ------------------------------------------------------------ duiding
    listDuiding(filter: DuidingFilter): Promise<Duiding[]> {
      const w = where([
        ['kind = $?', filter.kind],
        ['segment = $?', filter.segment],
        ['gemeente_code = $?', filter.gemeente_code],
        ['period = $?', filter.period],
        ['substr(period, 1, 4) = $?', filter.year === undefined ? undefined : String(filter.year)],
        ['indicator = $?', filter.indicator],
        ['session_id = $?', filter.session_id],
      ]);
      return store.query<Duiding>(`${DUIDING_SELECT} ${w.sql} ORDER BY period DESC, created_at DESC, duiding_id DESC`, w.params);
    },

    getDuiding: (id: number) => withConn((conn) => getDuidingOn(conn, id)),

    createDuiding(input: DuidingInput, user: string): Promise<Duiding> {
      checkScope(input.gemeente_code);
      return write(async (conn) => {
        await checkSession(conn, input.session_id);
        const now = nowIso();
        const [row] = await readAll<{ id: number }>(
          conn,
          `INSERT INTO duiding VALUES (nextval('duiding_seq'), $kind, $segment, $gemeente_code, $period, $indicator, $text,
             $session_id, $user, CAST($now AS TIMESTAMP), $user, CAST($now AS TIMESTAMP))
           RETURNING duiding_id::INTEGER AS id`,
          { ...input, user, now },
        );
        return getDuidingOn(conn, row.id);
      });
    },

    updateDuiding(id: number, patch: DuidingPatch, user: string): Promise<Duiding> {
      checkScope(patch.gemeente_code);
      return write(async (conn) => {
        const current = await getDuidingOn(conn, id);
        await checkSession(conn, patch.session_id);
        if (patch.kind && patch.kind !== 'verbetervoorstel' && current.kind === 'verbetervoorstel') {
          const n = await actionCount(conn, id);
          if (n > 0) throw conflict(`Duiding ${id} is een verbetervoorstel met ${n} actie(s); het soort kan pas veranderen als die acties weg zijn.`);
        }
        const next = { ...current, ...patch };
        await conn.run(
          `UPDATE duiding SET kind = $kind, segment = $segment, gemeente_code = $gemeente_code, period = $period,
             indicator = $indicator, text = $text, session_id = $session_id, updated_by = $user,
             updated_at = CAST($now AS TIMESTAMP)
           WHERE duiding_id = $id`,
          {
            kind: next.kind, segment: next.segment, gemeente_code: next.gemeente_code, period: next.period,
            indicator: next.indicator, text: next.text, session_id: next.session_id, user, now: nowIso(), id,
          },
        );
        return getDuidingOn(conn, id);
      });
    },

    deleteDuiding(id: number): Promise<void> {
      return write(async (conn) => {
        await getDuidingOn(conn, id);
        const n = await actionCount(conn, id);
        if (n > 0) throw conflict(`Duiding ${id} heeft ${n} actie(s); verwijder of beëindig die eerst (zet ze op vervallen en verwijder ze).`);
        await conn.run(`DELETE FROM duiding WHERE duiding_id = $id`, { id });
      });
    },

    // ------------------------------------------------------------ sessions
    async listSessions(filter: { from?: string; to?: string }): Promise<Session[]> {
      const w = where([
        ['session_date >= CAST($? AS DATE)', filter.from],
        ['session_date <= CAST($? AS DATE)', filter.to],
      ]);
      const rows = await store.query<SessionRow>(`${SESSION_SELECT} ${w.sql} ORDER BY session_date DESC, session_id DESC`, w.params);
      return rows.map(toSession);
    },

    getSession: (id: number) => withConn((conn) => getSessionOn(conn, id)),

    createSession(input: SessionInput, user: string): Promise<Session> {
      input.agenda.forEach((item) => checkScope(item.gemeente_code ?? undefined));
      return write(async (conn) => {
        const now = nowIso();
        const [row] = await readAll<{ id: number }>(
          conn,
          `INSERT INTO duiding_sessions VALUES (nextval('session_seq'), CAST($date AS DATE), $title, $organisations, $agenda,
             $user, CAST($now AS TIMESTAMP), $user, CAST($now AS TIMESTAMP))
           RETURNING session_id::INTEGER AS id`,
          { date: input.date, title: input.title, organisations: JSON.stringify(input.organisations), agenda: JSON.stringify(input.agenda), user, now },
        );
        return getSessionOn(conn, row.id);
      });
    },

    updateSession(id: number, patch: SessionPatch, user: string): Promise<Session> {
      patch.agenda?.forEach((item) => checkScope(item.gemeente_code ?? undefined));
      return write(async (conn) => {
        const next = { ...(await getSessionOn(conn, id)), ...patch };
        await conn.run(
          `UPDATE duiding_sessions SET session_date = CAST($date AS DATE), title = $title, organisations = $organisations,
             agenda = $agenda, updated_by = $user, updated_at = CAST($now AS TIMESTAMP)
           WHERE session_id = $id`,
          {
            date: next.date, title: next.title, organisations: JSON.stringify(next.organisations),
            agenda: JSON.stringify(next.agenda), user, now: nowIso(), id,
          },
        );
        return getSessionOn(conn, id);
      });
    },

    deleteSession(id: number): Promise<void> {
      return write(async (conn) => {
        await getSessionOn(conn, id);
        const [row] = await readAll<{ n: number }>(conn, `SELECT count(*)::INTEGER AS n FROM duiding WHERE session_id = $id`, { id });
        if (row.n > 0) throw conflict(`Duidingssessie ${id} heeft ${row.n} duiding(en); verwijder die eerst of koppel ze los.`);
        await conn.run(`DELETE FROM duiding_sessions WHERE session_id = $id`, { id });
      });
    },

    // ------------------------------------------------------------ actions
    async listActions(filter: ActionFilter, today: string = new Date().toISOString().slice(0, 10)): Promise<Action[]> {
      const w = where([
        ['status = $?', filter.status],
        ['owner_organisation = $?', filter.owner_organisation],
        ['duiding_id = $?', filter.duiding_id],
        [
          filter.overdue ? `due_date < CAST($? AS DATE) AND status IN ('open', 'lopend')` : `NOT (coalesce(due_date < CAST($? AS DATE), false) AND status IN ('open', 'lopend'))`,
          filter.overdue === undefined ? undefined : today,
        ],
      ]);
      const rows = await store.query<ActionRow>(`${ACTION_SELECT} ${w.sql} ORDER BY due_date NULLS LAST, action_id`, w.params);
      return rows.map(toAction);
    },

    getAction: (id: number) => withConn((conn) => getActionOn(conn, id)),

    createAction(input: ActionInput, user: string): Promise<Action> {
      return write(async (conn) => {
        const [proposal] = await readAll<{ kind: string }>(conn, `SELECT kind FROM duiding WHERE duiding_id = $id`, { id: input.duiding_id });
        if (!proposal) throw unprocessable(`Duiding ${input.duiding_id} bestaat niet.`);
        if (proposal.kind !== 'verbetervoorstel') {
          throw unprocessable(`Een actie volgt uit een verbetervoorstel; duiding ${input.duiding_id} is een ${proposal.kind}.`);
        }
        const now = nowIso();
        const [row] = await readAll<{ id: number }>(
          conn,
          `INSERT INTO duiding_actions VALUES (nextval('action_seq'), $duiding_id, $title, $owner_organisation,
             CAST($due_date AS DATE), $status, $user, CAST($now AS TIMESTAMP), $user, CAST($now AS TIMESTAMP))
           RETURNING action_id::INTEGER AS id`,
          { ...input, user, now },
        );
        await recordStatus(conn, row.id, input.status, user, now);
        return getActionOn(conn, row.id);
      });
    },

    updateAction(id: number, patch: ActionPatch, user: string): Promise<Action> {
      return write(async (conn) => {
        const current = await getActionOn(conn, id);
        const next = { ...current, ...patch };
        const now = nowIso();
        await conn.run(
          `UPDATE duiding_actions SET title = $title, owner_organisation = $owner_organisation, due_date = CAST($due_date AS DATE),
             status = $status, updated_by = $user, updated_at = CAST($now AS TIMESTAMP)
           WHERE action_id = $id`,
          { title: next.title, owner_organisation: next.owner_organisation, due_date: next.due_date, status: next.status, user, now, id },
        );
        if (next.status !== current.status) await recordStatus(conn, id, next.status, user, now);
        return getActionOn(conn, id);
      });
    },

    deleteAction(id: number): Promise<void> {
      return write(async (conn) => {
        await getActionOn(conn, id);
        await conn.run(`DELETE FROM duiding_action_history WHERE action_id = $id`, { id });
        await conn.run(`DELETE FROM duiding_actions WHERE action_id = $id`, { id });
      });
    },
  };
}

export type DuidingRepository = ReturnType<typeof createDuidingRepository>;
