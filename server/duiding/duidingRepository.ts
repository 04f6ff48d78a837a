/**
 * Duiding: interpretations tied to a reporting row, gemeente or REGIO, period and optionally an
 * indicator. Each write runs in one transaction with the duiding version bump, so caches never
 * see a write without its version change. Data loads never touch these tables.
 */
import type { Duiding, DuidingFilter, DuidingInput, DuidingPatch } from '../../contract/api.ts';
import type { Role } from '../../contract/auth.ts';
import type { Queryable, Store } from '../../store/store.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../domainErrors.ts';
import { actionCount } from './actionRepository.ts';
import { checkDuidingssessieExists } from './duidingssessieRepository.ts';
import { type AfterWrite, duidingWriter, firstOr, nowIso, scopeChecker, TS, where } from './sql.ts';

const SELECT = `
  SELECT duiding_id AS id, kind, segment, gemeente_code, period, indicator, text, session_id,
         author, ${TS('created_at')} AS created_at, updated_by, ${TS('updated_at')} AS updated_at
  FROM duiding`;

/** Who asks for a delete: their name (as recorded as author) and role. */
export interface Actor {
  name: string;
  role: Role | undefined;
}

const missing = (id: number) => () => new NotFoundError(`Duiding ${id} bestaat niet.`);

const getOn = (conn: Queryable, id: number): Promise<Duiding> =>
  firstOr(conn.query<Duiding>(`${SELECT} WHERE duiding_id = $id`, { id }), missing(id));

export function createDuidingRepository(store: Store, afterWrite: AfterWrite = () => {}) {
  const write = duidingWriter(store, afterWrite);
  const checkScope = scopeChecker(store);

  return {
    list(filter: DuidingFilter): Promise<Duiding[]> {
      const w = where([
        ['kind = $?', filter.kind],
        ['segment = $?', filter.segment],
        ['gemeente_code = $?', filter.gemeente_code],
        ['period = $?', filter.period],
        ['substr(period, 1, 4) = $?', filter.year === undefined ? undefined : String(filter.year)],
        ['indicator = $?', filter.indicator],
        ['session_id = $?', filter.session_id],
      ]);
      return store.query<Duiding>(`${SELECT} ${w.sql} ORDER BY period DESC, created_at DESC, duiding_id DESC`, w.params);
    },

    get: (id: number): Promise<Duiding> => firstOr(store.query<Duiding>(`${SELECT} WHERE duiding_id = $id`, { id }), missing(id)),

    async create(input: DuidingInput, user: string): Promise<Duiding> {
      checkScope(input.gemeente_code);
      return write(async (conn) => {
        await checkDuidingssessieExists(conn, input.session_id);
        const now = nowIso();
        const [row] = await conn.query<{ id: number }>(`INSERT INTO duiding VALUES (nextval('duiding_seq'), $kind, $segment, $gemeente_code, $period, $indicator, $text,
             $session_id, $user, CAST($now AS TIMESTAMP), $user, CAST($now AS TIMESTAMP))
           RETURNING duiding_id::INTEGER AS id`,
          { ...input, user, now },
        );
        return getOn(conn, row.id);
      });
    },

    async update(id: number, patch: DuidingPatch, user: string): Promise<Duiding> {
      checkScope(patch.gemeente_code);
      return write(async (conn) => {
        const current = await getOn(conn, id);
        await checkDuidingssessieExists(conn, patch.session_id);
        if (patch.kind && patch.kind !== 'verbetervoorstel' && current.kind === 'verbetervoorstel') {
          const n = await actionCount(conn, id);
          if (n > 0) throw new ConflictError(`Duiding ${id} is een verbetervoorstel met ${n} actie(s); het soort kan pas veranderen als die acties weg zijn.`);
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
        return getOn(conn, id);
      });
    },

    /**
     * Deleting loses someone's work: an analist deletes what they wrote, a beheerder anything
     * (docs/security.md). Changing stays open to every analist; the record names who changed it.
     */
    delete(id: number, actor: Actor): Promise<void> {
      return write(async (conn) => {
        const current = await getOn(conn, id);
        if (actor.role !== 'beheerder' && current.author !== actor.name) {
          throw new ForbiddenError(`Deze duiding is geschreven door ${current.author}; alleen die persoon of een beheerder mag haar verwijderen.`);
        }
        const n = await actionCount(conn, id);
        if (n > 0) throw new ConflictError(`Duiding ${id} heeft ${n} actie(s); verwijder of beëindig die eerst (zet ze op vervallen en verwijder ze).`);
        await conn.run(`DELETE FROM duiding WHERE duiding_id = $id`, { id });
      });
    },
  };
}

export type DuidingRepository = ReturnType<typeof createDuidingRepository>;
