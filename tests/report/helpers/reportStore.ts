/**
 * A store for report tests and trials: the fixtures' small profile (three gemeenten) through
 * the ETL, plus a duidingssessie with a verklaring, a signaal and a verbetervoorstel with an
 * action for the report year, written through the server's duiding repository.
 */
import { join } from 'node:path';
import { loadFiles } from '../../../etl/index.ts';
import { generateFixtures } from '../../../fixtures/index.ts';
import { loadRegion } from '../../../region/config.ts';
import { createDuidingRepositories } from '../../../server/duiding/index.ts';
import { openStore, type Store } from '../../../store/store.ts';

export const REPORT_YEAR = 2025;
/** The whole report year delivered: December's costs are still provisional. */
export const FIXTURE_UNTIL = '2025-12';

export const SEEDED = {
  sessionTitle: 'Duidingssessie verblijf najaar',
  verklaring: 'Minder plaatsingen in verblijf door de inzet van het expertteam bij complexe casuïstiek.',
  signaal: 'Wachttijden bij pleegzorg lopen op in het tweede halfjaar.',
  voorstel: 'Versterk de inzet van ambulante alternatieven voor verblijf bij jongeren tot 12 jaar.',
  action: 'Werkgroep ambulante alternatieven inrichten',
  actionOwner: 'Gemeente Enschede',
  actionDue: '2026-03-31',
};

export async function buildReportStore(dir: string): Promise<Store> {
  const fixtures = join(dir, 'fixtures');
  await generateFixtures({ outDir: fixtures, profile: 'small', until: FIXTURE_UNTIL });
  const store = await openStore(join(dir, 'report.duckdb'), loadRegion());
  const reports = await loadFiles(store, [fixtures], { loadedBy: 'test' });
  const rejected = reports.filter((r) => r.outcome === 'rejected');
  if (rejected.length) throw new Error(`fixtures geweigerd: ${rejected.map((r) => r.file).join(', ')}`);
  const repo = createDuidingRepositories(store);
  const session = await repo.duidingssessies.create({ date: '2025-10-14', title: SEEDED.sessionTitle, organisations: ['Regio Twente'], agenda: [] }, 'test');
  const base = { gemeente_code: 'REGIO' as const, period: '2025', indicator: null, session_id: session.id };
  await repo.duiding.create({ ...base, kind: 'verklaring', segment: 'verblijf', text: SEEDED.verklaring }, 'Analist');
  await repo.duiding.create({ ...base, kind: 'signaal', segment: 'wonen', period: '2025-09', text: SEEDED.signaal }, 'Analist');
  const voorstel = await repo.duiding.create({ ...base, kind: 'verbetervoorstel', segment: 'verblijf', text: SEEDED.voorstel }, 'Analist');
  await repo.actions.create({ duiding_id: voorstel.id, title: SEEDED.action, owner_organisation: SEEDED.actionOwner, due_date: SEEDED.actionDue, status: 'lopend' }, 'Analist');
  return store;
}
