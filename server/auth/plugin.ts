/**
 * Access control for the whole app, registered before any route: every request is resolved
 * to an account (session cookie), checked against the route's rule (accessRules.ts), its
 * writes against the CSRF token, the gemeenten it names against the account's limit
 * (scope.ts), and every successful write is written to the audit log.
 */
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, HttpProblem } from '../problems.ts';
import { publicAccount, type StoredAccount } from './accounts.ts';
import { BEFORE_OWN_PASSWORD, ruleFor, type AccessRule } from './accessRules.ts';
import { writeAudit } from './audit.ts';
import { roleAllows } from './roles.ts';
import { checkBodyText } from './safeText.ts';
import { checkRecord, checkRequest, filterForAccount, limitOf, type Limit } from './scope.ts';
import { CSRF_HEADER, csrfMatches, findSession, SESSION_COOKIE } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    account: StoredAccount | null;
    gemeenteLimit: Limit;
    csrfToken: string | null;
    sessionHash: string | null;
    /** The session came from a sign-in through the organisation's provider (SSO). */
    sessionSso: boolean;
    /** The record a write changes, as it was: the audit log's "before". */
    auditBefore: unknown;
    /** Set by routes that write their own audit entry (sign-in, sign-out). */
    auditDone: boolean;
  }
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const notSignedIn = () => new HttpProblem(401, 'niet-aangemeld', 'Niet aangemeld', 'Meld je aan om Koersbord te gebruiken.');

export function clientIp(request: FastifyRequest): string {
  return request.ip;
}

export async function registerAccessControl(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCookie);
  app.decorateRequest('account', null);
  app.decorateRequest('gemeenteLimit', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionHash', null);
  app.decorateRequest('sessionSso', false);
  app.decorateRequest('auditBefore', null);
  app.decorateRequest('auditDone', false);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const rule = ruleFor(method, route.url);
      if (!rule) throw new Error(`De route ${method} ${route.url} heeft geen toegangsregel: voeg haar toe aan server/auth/accessRules.ts.`);
      route.config = { ...(route.config ?? {}), access: rule } as typeof route.config;
    }
  });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await findSession(app.store, token);
      if (session) {
        request.account = session.account;
        request.gemeenteLimit = await limitOf(app.store, session.account.gemeenten);
        request.csrfToken = session.csrfToken;
        request.sessionHash = session.tokenHash;
        request.sessionSso = session.sso;
      }
    }
    checkContentType(request);
    const rule = request.routeOptions.config.access;
    // No rule: no route matched (a 404 follows) or a web app file.
    if (!rule || rule.role === 'public') return;
    const account = request.account;
    if (!account) throw notSignedIn();
    if (!roleAllows(account.role, rule.role)) {
      throw forbidden(`Dit mag alleen een ${rule.role}${rule.role === 'beheerder' ? '' : ' of beheerder'}; je account is ${account.role}.`);
    }
    if (account.must_change_password && !BEFORE_OWN_PASSWORD.has(`${request.method} ${request.routeOptions.url}`)) {
      throw new HttpProblem(403, 'eigen-wachtwoord-kiezen', 'Kies eerst een eigen wachtwoord', 'Je bent aangemeld met een eenmalig wachtwoord. Kies eerst een eigen wachtwoord (POST /api/auth/password); daarna kun je verder.');
    }
    if (rule.wholeRegionOnly && request.gemeenteLimit) throw forbidden('Dit mag alleen een account dat de hele regio ziet; je account is beperkt tot een of meer gemeenten.');
    if (!SAFE_METHODS.has(request.method) && !rule.csrfExempt && !csrfMatches(request.csrfToken!, headerValue(request.headers[CSRF_HEADER]))) {
      throw forbidden('Het verzoek mist een geldige CSRF-code (kop X-CSRF-Token). Laad de pagina opnieuw en probeer het nog eens.');
    }
  });

  app.addHook('preHandler', async (request) => {
    const rule = request.routeOptions.config.access;
    if (!SAFE_METHODS.has(request.method) && request.body && typeof request.body === 'object') checkBodyText(request.body);
    if (!rule || rule.role === 'public') return;
    checkRequest(request.gemeenteLimit, request.query, request.params, request.body);
    const id = (request.params as { id?: unknown } | undefined)?.id;
    if (rule.current && typeof id === 'number') {
      const current = await rule.current(app, id);
      // A write needs the whole record in reach: a session whose agenda names another gemeente, too.
      checkRecord(request.gemeenteLimit, current);
      checkRequest(request.gemeenteLimit, current);
      request.auditBefore = current;
    }
  });

  // Answers that are not sent through the response cache (which filters itself) pass here.
  app.addHook('preSerialization', async (request, _reply, payload) => filterForAccount(request.gemeenteLimit, payload));

  app.addHook('onSend', async (request, reply, payload) => {
    if (SAFE_METHODS.has(request.method) || request.auditDone || !request.account || reply.statusCode >= 400) return payload;
    if (!request.url.startsWith('/api/')) return payload;
    let after: unknown = null;
    if (typeof payload === 'string' && payload) {
      try {
        after = JSON.parse(payload);
      } catch {
        after = null;
      }
    }
    const params = request.params as Record<string, unknown> | undefined;
    // The change itself is committed by now: a failing audit insert must not tell the client it
    // failed. It is logged as an error for the administrator instead (docs/security.md).
    await writeAudit(app.store, {
      actor: request.account.email,
      action: `${request.method} ${request.routeOptions.url}`,
      target: params?.id !== undefined ? String(params.id) : ((after as { file?: string } | null)?.file ?? null),
      before: request.auditBefore,
      after,
      ip: clientIp(request),
    }).catch((err: unknown) => request.log.error({ err }, 'auditregel schrijven mislukt'));
    return payload;
  });
}

/**
 * Strict content types: a write with a body is JSON, or multipart on the upload route (which
 * says so itself). Fastify would also parse text/plain; nothing here expects it.
 */
function checkContentType(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return;
  const length = request.headers['content-length'];
  if (!request.headers['transfer-encoding'] && (length === undefined || length === '0')) return;
  const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes;
  if (consumes?.includes('multipart/form-data')) return;
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpProblem(415, 'mediatype', 'Mediatype niet ondersteund', 'Dit soort inhoud wordt hier niet geaccepteerd; stuur JSON (Content-Type: application/json).');
  }
}

export function headerValue(raw: string | string[] | undefined): string | undefined {
  return Array.isArray(raw) ? raw[0] : raw;
}

export { publicAccount };
