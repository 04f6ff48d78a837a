/**
 * Accounts from the command line (the first beheerder is made here):
 *   npm run users -- add --email EMAIL --role beheerder|analist|lezer [--name NAAM] [--gemeente GM0153 ...] [--password-stdin] [--db PATH]
 *   npm run users -- list [--db PATH]
 *   npm run users -- disable --email EMAIL        (ends every session of the account too)
 *   npm run users -- enable --email EMAIL
 *   npm run users -- reset-password --email EMAIL [--password-stdin]
 * The password is asked twice without echo, or read from stdin with --password-stdin. Every
 * change goes to the audit log (actor `cli:<os user>`). Problems in Dutch on stderr, exit 2.
 * While the server runs it holds the store: the command then goes to that server as the
 * `users` command of its local admin channel (server/localAdmin.ts, key beside the store).
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadRegion } from '../../region/config.ts';
import { resolveDbPath } from '../../store/paths.ts';
import { storeInUse } from '../../store/backup.ts';
import { openStore } from '../../store/store.ts';
import { callLocalAdmin } from '../localAdmin.ts';
import { AccountError } from './accounts.ts';
import { Role } from './roles.ts';
import { runUserCommand, type UserCommand } from './userCommands.ts';

function fail(message: string): never {
  process.stderr.write(`fout: ${message}\n`);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Asks without echoing what is typed. */
function ask(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(question)) write.call(rl, question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function password(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) fail('geen terminal om het wachtwoord te vragen; gebruik --password-stdin');
  const first = await ask('Wachtwoord: ');
  const second = await ask('Nog een keer: ');
  if (first !== second) fail('de wachtwoorden verschillen');
  return first;
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const { values: o } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      gemeente: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean', default: false },
      db: { type: 'string' },
    },
    strict: true,
  });
  if (!command || !['add', 'list', 'disable', 'enable', 'reset-password'].includes(command)) {
    fail('gebruik: npm run users -- add|list|disable|enable|reset-password [--email E-MAIL] [--role ROL] [--gemeente GMxxxx ...] [--password-stdin] [--db PAD]');
  }
  if (command !== 'list' && !o.email) fail('--email is verplicht');
  const role = command === 'add' ? Role.safeParse(o.role) : null;
  if (role && !role.success) fail('--role moet beheerder, analist of lezer zijn');
  const email = o.email!;
  const order: UserCommand =
    command === 'list'
      ? { command }
      : command === 'add'
        ? { command, email, role: role!.data!, name: o.name, gemeenten: o.gemeente ?? [], password: await password(o['password-stdin']) }
        : command === 'reset-password'
          ? { command, email, password: await password(o['password-stdin']) }
          : { command: command as 'disable' | 'enable', email };
  const dbPath = resolveDbPath(o.db);
  const actor = `cli:${userInfo().username}`;
  let lines: string[];
  try {
    if (await storeInUse(dbPath)) {
      // The running server holds the store (DuckDB: one process per file): it makes the change.
      lines = await callLocalAdmin<string[]>(dbPath, 'users', { ...order, actor });
    } else {
      const store = await openStore(dbPath, loadRegion());
      try {
        lines = await runUserCommand(store, order, actor);
      } finally {
        await store.close();
      }
    }
  } catch (err) {
    if (err instanceof AccountError) fail(err.message);
    throw err;
  }
  for (const line of lines) console.log(line);
}

main(process.argv.slice(2)).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
