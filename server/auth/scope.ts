/**
 * Gemeente limits, enforced here and only here: an account limited to gemeenten sees region
 * totals (REGIO) and its own gemeenten's detail. Requests naming another gemeente are refused;
 * answers are filtered so no array item about another gemeente leaves the server, whatever
 * the route (every JSON answer passes `filterForAccount`, see plugin.ts and cachedReply.ts).
 */
import { HttpProblem } from '../problems.ts';

const GEMEENTE = /^GM\d{4}$/;
/** Fields that name a gemeente in requests and answers. */
const GEMEENTE_FIELDS = ['gemeente_code', 'scope', 'gemeente'] as const;

export type Limit = ReadonlySet<string> | null;

export function limitOf(gemeenten: string[]): Limit {
  return gemeenten.length ? new Set(gemeenten) : null;
}

export const limitKey = (limit: Limit) => (limit ? [...limit].sort().join(',') : '*');

function allowed(limit: Limit, code: unknown): boolean {
  return !limit || typeof code !== 'string' || !GEMEENTE.test(code) || limit.has(code);
}

export function forbiddenGemeente(code: string, limit: ReadonlySet<string>): HttpProblem {
  return new HttpProblem(
    403,
    'geen-toegang',
    'Geen toegang',
    `Je account ziet alleen de regio en ${[...limit].sort().join(', ')}; de details van gemeente ${code} zijn voor jou niet zichtbaar.`,
  );
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
}

/** One record (a duiding, say) about another gemeente is treated as not there. */
export function checkRecord(limit: Limit, record: unknown): void {
  if (!limit || !record || typeof record !== 'object') return;
  const code = (record as Record<string, unknown>).gemeente_code;
  if (!allowed(limit, code)) throw forbiddenGemeente(String(code), limit);
}

/** Drops every array item that is about a gemeente outside the limit, at any depth. */
export function filterForAccount<T>(limit: Limit, value: T): T {
  if (!limit) return value;
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      return v.filter((item) => !item || typeof item !== 'object' || GEMEENTE_FIELDS.every((f) => allowed(limit, (item as Record<string, unknown>)[f]))).map(visit);
    }
    if (v && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x)]));
    }
    return v;
  };
  checkRecord(limit, value);
  return visit(value) as T;
}
