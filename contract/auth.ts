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
  /** Signed in with a one-time password: must choose its own before anything else. */
  must_change_password: z.boolean(),
  /** Made or taken over by a sign-in through the organisation's provider (single sign-on). */
  sso: z.boolean(),
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

const GemeenteCodes = z.array(z.string().regex(/^GM\d{4}$/, 'een gemeentecode is GM en vier cijfers')).max(100);

/** POST /api/accounts: a beheerder adds an account; the answer holds its one-time password, once. */
export const AccountCreate = z.strictObject({
  email: z.string().trim().min(1, 'vul een e-mailadres in').max(200),
  name: z.string().trim().max(200).optional(),
  role: Role,
  gemeenten: GemeenteCodes.default([]),
});
export type AccountCreate = z.input<typeof AccountCreate>;

/** PATCH /api/accounts/:id: what a beheerder may change of an account. */
export const AccountPatch = z
  .strictObject({ name: z.string().trim().min(1).max(200).optional(), role: Role.optional(), gemeenten: GemeenteCodes.optional(), disabled: z.boolean().optional() })
  .refine((p) => Object.keys(p).length > 0, 'geef minstens één veld om te wijzigen');
export type AccountPatch = z.input<typeof AccountPatch>;

/** Shown once to the beheerder, who passes it on; the account chooses its own at first sign-in. */
export const OneTimePassword = z.object({ account: AccountOut, one_time_password: z.string() });
export type OneTimePassword = z.infer<typeof OneTimePassword>;

/** POST /api/auth/password: change one's own password. */
export const PasswordChange = z.strictObject({
  current_password: z.string().min(1, 'vul je huidige wachtwoord in').max(200),
  new_password: z.string().max(200),
});
export type PasswordChange = z.infer<typeof PasswordChange>;

/** GET /api/auth/sessions: one's own open sign-in sessions. */
export const OwnSession = z.object({
  /** A short handle, not the session token (which the server never stores). */
  id: z.string(),
  created_at: z.string(),
  expires_at: z.string(),
  current: z.boolean(),
  sso: z.boolean(),
});
export type OwnSession = z.infer<typeof OwnSession>;
