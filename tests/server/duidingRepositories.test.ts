/**
 * The three duiding repositories on a real DuckDB file, without HTTP: what they refuse comes
 * out as domain errors (and the store stays as it was), and problems.ts gives each its status.
 */
import { describe, expect, it } from 'vitest';
import { createDuidingRepositories } from '../../server/duiding/index.ts';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../../server/domainErrors.ts';
import { toProblem } from '../../server/problems.ts';
import { tempStore } from '../helpers/tempStore.ts';

const store = await tempStore();
let writes = 0;
const repo = createDuidingRepositories(store, () => writes++);

const base = { segment: 'wonen' as const, gemeente_code: 'GM0153', period: '2025-03', indicator: null, session_id: null };
const beheerder = { name: 'Bea Beheer', role: 'beheerder' as const };
const analist = { name: 'Anna Analist', role: 'analist' as const };

describe('each repository', () => {
  const missing = [
    ['duiding', repo.duiding, 'Duiding 999 bestaat niet.', { text: 'x' }],
    ['duidingssessie', repo.duidingssessies, 'Duidingssessie 999 bestaat niet.', { title: 'x' }],
    ['action', repo.actions, 'Actie 999 bestaat niet.', { status: 'lopend' }],
  ] as const;
  it.each(missing)('throws NotFoundError for a %s that does not exist, on read, change and delete', async (_name, aggregate, message, patch) => {
    const before = writes;
    await expect(aggregate.get(999)).rejects.toThrow(new NotFoundError(message));
    // The patch fits its own repository; the table holds three different ones.
    await expect((aggregate.update as (id: number, p: object, u: typeof analist) => Promise<unknown>)(999, patch, analist)).rejects.toThrow(new NotFoundError(message));
    await expect(aggregate.delete(999, beheerder)).rejects.toThrow(new NotFoundError(message));
    expect(writes, 'a refused write is no write').toBe(before);
  });
});

