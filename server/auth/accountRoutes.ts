/**
 * Account management in the web app. Beheerders (whole region): list, add with a one-time
 * password, change name, role, gemeenten and status, reset to a one-time password. Everyone:
 * change their own password, see their own open sessions and end them. Every change is in the
 * audit log; a one-time password never is (these routes write their own audit rows).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../contract/api.ts';
import { AccountCreate, AccountOut, AccountPatch, OneTimePassword, OwnSession, PasswordChange } from '../../contract/auth.ts';
import { badRequest, notFound } from '../problems.ts';
import { addAccountWithOneTimePassword, changeAccount, changeOwnPassword, endOwnSession, ownSessions, resetToOneTimePassword } from './accountAdmin.ts';
import { AccountError, listAccounts, publicAccount } from './accounts.ts';
import { writeAudit } from './audit.ts';
import { clientIp } from './plugin.ts';

const IdParam = z.object({ id: z.coerce.number().int().positive() });
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/** A refusal of the account rules (a taken address, an own role, a short password) is the person's input: 400. */
async function refusedAs400<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AccountError) throw badRequest(err.message);
    throw err;
  }
}

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['beheer'];

  app.get('/accounts', { schema: { summary: 'Alle accounts (beheerders)', tags, response: { 200: z.array(AccountOut), ...problems } } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return listAccounts(app.store);
  });

  app.post(
    '/accounts',
    { schema: { summary: 'Account toevoegen, met een eenmalig wachtwoord (één keer getoond)', tags, body: AccountCreate, response: { 201: OneTimePassword, ...problems } } },
    async (request, reply) => {
      request.auditDone = true;
      const { account, password } = await refusedAs400(() => addAccountWithOneTimePassword(app.store, request.body));
      await writeAudit(app.store, { actor: request.account!.email, action: 'gebruiker-toegevoegd', target: account.email, after: account, ip: clientIp(request) });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({ account, one_time_password: password });
    },
  );

  app.patch(
    '/accounts/:id',
    { schema: { summary: 'Naam, rol, gemeenten of status van een account wijzigen', tags, params: IdParam, body: AccountPatch, response: { 200: AccountOut, ...problems } } },
    async (request) => {
      request.auditDone = true;
      const { before, after } = await refusedAs400(() => changeAccount(app.store, request.params.id, request.body, request.account!.id));
      await writeAudit(app.store, { actor: request.account!.email, action: 'gebruiker-gewijzigd', target: after.email, before, after, ip: clientIp(request) });
      return after;
    },
  );

  app.post(
    '/accounts/:id/reset-password',
    { schema: { summary: 'Nieuw eenmalig wachtwoord (alle sessies van het account eindigen)', tags, params: IdParam, response: { 200: OneTimePassword, ...problems } } },
    async (request, reply) => {
      request.auditDone = true;
      const { account, password } = await refusedAs400(() => resetToOneTimePassword(app.store, request.params.id));
      await writeAudit(app.store, { actor: request.account!.email, action: 'wachtwoord-hersteld', target: account.email, ip: clientIp(request) });
      reply.header('cache-control', 'no-store');
      return { account, one_time_password: password };
    },
  );

  app.post(
    '/auth/password',
    { schema: { summary: 'Eigen wachtwoord wijzigen (je andere sessies eindigen)', tags: ['aanmelden'], body: PasswordChange, response: { 200: AccountOut, ...problems } } },
    async (request) => {
      request.auditDone = true;
      const account = request.account!;
      await refusedAs400(() => changeOwnPassword(app.store, account, request.body.current_password, request.body.new_password, request.sessionHash!));
      await writeAudit(app.store, { actor: account.email, action: 'eigen-wachtwoord-gewijzigd', target: account.email, ip: clientIp(request) });
      return publicAccount({ ...account, must_change_password: false, is_demo: false });
    },
  );

  app.get('/auth/sessions', { schema: { summary: 'Je eigen open sessies', tags: ['aanmelden'], response: { 200: z.array(OwnSession), ...problems } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return ownSessions(app.store, request.account!.id, request.sessionHash!);
  });

  app.delete(
    '/auth/sessions/:handle',
    { schema: { summary: 'Een van je eigen sessies beëindigen', tags: ['aanmelden'], params: z.object({ handle: z.string().regex(/^[0-9a-f]{16}$/, 'onbekende sessie') }), response: { 204: z.null(), ...problems } } },
    async (request, reply) => {
      request.auditDone = true;
      if (!(await endOwnSession(app.store, request.account!.id, request.params.handle))) throw notFound('Die sessie is er niet (meer), of is niet van jou.');
      await writeAudit(app.store, { actor: request.account!.email, action: 'sessie-beeindigd', target: request.params.handle, ip: clientIp(request) });
      return reply.code(204).send(null);
    },
  );
};
