/**
 * Gemeente limits, enforced here and only here: an account limited to gemeenten sees region
 * totals (REGIO) and its own gemeenten's detail. Requests naming another gemeente are refused;
 * answers are filtered so no array item about another gemeente leaves the server, whatever
 * the route (every JSON answer passes `filterForAccount`, see plugin.ts and cachedReply.ts).
 */
import type { Store } from '../../store/store.ts';
import { HttpProblem } from '../problems.ts';

const GEMEENTE = /^GM\d{4}$/;
/** Fields that name a gemeente in requests and answers. */
const GEMEENTE_FIELDS = ['gemeente_code', 'scope', 'gemeente'] as const;

/**
 * The gemeenten an account may see in detail, and the duiding about other gemeenten: actions
 * carry no gemeente of their own, they belong to the gemeente of their verbetervoorstel.
 */
export interface GemeenteLimit {
  gemeenten: ReadonlySet<string>;
  hiddenDuiding: ReadonlySet<number>;
}
export type Limit = GemeenteLimit | null;

export async function limitOf(store: Store, gemeenten: string[]): Promise<Limit> {
  if (!gemeenten.length) return null;
  const rows = await store.query<{ id: number }>(
    `SELECT duiding_id AS id FROM duiding WHERE gemeente_code <> 'REGIO' AND NOT list_contains($mine::VARCHAR[], gemeente_code)`,
    { mine: JSON.stringify(gemeenten) },
  );
  return { gemeenten: new Set(gemeenten), hiddenDuiding: new Set(rows.map((r) => r.id)) };
}

/**
 * The gemeenten whose detail the account may see, for builders that take the reader along
 * (report, overview, completeness, region): null for the whole region. Answers are built for
 * them from the start; `filterForAccount` below stays as a second line behind that.
 */
export const readerGemeenten = (limit: Limit): string[] | null => (limit ? [...limit.gemeenten].sort() : null);

export const limitKey = (limit: Limit) => (limit ? [...limit.gemeenten].sort().join(',') : '*');

function allowed(limit: Limit, code: unknown): boolean {
  return !limit || typeof code !== 'string' || !GEMEENTE.test(code) || limit.gemeenten.has(code);
}

function itemAllowed(limit: GemeenteLimit, item: Record<string, unknown>): boolean {
  if (!GEMEENTE_FIELDS.every((f) => allowed(limit, item[f]))) return false;
  return typeof item.duiding_id !== 'number' || !limit.hiddenDuiding.has(item.duiding_id);
}

export function forbiddenGemeente(code: string, limit: GemeenteLimit): HttpProblem {
  const what = GEMEENTE.test(code) ? `de details van gemeente ${code} zijn` : 'dit gegeven hoort bij een andere gemeente en is';
  return new HttpProblem(403, 'geen-toegang', 'Geen toegang', `Je account ziet alleen de regio en ${[...limit.gemeenten].sort().join(', ')}; ${what} voor jou niet zichtbaar.`);
}

/** Every gemeente a request names: query, route parameters and body (also in a session's agenda). */
export function gemeentenNamed(...parts: unknown[]): string[] {
  const found: string[] = [];
  const visit = (v: unknown, depth: number) => {
    if (!v || typeof v !== 'object' || depth > 3) return;
    if (Array.isArray(v)) {
      for (const item of v) visit(item, depth + 1);
      return;
    }
    for (const [k, value] of Object.entries(v)) {
      if ((GEMEENTE_FIELDS as readonly string[]).includes(k) && typeof value === 'string') found.push(value);
      else if (typeof value === 'object') visit(value, depth + 1);
    }
  };
  for (const p of parts) visit(p, 0);
  return found;
}

export function checkRequest(limit: Limit, ...parts: unknown[]): void {
  if (!limit) return;
  for (const code of gemeentenNamed(...parts)) if (!allowed(limit, code)) throw forbiddenGemeente(code, limit);
  for (const p of parts) {
    const id = p && typeof p === 'object' ? (p as Record<string, unknown>).duiding_id : undefined;
    if (typeof id === 'number' && limit.hiddenDuiding.has(id)) throw forbiddenGemeente('duiding', limit);
  }
}

/** One record (a duiding, say) about another gemeente is treated as not there. */
export function checkRecord(limit: Limit, record: unknown): void {
  if (!limit || !record || typeof record !== 'object') return;
  const item = record as Record<string, unknown>;
  if (!itemAllowed(limit, item)) throw forbiddenGemeente(String(item.gemeente_code ?? 'duiding'), limit);
}

/** Drops every array item that is about a gemeente outside the limit, at any depth. */
export function filterForAccount<T>(limit: Limit, value: T): T {
  if (!limit) return value;
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      return v.filter((item) => !item || typeof item !== 'object' || itemAllowed(limit, item as Record<string, unknown>)).map(visit);
    }
    if (v && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x)]));
    }
    return v;
  };
  checkRecord(limit, value);
  return visit(value) as T;
}
