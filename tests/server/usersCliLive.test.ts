/**
 * Issue 10, defect 12: `npm run users` while the server runs. DuckDB lets one process open the
 * store, so the CLI hands the change to the running server as the `users` command of its local
 * admin channel (server/localAdmin.ts: 127.0.0.1, a random port, the key beside the store with
 * mode 0600). A real server in a child process;
 * the change applies at once (the session of a disabled account ends immediately).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegion } from '../../region/config.ts';
import { createAccount } from '../../server/auth/accounts.ts';
import { credentialPathOf } from '../../server/localAdmin.ts';
import { PROJECT_ROOT } from '../../store/paths.ts';
import { openStore } from '../../store/store.ts';
import { tempDbPath } from '../helpers/tempStore.ts';
import { loadDataset } from './dataset.ts';

const db = tempDbPath();
const PASSWORD = 'lezer-wachtwoord-123';
const TSX = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
let address = '';
let server: ReturnType<typeof spawn>;

function run(args: string[], input = ''): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, join(PROJECT_ROOT, 'server', 'auth', 'cli.ts'), ...args, '--db', db], { cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function signIn(email: string, password: string) {
  const res = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { status: res.status, cookie };
}

beforeAll(async () => {
  const seeded = await openStore(db, loadRegion());
  await loadDataset(seeded); // deliveries: no demo data, no demo account
  await createAccount(seeded, { email: 'lezer@enschede.nl', role: 'lezer', password: PASSWORD });
  await seeded.close();
  server = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'ops', 'start.ts'), '--db', db], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  address = await new Promise<string>((resolve, reject) => {
    server.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      const m = output.match(/Koersbord draait op (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`gestopt met ${code}: ${output}`)));
  });
}, 120_000);

afterAll(async () => {
  if (server.exitCode === null) {
    await new Promise((resolve) => {
      server.on('exit', resolve);
      server.kill('SIGTERM');
    });
  }
});

describe('npm run users while the server runs', { timeout: 120_000 }, () => {
  it('the server wrote its local credential next to the store, readable by its owner only', () => {
    const file = credentialPathOf(db);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('disables an account at once: its open session ends and it cannot sign in', async () => {
    const before = await signIn('lezer@enschede.nl', PASSWORD);
    expect(before.status).toBe(200);
    expect((await fetch(`${address}/api/auth/me`, { headers: { cookie: before.cookie } })).status).toBe(200);

    const disable = await run(['disable', '--email', 'lezer@enschede.nl']);
    expect(disable.stderr).toBe('');
    expect(disable.status).toBe(0);
    expect(disable.stdout).toContain('uitgeschakeld');
    // At once, not "within 10 seconds": the server made the change itself.
    expect((await fetch(`${address}/api/auth/me`, { headers: { cookie: before.cookie } })).status).toBe(401);
    expect((await signIn('lezer@enschede.nl', PASSWORD)).status).toBe(401);
    expect((await run(['list'])).stdout).toMatch(/lezer@enschede\.nl\tlezer\thele regio\tuitgeschakeld/);

    expect((await run(['enable', '--email', 'lezer@enschede.nl'])).status).toBe(0);
    expect((await signIn('lezer@enschede.nl', PASSWORD)).status).toBe(200);
  });

  it('adds an account and resets a password, refuses bad input in Dutch, and logs who did it', async () => {
    const add = await run(['add', '--email', 'beheer@regio.nl', '--role', 'beheerder', '--password-stdin'], 'beheer-wachtwoord-123\n');
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    const admin = await signIn('beheer@regio.nl', 'beheer-wachtwoord-123');
    expect(admin.status).toBe(200);

    const reset = await run(['reset-password', '--email', 'lezer@enschede.nl', '--password-stdin'], 'nieuw-wachtwoord-123\n');
    expect(reset.status).toBe(0);
    expect((await signIn('lezer@enschede.nl', PASSWORD)).status).toBe(401);
    expect((await signIn('lezer@enschede.nl', 'nieuw-wachtwoord-123')).status).toBe(200);

    const refused = await run(['add', '--email', 'beheer@regio.nl', '--role', 'lezer', '--password-stdin'], 'nog-een-wachtwoord\n');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^fout: Er is al een account beheer@regio\.nl/);

    const audit = (await (await fetch(`${address}/api/audit`, { headers: { cookie: admin.cookie } })).json()) as { actor: string; action: string; target: string }[];
    const byCli = audit.filter((r) => r.actor?.startsWith('cli:'));
    expect(byCli.map((r) => r.action)).toEqual(expect.arrayContaining(['gebruiker-uitgeschakeld', 'gebruiker-ingeschakeld', 'gebruiker-toegevoegd', 'wachtwoord-gewijzigd']));
  });

  it('refuses a users command without the key, and offers no admin route on the public port', async () => {
    const { port } = JSON.parse(readFileSync(credentialPathOf(db), 'utf8')) as { port: number };
    for (const authorization of [undefined, 'Bearer fout', 'Basic eDp5']) {
      const res = await fetch(`http://127.0.0.1:${port}/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ command: 'list', actor: 'cli:indringer' }),
      });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toBe('Geen geldige beheersleutel.');
    }
    // The channel is its own listener: the public port knows no admin route at all.
    const open = await fetch(`${address}/api/admin/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ command: 'list', actor: 'cli:indringer' }) });
    expect(open.status).toBe(404);
  });

  it('refuses, with the key, a command that is not a user command or not from the CLI', async () => {
    const { port, token } = JSON.parse(readFileSync(credentialPathOf(db), 'utf8')) as { port: number; token: string };
    for (const body of [{ command: 'list', actor: 'web:iemand' }, { command: 'drop', actor: 'cli:beheer' }, { command: 'list' }]) {
      const res = await fetch(`http://127.0.0.1:${port}/users`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: string }).error).toBe('Onbekende of onvolledige beheeropdracht.');
    }
  });

  it('removes the credential when the server stops', async () => {
    await new Promise((resolve) => {
      server.on('exit', resolve);
      server.kill('SIGTERM');
    });
    expect(readdirSync(dirname(db)).filter((f) => f.endsWith('.admin.json'))).toEqual([]);
    // With the server gone the CLI opens the store itself again.
    expect((await run(['list'])).stdout).toContain('beheer@regio.nl');
  });
});
