/**
 * The audit log told for people: one Dutch sentence per entry ("Actie 12 'Wachtlijst
 * verblijf' status open → lopend"), the fields a change changed (never the whole record),
 * and the time in Amsterdam. The raw entry stays in the store; this only reads it.
 */

export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

/** Bookkeeping fields every write touches: not what the person changed. */
const BOOKKEEPING = new Set(['id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'author', 'history']);

/** Dutch names of the fields people change. */
const FIELD_NAMES: Record<string, string> = {
  text: 'tekst',
  kind: 'soort',
  segment: 'segment',
  gemeente_code: 'gemeente',
  period: 'periode',
  indicator: 'indicator',
  session_id: 'sessie',
  title: 'titel',
  date: 'datum',
  organisations: 'organisaties',
  agenda: 'agenda',
  peilmaand: 'peilmaand',
  owner_organisation: 'eigenaar',
  due_date: 'deadline',
  status: 'status',
  disabled: 'uitgeschakeld',
  role: 'rol',
  gemeenten: 'gemeenten',
  name: 'naam',
};

const NOUNS: Record<string, string> = { duiding: 'Duiding', sessions: 'Duidingssessie', actions: 'Actie' };

const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function shown(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(leeg)';
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  if (Array.isArray(v)) return v.length === 0 ? '(geen)' : short(v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', '), 120);
  if (typeof v === 'object') return short(JSON.stringify(v), 120);
  return short(String(v), 120);
}

const asRecord = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** The fields whose value differs between before and after (both records); empty for a creation or deletion. */
export function changedFields(before: unknown, after: unknown): AuditChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b || !a) return [];
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !BOOKKEEPING.has(k));
  return keys
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
    .map((k) => ({ field: FIELD_NAMES[k] ?? k, before: shown(b[k]), after: shown(a[k]) }));
}

const changesText = (changes: AuditChange[]) => changes.map((c) => `${c.field} ${c.before} → ${c.after}`).join(', ');

/** What a record is called in a sentence: its title, else the start of its text. */
function label(record: Record<string, unknown> | null): string {
  const title = record?.title ?? record?.text;
  return typeof title === 'string' && title ? ` '${short(title, 50)}'` : '';
}

const OUTCOMES: Record<string, string> = { loaded: 'geladen', replaced: 'geladen als correctie', unchanged: 'was al geladen', rejected: 'geweigerd' };

export function describeAudit(entry: { action: string; target: string | null; before: unknown; after: unknown }): string {
  const { action, target } = entry;
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  const route = /^(POST|PATCH|DELETE) \/api\/(duiding|sessions|actions)(\/:id)?$/.exec(action);
  if (route) {
    const noun = NOUNS[route[2]];
    const id = target ?? String(after?.id ?? '');
    if (route[1] === 'POST') return `${noun} ${after?.id ?? ''}${label(after)} toegevoegd`.replace(/ {2,}/g, ' ');
    if (route[1] === 'DELETE') return `${noun} ${id}${label(before)} verwijderd`;
    const changes = changedFields(before, after);
    return `${noun} ${id}${label(before ?? after)} ${changes.length ? changesText(changes) : 'opgeslagen zonder wijziging'}`;
  }
  switch (action) {
    case 'POST /api/deliveries':
      return `Levering ${target ?? ''} ${OUTCOMES[String(after?.outcome)] ?? 'geladen'}${typeof after?.rows === 'number' ? ` (${after.rows} regels)` : ''}`;
    case 'levering-geweigerd':
      return `Levering ${target ?? ''} geweigerd: ${Number(after?.problem_count ?? 0)} ${after?.problem_count === 1 ? 'probleem' : 'problemen'}`;
    case 'aangemeld':
      return target === 'sso' ? 'Aangemeld via de organisatie' : 'Aangemeld';
    case 'sso-mislukt':
      return `Aanmelden via de organisatie mislukt (${target ?? 'onbekend'})`;
    case 'sso-geen-toegang':
      return 'Aanmelden via de organisatie geweigerd: in geen enkele groep met toegang';
    case 'sso-account-aangemaakt':
      return `Account ${target ?? ''} aangemaakt bij de eerste aanmelding via de organisatie${after?.role ? `, als ${String(after.role)}` : ''}`;
    case 'sso-rechten-bijgewerkt': {
      const changes = changedFields(before, after);
      return `Rechten van ${target ?? ''} bijgewerkt uit de groepen van de organisatie: ${changesText(changes)}`;
    }
    case 'gebruiker-gewijzigd': {
      const changes = changedFields(before, after);
      return `Account ${target ?? ''} ${changes.length ? changesText(changes) : 'opgeslagen zonder wijziging'}`;
    }
    case 'wachtwoord-hersteld':
      return `Eenmalig wachtwoord gegeven aan ${target ?? ''}`;
    case 'eigen-wachtwoord-gewijzigd':
      return 'Eigen wachtwoord gewijzigd';
    case 'sessie-beeindigd':
      return 'Een eigen sessie beëindigd';
    case 'afgemeld':
      return 'Afgemeld';
    case 'overal-afgemeld':
      return `Overal afgemeld (${Number(after?.ended ?? 0)} sessies beëindigd)`;
    case 'aanmelden-mislukt':
      return `Aanmelden mislukt voor ${target ?? '(onbekend)'}`;
    case 'account-geblokkeerd':
      return `Account ${target ?? ''} geblokkeerd na te veel mislukte pogingen`;
    case 'gebruiker-toegevoegd':
      return `Account ${target ?? ''} toegevoegd${after?.role ? ` als ${String(after.role)}` : ''}`;
    case 'gebruiker-uitgeschakeld':
      return `Account ${target ?? ''} uitgeschakeld`;
    case 'gebruiker-ingeschakeld':
      return `Account ${target ?? ''} weer ingeschakeld`;
    case 'wachtwoord-gewijzigd':
      return `Wachtwoord van ${target ?? ''} gewijzigd`;
    case 'token-gemaakt':
      return `Toegangstoken${label({ title: after?.name })} gemaakt`;
    case 'token-ingetrokken':
      return `Toegangstoken${label({ title: before?.name })} ingetrokken`;
    case 'token-gebruikt':
      return `Toegangstoken${label({ title: after?.token })} gebruikt: ${String(after?.route ?? '')}${after?.status && after.status !== 200 ? ` (geweigerd, ${String(after.status)})` : ''}`;
    default:
      return target ? `${action} (${target})` : action;
  }
}

const AMSTERDAM = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A stored UTC time (`YYYY-MM-DDTHH:MM:SS`) as Amsterdam wall-clock time, `02-12-2026 14:19:13`. */
export function amsterdamTime(utc: string): string {
  const d = new Date(`${utc}Z`);
  return Number.isNaN(d.getTime()) ? utc : AMSTERDAM.format(d).replace(',', '');
}

/** The UTC moment of midnight in Amsterdam at the start of `date` (YYYY-MM-DD): a day filter of people means their day. */
export function amsterdamMidnightUtc(date: string): string {
  const guess = Date.parse(`${date}T00:00:00Z`);
  // The offset at that moment (+1 h in winter, +2 h in summer), read from the time-zone data.
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(guess).map((p) => [p.type, p.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(guess - (local - guess)).toISOString().slice(0, 19);
}
