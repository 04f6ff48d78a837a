/**
 * From the provider's group claim to a role and a gemeente limit. The rule, for someone in
 * several mapped groups: the highest role of them; the whole region if any of their groups
 * has no gemeente limit, else the union of the groups' gemeenten. Nobody in a mapped group:
 * no access (null), never a default role.
 */
import { roleAllows, type Role } from './roles.ts';
import type { GroupGrant } from './oidc.ts';

export interface Grant {
  role: Role;
  /** Empty: the whole region. */
  gemeenten: string[];
}

export function grantFor(claimValue: unknown, groups: Record<string, GroupGrant>): Grant | null {
  const memberships = Array.isArray(claimValue) ? claimValue.filter((g): g is string => typeof g === 'string') : typeof claimValue === 'string' ? [claimValue] : [];
  const grants = memberships.map((g) => groups[g]).filter((g): g is GroupGrant => g !== undefined);
  if (grants.length === 0) return null;
  const role = grants.map((g) => g.role).reduce((best, r) => (roleAllows(r, best) ? r : best));
  const wholeRegion = grants.some((g) => !g.gemeenten?.length);
  const gemeenten = wholeRegion ? [] : [...new Set(grants.flatMap((g) => g.gemeenten ?? []))].sort();
  return { role, gemeenten };
}
