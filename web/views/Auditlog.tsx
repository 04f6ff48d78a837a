/**
 * The audit log for beheerders, told for people: what happened in one Dutch sentence, the
 * fields a change changed, Amsterdam time; filters for kind, period and words (who, what,
 * subject) live in the URL; the CSV download takes the same filters.
 */
import type { AuditEntry, AuditKind } from '../../contract/auth.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { Async, Empty } from '../components/States.tsx';
import { apiUrl } from '../lib/api.ts';
import { formatTimestampShort } from '../lib/format.ts';
import { useApi } from '../lib/useApi.ts';
import { setParams, useRoute } from '../lib/useRoute.ts';

const KINDS: { value: AuditKind | 'alles'; label: string }[] = [
  { value: 'wijziging', label: 'Wijzigingen (duiding, sessies, acties)' },
  { value: 'levering', label: 'Leveringen (ook geweigerde)' },
  { value: 'account', label: 'Accounts' },
  { value: 'token', label: 'Toegangstokens' },
  { value: 'aanmelden', label: 'Aanmelden en afmelden' },
  { value: 'alles', label: 'Alles' },
];
const KIND_LABEL: Record<AuditKind, string> = { wijziging: 'wijziging', levering: 'levering', account: 'account', token: 'toegangstoken', aanmelden: 'aanmelden' };

export function AuditlogView() {
  const route = useRoute();
  // Changes first: sign-ins outnumber them many times over and would bury them.
  const soort = route.params.soort ?? 'wijziging';
  const filter = { kind: soort === 'alles' ? null : soort, from: route.params.van ?? null, to: route.params.tot ?? null, q: route.params.zoek ?? null };
  const rows = useApi<AuditEntry[]>(apiUrl('/audit', { limit: 500, ...filter }));
  const input = (key: string) => (e: Event) => setParams(route, { [key]: (e.target as HTMLInputElement).value || null });
  return (
    <>
      <PageHeader title="Auditlog" intro="Wie deed wat en wanneer: duiding, sessies en acties, uploads (ook geweigerde), accounts, toegangstokens en aanmeldingen. Tijden in Nederlandse tijd. De nieuwste 500 regels; de CSV bevat er tot 10.000." />
      <form class="form-grid audit-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="audit-soort">Soort</label>
          <select id="audit-soort" value={soort} onChange={input('soort')}>
            {KINDS.map((k) => (
              <option value={k.value}>{k.label}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="audit-van">Van</label>
          <input id="audit-van" type="date" value={route.params.van ?? ''} onChange={input('van')} />
        </div>
        <div class="field">
          <label for="audit-tot">Tot en met</label>
          <input id="audit-tot" type="date" value={route.params.tot ?? ''} onChange={input('tot')} />
        </div>
        <div class="field">
          <label for="audit-zoek">Zoeken (wie, wat, onderwerp)</label>
          <input id="audit-zoek" type="search" value={route.params.zoek ?? ''} onChange={input('zoek')} />
        </div>
      </form>
      <p>
        <a class="button" href={apiUrl('/audit', { format: 'csv', limit: 10000, ...filter })} download="koersbord-auditlog.csv">
          Download als CSV
        </a>
      </p>
      <section class="panel" aria-label="Auditregels">
        <Async result={rows} isEmpty={(list) => list.length === 0} empty={<Empty title="Geen auditregels voor deze filters" />}>
          {(list) => (
            <div class="table-scroll">
              <table class="data-table audit-table">
                <thead>
                  <tr>
                    <th scope="col">Tijdstip</th>
                    <th scope="col">Wie</th>
                    <th scope="col">Soort</th>
                    <th scope="col">Wat</th>
                    <th scope="col">Gewijzigd</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr data-action={r.action}>
                      <td>{formatTimestampShort(`${r.at}Z`)}</td>
                      <td>{r.actor ?? '(onbekend)'}</td>
                      <td>{KIND_LABEL[r.kind]}</td>
                      <td>{r.description}</td>
                      <td>
                        {r.changes.length > 0 && (
                          <ul class="audit-changes">
                            {r.changes.map((c) => (
                              <li>
                                {c.field}: {c.before} → {c.after}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Async>
      </section>
    </>
  );
}
