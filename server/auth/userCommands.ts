/**
 * The account changes of `npm run users`, in one place: run by the CLI on the store itself, or
 * by the running server as the `users` command of its local admin channel (server/localAdmin.ts)
 * when the server holds the store. Every change goes to the audit log with the operating-system
 * user as actor (`cli:<user>`).
 */
import { z } from 'zod';
import type { Store } from '../../store/store.ts';
import type { AdminCommand } from '../localAdmin.ts';
import { AccountError, createAccount, listAccounts, resetPassword, setDisabled } from './accounts.ts';
import { writeAudit } from './audit.ts';
import { Role } from './roles.ts';

export const UserCommand = z.discriminatedUnion('command', [
  z.strictObject({ command: z.literal('list') }),
  z.strictObject({
    command: z.literal('add'),
    email: z.string().max(200),
    role: Role,
    name: z.string().max(200).optional(),
    gemeenten: z.array(z.string().max(10)).max(100).default([]),
    password: z.string().max(1000),
  }),
  z.strictObject({ command: z.literal('disable'), email: z.string().max(200) }),
  z.strictObject({ command: z.literal('enable'), email: z.string().max(200) }),
  z.strictObject({ command: z.literal('reset-password'), email: z.string().max(200), password: z.string().max(1000) }),
]);
export type UserCommand = z.input<typeof UserCommand>;

/** Runs one command; returns the lines to print. Refusals are AccountErrors with a Dutch message. */
export async function runUserCommand(store: Store, input: UserCommand, actor: string): Promise<string[]> {
  const c = UserCommand.parse(input);
  if (c.command === 'list') {
    return (await listAccounts(store)).map(
      (a) => `${a.email}\t${a.role}\t${a.gemeenten.length ? a.gemeenten.join(',') : 'hele regio'}\t${a.disabled ? 'uitgeschakeld' : 'actief'}\t${a.name}`,
    );
  }
  if (c.command === 'add') {
    const account = await createAccount(store, { email: c.email, name: c.name, role: c.role, gemeenten: c.gemeenten, password: c.password });
    await writeAudit(store, { actor, action: 'gebruiker-toegevoegd', target: account.email, after: account });
    return [`Account ${account.email} (${account.role}${account.gemeenten.length ? `, ${account.gemeenten.join(', ')}` : ''}) is aangemaakt.`];
  }
  if (c.command === 'disable' || c.command === 'enable') {
    const { before, after } = await setDisabled(store, c.email, c.command === 'disable');
    await writeAudit(store, { actor, action: c.command === 'disable' ? 'gebruiker-uitgeschakeld' : 'gebruiker-ingeschakeld', target: after.email, before, after });
    return [`Account ${after.email} is ${c.command === 'disable' ? 'uitgeschakeld; alle sessies zijn beëindigd' : 'weer ingeschakeld'}.`];
  }
  const account = await resetPassword(store, c.email, c.password);
  await writeAudit(store, { actor, action: 'wachtwoord-gewijzigd', target: account.email });
  return [`Het wachtwoord van ${account.email} is gewijzigd; alle sessies zijn beëindigd.`];
}

/** The body of the channel's `users` command: one UserCommand and who gave it. */
const UsersBody = z.looseObject({ actor: z.string().regex(/^cli:/).max(200) });

/** `users` on the local admin channel: the CLI's command, run by the server that holds the store. */
export function userAdminCommands(store: Store): Record<string, AdminCommand> {
  return {
    users: async (body) => {
      const sent = UsersBody.safeParse(body);
      const { actor, ...command } = sent.success ? sent.data : { actor: '' };
      const parsed = UserCommand.safeParse(command);
      if (!sent.success || !parsed.success) throw new AccountError('Onbekende of onvolledige beheeropdracht.');
      return runUserCommand(store, parsed.data, actor);
    },
  };
}
