/**
 * Account management from the web app: what a beheerder changes of an account (name, role,
 * gemeenten, disabled, a one-time password), and what everyone does with their own (password,
 * open sessions). The command line (userCommands.ts) keeps its own, older verbs.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../../store/store.ts';
import { AccountError, accountWrite, createAccount, getAccount, publicAccount, type Account, type StoredAccount } from './accounts.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import type { Role } from './roles.ts';
import { forgetSessions } from './sessions.ts';

/** 18 random bytes: 24 characters a person can type, far beyond guessing in five attempts. */
const oneTimePassword = () => randomBytes(18).toString('base64url');

const checkGemeenten = (store: Store, gemeenten: string[]) => {
  const known = new Set(store.region.gemeenten.map((g) => g.code));
  const unknown = gemeenten.filter((g) => !known.has(g));
  if (unknown.length) throw new AccountError(`Gemeente ${unknown.join(', ')} hoort niet bij regio ${store.region.name}.`);
};

async function mustGet(store: Store, id: number): Promise<StoredAccount> {
  const account = await getAccount(store, id);
  if (!account) throw new AccountError(`Er is geen account met nummer ${id}.`);
  return account;
}

export async function addAccountWithOneTimePassword(store: Store, input: { email: string; name?: string; role: Role; gemeenten: string[] }): Promise<{ account: Account; password: string }> {
  const password = oneTimePassword();
  const made = await createAccount(store, { ...input, password });
  await store.run(`INSERT INTO account_must_change VALUES ($id) ON CONFLICT DO NOTHING`, { id: made.id });
  return { account: publicAccount((await getAccount(store, made.id))!), password };
}

export interface AccountChange {
  name?: string;
  role?: Role;
  gemeenten?: string[];
  disabled?: boolean;
}

/**
 * A beheerder's change to an account. Not to their own role, limit or status: a beheerder who
 * demotes or disables themselves by a slip cannot undo it, and the region may be left without one.
 */
export async function changeAccount(store: Store, id: number, change: AccountChange, byAccountId: number): Promise<{ before: Account; after: Account }> {
  const before = await mustGet(store, id);
  if (id === byAccountId && (change.role !== undefined || change.gemeenten !== undefined || change.disabled !== undefined)) {
    throw new AccountError('Je eigen rol, gemeenten of status wijzig je niet zelf; vraag een andere beheerder.');
  }
  if (change.gemeenten) checkGemeenten(store, change.gemeenten);
  await accountWrite(store, () =>
    store.transaction(async (conn) => {
      await conn.run(
        `UPDATE accounts SET name = coalesce($name, name), role = coalesce($role, role), gemeenten = coalesce($gemeenten, gemeenten), disabled = coalesce($disabled, disabled)
         WHERE account_id = $id`,
        { id, name: change.name ?? null, role: change.role ?? null, gemeenten: change.gemeenten ? JSON.stringify([...new Set(change.gemeenten)].sort()) : null, disabled: change.disabled ?? null },
      );
      // Fewer rights or disabled: the account's open sessions end, so the change holds at once.
      if (change.disabled || change.role !== undefined || change.gemeenten !== undefined) {
        await conn.run(`UPDATE auth_sessions SET revoked_at = current_timestamp::TIMESTAMP WHERE account_id = $id AND revoked_at IS NULL`, { id });
      }
    }),
  );
  forgetSessions(store);
  return { before: publicAccount(before), after: publicAccount(await mustGet(store, id)) };
}

/** A new one-time password: the old one stops working, the lock-out ends, every session ends. */
export async function resetToOneTimePassword(store: Store, id: number): Promise<{ account: Account; password: string }> {
  const account = await mustGet(store, id);
  if (account.sso && !account.password_hash) throw new AccountError(`${account.email} meldt aan via de organisatie en heeft hier geen wachtwoord.`);
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  await accountWrite(store, () =>
    store.transaction(async (conn) => {
      await conn.run(`UPDATE accounts SET password_hash = $hash, failed_attempts = 0, locked_until = NULL, is_demo = false WHERE account_id = $id`, { hash, id });
      await conn.run(`INSERT INTO account_must_change VALUES ($id) ON CONFLICT DO NOTHING`, { id });
      await conn.run(`UPDATE auth_sessions SET revoked_at = current_timestamp::TIMESTAMP WHERE account_id = $id AND revoked_at IS NULL`, { id });
    }),
  );
  forgetSessions(store);
  return { account: publicAccount(await mustGet(store, id)), password };
}

/** One's own new password; the other sessions of the account end, this one stays. */
export async function changeOwnPassword(store: Store, account: StoredAccount, current: string, next: string, keepSessionHash: string): Promise<void> {
  if (!account.password_hash) throw new AccountError('Je meldt aan via je organisatie; je wachtwoord wijzig je daar.');
  if (!(await verifyPassword(account.password_hash, current))) throw new AccountError('Je huidige wachtwoord klopt niet.');
  const problem = passwordProblem(next);
  if (problem) throw new AccountError(problem);
  if (next === current) throw new AccountError('Kies een ander wachtwoord dan je huidige.');
  const hash = await hashPassword(next);
  await accountWrite(store, () =>
    store.transaction(async (conn) => {
      await conn.run(`UPDATE accounts SET password_hash = $hash, is_demo = false WHERE account_id = $id`, { hash, id: account.id });
      await conn.run(`DELETE FROM account_must_change WHERE account_id = $id`, { id: account.id });
      await conn.run(`UPDATE auth_sessions SET revoked_at = current_timestamp::TIMESTAMP WHERE account_id = $id AND revoked_at IS NULL AND token_hash <> $keep`, { id: account.id, keep: keepSessionHash });
    }),
  );
  forgetSessions(store);
}

/** A session's handle: a hash of its stored hash, so nothing in an answer leads back to a cookie. */
const handleSql = `left(sha256(token_hash), 16)`;
export const sessionHandle = (tokenHash: string) => createHash('sha256').update(tokenHash).digest('hex').slice(0, 16);

export async function ownSessions(store: Store, accountId: number, currentHash: string) {
  const rows = await store.query<{ id: string; created_at: string; expires_at: string; sso: boolean | null }>(
    `SELECT ${handleSql} AS id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, strftime(expires_at, '%Y-%m-%dT%H:%M:%SZ') AS expires_at, sso
     FROM auth_sessions WHERE account_id = $id AND revoked_at IS NULL AND expires_at > current_timestamp::TIMESTAMP ORDER BY created_at DESC`,
    { id: accountId },
  );
  const current = sessionHandle(currentHash);
  return rows.map((r) => ({ ...r, sso: r.sso === true, current: r.id === current }));
}

/** Ends one of one's own sessions by its handle; false when there is no such open session. */
export async function endOwnSession(store: Store, accountId: number, handle: string): Promise<boolean> {
  forgetSessions(store);
  return store.transaction(async (conn) => {
    const ended = await conn.query<{ n: number }>(
      `UPDATE auth_sessions SET revoked_at = current_timestamp::TIMESTAMP
       WHERE account_id = $id AND revoked_at IS NULL AND ${handleSql} = $handle RETURNING 1 AS n`,
      { id: accountId, handle },
    );
    return ended.length > 0;
  });
}
