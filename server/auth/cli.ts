/**
 * Accounts from the command line (the first beheerder is made here):
 *   npm run users -- add --email EMAIL --role beheerder|analist|lezer [--name NAAM] [--gemeente GM0153 ...] [--password-stdin] [--db PATH]
 *   npm run users -- list [--db PATH]
 *   npm run users -- disable --email EMAIL        (ends every session of the account too)
 *   npm run users -- enable --email EMAIL
 *   npm run users -- reset-password --email EMAIL [--password-stdin]
 * The password is asked twice without echo, or read from stdin with --password-stdin. Every
 * change goes to the audit log (actor `cli:<os user>`). Problems in Dutch on stderr, exit 2.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadRegion } from '../../region/config.ts';
import { resolveDbPath } from '../../store/paths.ts';
import { openStore } from '../../store/store.ts';
import { AccountError, createAccount, listAccounts, resetPassword, setDisabled } from './accounts.ts';
import { writeAudit } from './audit.ts';
import { Role } from './roles.ts';

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
  const store = await openStore(resolveDbPath(o.db), loadRegion());
  const actor = `cli:${userInfo().username}`;
  try {
    if (command === 'list') {
      for (const a of await listAccounts(store)) {
        console.log(`${a.email}\t${a.role}\t${a.gemeenten.length ? a.gemeenten.join(',') : 'hele regio'}\t${a.disabled ? 'uitgeschakeld' : 'actief'}\t${a.name}`);
      }
    } else if (command === 'add') {
      const role = Role.safeParse(o.role);
      if (!role.success) fail('--role moet beheerder, analist of lezer zijn');
      const account = await createAccount(store, { email: o.email!, name: o.name, role: role.data, gemeenten: o.gemeente ?? [], password: await password(o['password-stdin']) });
      await writeAudit(store, { actor, action: 'gebruiker-toegevoegd', target: account.email, after: account });
      console.log(`Account ${account.email} (${account.role}${account.gemeenten.length ? `, ${account.gemeenten.join(', ')}` : ''}) is aangemaakt.`);
    } else if (command === 'disable' || command === 'enable') {
      const { before, after } = await setDisabled(store, o.email!, command === 'disable');
      await writeAudit(store, { actor, action: command === 'disable' ? 'gebruiker-uitgeschakeld' : 'gebruiker-ingeschakeld', target: after.email, before, after });
      console.log(`Account ${after.email} is ${command === 'disable' ? 'uitgeschakeld; alle sessies zijn beëindigd' : 'weer ingeschakeld'}.`);
    } else {
      const account = await resetPassword(store, o.email!, await password(o['password-stdin']));
      await writeAudit(store, { actor, action: 'wachtwoord-gewijzigd', target: account.email });
      console.log(`Het wachtwoord van ${account.email} is gewijzigd; alle sessies zijn beëindigd.`);
    }
  } catch (err) {
    if (err instanceof AccountError) fail(err.message);
    throw err;
  } finally {
    store.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
