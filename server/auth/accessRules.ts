/**
 * Who may call which API route: the one table. A route under /api without a rule here stops
 * the server at start-up (see plugin.ts), so a new route cannot go out unguarded by accident.
 */
import type { FastifyInstance } from 'fastify';
import type { Role } from './roles.ts';

export interface AccessRule {
  /** `public`: no sign-in needed. Otherwise the least role that may call the route. */
  role: Role | 'public';
  /** Gemeente-limited accounts are refused (their limit cannot be checked on this route). */
  wholeRegionOnly?: boolean;
  /** Writes that may be made without a CSRF token (sign-in itself: there is no session yet). */
  csrfExempt?: boolean;
  /** For writes on one record: the record as it is now (its gemeente is checked, and it is the audit's "before"). */
  current?: (app: FastifyInstance, id: number) => Promise<unknown>;
}

const publicRoute: AccessRule = { role: 'public' };
const read: AccessRule = { role: 'lezer' };
const write: AccessRule = { role: 'analist' };

export const ACCESS_RULES: Record<string, AccessRule> = {
  'GET /api/health': publicRoute,
  'GET /api/version': publicRoute,
  'GET /api/auth/options': publicRoute,
  'POST /api/auth/login': { role: 'public', csrfExempt: true },
  'GET /api/auth/me': read,
  'POST /api/auth/logout': read,
  'POST /api/auth/logout-all': read,
  'GET /api/audit': { role: 'beheerder', wholeRegionOnly: true },

  'GET /api/region': read,
  'GET /api/periods': read,
  'GET /api/values': read,
  'GET /api/overview': read,
  'GET /api/series': read,
  'GET /api/comparison': read,
  'GET /api/subsegments': read,
  'GET /api/referrers': read,
  'GET /api/providers': read,
  'GET /api/providers/:agb/series': read,
  // Published national figures: every signed-in role, also one limited to its gemeenten.
  'GET /api/reference': read,
  'GET /api/deliveries': read,
  'GET /api/deliveries/completeness': read,
  // A delivery file can hold any gemeente's rows: only a whole-region beheerder uploads.
  'POST /api/deliveries': { role: 'beheerder', wholeRegionOnly: true },
  'GET /api/report': read,
  'GET /api/report/pdf': read,

  'GET /api/duiding': read,
  'GET /api/duiding/:id': read,
  'POST /api/duiding': write,
  'PATCH /api/duiding/:id': { ...write, current: (app, id) => app.duiding.get(id) },
  'DELETE /api/duiding/:id': { ...write, current: (app, id) => app.duiding.get(id) },
  // Every gemeente the duiding was ever about is checked: an edit may have moved it from another.
  'GET /api/duiding/:id/history': { ...read, current: (app, id) => app.duiding.history(id) },
  'GET /api/sessions': read,
  'GET /api/sessions/:id': read,
  'POST /api/sessions': write,
  'PATCH /api/sessions/:id': { ...write, current: (app, id) => app.duidingssessies.get(id) },
  'DELETE /api/sessions/:id': { ...write, current: (app, id) => app.duidingssessies.get(id) },
  'GET /api/actions': read,
  'GET /api/actions/:id': read,
  'POST /api/actions': write,
  'PATCH /api/actions/:id': { ...write, current: (app, id) => app.actions.get(id) },
  'DELETE /api/actions/:id': { ...write, current: (app, id) => app.actions.get(id) },
};

/** The API documentation (Swagger UI and the OpenAPI document) describes routes, not data. */
export const PUBLIC_PREFIXES = ['/api/docs'];

export function ruleFor(method: string, url: string): AccessRule | null {
  if (!url.startsWith('/api/') && url !== '/api') return publicRoute; // the web app's files
  if (PUBLIC_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`))) return publicRoute;
  return ACCESS_RULES[`${method === 'HEAD' ? 'GET' : method} ${url}`] ?? null;
}
