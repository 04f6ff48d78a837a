/**
 * A real app on a real temporary DuckDB store, for `app.inject` tests. Requests sign in for
 * real: an account is created in the store, signed in through POST /api/auth/login, and the
 * session cookie plus CSRF header are what a test sends.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp, type BuildAppOptions } from '../../server/app.ts';
import { createAccount, findAccount } from '../../server/auth/accounts.ts';
import type { Role } from '../../server/auth/roles.ts';
import type { RegionConfig } from '../../region/config.ts';
import { tempStore } from '../helpers/tempStore.ts';

export const TEST_PASSWORD = 'test-wachtwoord-123';

/** Headers of "Anna de Vries" (beheerder, whole region) on the newest `testApp()`; filled in by it. */
export const USER: Record<string, string> = {};

export interface SignInOptions {
  name?: string;
  role?: Role;
  gemeenten?: string[];
}

const emailOf = (name: string, role: Role, gemeenten: string[]) =>
  `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${role}${gemeenten.length ? `.${gemeenten.join('-').toLowerCase()}` : ''}@test.koersbord.nl`;

/** Creates the account when needed, signs in, and returns the headers a request then carries. */
export async function signIn(app: FastifyInstance, { name = 'Anna de Vries', role = 'beheerder', gemeenten = [] }: SignInOptions = {}): Promise<Record<string, string>> {
  const email = emailOf(name, role, gemeenten);
  if (!(await findAccount(app.store, email))) await createAccount(app.store, { email, name, role, gemeenten, password: TEST_PASSWORD });
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`aanmelden als ${email} mislukt: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'koersbord_sessie');
  return { cookie: `koersbord_sessie=${cookie!.value}`, 'x-csrf-token': (res.json() as { csrf_token: string }).csrf_token };
}

/** `region`: the store's region (default Twente as configured; `monthlyRegion()` for hand-made monthly deliveries). */
export async function testApp({ region, ...options }: Partial<BuildAppOptions> & { region?: RegionConfig } = {}) {
  const store = await tempStore(region);
  const app = await buildApp({ store, closeStore: false, ...options });
  afterAll(() => app.close());
  const session = await signIn(app);
  for (const k of Object.keys(USER)) delete USER[k];
  Object.assign(USER, session);
  signedInByDefault(app, session);
  return app;
}

/** Header that makes a request anonymous on a `testApp()` (which otherwise signs requests in). */
export const ANONYMOUS = { cookie: '' };

/**
 * Requests without a cookie of their own carry this app's signed-in session (Anna, beheerder),
 * so read tests written before access control keep reading; `ANONYMOUS` opts out.
 */
function signedInByDefault(app: FastifyInstance, session: Record<string, string>): void {
  const inject = app.inject.bind(app) as (opts: unknown) => unknown;
  (app as { inject: unknown }).inject = (opts?: unknown) => {
    if (opts && typeof opts === 'object' && !('cookie' in (((opts as { headers?: object }).headers ?? {}) as object))) {
      const o = opts as { headers?: Record<string, string> };
      return inject({ ...o, headers: { ...session, ...(o.headers ?? {}) } });
    }
    return inject(opts);
  };
}

export function json<T = unknown>(res: { body: string }): T {
  return JSON.parse(res.body) as T;
}
