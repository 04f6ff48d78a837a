/** The audit log: every write, sign-in failure and lock-out, with before and after as JSON. */
import type { Store } from '../../store/store.ts';
import type { AuditEntry as AuditEntryOut } from '../../contract/auth.ts';

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
  limit: number;
}

export async function listAudit(store: Store, filter: AuditFilter): Promise<AuditRow[]> {
  const rows = await store.query<{ id: number; at: string; actor: string | null; action: string; target: string | null; before_json: string | null; after_json: string | null; ip: string | null }>(
    `SELECT audit_id::INTEGER AS id, strftime(logged_at, '%Y-%m-%dT%H:%M:%S') AS at, actor, action, target, before_json, after_json, ip
     FROM audit_log
     WHERE ($actor IS NULL OR actor = $actor) AND ($action IS NULL OR action = $action)
     ORDER BY audit_id DESC LIMIT $limit`,
    { actor: filter.actor ?? null, action: filter.action ?? null, limit: filter.limit },
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
    ip: r.ip,
  }));
}

/** CSV for a spreadsheet: `;`-separated (Dutch Excel), every field quoted, formulas defused. */
export function auditCsv(rows: AuditRow[]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    // A leading =, +, - or @ would make a spreadsheet evaluate the cell (CSV injection).
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return `"${s.replace(/"/g, '""')}"`;
  };
  const header = ['id', 'tijdstip', 'wie', 'wat', 'onderwerp', 'voor', 'na', 'ip'];
  const lines = rows.map((r) => [r.id, r.at, r.actor, r.action, r.target, r.before, r.after, r.ip].map(cell).join(';'));
  return `\uFEFF${[header.map(cell).join(';'), ...lines].join('\r\n')}\r\n`;
}
