/** `npm run users`: the first beheerder from the command line, list, disable, refusals in Dutch, audit rows. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegion } from '../../region/config.ts';
import { findAccount } from '../../server/auth/accounts.ts';
import { listAudit } from '../../server/auth/audit.ts';
import { verifyPassword } from '../../server/auth/passwords.ts';
import { PROJECT_ROOT } from '../../store/paths.ts';
import { openStore } from '../../store/store.ts';
import { tempDbPath } from '../helpers/tempStore.ts';

const db = tempDbPath();

function users(args: string[], input = '') {
  const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(PROJECT_ROOT, 'server', 'auth', 'cli.ts'), ...args, '--db', db], {
    cwd: PROJECT_ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run users', { timeout: 120_000 }, () => {
  it('adds, lists and disables accounts, refuses bad input in Dutch, and logs every change', async () => {
    const add = users(['add', '--email', 'Beheer@Gemeente.nl', '--role', 'beheerder', '--password-stdin'], 'een-sterk-wachtwoord\n');
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    expect(add.stdout).toContain('beheer@gemeente.nl');
    const limited = users(['add', '--email', 'a@enschede.nl', '--role', 'lezer', '--gemeente', 'GM0153', '--password-stdin'], 'nog-een-wachtwoord\n');
    expect(limited.status).toBe(0);

    const bad = [
      users(['add', '--email', 'x@y.nl', '--role', 'koning', '--password-stdin'], 'een-sterk-wachtwoord'),
      users(['add', '--email', 'x@y.nl', '--role', 'lezer', '--password-stdin'], 'kort'),
      users(['add', '--email', 'x@y.nl', '--role', 'lezer', '--gemeente', 'GM9999', '--password-stdin'], 'een-sterk-wachtwoord'),
      users(['add', '--email', 'beheer@gemeente.nl', '--role', 'lezer', '--password-stdin'], 'een-sterk-wachtwoord'),
    ];
    expect(bad.map((r) => r.status)).toEqual([2, 2, 2, 2]);
    expect(bad.map((r) => r.stderr.trim())).toEqual([
      'fout: --role moet beheerder, analist of lezer zijn',
      'fout: Een wachtwoord heeft minstens 12 tekens.',
      'fout: Gemeente GM9999 hoort niet bij regio Twente.',
      'fout: Er is al een account beheer@gemeente.nl.',
    ]);

    const list = users(['list']);
    expect(list.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^a@enschede\.nl\tlezer\tGM0153\tactief/),
      expect.stringMatching(/^beheer@gemeente\.nl\tbeheerder\thele regio\tactief/),
    ]);
    expect(users(['disable', '--email', 'a@enschede.nl']).status).toBe(0);

    const store = await openStore(db, loadRegion());
    try {
      const account = await findAccount(store, 'beheer@gemeente.nl');
      expect(await verifyPassword(account!.password_hash!, 'een-sterk-wachtwoord')).toBe(true);
      expect(account!.password_hash).toMatch(/^\$argon2id\$/);
      expect((await findAccount(store, 'a@enschede.nl'))!.disabled).toBe(true);
      const audit = await listAudit(store, { limit: 100 });
      expect(audit.map((r) => r.action).reverse()).toEqual(['gebruiker-toegevoegd', 'gebruiker-toegevoegd', 'gebruiker-uitgeschakeld']);
      expect(audit[0]).toMatchObject({ target: 'a@enschede.nl', before: { disabled: false }, after: { disabled: true } });
      expect(audit[0].actor).toMatch(/^cli:/);
    } finally {
      await store.close();
    }
  });
});
