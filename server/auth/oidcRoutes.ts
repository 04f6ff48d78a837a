/**
 * Sign-in with the organisation's account (OpenID Connect): `/auth/oidc/start` sends the browser
 * to the provider, `/auth/oidc/callback` takes its answer, makes or updates the account from the
 * provider's groups, and opens a session like a password sign-in does. Refusals are a Dutch page,
 * since the browser arrives here by navigation, not through the web app's fetch.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AccountError, upsertSsoAccount } from './accounts.ts';
import { writeAudit } from './audit.ts';
import { ATTEMPT_MINUTES, OidcRefusal, type OidcFlow } from './oidcFlow.ts';
import { grantFor } from './oidcGroups.ts';
import type { OidcConfig } from './oidc.ts';
import { clientIp } from './plugin.ts';
import { createSession, SESSION_COOKIE, SESSION_HOURS } from './sessions.ts';

/** Holds the attempt's state between leaving for the provider and coming back. */
export const OIDC_STATE_COOKIE = 'koersbord_sso';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `onward`: a page that goes on to the web app by itself (after a successful sign-in). */
function page(reply: FastifyReply, status: number, title: string, message: string, onward = false): FastifyReply {
  const refresh = onward ? '<meta http-equiv="refresh" content="0; url=/">' : '';
  const link = onward ? '<a href="/">Verder naar Koersbord</a>' : '<a href="/">Naar de aanmeldpagina van Koersbord</a>';
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${refresh}<title>${escape(title)} · Koersbord</title></head>
<body><main><h1>${escape(title)}</h1><p>${escape(message)}</p><p>${link}</p></main></body></html>`;
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

export const oidcRoutes: FastifyPluginAsyncZod<{ config: OidcConfig; flow: OidcFlow }> = async (app, { config, flow }) => {
  const tags = ['aanmelden'];
  const known = new Set(app.store.region.gemeenten.map((g) => g.code));
  for (const [group, grant] of Object.entries(config.groups)) {
    const unknown = (grant.gemeenten ?? []).filter((g) => !known.has(g));
    if (unknown.length) throw new Error(`KOERSBORD_OIDC_GROUPS: groep ${group} noemt ${unknown.join(', ')}, die niet bij regio ${app.store.region.name} hoort.`);
  }
  // Behind a TLS proxy the redirect URL is https: the state cookie is then Secure too.
  const secure = config.redirectUrl.protocol === 'https:';
  const html = { 200: z.string(), 302: z.null(), 400: z.string(), 401: z.string(), 403: z.string(), 502: z.string() };

  app.get('/auth/oidc/start', { schema: { summary: 'Aanmelden met je organisatie-account: stuurt door naar de aanmeldserver', tags, response: html } }, async (_request, reply) => {
    let started;
    try {
      started = await flow.start();
    } catch (err) {
      if (err instanceof OidcRefusal) return page(reply, 502, 'Aanmelden lukt nu niet', err.message);
      throw err;
    }
    // Lax, not strict: the provider sends the browser back by a top-level navigation from its own site.
    reply.setCookie(OIDC_STATE_COOKIE, started.state, { path: '/api/auth/oidc', httpOnly: true, sameSite: 'lax', secure, maxAge: ATTEMPT_MINUTES * 60 });
    return reply.header('cache-control', 'no-store').redirect(started.url.href, 302);
  });

  app.get(
    '/auth/oidc/callback',
    { schema: { summary: 'Antwoord van de aanmeldserver (redirect URI)', tags, querystring: z.record(z.string(), z.string()), response: html } },
    async (request, reply) => {
      request.auditDone = true;
      const ip = clientIp(request);
      reply.clearCookie(OIDC_STATE_COOKIE, { path: '/api/auth/oidc' });
      const callbackUrl = new URL(request.url, config.redirectUrl);
      let signedIn;
      try {
        signedIn = await flow.finish(callbackUrl, request.cookies[OIDC_STATE_COOKIE]);
      } catch (err) {
        if (!(err instanceof OidcRefusal)) throw err;
        await writeAudit(app.store, { actor: null, action: 'sso-mislukt', target: err.code, ip });
        // A callback without its attempt is a malformed request; one whose attempt is unknown, used or refused is unauthorised.
        return page(reply, err.code === 'discovery' ? 502 : err.code === 'state-ontbreekt' ? 400 : 401, 'Aanmelden mislukt', err.message);
      }
      const who = signedIn.email ?? signedIn.subject;
      const grant = grantFor(signedIn.claims[config.groupsClaim], config.groups);
      if (!grant) {
        await writeAudit(app.store, { actor: who, action: 'sso-geen-toegang', target: config.groupsClaim, ip });
        return page(reply, 403, 'Geen toegang tot Koersbord', `Je bent aangemeld als ${who}, maar je account zit in geen enkele groep die toegang geeft tot Koersbord. Vraag ${config.contact} om je toe te voegen aan de juiste groep.`);
      }
      if (!signedIn.email) {
        await writeAudit(app.store, { actor: who, action: 'sso-mislukt', target: 'geen-email', ip });
        return page(reply, 403, 'Aanmelden mislukt', `De aanmeldserver gaf geen e-mailadres mee. Vraag ${config.contact} de claim email of preferred_username mee te geven.`);
      }
      let result;
      try {
        result = await upsertSsoAccount(app.store, { subject: signedIn.subject, email: signedIn.email, name: signedIn.name ?? signedIn.email, ...grant });
      } catch (err) {
        if (!(err instanceof AccountError)) throw err;
        await writeAudit(app.store, { actor: who, action: 'sso-mislukt', target: 'account', ip });
        return page(reply, 403, 'Aanmelden mislukt', err.message);
      }
      const { before, after } = result;
      if (after.disabled) {
        await writeAudit(app.store, { actor: after.email, action: 'aanmelden-mislukt', target: 'uitgeschakeld', ip });
        return page(reply, 403, 'Account uitgeschakeld', `Je account ${after.email} is in Koersbord uitgeschakeld. Vraag ${config.contact} om het weer aan te zetten.`);
      }
      const rights = (a: { role: string; gemeenten: string[] }) => ({ role: a.role, gemeenten: a.gemeenten });
      if (!before) await writeAudit(app.store, { actor: after.email, action: 'sso-account-aangemaakt', target: after.email, after: rights(after), ip });
      else if (JSON.stringify(rights(before)) !== JSON.stringify(rights(after))) {
        await writeAudit(app.store, { actor: after.email, action: 'sso-rechten-bijgewerkt', target: after.email, before: rights(before), after: rights(after), ip });
      }
      const session = await createSession(app.store, after.id, SESSION_HOURS, true);
      await writeAudit(app.store, { actor: after.email, action: 'aangemeld', target: 'sso', ip });
      reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: SESSION_HOURS * 3600 });
      // The session cookie is strict: on this redirect (still part of the provider's navigation) the
      // browser would not send it, so the web app is reached by a page that then loads it same-site.
      return page(reply, 200, 'Aangemeld', `Je bent aangemeld als ${after.name}.`, true);
    },
  );
};
