/**
 * The OpenID Connect authorization code flow with PKCE, through `openid-client`: discovery,
 * the authorization URL with state and nonce, the code exchange with ID token validation
 * (issuer, audience, expiry, signature, nonce), and the provider's end-session URL.
 *
 * A sign-in attempt's secrets (PKCE verifier, nonce) stay in this process, keyed by its state;
 * the browser only holds the state in a cookie. Taking an attempt removes it, so a state that
 * comes back twice (a replayed callback) finds nothing.
 */
import * as client from 'openid-client';
import { isLoopback, type OidcConfig } from './oidc.ts';

/** Long enough to type a password and answer an MFA prompt; short enough that a leaked state is useless. */
export const ATTEMPT_MINUTES = 10;
const MAX_PENDING = 10_000;

interface Attempt {
  verifier: string;
  nonce: string;
  expires: number;
}

export interface SignedInClaims {
  /** `iss` + `sub`: the provider's stable identity of the person. */
  subject: string;
  email: string | null;
  name: string | null;
  claims: Record<string, unknown>;
}

/** Why a callback was refused, in words for the person and a code for the audit log. */
export class OidcRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface OidcFlow {
  /** The provider's authorization URL for a new attempt, and the state to bind to the browser. */
  start(): Promise<{ url: URL; state: string }>;
  /** Validates the provider's answer (the callback URL) for the attempt of `cookieState`. */
  finish(callbackUrl: URL, cookieState: string | undefined): Promise<SignedInClaims>;
  /** Where to send the browser to end the provider's session too; null when it offers none. */
  endSessionUrl(postLogoutRedirect: URL): Promise<URL | null>;
}

export function createOidcFlow(config: OidcConfig): OidcFlow {
  const pending = new Map<string, Attempt>();
  let discovered: Promise<client.Configuration> | null = null;

  // Discovered at first use and kept; a failed discovery (provider down) is tried again next time.
  const configuration = () => {
    discovered ??= client
      .discovery(config.issuer, config.clientId, undefined, client.ClientSecretPost(config.clientSecret), isLoopback(config.issuer) ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((err: unknown) => {
        discovered = null;
        throw new OidcRefusal('discovery', `De aanmeldserver van je organisatie (${config.issuer.host}) is niet bereikbaar of geeft geen geldige OpenID-configuratie. Probeer het later opnieuw. (${errorClass(err)})`);
      });
    return discovered;
  };

  const take = (state: string): Attempt | undefined => {
    const attempt = pending.get(state);
    pending.delete(state);
    return attempt && attempt.expires > Date.now() ? attempt : undefined;
  };

  return {
    async start() {
      const oidc = await configuration();
      const now = Date.now();
      if (pending.size >= MAX_PENDING) for (const [k, a] of pending) if (a.expires <= now) pending.delete(k);
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      pending.set(state, { verifier, nonce, expires: now + ATTEMPT_MINUTES * 60_000 });
      const url = client.buildAuthorizationUrl(oidc, {
        redirect_uri: config.redirectUrl.href,
        scope: 'openid profile email',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, state };
    },

    async finish(callbackUrl, cookieState) {
      const state = callbackUrl.searchParams.get('state');
      const providerError = callbackUrl.searchParams.get('error');
      if (state) {
        // Taken before anything else is checked: whatever happens next, this state is used up.
        const attempt = take(state);
        if (providerError) throw new OidcRefusal(`provider:${providerError}`, `De aanmeldserver van je organisatie weigerde de aanmelding (${providerError}).`);
        if (!attempt) throw new OidcRefusal('state-onbekend', 'Deze aanmeldpoging is onbekend, verlopen of al gebruikt. Begin opnieuw bij de aanmeldpagina.');
        if (cookieState !== state) throw new OidcRefusal('state-browser', 'Deze aanmeldpoging is in een andere browser begonnen. Begin opnieuw bij de aanmeldpagina.');
        const oidc = await configuration();
        try {
          const tokens = await client.authorizationCodeGrant(oidc, callbackUrl, { pkceCodeVerifier: attempt.verifier, expectedState: state, expectedNonce: attempt.nonce, idTokenExpected: true });
          const claims = tokens.claims();
          if (!claims) throw new OidcRefusal('geen-id-token', 'De aanmeldserver gaf geen identiteitsbewijs (ID-token) terug.');
          const text = (key: string) => (typeof claims[key] === 'string' && (claims[key] as string).trim() ? (claims[key] as string).trim() : null);
          return {
            subject: `${claims.iss} ${claims.sub}`,
            email: text('email') ?? text('preferred_username') ?? text('upn'),
            name: text('name'),
            claims: claims as Record<string, unknown>,
          };
        } catch (err) {
          if (err instanceof OidcRefusal) throw err;
          throw new OidcRefusal(`token:${errorClass(err)}`, `Het identiteitsbewijs van de aanmeldserver is niet geldig voor Koersbord (${tokenProblem(err)}). Begin opnieuw; blijft dit gebeuren, vraag je beheerder de instellingen na te kijken.`);
        }
      }
      if (providerError) throw new OidcRefusal(`provider:${providerError}`, `De aanmeldserver van je organisatie weigerde de aanmelding (${providerError}).`);
      throw new OidcRefusal('state-ontbreekt', 'Het antwoord van de aanmeldserver mist de aanmeldpoging (state). Begin opnieuw bij de aanmeldpagina.');
    },

    async endSessionUrl(postLogoutRedirect) {
      const oidc = await configuration().catch(() => null);
      if (!oidc?.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(oidc, { client_id: config.clientId, post_logout_redirect_uri: postLogoutRedirect.href });
    },
  };
}

/** The error's class and code only: a message can quote a token or a claim. */
function errorClass(err: unknown): string {
  if (!(err instanceof Error)) return 'onbekend';
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? `${err.name} ${code}` : err.name;
}

/** The ID token checks people recognise, in Dutch; the rest by its class. */
function tokenProblem(err: unknown): string {
  // oauth4webapi names the claim that failed its check in the error's cause.
  let claim: unknown;
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    claim ??= (e as { claim?: unknown }).claim;
  }
  const message = err instanceof Error ? err.message : '';
  if (claim === 'aud' || claim === 'azp') return 'het is voor een andere toepassing bedoeld';
  if (claim === 'exp' || claim === 'iat' || claim === 'nbf' || claim === 'auth_time') return 'het is verlopen of nog niet geldig';
  if (claim === 'nonce' || /nonce/i.test(message)) return 'het hoort niet bij deze aanmeldpoging';
  if (claim === 'iss') return 'het komt van een andere aanmeldserver';
  if (/signature/i.test(message)) return 'de handtekening klopt niet';
  return errorClass(err);
}
