/**
 * A local administration channel to the running server: DuckDB lets one process open a store
 * file, so a CLI that finds the file locked asks the server to do the work. The server listens
 * on 127.0.0.1 on a random port and writes the port and a random token into a credential file
 * beside the store (`<store>.admin.json`, mode 0600): whoever can read that file can already
 * read the store itself. Each command is a named async function; the CLI sends a JSON body and
 * gets the function's JSON result, or its Dutch error message.
 *
 * Reusable: `npm run store` uses it for backup and check; other CLIs (accounts) can add commands.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type AdminCommand = (body: Record<string, unknown>) => Promise<unknown>;

export interface LocalAdmin {
  port: number;
  close(): Promise<void>;
}

interface Credential {
  port: number;
  token: string;
  pid: number;
}

export const credentialPathOf = (storePath: string) => `${storePath}.admin.json`;

const MAX_BODY = 64 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('verzoek te groot');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startLocalAdmin(storePath: string, commands: Record<string, AdminCommand>): Promise<LocalAdmin | null> {
  if (storePath === ':memory:') return null;
  const token = randomBytes(32).toString('hex');
  const expected = Buffer.from(`Bearer ${token}`);
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    void (async () => {
      const auth = Buffer.from(req.headers.authorization ?? '');
      if (auth.length !== expected.length || !timingSafeEqual(auth, expected)) return send(401, { error: 'Geen geldige beheersleutel.' });
      const name = (req.url ?? '').replace(/^\//, '');
      const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
      if (req.method !== 'POST' || !command) return send(404, { error: `Onbekende beheeropdracht ${name.slice(0, 40)}.` });
      let body: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse((await readBody(req)) || '{}');
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('geen object');
        body = parsed as Record<string, unknown>;
      } catch {
        return send(400, { error: 'De beheeropdracht had geen geldig JSON-object.' });
      }
      try {
        send(200, { result: await command(body) });
      } catch (err) {
        send(422, { error: err instanceof Error ? err.message : String(err) });
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const path = credentialPathOf(storePath);
  rmSync(path, { force: true }); // a new file, so mode 0600 holds even if an old one was wider
  writeFileSync(path, JSON.stringify({ port, token, pid: process.pid } satisfies Credential), { mode: 0o600, flag: 'wx' });
  return {
    port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Only our own file: a newer server on the same store may have written its own meanwhile.
      try {
        if ((JSON.parse(readFileSync(path, 'utf8')) as Credential).token === token) rmSync(path, { force: true });
      } catch {
        // Already gone.
      }
    },
  };
}

/** Whether a server on this store offers the channel (its credential file exists). */
export function localAdminAvailable(storePath: string): boolean {
  return existsSync(credentialPathOf(storePath));
}

/** Runs `command` in the server that holds the store; throws its Dutch error message. */
export async function callLocalAdmin<T>(storePath: string, command: string, body: Record<string, unknown> = {}): Promise<T> {
  const path = credentialPathOf(storePath);
  let credential: Credential;
  try {
    credential = JSON.parse(readFileSync(path, 'utf8')) as Credential;
  } catch {
    throw new Error(`De store ${storePath} is in gebruik, maar ${path} (de sleutel van de draaiende server) ontbreekt of is onleesbaar.`);
  }
  let res: Response;
  try {
    res = await fetch(`http://127.0.0.1:${credential.port}/${command}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error(`De server van ${storePath} (pid ${credential.pid}) antwoordt niet op het beheerkanaal; draait hij nog?`);
  }
  const answer = (await res.json()) as { result?: T; error?: string };
  if (!res.ok) throw new Error(answer.error ?? `beheeropdracht ${command} mislukt (${res.status})`);
  return answer.result as T;
}
