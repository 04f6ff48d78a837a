/**
 * Duiding: interpretations tied to a reporting row, gemeente or REGIO, period and optionally an
 * indicator. Each write runs in one transaction with the duiding version bump and its history
 * line, so caches never see a write without its version change and no change goes unrecorded.
 * A duiding keeps the figures it was written beside (figures.ts) and shows them beside the
 * same figures as known now. A delete keeps the row, marked deleted: its actions and history
 * still point at it. Data loads never touch these tables.
 */
import type { Duiding, DuidingChange, DuidingContent, DuidingFigures, DuidingFilter, DuidingHistory, DuidingInput, DuidingPatch } from '../../contract/api.ts';
import type { Role } from '../../contract/auth.ts';
import type { Queryable, Store } from '../../store/store.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../domainErrors.ts';
import { actionCount } from './actionRepository.ts';
import { checkDuidingssessieExists } from './duidingssessieRepository.ts';
import type { DuidingFigureReader, FigureTarget } from './figures.ts';
import { type AfterWrite, duidingWriter, firstOr, nowIso, scopeChecker, TS, where } from './sql.ts';

const SELECT = `
  SELECT duiding_id AS id, kind, segment, gemeente_code, period, indicator, text, session_id,
         author, ${TS('created_at')} AS created_at, updated_by, ${TS('updated_at')} AS updated_at,
         figures_at_writing
  FROM duiding`;
const LIVE = 'deleted_at IS NULL';

type Row = Omit<Duiding, 'figures_at_writing' | 'figures_now'> & { figures_at_writing: string | null };

/** Who asks for a change or delete: their name (as recorded as author) and role. */
export interface Actor {
  name: string;
  role: Role | undefined;
}

const missing = (id: number) => () => new NotFoundError(`Duiding ${id} bestaat niet.`);

const contentOf = (d: DuidingContent): DuidingContent => ({
  kind: d.kind,
  segment: d.segment,
  gemeente_code: d.gemeente_code,
  period: d.period,
  indicator: d.indicator,
  text: d.text,
  session_id: d.session_id,
});

const getRowOn = (conn: Queryable, id: number): Promise<Row> => firstOr(conn.query<Row>(`${SELECT} WHERE duiding_id = $id AND ${LIVE}`, { id }), missing(id));

async function recordChange(conn: Queryable, id: number, change: DuidingChange['change'], user: string, now: string, before: DuidingContent | null, after: DuidingContent | null) {
  await conn.run(`INSERT INTO duiding_history VALUES ($id, $change, $user, CAST($now AS TIMESTAMP), $before, $after)`, {
    id,
    change,
    user,
    now,
    before: before && JSON.stringify(contentOf(before)),
    after: after && JSON.stringify(contentOf(after)),
  });
}

/** Changing or deleting someone's words: the author, or a beheerder (docs/security.md). */
function checkMayChange(current: Pick<Duiding, 'author'>, actor: Actor, what: 'wijzigen' | 'verwijderen') {
  if (actor.role !== 'beheerder' && current.author !== actor.name) {
    throw new ForbiddenError(`Deze duiding is geschreven door ${current.author}; alleen die persoon of een beheerder mag haar ${what}.`);
  }
}

/** A change of row, scope, period, indicator or session makes it a duiding beside other figures. */
const movesFigures = (patch: DuidingPatch) => (['segment', 'gemeente_code', 'period', 'indicator', 'session_id'] as const).some((k) => k in patch);

