/**
 * Single sign-on's configuration, validated at start so a half-configured SSO fails loudly, and
 * the rule from the provider's groups to a role and gemeente limit.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { oidcConfig } from '../../server/auth/oidc.ts';
import { grantFor } from '../../server/auth/oidcGroups.ts';
import { tempDir, tempStore } from '../helpers/tempStore.ts';

const GROUPS = { 'grp-beheer': { role: 'beheerder' }, 'grp-enschede': { role: 'lezer', gemeenten: ['GM0153'] }, 'grp-almelo': { role: 'analist', gemeenten: ['GM0141'] } };
const full = {
  KOERSBORD_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
  KOERSBORD_OIDC_CLIENT_ID: 'client',
  KOERSBORD_OIDC_CLIENT_SECRET: 'geheim',
  KOERSBORD_OIDC_REDIRECT_URL: 'https://koersbord.example.nl/api/auth/oidc/callback',
  KOERSBORD_OIDC_GROUPS: JSON.stringify(GROUPS),
};

describe('OIDC configuration', () => {
  it('is off without variables and parsed with all of them', () => {
    expect(oidcConfig({})).toBeNull();
    const config = oidcConfig(full)!;
    expect(config.issuer.hostname).toBe('login.microsoftonline.com');
    expect(config.groupsClaim).toBe('groups');
    expect(config.groups['grp-enschede']).toEqual({ role: 'lezer', gemeenten: ['GM0153'] });
    expect(oidcConfig({ ...full, KOERSBORD_OIDC_GROUPS_CLAIM: 'roles' })!.groupsClaim).toBe('roles');
  });

  it('refuses a half configuration, a non-URL and plain http in Dutch', () => {
    expect(() => oidcConfig({ KOERSBORD_OIDC_ISSUER: full.KOERSBORD_OIDC_ISSUER })).toThrow(/half ingesteld: KOERSBORD_OIDC_CLIENT_ID/);
    expect(() => oidcConfig({ ...full, KOERSBORD_OIDC_ISSUER: 'geen url' })).toThrow(/geen geldige URL/);
    expect(() => oidcConfig({ ...full, KOERSBORD_OIDC_REDIRECT_URL: 'http://koersbord.example.nl/cb' })).toThrow(/https/);
  });

  it('refuses a group map that is missing, not JSON, empty or wrongly shaped', () => {
    const { KOERSBORD_OIDC_GROUPS: _, ...noGroups } = full;
    expect(() => oidcConfig(noGroups)).toThrow(/KOERSBORD_OIDC_GROUPS .*ontbreekt; zonder groepen kan niemand aanmelden/);
    expect(() => oidcConfig({ ...full, KOERSBORD_OIDC_GROUPS: '{niet json' })).toThrow(/geen geldige JSON/);
    expect(() => oidcConfig({ ...full, KOERSBORD_OIDC_GROUPS: '{}' })).toThrow(/noemt geen enkele groep/);
    expect(() => oidcConfig({ ...full, KOERSBORD_OIDC_GROUPS: '{"g":{"role":"koning"}}' })).toThrow(/klopt niet bij g\.role/);
    expect(() => oidcConfig({ ...full, KOERSBORD_OIDC_GROUPS: '{"g":{"role":"lezer","gemeenten":["Enschede"]}}' })).toThrow(/GM en vier cijfers/);
  });

  it('reads the group map from a file', () => {
    const file = join(tempDir('koersbord-oidc-'), 'groepen.json');
    writeFileSync(file, JSON.stringify(GROUPS));
    const { KOERSBORD_OIDC_GROUPS: _, ...noGroups } = full;
    expect(Object.keys(oidcConfig({ ...noGroups, KOERSBORD_OIDC_GROUPS_FILE: file })!.groups)).toHaveLength(3);
    expect(() => oidcConfig({ ...noGroups, KOERSBORD_OIDC_GROUPS_FILE: join(file, 'weg') })).toThrow(/niet te lezen/);
    expect(() => oidcConfig({ ...full, KOERSBORD_OIDC_GROUPS_FILE: file })).toThrow(/niet allebei/);
  });

  it('stops the server when a group names a gemeente outside the region', async () => {
    const config = oidcConfig({ ...full, KOERSBORD_OIDC_GROUPS: '{"g":{"role":"lezer","gemeenten":["GM0363"]}}' });
    await expect(buildApp({ store: await tempStore(), oidc: config, closeStore: true })).rejects.toThrow(/groep g noemt GM0363, die niet bij regio Twente hoort/);
  });
});

describe('from the provider groups to a role and gemeenten', () => {
  const groups = oidcConfig(full)!.groups;
  it('gives nothing without a mapped group', () => {
    expect(grantFor(undefined, groups)).toBeNull();
    expect(grantFor([], groups)).toBeNull();
    expect(grantFor(['grp-onbekend'], groups)).toBeNull();
  });
  it('gives one group its role and limit, also when the claim is a single string', () => {
    expect(grantFor(['grp-enschede'], groups)).toEqual({ role: 'lezer', gemeenten: ['GM0153'] });
    expect(grantFor('grp-enschede', groups)).toEqual({ role: 'lezer', gemeenten: ['GM0153'] });
  });
  it('takes the highest role and the union of limits, or the whole region when one group has none', () => {
    expect(grantFor(['grp-enschede', 'grp-almelo'], groups)).toEqual({ role: 'analist', gemeenten: ['GM0141', 'GM0153'] });
    expect(grantFor(['grp-enschede', 'grp-beheer', 'grp-onbekend'], groups)).toEqual({ role: 'beheerder', gemeenten: [] });
  });
});
