/**
 * Personal access tokens in the web app: make one (its value is answered this once), list
 * one's own, revoke one. Only from a signed-in browser session: a token cannot make or end
 * tokens (the access rule says `sessionOnly`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../contract/api.ts';
import { AccessTokenOut, CreatedAccessToken, NewAccessToken } from '../../contract/auth.ts';
import { badRequest, forbidden, notFound } from '../problems.ts';
import { createAccessToken, getAccessToken, listAccessTokens, revokeAccessToken } from './accessTokens.ts';
import { writeAudit } from './audit.ts';
import { clientIp } from './plugin.ts';

/** A token for a year at most: one forgotten in a shared Power BI file does not work forever. */
export const MAX_TOKEN_DAYS = 366;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['toegangstokens'];
  const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

  app.get('/tokens', { schema: { summary: 'Mijn toegangstokens (zonder hun waarde)', tags, response: { 200: z.array(AccessTokenOut), ...problems } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return listAccessTokens(app.store, request.account!.id);
  });

  app.post(
    '/tokens',
    { schema: { summary: 'Een toegangstoken maken (alleen lezen); de waarde staat alleen in dit antwoord', tags, body: NewAccessToken, response: { 201: CreatedAccessToken, ...problems } } },
    async (request, reply) => {
      request.auditDone = true;
      const account = request.account!;
      const { name, expires, gemeenten } = request.body;
      const day = new Date(`${expires}T00:00:00Z`);
      if (Number.isNaN(day.getTime()) || isoDate(day) !== expires) throw badRequest(`De vervaldatum ${expires} bestaat niet.`);
      const today = isoDate(new Date());
      const last = isoDate(new Date(Date.now() + MAX_TOKEN_DAYS * 86_400_000));
      if (expires < today) throw badRequest(`De vervaldatum ${expires} ligt in het verleden; kies vandaag of later.`);
      if (expires > last) throw badRequest(`Een toegangstoken werkt hoogstens een jaar: kies een vervaldatum tot en met ${last}.`);
      const known = new Set(app.store.region.gemeenten.map((g) => g.code));
      const unknown = gemeenten.filter((g) => !known.has(g));
      if (unknown.length) throw badRequest(`Deze gemeente${unknown.length === 1 ? ' hoort' : 'n horen'} niet bij de regio: ${unknown.join(', ')}.`);
      const outside = account.gemeenten.length ? gemeenten.filter((g) => !account.gemeenten.includes(g)) : [];
      if (outside.length) throw forbidden(`Een token ziet nooit meer dan je account: ${outside.join(', ')} valt buiten je gemeenten (${account.gemeenten.join(', ')}).`);
      const created = await createAccessToken(app.store, account.id, { name, expires, gemeenten: [...new Set(gemeenten)] });
      await writeAudit(app.store, { actor: account.email, action: 'token-gemaakt', target: `token ${created.record.id}`, after: created.record, ip: clientIp(request) });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/tokens/:id',
    { schema: { summary: 'Een eigen toegangstoken intrekken', tags, params: z.object({ id: z.coerce.number().int().positive() }), response: { 204: z.null(), ...problems } } },
    async (request, reply) => {
      request.auditDone = true;
      const account = request.account!;
      const before = await getAccessToken(app.store, account.id, request.params.id);
      if (!before || !(await revokeAccessToken(app.store, account.id, request.params.id))) {
        throw notFound(`Je hebt geen actief toegangstoken ${request.params.id}.`);
      }
      await writeAudit(app.store, { actor: account.email, action: 'token-ingetrokken', target: `token ${before.id}`, before, ip: clientIp(request) });
      return reply.code(204).send(null);
    },
  );
};
