/** Sign-in, sign-out (here and everywhere), who am I, and the audit log for beheerders. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../contract/api.ts';
import { AuditEntry, Me } from '../../contract/auth.ts';
import { HttpProblem } from '../problems.ts';
import { countAttempt, failAttempt, findAccount, hasDemoAccount, LOCKOUT_ATTEMPTS, LOCKOUT_MINUTES, publicAccount, succeedAttempt } from './accounts.ts';
import { auditCsv, listAudit, writeAudit } from './audit.ts';
import type { OidcConfig } from './oidc.ts';
import { createOidcFlow } from './oidcFlow.ts';
import { oidcRoutes } from './oidcRoutes.ts';
import { burnVerify, MAX_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import { clientIp, notSignedIn } from './plugin.ts';
import { Role } from './roles.ts';
import { createSession, revokeAllSessions, revokeSession, SESSION_COOKIE, SESSION_HOURS } from './sessions.ts';

export const DEMO_EMAIL = 'demo@koersbord.nl';
export const DEMO_PASSWORD = 'koersbord-demo';

const Login = z.strictObject({ email: z.string().trim().min(1, 'vul je e-mailadres in').max(200), password: z.string().min(1, 'vul je wachtwoord in').max(MAX_PASSWORD_LENGTH) });
const AuditQuery = z.strictObject({
  actor: z.string().max(200).optional(),
  action: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
  format: z.enum(['json', 'csv']).default('json'),
});

const wrongCredentials = () => new HttpProblem(401, 'aanmelden-mislukt', 'Aanmelden mislukt', 'Het e-mailadres of het wachtwoord klopt niet.');

/** Failed sign-ins per client address: slows down guessing across many accounts. */
export const IP_FAILURE_LIMIT = 20;
const IP_WINDOW_MS = 10 * 60_000;

