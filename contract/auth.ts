/**
 * Shapes of sign-in and the audit log that cross the API boundary: the server validates and
 * serialises with them, the web types its fetches with them.
 */
import { z } from 'zod';

/** Roles in increasing power: each role may do what the ones before it may. */
export const Role = z.enum(['lezer', 'analist', 'beheerder']);
export type Role = z.infer<typeof Role>;

export const AccountOut = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: Role,
  /** Empty: the whole region. Otherwise the gemeenten whose detail this account may see. */
  gemeenten: z.array(z.string()),
  is_demo: z.boolean(),
  disabled: z.boolean(),
});
export type AccountOut = z.infer<typeof AccountOut>;

/** GET /api/auth/me and the answer to a sign-in: the account and the CSRF code for writes. */
export const Me = z.object({ account: AccountOut, csrf_token: z.string() });
export type Me = z.infer<typeof Me>;

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