export function createDuidingRepository(store: Store, figures: DuidingFigureReader, afterWrite: AfterWrite = () => {}) {
  const write = duidingWriter(store, afterWrite);
  const checkScope = scopeChecker(store);

  /** The figures at writing: as known at the session's peilmaand, else now. Read before the write, outside its queue. */
  async function figuresAtWriting(target: FigureTarget & { session_id: number | null }): Promise<DuidingFigures> {
    const [session] = target.session_id == null ? [] : await store.query<{ peilmaand: string | null }>(`SELECT peilmaand FROM duiding_sessions WHERE session_id = $id`, { id: target.session_id });
    return figures.at(store, target, session?.peilmaand ?? null);
  }

  /** Rows as the API gives them: with the figures at writing and the same figures now. */
  async function withFigures(rows: Row[]): Promise<Duiding[]> {
    const now = await figures.now(store, rows);
    return rows.map((r, i) => ({ ...r, figures_at_writing: r.figures_at_writing === null ? null : (JSON.parse(r.figures_at_writing) as DuidingFigures), figures_now: now[i] }));
  }
  const one = async (row: Row) => (await withFigures([row]))[0];

  return {
    async list(filter: DuidingFilter): Promise<Duiding[]> {
      const w = where([
        ['kind = $?', filter.kind],
        ['segment = $?', filter.segment],
        ['gemeente_code = $?', filter.gemeente_code],
        ['period = $?', filter.period],
        ['substr(period, 1, 4) = $?', filter.year === undefined ? undefined : String(filter.year)],
        ['indicator = $?', filter.indicator],
        ['session_id = $?', filter.session_id],
      ]);
      return withFigures(await store.query<Row>(`${SELECT} ${w.sql ? `${w.sql} AND` : 'WHERE'} ${LIVE} ORDER BY period DESC, created_at DESC, duiding_id DESC`, w.params));
    },

    get: async (id: number): Promise<Duiding> => one(await getRowOn(store, id)),

    /** Every change of a duiding, oldest first; a deleted one keeps its history. */
    async history(id: number): Promise<DuidingHistory> {
      const head = await firstOr(
        store.query<{ gemeente_code: string; deleted: boolean }>(`SELECT gemeente_code, deleted_at IS NOT NULL AS deleted FROM duiding WHERE duiding_id = $id`, { id }),
        missing(id),
      );
      const rows = await store.query<{ change: DuidingChange['change']; changed_by: string; changed_at: string; before_json: string | null; after_json: string | null }>(
        `SELECT change, changed_by, ${TS('changed_at')} AS changed_at, before_json, after_json
         FROM duiding_history WHERE duiding_id = $id ORDER BY changed_at, rowid`,
        { id },
      );
      const parse = (s: string | null) => (s === null ? null : (JSON.parse(s) as DuidingContent));
      return {
        id,
        gemeente_code: head.gemeente_code as DuidingHistory['gemeente_code'],
        deleted: head.deleted,
        changes: rows.map((r) => ({ change: r.change, changed_by: r.changed_by, changed_at: r.changed_at, before: parse(r.before_json), after: parse(r.after_json) })),
      };
    },

    async create(input: DuidingInput, user: string): Promise<Duiding> {
      checkScope(input.gemeente_code);
      await checkDuidingssessieExists(store, input.session_id);
      const atWriting = await figuresAtWriting(input);
      const row = await write(async (conn) => {
        await checkDuidingssessieExists(conn, input.session_id);
        const now = nowIso();
        const [created] = await conn.query<{ id: number }>(
          `INSERT INTO duiding (duiding_id, kind, segment, gemeente_code, period, indicator, text, session_id, author, created_at, updated_by, updated_at, figures_at_writing)
           VALUES (nextval('duiding_seq'), $kind, $segment, $gemeente_code, $period, $indicator, $text,
             $session_id, $user, CAST($now AS TIMESTAMP), $user, CAST($now AS TIMESTAMP), $figures)
           RETURNING duiding_id::INTEGER AS id`,
          { ...input, user, now, figures: JSON.stringify(atWriting) },
        );
        await recordChange(conn, created.id, 'geschreven', user, now, null, input);
        return getRowOn(conn, created.id);
      });
      return one(row);
    },

    async update(id: number, patch: DuidingPatch, actor: Actor): Promise<Duiding> {
      checkScope(patch.gemeente_code);
      const before = await getRowOn(store, id);
      checkMayChange(before, actor, 'wijzigen');
      await checkDuidingssessieExists(store, patch.session_id);
      const atWriting = movesFigures(patch) ? JSON.stringify(await figuresAtWriting({ ...before, ...patch })) : null;
      const row = await write(async (conn) => {
        const current = await getRowOn(conn, id);
        await checkDuidingssessieExists(conn, patch.session_id);
        if (patch.kind && patch.kind !== 'verbetervoorstel' && current.kind === 'verbetervoorstel') {
          const n = await actionCount(conn, id);
          if (n > 0) throw new ConflictError(`Duiding ${id} is een verbetervoorstel met ${n} actie(s); het soort kan pas veranderen als die acties weg zijn.`);
        }
        const next = { ...current, ...patch };
        const now = nowIso();
        await conn.run(
          `UPDATE duiding SET kind = $kind, segment = $segment, gemeente_code = $gemeente_code, period = $period,
             indicator = $indicator, text = $text, session_id = $session_id, updated_by = $user,
             updated_at = CAST($now AS TIMESTAMP), figures_at_writing = coalesce($figures, figures_at_writing)
           WHERE duiding_id = $id`,
          {
            kind: next.kind, segment: next.segment, gemeente_code: next.gemeente_code, period: next.period,
            indicator: next.indicator, text: next.text, session_id: next.session_id, user: actor.name, now, id, figures: atWriting,
          },
        );
        await recordChange(conn, id, 'gewijzigd', actor.name, now, current, next);
        return getRowOn(conn, id);
      });
      return one(row);
    },

    /**
     * Deleting loses someone's work: the author deletes what they wrote, a beheerder anything
     * (docs/security.md). The row stays, marked deleted: actions that follow from a
     * verbetervoorstel remain, with a note that their proposal is gone.
     */
    delete(id: number, actor: Actor): Promise<void> {
      return write(async (conn) => {
        const current = await getRowOn(conn, id);
        checkMayChange(current, actor, 'verwijderen');
        const now = nowIso();
        await conn.run(`UPDATE duiding SET deleted_at = CAST($now AS TIMESTAMP), deleted_by = $user WHERE duiding_id = $id`, { id, now, user: actor.name });
        await recordChange(conn, id, 'verwijderd', actor.name, now, current, null);
      });
    },
  };
}

export type DuidingRepository = ReturnType<typeof createDuidingRepository>;
