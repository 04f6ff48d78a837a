/** Duidingssessies: the meetings where duiding is recorded (date, title, organisations, agenda). */
import type { Duidingssessie, DuidingssessieFilter, DuidingssessieInput, DuidingssessiePatch } from '../../contract/api.ts';
import type { Queryable, Store } from '../../store/store.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../domainErrors.ts';
import type { Actor } from './duidingRepository.ts';
import { type AfterWrite, duidingWriter, firstOr, nowIso, scopeChecker, TS, where } from './sql.ts';

// The table keeps its first name (duiding_sessions): renaming it would be a migration for a word.
const SELECT = `
  SELECT session_id AS id, strftime(session_date, '%Y-%m-%d') AS date, title, organisations, agenda, peilmaand,
         created_by, ${TS('created_at')} AS created_at, updated_by, ${TS('updated_at')} AS updated_at
  FROM duiding_sessions`;

type Row = Omit<Duidingssessie, 'organisations' | 'agenda'> & { organisations: string; agenda: string };
const toDuidingssessie = (r: Row): Duidingssessie => ({ ...r, organisations: JSON.parse(r.organisations), agenda: JSON.parse(r.agenda) });

const missing = (id: number) => () => new NotFoundError(`Duidingssessie ${id} bestaat niet.`);

async function getOn(conn: Queryable, id: number): Promise<Duidingssessie> {
  return toDuidingssessie(await firstOr(conn.query<Row>(`${SELECT} WHERE session_id = $id`, { id }), missing(id)));
}

/** For a duiding that names a duidingssessie: it must exist (checked inside the duiding's write). */
export async function checkDuidingssessieExists(conn: Queryable, id: number | null | undefined): Promise<void> {
  if (id === null || id === undefined) return;
  const found = await conn.query(`SELECT 1 FROM duiding_sessions WHERE session_id = $id`, { id });
  if (found.length === 0) throw new InvalidInputError(`Duidingssessie ${id} bestaat niet.`);
}

/** The delivered months (toewijzingen and declaraties, as the figures count them): first and newest, or nulls. */
async function deliveredMonths(conn: Queryable): Promise<{ first: string | null; newest: string | null }> {
  const [row] = await conn.query<{ first: string | null; newest: string | null }>(
    `SELECT min(periode) AS first, max(periode) AS newest FROM deliveries WHERE kind IN ('toewijzingen', 'declaraties') AND periode IS NOT NULL`,
  );
  return row;
}

/**
 * The peilmaand a session is saved with: the one asked (within the delivered months, else the
 * figures would silently be those of another month), or the newest delivered month.
 */
async function peilmaandOf(conn: Queryable, asked: string | undefined): Promise<string | null> {
  const { first, newest } = await deliveredMonths(conn);
  if (asked === undefined) return newest;
  if (first === null || newest === null) throw new InvalidInputError(`Peilmaand ${asked} kan nog niet: er zijn nog geen leveringen geladen.`);
  if (asked < first) throw new InvalidInputError(`Peilmaand ${asked} ligt vóór de eerste levering (${first}).`);
  if (asked > newest) throw new InvalidInputError(`Peilmaand ${asked} ligt na de nieuwste levering (${newest}).`);
  return asked;
}

export function createDuidingssessieRepository(store: Store, afterWrite: AfterWrite = () => {}) {
  const write = duidingWriter(store, afterWrite);
  const checkScope = scopeChecker(store);
  const checkAgenda = (agenda: DuidingssessieInput['agenda'] | undefined) => agenda?.forEach((item) => checkScope(item.gemeente_code));

  return {
    async list(filter: DuidingssessieFilter): Promise<Duidingssessie[]> {
      const w = where([
        ['session_date >= CAST($? AS DATE)', filter.from],
        ['session_date <= CAST($? AS DATE)', filter.to],
      ]);
      const rows = await store.query<Row>(`${SELECT} ${w.sql} ORDER BY session_date DESC, session_id DESC`, w.params);
      return rows.map(toDuidingssessie);
    },

    async get(id: number): Promise<Duidingssessie> {
      return toDuidingssessie(await firstOr(store.query<Row>(`${SELECT} WHERE session_id = $id`, { id }), missing(id)));
    },

    async create(input: DuidingssessieInput, user: string): Promise<Duidingssessie> {
      checkAgenda(input.agenda);
      return write(async (conn) => {
        const now = nowIso();
        const peilmaand = await peilmaandOf(conn, input.peilmaand);
        const [row] = await conn.query<{ id: number }>(`INSERT INTO duiding_sessions
             (session_id, session_date, title, organisations, agenda, created_by, created_at, updated_by, updated_at, peilmaand)
           VALUES (nextval('session_seq'), CAST($date AS DATE), $title, $organisations, $agenda,
             $user, CAST($now AS TIMESTAMP), $user, CAST($now AS TIMESTAMP), $peilmaand)
           RETURNING session_id::INTEGER AS id`,
          { date: input.date, title: input.title, organisations: JSON.stringify(input.organisations), agenda: JSON.stringify(input.agenda), user, now, peilmaand },
        );
        return getOn(conn, row.id);
      });
    },

    async update(id: number, patch: DuidingssessiePatch, { name: user }: Actor): Promise<Duidingssessie> {
      checkAgenda(patch.agenda);
      return write(async (conn) => {
        const next = { ...(await getOn(conn, id)), ...patch };
        // Only a peilmaand asked for is checked: one saved earlier stays what the session saw.
        if (patch.peilmaand !== undefined) next.peilmaand = await peilmaandOf(conn, patch.peilmaand);
        await conn.run(
          `UPDATE duiding_sessions SET session_date = CAST($date AS DATE), title = $title, organisations = $organisations,
             agenda = $agenda, peilmaand = $peilmaand, updated_by = $user, updated_at = CAST($now AS TIMESTAMP)
           WHERE session_id = $id`,
          {
            date: next.date, title: next.title, organisations: JSON.stringify(next.organisations),
            agenda: JSON.stringify(next.agenda), peilmaand: next.peilmaand, user, now: nowIso(), id,
          },
        );
        return getOn(conn, id);
      });
    },

    delete(id: number): Promise<void> {
      return write(async (conn) => {
        await getOn(conn, id);
        const [row] = await conn.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duiding WHERE session_id = $id`, { id });
        if (row.n > 0) throw new ConflictError(`Duidingssessie ${id} heeft ${row.n} duiding(en); verwijder die eerst of koppel ze los.`);
        await conn.run(`DELETE FROM duiding_sessions WHERE session_id = $id`, { id });
      });
    },
  };
}

export type DuidingssessieRepository = ReturnType<typeof createDuidingssessieRepository>;
