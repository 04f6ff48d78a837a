/** Roles in increasing power: each role may do what the ones before it may. */
import { Role } from '../../contract/auth.ts';

export { Role };

const RANK: Record<Role, number> = { lezer: 0, analist: 1, beheerder: 2 };

export function roleAllows(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}

export const ROLE_LABEL: Record<Role, string> = { lezer: 'lezer', analist: 'analist', beheerder: 'beheerder' };
