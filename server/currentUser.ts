/**
 * Who is asking: the signed-in account (server/auth), resolved once per request by the
 * access-control hook. Writes record the account's name.
 */
import type { FastifyRequest } from 'fastify';
import { notSignedIn } from './auth/plugin.ts';

/** The current account's name, or null when nobody is signed in. */
export function currentUser(request: FastifyRequest): string | null {
  return request.account?.name ?? null;
}

/** For writes: who did it is part of the record (the access rules already demand a sign-in). */
export function requireUser(request: FastifyRequest): string {
  const user = currentUser(request);
  if (!user) throw notSignedIn();
  return user;
}
