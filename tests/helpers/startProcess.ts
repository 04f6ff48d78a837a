/** `npm start` as a child process (ops/start.ts), for tests of the first start, faults and restarts. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { PROJECT_ROOT } from '../../store/paths.ts';

export interface Started {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output: () => string;
  /** Resolves when `pattern` appears in the output (rejects when the process exits first). */
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

export function startServer(db: string, env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'ops', 'start.ts'), '--db', db], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (c: Buffer) => {
    output += c.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = output.match(pattern);
        if (m) {
          listeners.delete(check);
          resolve(m);
        }
      };
      listeners.add(check);
      check();
      void exited.then((code) => {
        if (listeners.has(check)) reject(new Error(`gestopt met ${code} voordat ${pattern} verscheen: ${output}`));
      });
    });
  return { child, output: () => output, waitFor, exited };
}

/** In a test: `startServer`, and killed after the file's tests even when an assertion failed first. */
export function startTestServer(db: string, env: Record<string, string> = {}): Started {
  const started = startServer(db, env);
  afterAll(() => stopServer(started, 'SIGKILL'));
  return started;
}

export const addressOf = (s: Started) => s.waitFor(/Koersbord draait op (http:\/\/127\.0\.0\.1:\d+)/).then((m) => m[1]);

export async function stopServer(s: Started, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill(signal);
  return s.exited;
}

/** Signs in over HTTP on a running server; the headers a write then carries (session cookie and CSRF token). */
export async function httpSignIn(address: string, email: string, password: string): Promise<Record<string, string>> {
  const res = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`aanmelden mislukt: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { cookie, 'x-csrf-token': ((await res.json()) as { csrf_token: string }).csrf_token };
}

/** POSTs one delivery as multipart/form-data, as the web's upload does. */
export async function httpUpload(address: string, headers: Record<string, string>, name: string, content: string | Buffer): Promise<Response> {
  const form = new FormData();
  form.set('file', new Blob([content]), name);
  return fetch(`${address}/api/deliveries`, { method: 'POST', headers, body: form });
}
