/** The audit log for beheerders: every write, sign-in failure and lock-out; downloadable as CSV. */
import type { AuditEntry } from '../../contract/auth.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { Async } from '../components/States.tsx';
import { apiUrl } from '../lib/api.ts';
import { useApi } from '../lib/useApi.ts';

type AuditRow = AuditEntry;

const short = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
};

export function AuditlogView() {
  const rows = useApi<AuditRow[]>(apiUrl('/audit', { limit: 500 }));
  return (
    <>
      <PageHeader title="Auditlog" intro="Wie wijzigde wat en wanneer: uploads, duiding, sessies, acties, accounts, aanmeldingen en blokkades. De nieuwste 500 regels; de CSV bevat er tot 10.000." />
      <p>
        <a class="button" href={apiUrl('/audit', { format: 'csv', limit: 10000 })} download="koersbord-auditlog.csv">
          Download als CSV
        </a>
      </p>
      <section class="panel" aria-label="Auditregels">
        <Async result={rows}>
          {(list) => (
            <div class="table-scroll">
              <table class="data-table audit-table">
                <thead>
                  <tr>
                    <th scope="col">Tijdstip (UTC)</th>
                    <th scope="col">Wie</th>
                    <th scope="col">Wat</th>
                    <th scope="col">Onderwerp</th>
                    <th scope="col">Voor</th>
                    <th scope="col">Na</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr>
                      <td>{r.at.replace('T', ' ')}</td>
                      <td>{r.actor ?? '(onbekend)'}</td>
                      <td>{r.action}</td>
                      <td>{r.target ?? ''}</td>
                      <td class="audit-json">{short(r.before)}</td>
                      <td class="audit-json">{short(r.after)}</td>
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
