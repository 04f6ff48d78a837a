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
  /** Only from a signed-in browser session, never with an access token (tokens, who-am-I). */
  sessionOnly?: boolean;
}

const publicRoute: AccessRule = { role: 'public' };
const read: AccessRule = { role: 'lezer' };
const write: AccessRule = { role: 'analist' };

export const ACCESS_RULES: Record<string, AccessRule> = {
  'GET /api/health': publicRoute,
  'GET /api/version': publicRoute,
  'GET /api/auth/options': publicRoute,
  'POST /api/auth/login': { role: 'public', csrfExempt: true },
  // Single sign-on: the browser arrives here by navigation, before there is a session.
  'GET /api/auth/oidc/start': publicRoute,
  'GET /api/auth/oidc/callback': publicRoute,
  'GET /api/auth/me': { ...read, sessionOnly: true },
  'POST /api/auth/logout': read,
  'POST /api/auth/logout-all': read,
  'GET /api/audit': { role: 'beheerder', wholeRegionOnly: true },
  // Account management: whole-region beheerders for others' accounts, everyone for their own.
  'GET /api/accounts': { role: 'beheerder', wholeRegionOnly: true, sessionOnly: true },
  'POST /api/accounts': { role: 'beheerder', wholeRegionOnly: true },
  'PATCH /api/accounts/:id': { role: 'beheerder', wholeRegionOnly: true },
  'POST /api/accounts/:id/reset-password': { role: 'beheerder', wholeRegionOnly: true },
  'POST /api/auth/password': read,
  'GET /api/auth/sessions': { ...read, sessionOnly: true },
  'DELETE /api/auth/sessions/:handle': read,
  // Personal access tokens: every role makes its own, from the browser only.
  'GET /api/tokens': { ...read, sessionOnly: true },
  'POST /api/tokens': { ...read, sessionOnly: true },
  'DELETE /api/tokens/:id': { ...read, sessionOnly: true },

  'GET /api/region': read,
  'GET /api/periods': read,
  'GET /api/values': read,
  'GET /api/overview': read,
  'GET /api/budget': read,
  'GET /api/series': read,
  'GET /api/comparison': read,
  'GET /api/subsegments': read,
  'GET /api/referrers': read,
  'GET /api/providers': read,
  'GET /api/providers/:agb/series': read,
  'GET /api/decomposition': read,
  'GET /api/signals': read,
  // Published national figures: every signed-in role, also one limited to its gemeenten.
  'GET /api/reference': read,
  'GET /api/deliveries': read,
  'GET /api/deliveries/completeness': read,
  'GET /api/nowcast/patterns': read,
  // A delivery file can hold any gemeente's rows: only a whole-region beheerder uploads.
  'POST /api/deliveries': { role: 'beheerder', wholeRegionOnly: true },
  // Analysts' feeds (Power BI, Excel): the same rows as the JSON routes, limited the same way.
  'GET /api/feeds/values.csv': read,
  'GET /api/feeds/values.parquet': read,
  'GET /api/feeds/series.csv': read,
  'GET /api/feeds/series.parquet': read,
  'GET /api/feeds/deliveries.csv': read,
  'GET /api/feeds/deliveries.parquet': read,
  'GET /api/feeds/duiding.csv': read,
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
/** What an account that signed in with a one-time password may do before it chose its own (plugin.ts). */
export const BEFORE_OWN_PASSWORD = new Set(['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password', 'GET /api/auth/options']);

export const PUBLIC_PREFIXES = ['/api/docs'];

export function ruleFor(method: string, url: string): AccessRule | null {
  if (!url.startsWith('/api/') && url !== '/api') return publicRoute; // the web app's files
  if (PUBLIC_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`))) return publicRoute;
  return ACCESS_RULES[`${method === 'HEAD' ? 'GET' : method} ${url}`] ?? null;
}
