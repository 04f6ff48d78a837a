/** The audit log: every write, sign-in failure, lock-out, refused upload and token use, with before and after as JSON; told for people by auditDescription.ts. */
import type { Store } from '../../store/store.ts';
import type { AuditEntry as AuditEntryOut, AuditKind } from '../../contract/auth.ts';
import { amsterdamMidnightUtc, amsterdamTime, changedFields, describeAudit } from './auditDescription.ts';

export interface AuditEntry {
  actor: string | null;
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

export type AuditRow = AuditEntryOut;

const toJson = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export async function writeAudit(store: Store, entry: AuditEntry): Promise<void> {
  await store.run(
    `INSERT INTO audit_log (logged_at, actor, action, target, before_json, after_json, ip)
     VALUES (current_timestamp::TIMESTAMP, $actor, $action, $target, $before, $after, $ip)`,
    { actor: entry.actor, action: entry.action, target: entry.target ?? null, before: toJson(entry.before), after: toJson(entry.after), ip: entry.ip ?? null },
  );
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  kind?: AuditKind;
  /** Days in Amsterdam, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** Words in who, what or the subject. */
  q?: string;
  limit: number;
}

/** The kind of an entry, from its action, in SQL so the filter runs in the store. */
const KIND_SQL = `CASE
  WHEN action IN ('aangemeld', 'afgemeld', 'overal-afgemeld', 'aanmelden-mislukt', 'account-geblokkeerd', 'sso-mislukt', 'sso-geen-toegang', 'sessie-beeindigd') THEN 'aanmelden'
  WHEN action LIKE 'token-%' THEN 'token'
  WHEN action LIKE 'gebruiker-%' OR action IN ('wachtwoord-gewijzigd', 'wachtwoord-hersteld', 'eigen-wachtwoord-gewijzigd', 'sso-account-aangemaakt', 'sso-rechten-bijgewerkt') THEN 'account'
  WHEN action = 'levering-geweigerd' OR action LIKE '% /api/deliveries%' THEN 'levering'
  ELSE 'wijziging' END`;

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export async function listAudit(store: Store, filter: AuditFilter): Promise<AuditRow[]> {
  const rows = await store.query<{ id: number; at: string; kind: AuditKind; actor: string | null; action: string; target: string | null; before_json: string | null; after_json: string | null; ip: string | null }>(
    `SELECT audit_id::INTEGER AS id, strftime(logged_at, '%Y-%m-%dT%H:%M:%S') AS at, ${KIND_SQL} AS kind, actor, action, target, before_json, after_json, ip
     FROM audit_log
     WHERE ($actor IS NULL OR actor = $actor) AND ($action IS NULL OR action = $action)
       AND ($kind IS NULL OR ${KIND_SQL} = $kind)
       AND ($from IS NULL OR logged_at >= CAST($from AS TIMESTAMP)) AND ($to IS NULL OR logged_at < CAST($to AS TIMESTAMP))
       AND ($q IS NULL OR concat_ws(' ', actor, action, target, after_json, before_json) ILIKE '%' || $q || '%')
     ORDER BY audit_id DESC LIMIT $limit`,
    {
      actor: filter.actor ?? null,
      action: filter.action ?? null,
      kind: filter.kind ?? null,
      from: filter.from ? amsterdamMidnightUtc(filter.from) : null,
      to: filter.to ? amsterdamMidnightUtc(nextDay(filter.to)) : null,
      q: filter.q?.trim() || null,
      limit: filter.limit,
    },
  );
  return rows.map((r) => {
    const before = r.before_json === null ? null : (JSON.parse(r.before_json) as unknown);
    const after = r.after_json === null ? null : (JSON.parse(r.after_json) as unknown);
    const routeChange = /^PATCH /.test(r.action) || /^gebruiker-(uit|in)geschakeld$/.test(r.action);
    return {
      id: r.id,
      at: r.at,
      at_amsterdam: amsterdamTime(r.at),
      kind: r.kind,
      description: describeAudit({ action: r.action, target: r.target, before, after }),
      changes: routeChange ? changedFields(before, after) : [],
      actor: r.actor,
      action: r.action,
      target: r.target,
      before,
      after,
      ip: r.ip,
    };
  });
}

const KIND_NAMES: Record<AuditKind, string> = { wijziging: 'wijziging', levering: 'levering', aanmelden: 'aanmelden', account: 'account', token: 'toegangstoken' };

/** CSV for a spreadsheet: `;`-separated (Dutch Excel), every field quoted, formulas defused; Amsterdam time, the sentence and the changed fields only. */
export function auditCsv(rows: AuditRow[]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    // A leading =, +, - or @ would make a spreadsheet evaluate the cell (CSV injection).
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return `"${s.replace(/"/g, '""')}"`;
  };
  const header = ['id', 'tijdstip (Amsterdam)', 'wie', 'soort', 'wat', 'wijzigingen', 'onderwerp', 'ip'];
  const lines = rows.map((r) =>
    [r.id, r.at_amsterdam, r.actor, KIND_NAMES[r.kind], r.description, r.changes.map((c) => `${c.field}: ${c.before} → ${c.after}`).join('; '), r.target, r.ip].map(cell).join(';'),
  );
  return `\uFEFF${[header.map(cell).join(';'), ...lines].join('\r\n')}\r\n`;
}