/** `oidc`: single sign-on's configuration (oidc.ts), null when the region signs in with local accounts only. */
export const authRoutes: FastifyPluginAsyncZod<{ oidc: OidcConfig | null }> = async (app, { oidc }) => {
  const tags = ['aanmelden'];
  const failuresByIp = new Map<string, { count: number; since: number }>();
  /** Counts one attempt for the address at once (synchronously), or refuses it with 429. */
  const takeAddressAttempt = (ip: string) => {
    const now = Date.now();
    let entry = failuresByIp.get(ip);
    if (!entry || now - entry.since >= IP_WINDOW_MS) {
      if (failuresByIp.size > 10_000) for (const [k, e] of failuresByIp) if (now - e.since >= IP_WINDOW_MS) failuresByIp.delete(k);
      entry = { count: 0, since: now };
      failuresByIp.set(ip, entry);
    }
    if (entry.count >= IP_FAILURE_LIMIT) {
      throw new HttpProblem(429, 'te-veel-pogingen', 'Te veel pogingen', 'Te veel mislukte aanmeldpogingen vanaf dit adres. Wacht tien minuten en probeer het opnieuw.');
    }
    entry.count++;
    const counted = entry;
    return { giveBack: () => void (counted.count = Math.max(0, counted.count - 1)) };
  };
  const flow = oidc ? createOidcFlow(oidc) : null;
  if (oidc && flow) await app.register(oidcRoutes, { config: oidc, flow });

  const cookieOptions = (secure: boolean) => ({ path: '/', httpOnly: true, sameSite: 'strict' as const, secure, maxAge: SESSION_HOURS * 3600 });
  const isSecure = (protocol: string) => protocol === 'https' || process.env.KOERSBORD_SECURE_COOKIE === '1';

  app.get(
    '/auth/options',
    { schema: { summary: 'Hoe je hier aanmeldt (en het demo-account als dat er is)', tags, response: { 200: z.object({ demo_account: z.string().nullable(), demo_password: z.string().nullable(), oidc: z.boolean() }) } } },
    async () => {
      const demo = await hasDemoAccount(app.store);
      return { demo_account: demo, demo_password: demo ? DEMO_PASSWORD : null, oidc: oidc !== null };
    },
  );

  app.post(
    '/auth/login',
    { schema: { summary: 'Aanmelden met e-mailadres en wachtwoord', tags, body: Login, response: { 200: Me, 400: Problem, 401: Problem, 423: Problem, 429: Problem } } },
    async (request, reply) => {
      request.auditDone = true;
      const ip = clientIp(request);
      // Taken before anything is awaited, so a burst from one address cannot all pass the check
      // before the first failure is counted (issue 10, defect 3). A success gives it back.
      const byIp = takeAddressAttempt(ip);
      const audit = (email: string | null, action: 'aanmelden-mislukt' | 'account-geblokkeerd') =>
        writeAudit(app.store, { actor: email, action, target: request.body.email.slice(0, 200), ip });
      const account = await findAccount(app.store, request.body.email);
      if (!account || !account.password_hash || account.disabled) {
        await burnVerify(request.body.password);
        await audit(null, 'aanmelden-mislukt');
        throw wrongCredentials();
      }
      const locked = () => new HttpProblem(423, 'geblokkeerd', 'Account geblokkeerd', `Dit account is tijdelijk geblokkeerd na ${LOCKOUT_ATTEMPTS} mislukte pogingen. Probeer het over ${LOCKOUT_MINUTES} minuten opnieuw of vraag de beheerder om een nieuw wachtwoord.`);
      // Counted before the password is checked: of a burst of guesses only the first five are checked.
      const attempt = await countAttempt(app.store, account.id);
      if (attempt.refused) {
        await audit(account.email, 'aanmelden-mislukt');
        throw locked();
      }
      if (!(await verifyPassword(account.password_hash, request.body.password))) {
        const lockedNow = await failAttempt(app.store, account.id, attempt);
        await audit(account.email, lockedNow ? 'account-geblokkeerd' : 'aanmelden-mislukt');
        throw lockedNow ? locked() : wrongCredentials();
      }
      if (!(await succeedAttempt(app.store, account.id))) {
        // Right, but concurrent wrong guesses locked the account first: the lock holds.
        await audit(account.email, 'aanmelden-mislukt');
        throw locked();
      }
      byIp.giveBack();
      const session = await createSession(app.store, account.id);
      await writeAudit(app.store, { actor: account.email, action: 'aangemeld', ip });
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(isSecure(request.protocol)));
      reply.header('cache-control', 'no-store');
      return { account: publicAccount(account), csrf_token: session.csrfToken };
    },
  );

  app.get('/auth/me', { schema: { summary: 'Wie ben ik (en de CSRF-code voor wijzigingen)', tags, response: { 200: Me, 401: Problem } } }, async (request, reply) => {
    if (!request.account || !request.csrfToken) throw notSignedIn();
    reply.header('cache-control', 'no-store');
    return { account: publicAccount(request.account), csrf_token: request.csrfToken };
  });

  app.post(
    '/auth/logout',
    {
      schema: {
        summary: 'Afmelden (deze sessie); na aanmelden via de organisatie ook de URL om daar af te melden',
        tags,
        response: { 200: z.object({ end_session_url: z.string() }), 204: z.null(), 401: Problem, 403: Problem },
      },
    },
    async (request, reply) => {
      request.auditDone = true;
      await revokeSession(app.store, request.sessionHash!);
      await writeAudit(app.store, { actor: request.account!.email, action: 'afgemeld', ip: clientIp(request) });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      // Signed in through the provider: its session would sign the person straight back in, so
      // the browser goes there next (RP-initiated logout), then back to our sign-in page.
      const endSession = request.sessionSso && flow && oidc ? await flow.endSessionUrl(new URL('/', oidc.redirectUrl)) : null;
      if (endSession) return { end_session_url: endSession.href };
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout-all',
    { schema: { summary: 'Overal afmelden: alle sessies van dit account eindigen', tags, response: { 200: z.object({ ended: z.number() }), 401: Problem, 403: Problem } } },
    async (request, reply) => {
      request.auditDone = true;
      const ended = await revokeAllSessions(app.store, request.account!.id);
      await writeAudit(app.store, { actor: request.account!.email, action: 'overal-afgemeld', after: { ended }, ip: clientIp(request) });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ended };
    },
  );

  app.get(
    '/audit',
    { schema: { summary: 'Auditlog (beheerders): wie wijzigde wat, wanneer, voor en na; ook als CSV', tags: ['beheer'], querystring: AuditQuery, response: { 200: z.union([z.array(AuditEntry), z.string()]), 400: Problem, 401: Problem, 403: Problem } } },
    async (request, reply) => {
      const rows = await listAudit(app.store, request.query);
      reply.header('cache-control', 'no-store');
      if (request.query.format === 'csv') {
        return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="koersbord-auditlog.csv"').send(auditCsv(rows));
      }
      return rows;
    },
  );
};
