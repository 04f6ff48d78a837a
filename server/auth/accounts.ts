/** Accounts in the store: create, find, disable, reset password, failed sign-in counters. */
import type { Store } from '../../store/store.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { forgetSessions } from './sessions.ts';
import type { Role } from './roles.ts';

export interface Account {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** Empty: the whole region. Otherwise the gemeenten whose detail this account may see. */
  gemeenten: string[];
  is_demo: boolean;
  disabled: boolean;
}

interface AccountRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  gemeenten: string;
  password_hash: string | null;
  is_demo: boolean;
  disabled: boolean;
  failed_attempts: number;
  locked_until: string | null;
  locked: boolean;
}

export interface StoredAccount extends Account {
  password_hash: string | null;
  failed_attempts: number;
  locked: boolean;
  locked_until: string | null;
}

export class AccountError extends Error {}

const SELECT = `SELECT account_id AS id, email, name, role, gemeenten, password_hash, is_demo, disabled, failed_attempts,
  strftime(locked_until, '%Y-%m-%dT%H:%M:%S') AS locked_until,
  coalesce(locked_until > current_timestamp::TIMESTAMP, false) AS locked FROM accounts`;

function fromRow(r: AccountRow): StoredAccount {
  return { ...r, gemeenten: JSON.parse(r.gemeenten) as string[] };
}

export function publicAccount(a: StoredAccount | Account): Account {
  return { id: a.id, email: a.email, name: a.name, role: a.role, gemeenten: a.gemeenten, is_demo: a.is_demo, disabled: a.disabled };
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
const EMAIL = /^[^\s@]{1,100}@[^\s@]{1,100}\.[^\s@]{2,30}$/;

export interface NewAccount {
  email: string;
  name?: string;
  role: Role;
  gemeenten?: string[];
  /** Null: no password sign-in (an internal account). */
  password: string | null;
  isDemo?: boolean;
}

export async function findAccount(store: Store, email: string): Promise<StoredAccount | null> {
  const [row] = await store.query<AccountRow>(`${SELECT} WHERE email = $email`, { email: normaliseEmail(email) });
  return row ? fromRow(row) : null;
}

export async function getAccount(store: Store, id: number): Promise<StoredAccount | null> {
  const [row] = await store.query<AccountRow>(`${SELECT} WHERE account_id = $id`, { id });
  return row ? fromRow(row) : null;
}

export async function listAccounts(store: Store): Promise<Account[]> {
  return (await store.query<AccountRow>(`${SELECT} ORDER BY email`)).map((r) => publicAccount(fromRow(r)));
}

export async function createAccount(store: Store, input: NewAccount): Promise<Account> {
  const email = normaliseEmail(input.email);
  if (!EMAIL.test(email)) throw new AccountError(`'${input.email}' is geen geldig e-mailadres.`);
  const known = new Set(store.region.gemeenten.map((g) => g.code));
  const gemeenten = [...new Set(input.gemeenten ?? [])];
  for (const g of gemeenten) if (!known.has(g)) throw new AccountError(`Gemeente ${g} hoort niet bij regio ${store.region.name}.`);
  if (input.password !== null) {
    const problem = passwordProblem(input.password);
    if (problem) throw new AccountError(problem);
  }
  if (await findAccount(store, email)) throw new AccountError(`Er is al een account ${email}.`);
  const hash = input.password === null ? null : await hashPassword(input.password);
  await store.transaction(async (conn) => {
    await conn.run(
      `INSERT INTO accounts (email, name, role, gemeenten, password_hash, is_demo, created_at)
       VALUES ($email, $name, $role, $gemeenten, $hash, $demo, current_timestamp::TIMESTAMP)`,
      { email, name: (input.name ?? email).trim().slice(0, 200), role: input.role, gemeenten: JSON.stringify(gemeenten), hash, demo: input.isDemo ?? false },
    );
  });
  return publicAccount((await findAccount(store, email))!);
}

async function mustFind(store: Store, email: string): Promise<StoredAccount> {
  const account = await findAccount(store, email);
  if (!account) throw new AccountError(`Er is geen account ${normaliseEmail(email)}.`);
  return account;
}

export async function setDisabled(store: Store, email: string, disabled: boolean): Promise<{ before: Account; after: Account }> {
  const before = await mustFind(store, email);
  await store.transaction(async (conn) => {
    await conn.run(`UPDATE accounts SET disabled = $disabled WHERE account_id = $id`, { disabled, id: before.id });
    await conn.run(`UPDATE auth_sessions SET revoked_at = current_timestamp::TIMESTAMP WHERE account_id = $id AND revoked_at IS NULL`, { id: before.id });
  });
  forgetSessions(store);
  return { before: publicAccount(before), after: publicAccount((await getAccount(store, before.id))!) };
}

export async function resetPassword(store: Store, email: string, password: string): Promise<Account> {
  const account = await mustFind(store, email);
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(problem);
  const hash = await hashPassword(password);
  await store.transaction(async (conn) => {
    // A new password ends the lock-out, drops the demo hint and signs the account out everywhere.
    await conn.run(`UPDATE accounts SET password_hash = $hash, failed_attempts = 0, locked_until = NULL, is_demo = false WHERE account_id = $id`, { hash, id: account.id });
    await conn.run(`UPDATE auth_sessions SET revoked_at = current_timestamp::TIMESTAMP WHERE account_id = $id AND revoked_at IS NULL`, { id: account.id });
  });
  forgetSessions(store);
  return publicAccount(account);
}

export const LOCKOUT_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

/** Counts a failed sign-in; returns true when this failure locked the account. */
export async function recordFailure(store: Store, id: number): Promise<boolean> {
  const [row] = await store.transaction(async (conn) => {
    await conn.run(
      `UPDATE accounts SET failed_attempts = failed_attempts + 1,
         locked_until = CASE WHEN failed_attempts + 1 >= $max THEN current_timestamp::TIMESTAMP + to_minutes($minutes::BIGINT) ELSE locked_until END
       WHERE account_id = $id`,
      { id, max: LOCKOUT_ATTEMPTS, minutes: LOCKOUT_MINUTES },
    );
    const r = await conn.runAndReadAll(`SELECT failed_attempts FROM accounts WHERE account_id = $id`, { id });
    return r.getRowObjectsJson() as { failed_attempts: number }[];
  });
  return row.failed_attempts === LOCKOUT_ATTEMPTS;
}

export async function recordSuccess(store: Store, id: number): Promise<void> {
  await store.transaction(async (conn) => {
    await conn.run(`UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE account_id = $id`, { id });
  });
}

export async function hasDemoAccount(store: Store): Promise<string | null> {
  const [row] = await store.query<{ email: string }>(`SELECT email FROM accounts WHERE is_demo AND NOT disabled LIMIT 1`);
  return row?.email ?? null;
}
