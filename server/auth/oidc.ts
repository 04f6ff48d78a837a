/**
 * Single sign-on through OpenID Connect (Entra ID or any certified provider): the configuration.
 * Validated at start-up, so a half-configured SSO fails loudly instead of silently falling back
 * to local accounts only. The flow itself is oidcFlow.ts; the routes oidcRoutes.ts.
 *
 *   KOERSBORD_OIDC_ISSUER         https://login.microsoftonline.com/<tenant>/v2.0
 *   KOERSBORD_OIDC_CLIENT_ID      the app registration's client id
 *   KOERSBORD_OIDC_CLIENT_SECRET  its secret
 *   KOERSBORD_OIDC_REDIRECT_URL   https://koersbord.example.nl/api/auth/oidc/callback
 *   KOERSBORD_OIDC_GROUPS         JSON: group id (or app role) -> {"role": ..., "gemeenten": [...]}
 *   KOERSBORD_OIDC_GROUPS_FILE    the same JSON in a file (instead of KOERSBORD_OIDC_GROUPS)
 *   KOERSBORD_OIDC_GROUPS_CLAIM   the ID token claim holding them (default `groups`; `roles` for app roles)
 *   KOERSBORD_OIDC_CONTACT        whom a user without access should ask (shown on the refusal page)
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Role } from '../../contract/auth.ts';

/** What membership of one provider group gives: a role, and optionally a gemeente limit. */
export const GroupGrant = z.strictObject({ role: Role, gemeenten: z.array(z.string().regex(/^GM\d{4}$/, 'een gemeentecode is GM en vier cijfers')).optional() });
export type GroupGrant = z.infer<typeof GroupGrant>;
const GroupMap = z.record(z.string().min(1), GroupGrant);

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUrl: URL;
  groupsClaim: string;
  groups: Record<string, GroupGrant>;
  contact: string;
}

const REQUIRED = ['KOERSBORD_OIDC_ISSUER', 'KOERSBORD_OIDC_CLIENT_ID', 'KOERSBORD_OIDC_CLIENT_SECRET', 'KOERSBORD_OIDC_REDIRECT_URL'] as const;
const DEFAULT_CONTACT = 'de beheerder van Koersbord in je organisatie';

/** Plain http only on this machine's loopback (tests and a provider on the same host). */
export const isLoopback = (url: URL) => url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';

export function oidcConfig(env: NodeJS.ProcessEnv = process.env): OidcConfig | null {
  const set = REQUIRED.filter((v) => env[v]?.trim());
  if (set.length === 0) return null;
  const missing = REQUIRED.filter((v) => !env[v]?.trim());
  if (missing.length) throw new Error(`OpenID Connect is half ingesteld: ${missing.join(', ')} ontbreekt.`);
  const url = (name: (typeof REQUIRED)[number]) => {
    let parsed: URL;
    try {
      parsed = new URL(env[name]!);
    } catch {
      throw new Error(`${name} is geen geldige URL.`);
    }
    if (parsed.protocol !== 'https:' && !isLoopback(parsed)) throw new Error(`${name} moet https gebruiken.`);
    return parsed;
  };
  return {
    issuer: url('KOERSBORD_OIDC_ISSUER'),
    clientId: env.KOERSBORD_OIDC_CLIENT_ID!,
    clientSecret: env.KOERSBORD_OIDC_CLIENT_SECRET!,
    redirectUrl: url('KOERSBORD_OIDC_REDIRECT_URL'),
    groupsClaim: env.KOERSBORD_OIDC_GROUPS_CLAIM?.trim() || 'groups',
    groups: groupMap(env),
    contact: env.KOERSBORD_OIDC_CONTACT?.trim() || DEFAULT_CONTACT,
  };
}

/** Without any mapped group nobody could sign in: that is a configuration error, said at start. */
function groupMap(env: NodeJS.ProcessEnv): Record<string, GroupGrant> {
  const inline = env.KOERSBORD_OIDC_GROUPS?.trim();
  const file = env.KOERSBORD_OIDC_GROUPS_FILE?.trim();
  if (inline && file) throw new Error('Zet KOERSBORD_OIDC_GROUPS of KOERSBORD_OIDC_GROUPS_FILE, niet allebei.');
  if (!inline && !file) throw new Error('OpenID Connect is half ingesteld: KOERSBORD_OIDC_GROUPS (of KOERSBORD_OIDC_GROUPS_FILE) ontbreekt; zonder groepen kan niemand aanmelden.');
  let text = inline;
  if (file) {
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`KOERSBORD_OIDC_GROUPS_FILE: het bestand ${file} is niet te lezen.`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text!);
  } catch {
    throw new Error(`${file ? `KOERSBORD_OIDC_GROUPS_FILE (${file})` : 'KOERSBORD_OIDC_GROUPS'} is geen geldige JSON.`);
  }
  const parsed = GroupMap.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`KOERSBORD_OIDC_GROUPS klopt niet bij ${issue.path.join('.') || 'de hoofdlaag'}: ${issue.message}. Verwacht: {"<groep-id>": {"role": "lezer", "gemeenten": ["GM0153"]}}.`);
  }
  if (Object.keys(parsed.data).length === 0) throw new Error('KOERSBORD_OIDC_GROUPS noemt geen enkele groep; zonder groepen kan niemand aanmelden.');
  return parsed.data;
}