describe('duiding repository', () => {
  it("throws ForbiddenError when an analist deletes a beheerder's duiding, and keeps it", async () => {
    const d = await repo.duiding.create({ ...base, kind: 'verklaring', text: 'Door de beheerder.' }, beheerder.name);
    const before = writes;
    const refused = repo.duiding.delete(d.id, analist);
    await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
    await expect(refused).rejects.toThrow(/geschreven door Bea Beheer/);
    expect(await repo.duiding.get(d.id)).toMatchObject({ id: d.id, author: beheerder.name });
    expect(writes, 'a refused write is no write').toBe(before);
    // Its author and a beheerder may.
    await repo.duiding.delete(d.id, beheerder);
    await expect(repo.duiding.get(d.id)).rejects.toBeInstanceOf(NotFoundError);
    const own = await repo.duiding.create({ ...base, kind: 'signaal', text: 'Eigen signaal.' }, analist.name);
    await repo.duiding.delete(own.id, analist);
    await expect(repo.duiding.get(own.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('throws ConflictError for a change of kind of a verbetervoorstel with actions; a delete keeps its actions, marked', async () => {
    const v = await repo.duiding.create({ ...base, kind: 'verbetervoorstel', text: 'Voorstel.' }, analist.name);
    const a = await repo.actions.create({ duiding_id: v.id, title: 'Actie', owner_organisation: 'Regio', due_date: null, status: 'open' }, analist.name);
    await expect(repo.duiding.update(v.id, { kind: 'signaal' }, analist)).rejects.toBeInstanceOf(ConflictError);
    expect((await repo.duiding.get(v.id)).kind).toBe('verbetervoorstel');
    expect((await repo.actions.get(a.id)).proposal_deleted).toBeNull();
    await repo.duiding.delete(v.id, analist);
    await expect(repo.duiding.get(v.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await repo.actions.get(a.id)).proposal_deleted).toMatchObject({ by: analist.name });
    await expect(repo.actions.create({ duiding_id: v.id, title: 'Nog een', owner_organisation: 'Regio', due_date: null, status: 'open' }, analist.name)).rejects.toThrow(
      new InvalidInputError(`Duiding ${v.id} is verwijderd; een actie volgt alleen uit een verbetervoorstel dat er nog is.`),
    );
  });

  it("throws ForbiddenError when an analist changes someone else's duiding; the author's change is in the history", async () => {
    const d = await repo.duiding.create({ ...base, kind: 'verklaring', text: 'Eerste tekst.' }, beheerder.name);
    await expect(repo.duiding.update(d.id, { text: 'Overschreven.' }, analist)).rejects.toThrow(/alleen die persoon of een beheerder mag haar wijzigen/);
    await repo.duiding.update(d.id, { text: 'Tweede tekst.' }, beheerder);
    const h = await repo.duiding.history(d.id);
    expect(h.changes.map((c) => [c.change, c.changed_by, c.before?.text ?? null, c.after?.text ?? null])).toEqual([
      ['geschreven', beheerder.name, null, 'Eerste tekst.'],
      ['gewijzigd', beheerder.name, 'Eerste tekst.', 'Tweede tekst.'],
    ]);
  });

  it('throws InvalidInputError for a gemeente outside the region or a missing duidingssessie', async () => {
    await expect(repo.duiding.create({ ...base, gemeente_code: 'GM0363', kind: 'signaal', text: 'x' }, analist.name)).rejects.toThrow(
      new InvalidInputError('Gemeente GM0363 hoort niet bij regio Twente; kies een gemeente van de regio of REGIO.'),
    );
    await expect(repo.duiding.create({ ...base, session_id: 4242, kind: 'signaal', text: 'x' }, analist.name)).rejects.toThrow(
      new InvalidInputError('Duidingssessie 4242 bestaat niet.'),
    );
  });
});

describe('duidingssessie repository', () => {
  it('throws ConflictError when a duidingssessie still has duiding, and InvalidInputError for an agenda outside the region', async () => {
    const s = await repo.duidingssessies.create({ date: '2025-04-01', title: 'Q2', organisations: [], agenda: [] }, analist.name);
    await repo.duiding.create({ ...base, session_id: s.id, kind: 'verklaring', text: 'In de sessie.' }, analist.name);
    await expect(repo.duidingssessies.delete(s.id)).rejects.toThrow(new ConflictError(`Duidingssessie ${s.id} heeft 1 duiding(en); verwijder die eerst of koppel ze los.`));
    const agenda = [{ segment: 'wonen' as const, gemeente_code: 'GM0363', indicator: null, view: null, note: null }];
    await expect(repo.duidingssessies.update(s.id, { agenda }, analist)).rejects.toBeInstanceOf(InvalidInputError);
    expect((await repo.duidingssessies.get(s.id)).agenda).toEqual([]);
  });
});

describe('action repository', () => {
  it('throws InvalidInputError for an action on a missing duiding or on one that is no verbetervoorstel', async () => {
    const action = { title: 'Actie', owner_organisation: 'Regio', due_date: null, status: 'open' as const };
    await expect(repo.actions.create({ ...action, duiding_id: 4242 }, analist.name)).rejects.toThrow(new InvalidInputError('Duiding 4242 bestaat niet.'));
    const signaal = await repo.duiding.create({ ...base, kind: 'signaal', text: 'Geen voorstel.' }, analist.name);
    await expect(repo.actions.create({ ...action, duiding_id: signaal.id }, analist.name)).rejects.toBeInstanceOf(InvalidInputError);
    expect(await repo.actions.list({ duiding_id: signaal.id })).toEqual([]);
  });
});

describe('domain errors at the HTTP edge', () => {
  it('gives each domain error its problem status, slug and sentence', () => {
    const cases = [
      [new NotFoundError('a'), 404, 'niet-gevonden'],
      [new ForbiddenError('b'), 403, 'geen-toegang'],
      [new ConflictError('c'), 409, 'conflict'],
      [new InvalidInputError('d'), 422, 'niet-verwerkbaar'],
    ] as const;
    for (const [err, status, slug] of cases) {
      const { problem, internal } = toProblem(err);
      expect(internal).toBe(false);
      expect(problem.toProblem()).toMatchObject({ status, type: `urn:koersbord:probleem:${slug}`, detail: err.message });
    }
  });
});
