/**
 * Single sign-on through OpenID Connect (Entra ID): configuration only, for now. The
 * variables are validated at start-up so a half-configured SSO fails loudly instead of
 * silently falling back; the sign-in flow itself is not built yet (docs/security.md).
 *
 *   KOERSBORD_OIDC_ISSUER         https://login.microsoftonline.com/<tenant>/v2.0
 *   KOERSBORD_OIDC_CLIENT_ID      the app registration's client id
 *   KOERSBORD_OIDC_CLIENT_SECRET  its secret
 *   KOERSBORD_OIDC_REDIRECT_URL   https://koersbord.example.nl/api/auth/oidc/callback
 */
export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUrl: URL;
}

const VARS = ['KOERSBORD_OIDC_ISSUER', 'KOERSBORD_OIDC_CLIENT_ID', 'KOERSBORD_OIDC_CLIENT_SECRET', 'KOERSBORD_OIDC_REDIRECT_URL'] as const;

export function oidcConfig(env: NodeJS.ProcessEnv = process.env): OidcConfig | null {
  const set = VARS.filter((v) => env[v]?.trim());
  if (set.length === 0) return null;
  const missing = VARS.filter((v) => !env[v]?.trim());
  if (missing.length) throw new Error(`OpenID Connect is half ingesteld: ${missing.join(', ')} ontbreekt.`);
  const url = (name: (typeof VARS)[number]) => {
    let parsed: URL;
    try {
      parsed = new URL(env[name]!);
    } catch {
      throw new Error(`${name} is geen geldige URL.`);
    }
    if (parsed.protocol !== 'https:' && parsed.hostname !== 'localhost' && parsed.hostname !== '127.0.0.1') throw new Error(`${name} moet https gebruiken.`);
    return parsed;
  };
  return { issuer: url('KOERSBORD_OIDC_ISSUER'), clientId: env.KOERSBORD_OIDC_CLIENT_ID!, clientSecret: env.KOERSBORD_OIDC_CLIENT_SECRET!, redirectUrl: url('KOERSBORD_OIDC_REDIRECT_URL') };
}
