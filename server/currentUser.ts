/**
 * Who is asking. For now people name themselves in the `X-Koersbord-User` header; access
 * control replaces this later, and this is the only place that has to change then.
 */
import type { FastifyRequest } from 'fastify';
import { HttpProblem } from './problems.ts';

export const USER_HEADER = 'x-koersbord-user';

/** The current user's name, or null when the request does not say. */
export function currentUser(request: FastifyRequest): string | null {
  const raw = request.headers[USER_HEADER];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value.slice(0, 200) : null;
}

/** For writes: who did it is part of the record, so an anonymous write is refused. */
export function requireUser(request: FastifyRequest): string {
  const user = currentUser(request);
  if (!user) {
    throw new HttpProblem(
      401,
      'gebruiker-onbekend',
      'Gebruiker onbekend',
      'Geef aan wie je bent met de kop X-Koersbord-User; bij wijzigingen wordt vastgelegd wie ze deed.',
    );
  }
  return user;
}
