/**
 * Every environment variable the server reads at start, in one table: the start script reads
 * its settings through `readStartEnv`, the deployment guide lists them from here, and
 * tests/ops/deployFiles.test.ts holds the systemd unit and the proxy examples to the same
 * names and port — so a renamed variable cannot leave a unit that silently sets nothing.
 */
import { trustProxyFromEnv } from '../server/trustProxy.ts';

export interface StartVariable {
  /** What an operator sets it to, and what happens without it (English: docs, not UI). */
  description: string;
  default?: string;
}

export const START_ENV = {
  PORT: { description: 'Port the server listens on.', default: '3000' },
  HOST: { description: 'Address the server listens on; keep 127.0.0.1 behind a reverse proxy.', default: '127.0.0.1' },
  KOERSBORD_DB: { description: 'Path of the store (a DuckDB file); `--db PATH` overrides it.', default: 'data/koersbord.duckdb' },
  KOERSBORD_REGION: { description: 'Folder of the region configuration.', default: 'region/twente' },
  LOG_LEVEL: { description: 'Pino level: warn (default) keeps request lines out; info adds one JSON line per request.', default: 'warn' },
  KOERSBORD_TRUST_PROXY: { description: 'Proxies in front of the server: a hop count (1) or their addresses (127.0.0.1,10.0.0.0/8). Unset: none.' },
  KOERSBORD_SECURE_COOKIE: { description: '1: the session cookie is marked Secure even when the proxy does not say https.' },
  KOERSBORD_DEMO: { description: '0: never load demo data or create the demo account (npm run serve sets it off); 1: demo data into an empty store.', default: '1' },
  KOERSBORD_DEMO_DIR: { description: 'Folder of the generated demo files (development).', default: 'data/demo-fixtures' },
  KOERSBORD_DEMO_PROFILE: { description: 'small: a small demo data set (tests and development).', default: 'full' },
  KOERSBORD_OIDC_ISSUER: { description: 'OpenID Connect issuer (single sign-on, docs/security.md).' },
  KOERSBORD_OIDC_CLIENT_ID: { description: 'OpenID Connect client id.' },
  KOERSBORD_OIDC_CLIENT_SECRET: { description: 'OpenID Connect client secret.' },
  KOERSBORD_OIDC_REDIRECT_URL: { description: 'OpenID Connect redirect URL (…/api/auth/oidc/callback).' },
  KOERSBORD_OIDC_GROUPS: { description: 'JSON: provider group id (or app role) to {"role", "gemeenten"}; required with single sign-on.' },
  KOERSBORD_OIDC_GROUPS_FILE: { description: 'The same group map in a file (instead of KOERSBORD_OIDC_GROUPS).' },
  KOERSBORD_OIDC_GROUPS_CLAIM: { description: 'The ID token claim holding the groups.', default: 'groups' },
  KOERSBORD_OIDC_CONTACT: { description: 'Whom someone without access should ask (shown on the refusal page).' },
  CHROMIUM_PATH: { description: 'Chromium for the PDF report; else /usr/bin/chromium, else the one inside @sparticuz/chromium.' },
  KOERSBORD_CBS_ODATA_URL: { description: 'CBS StatLine OData base URL (npm run reference).' },
} as const satisfies Record<string, StartVariable>;

export type StartVariableName = keyof typeof START_ENV;

export interface StartSettings {
  port: number;
  host: string;
  logLevel: string;
  trustProxy: number | string | false;
  demo: boolean;
  demoDir: string | undefined;
  demoProfile: 'full' | 'small';
}

/** The start script's settings from the environment; a wrong value stops the start with a Dutch sentence. */
export function readStartEnv(env: NodeJS.ProcessEnv, defaults: { demo: boolean } = { demo: true }): StartSettings {
  const port = Number(env.PORT || START_ENV.PORT.default);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT moet een poortnummer zijn, niet '${env.PORT}'`);
  const demoRaw = env.KOERSBORD_DEMO?.trim();
  if (demoRaw && demoRaw !== '0' && demoRaw !== '1') throw new Error(`KOERSBORD_DEMO moet 0 of 1 zijn, niet '${demoRaw}'`);
  return {
    port,
    host: env.HOST || START_ENV.HOST.default,
    logLevel: env.LOG_LEVEL || START_ENV.LOG_LEVEL.default,
    trustProxy: trustProxyFromEnv(env.KOERSBORD_TRUST_PROXY),
    demo: demoRaw ? demoRaw === '1' : defaults.demo,
    demoDir: env.KOERSBORD_DEMO_DIR || undefined,
    demoProfile: env.KOERSBORD_DEMO_PROFILE === 'small' ? 'small' : 'full',
  };
}
