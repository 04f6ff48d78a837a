/**
 * Account changes while the server runs (issue 10, defect 12). DuckDB lets one process open a
 * store file, so `npm run users` cannot open it while the server runs. The server therefore
 * writes a local credential next to the store when it starts listening: a file readable by
 * its owner only (mode 0600) with the server's loopback address and a random token. The CLI,
 * finding the store locked, reads it and sends its command to `POST /api/admin/users`; only a
 * request from this machine with that token is accepted. Whoever can read the file can also
 * read the store itself, so the file grants nothing new. It is removed when the server stops.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../contract/api.ts';
import { HttpProblem } from '../problems.ts';
import { AccountError } from './accounts.ts';
import { headerValue } from './plugin.ts';
import { runUserCommand, UserCommand } from './userCommands.ts';

export interface LocalAdmin {
  url: string;
  token: string;
  pid: number;
}

/** `koersbord.duckdb` → `koersbord.duckdb.beheer.json`, in the store's own folder. */
export const localAdminFile = (dbPath: string) => `${dbPath}.beheer.json`;

export function readLocalAdmin(dbPath: string): LocalAdmin | null {
  try {
    return JSON.parse(readFileSync(localAdminFile(dbPath), 'utf8')) as LocalAdmin;
  } catch {
    return null;
  }
}

const refused = () => new HttpProblem(403, 'geen-toegang', 'Geen toegang', 'Dit mag alleen de beheeropdracht (npm run users) op de machine van de server.');
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function checkCredential(request: FastifyRequest, token: string): void {
  const given = /^Bearer (\S+)$/.exec(headerValue(request.headers.authorization) ?? '')?.[1];
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(token);
  // The socket's own address, not request.ip: a proxy's X-Forwarded-For must not make a remote request local.
  const local = LOOPBACK.test(request.socket.remoteAddress ?? '');
  if (!local || a.length !== b.length || !timingSafeEqual(a, b)) throw refused();
}

/** Writes the credential when the app listens and removes it when it closes; adds the route. */
export async function registerLocalAdmin(app: FastifyInstance): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const dbPath = app.store.path;
  const file = dbPath === ':memory:' ? null : localAdminFile(dbPath);

  app.addHook('onListen', async () => {
    const address = app.server.address();
    if (!file || !address || typeof address === 'string') return;
    const host = address.family === 'IPv6' ? (address.address === '::' ? '[::1]' : `[${address.address}]`) : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
    writeFileSync(file, JSON.stringify({ url: `http://${host}:${address.port}`, token, pid: process.pid } satisfies LocalAdmin), { mode: 0o600 });
    chmodSync(file, 0o600); // an older file keeps its mode on overwrite
  });
  app.addHook('onClose', async () => {
    if (file && readLocalAdmin(dbPath)?.token === token) rmSync(file, { force: true });
  });

  const routes: FastifyPluginAsyncZod = async (api) => {
    api.post(
      '/admin/users',
      {
        schema: {
          summary: 'Accountbeheer door npm run users terwijl de server draait (alleen lokaal, met de beheersleutel naast de store)',
          tags: ['beheer'],
          body: z.looseObject({ actor: z.string().regex(/^cli:/).max(200) }),
          response: { 200: z.object({ lines: z.array(z.string()) }), 400: Problem, 403: Problem, 422: Problem },
        },
        // Before the body is looked at: without the credential nothing about the route is answered.
        preValidation: async (request) => checkCredential(request, token),
      },
      async (request) => {
        request.auditDone = true;
        const { actor, ...command } = request.body as { actor: string };
        const parsed = UserCommand.safeParse(command);
        if (!parsed.success) throw new HttpProblem(400, 'ongeldige-invoer', 'Ongeldige invoer', 'Onbekende of onvolledige beheeropdracht.');
        try {
          return { lines: await runUserCommand(app.store, parsed.data, actor) };
        } catch (err) {
          if (err instanceof AccountError) throw new HttpProblem(422, 'niet-verwerkbaar', 'Niet verwerkbaar', err.message);
          throw err;
        }
      },
    );
  };
  await app.register(routes, { prefix: '/api' });
}

/** For the CLI: sends one command to the running server; returns its lines or throws its Dutch detail. */
export async function sendToServer(admin: LocalAdmin, command: UserCommand, actor: string): Promise<string[]> {
  const res = await fetch(`${admin.url}/api/admin/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
    body: JSON.stringify({ ...command, actor }),
  });
  const body = (await res.json().catch(() => ({}))) as { lines?: string[]; detail?: string };
  if (!res.ok) throw new AccountError(body.detail ?? `de server antwoordde ${res.status}`);
  return body.lines ?? [];
}

