/**
 * A real OpenID provider for the sign-on tests: `oidc-provider` on 127.0.0.1 and a random port,
 * with its development login page (any login name, any password) and one client, Koersbord.
 * People are the login names in `people`, with the claims their ID token carries.
 *
 * `tamper` makes the provider misbehave on purpose: its token endpoint hands out an ID token
 * re-signed with its own key but with a wrong audience or long expired, as a misconfigured or
 * hostile provider would, so the tests can see Koersbord refuse it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

export interface Person {
  email: string;
  name: string;
  groups?: string[];
}

export type Tamper = 'none' | 'audience' | 'expired';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers Koersbord's address once it listens (its redirect and post-logout URIs). */
  trust(koersbordBaseUrl: string): void;
  tamper: Tamper;
  close(): Promise<void>;
}

export async function startOidcProvider(people: Record<string, Person>): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: 'test-sleutel', alg: 'RS256', use: 'sig' };
  const clientId = 'koersbord';
  const clientSecret = 'een-geheim-van-de-test-dat-lang-genoeg-is';

  const handle: TestProvider = {
    issuer,
    clientId,
    clientSecret,
    tamper: 'none',
    trust(koersbordBaseUrl) {
      const configuration: Configuration = {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            token_endpoint_auth_method: 'client_secret_post',
            redirect_uris: [`${koersbordBaseUrl}/api/auth/oidc/callback`],
            post_logout_redirect_uris: [`${koersbordBaseUrl}/`],
            response_types: ['code'],
            grant_types: ['authorization_code'],
          },
        ],
        jwks: { keys: [jwk] },
        pkce: { required: () => true },
        // The claims in the ID token itself (as Entra ID does), not only from the userinfo endpoint.
        conformIdTokenClaims: false,
        claims: { openid: ['sub', 'groups'], email: ['email'], profile: ['name'] },
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        async findAccount(_ctx, sub) {
          const person = people[sub];
          if (!person) return undefined;
          return { accountId: sub, claims: async () => ({ sub, email: person.email, name: person.name, ...(person.groups ? { groups: person.groups } : {}) }) };
        },
        // A first-party client: no consent screen, as Entra ID with admin consent.
        async loadExistingGrant(ctx) {
          const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
          grant.addOIDCScope('openid email profile');
          await grant.save();
          return grant;
        },
      };
      const provider = new Provider(issuer, configuration);
      const signingKey = importJWK(jwk, 'RS256');
      provider.use(async (ctx, next) => {
        await next();
        if (handle.tamper === 'none' || ctx.path !== '/token' || ctx.status !== 200) return;
        const body = ctx.body as { id_token?: string };
        if (!body.id_token) return;
        const claims = decodeJwt(body.id_token);
        const now = Math.floor(Date.now() / 1000);
        const changed = handle.tamper === 'audience' ? { ...claims, aud: 'een-andere-toepassing' } : { ...claims, iat: now - 7200, exp: now - 3600 };
        body.id_token = await new SignJWT(changed).setProtectedHeader({ alg: 'RS256', kid: jwk.kid }).sign(await signingKey);
      });
      server.removeAllListeners('request');
      server.on('request', provider.callback());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return handle;
}
