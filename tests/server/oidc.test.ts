/** OpenID Connect configuration: validated at start, so a half-configured SSO fails loudly. */
import { describe, expect, it } from 'vitest';
import { oidcConfig } from '../../server/auth/oidc.ts';

const full = {
  KOERSBORD_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
  KOERSBORD_OIDC_CLIENT_ID: 'client',
  KOERSBORD_OIDC_CLIENT_SECRET: 'geheim',
  KOERSBORD_OIDC_REDIRECT_URL: 'https://koersbord.example.nl/api/auth/oidc/callback',
};

describe('OIDC configuration', () => {
  it('is off without variables and parsed with all of them', () => {
    expect(oidcConfig({})).toBeNull();
    expect(oidcConfig(full)?.issuer.hostname).toBe('login.microsoftonline.com');
  });

  it('refuses a half configuration, a non-URL and plain http in Dutch', () => {
    expect(() => oidcConfig({ KOERSBORD_OIDC_ISSUER: full.KOERSBORD_OIDC_ISSUER })).toThrow(/half ingesteld: KOERSBORD_OIDC_CLIENT_ID/);
    expect(() => oidcConfig({ ...full, KOERSBORD_OIDC_ISSUER: 'geen url' })).toThrow(/geen geldige URL/);
    expect(() => oidcConfig({ ...full, KOERSBORD_OIDC_REDIRECT_URL: 'http://koersbord.example.nl/cb' })).toThrow(/https/);
  });
});
