/** Accounts in the store: create, find, disable, reset password, failed sign-in counters. */
import { oneAtATime } from '../../store/oneAtATime.ts';
import type { SqlParams, Store } from '../../store/store.ts';
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
  must_change_password: boolean;
  sso: boolean;
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
  must_change_password: boolean;
  sso: boolean;
}

export interface StoredAccount extends Account {
  password_hash: string | null;
  failed_attempts: number;
  locked: boolean;
  locked_until: string | null;
}

export class AccountError extends Error {}

const SELECT = `SELECT account_id AS id, email, name, role, gemeenten, password_hash, is_demo, disabled, failed_attempts,
  EXISTS (SELECT 1 FROM account_must_change m WHERE m.account_id = accounts.account_id) AS must_change_password,
  EXISTS (SELECT 1 FROM account_oidc o WHERE o.account_id = accounts.account_id) AS sso,
  strftime(locked_until, '%Y-%m-%dT%H:%M:%S') AS locked_until,
  coalesce(locked_until > current_timestamp::TIMESTAMP, false) AS locked FROM accounts`;

function fromRow(r: AccountRow): StoredAccount {
  return { ...r, gemeenten: JSON.parse(r.gemeenten) as string[] };
}

export function publicAccount(a: StoredAccount | Account): Account {
  return { id: a.id, email: a.email, name: a.name, role: a.role, gemeenten: a.gemeenten, is_demo: a.is_demo, disabled: a.disabled, must_change_password: a.must_change_password, sso: a.sso };
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
  await accountWrite(store, () =>
    store.transaction(async (conn) => {
      await conn.run(`UPDATE accounts SET disabled = $disabled WHERE account_id = $id`, { disabled, id: before.id });
      await conn.run(`UPDATE auth_sessions SET revoked_at = current_timestamp::TIMESTAMP WHERE account_id = $id AND revoked_at IS NULL`, { id: before.id });
    }),
  );
  forgetSessions(store);
  return { before: publicAccount(before), after: publicAccount((await getAccount(store, before.id))!) };
}

export async function resetPassword(store: Store, email: string, password: string): Promise<Account> {
  const account = await mustFind(store, email);
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(problem);
  const hash = await hashPassword(password);
  await accountWrite(store, () =>
    store.transaction(async (conn) => {
      // A new password ends the lock-out, drops the demo hint and signs the account out everywhere.
      await conn.run(`UPDATE accounts SET password_hash = $hash, failed_attempts = 0, locked_until = NULL, is_demo = false WHERE account_id = $id`, { hash, id: account.id });
      await conn.run(`UPDATE auth_sessions SET revoked_at = current_timestamp::TIMESTAMP WHERE account_id = $id AND revoked_at IS NULL`, { id: account.id });
    }),
  );
  forgetSessions(store);
  return publicAccount(account);
}

export const LOCKOUT_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

/**
 * Sign-in counters. Every change to an account row goes through one queue per store (lane
 * `accounts`), each one UPDATE ... RETURNING: DuckDB answers two concurrent updates of one row
 * with "Conflict on update" (issue 10: 14 of 15 concurrent failures became 500s and were never
 * counted), and a count read before it is written lets a burst through.
 */
export const accountWrite = <T>(store: Store, fn: () => Promise<T>) => oneAtATime(store, 'accounts', fn);

async function updateReturning<T>(store: Store, sql: string, params: SqlParams): Promise<T[]> {
  return accountWrite(store, () => store.transaction((tx) => tx.query<T>(sql, params)));
}

const NOW = 'current_timestamp::TIMESTAMP';

export interface Attempt {
  /** This attempt's number since the last success (or the end of the last lock). */
  number: number;
  /** Locked now, or more attempts at once than the limit allows: refused without checking the password. */
  refused: boolean;
}

/**
 * Counts a sign-in attempt before its password is checked: a burst of concurrent guesses gets
 * numbers 1, 2, 3, ... and only the first LOCKOUT_ATTEMPTS are ever checked. An expired lock
 * starts the count again.
 */
export async function countAttempt(store: Store, id: number): Promise<Attempt> {
  const [row] = await updateReturning<{ n: number; locked: boolean }>(
    store,
    `UPDATE accounts SET
       failed_attempts = CASE WHEN locked_until IS NOT NULL AND locked_until <= ${NOW} THEN 1 ELSE failed_attempts + 1 END,
       locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= ${NOW} THEN NULL ELSE locked_until END
     WHERE account_id = $id
     RETURNING failed_attempts AS n, coalesce(locked_until > ${NOW}, false) AS locked`,
    { id },
  );
  return { number: row.n, refused: row.locked || row.n > LOCKOUT_ATTEMPTS };
}

/** The attempt was wrong: locks the account when it was the last one allowed. Returns whether it is locked now. */
export async function failAttempt(store: Store, id: number, attempt: Attempt): Promise<boolean> {
  if (attempt.number < LOCKOUT_ATTEMPTS) return false;
  const rows = await updateReturning<{ id: number }>(
    store,
    `UPDATE accounts SET locked_until = ${NOW} + to_minutes($minutes::BIGINT)
     WHERE account_id = $id AND failed_attempts >= $max AND coalesce(locked_until <= ${NOW}, true)
     RETURNING account_id AS id`,
    { id, max: LOCKOUT_ATTEMPTS, minutes: LOCKOUT_MINUTES },
  );
  return rows.length > 0 || (await getAccount(store, id))?.locked === true;
}

/** The attempt was right: clears the count, unless the account got locked meanwhile (then false). */
export async function succeedAttempt(store: Store, id: number): Promise<boolean> {
  const rows = await updateReturning<{ id: number }>(
    store,
    `UPDATE accounts SET failed_attempts = 0, locked_until = NULL
     WHERE account_id = $id AND NOT coalesce(locked_until > ${NOW}, false)
     RETURNING account_id AS id`,
    { id },
  );
  return rows.length > 0;
}

export async function hasDemoAccount(store: Store): Promise<string | null> {
  const [row] = await store.query<{ email: string }>(`SELECT email FROM accounts WHERE is_demo AND NOT disabled LIMIT 1`);
  return row?.email ?? null;
}

export interface SsoSignIn {
  subject: string;
  email: string;
  name: string;
  role: Role;
  gemeenten: string[];
}

/**
 * The account of a sign-in through the organisation's provider: found by its provider subject
 * (or, the first time, by its e-mail address: a local account gets tied to the provider), made
 * when there is none, and given the role and gemeenten the provider's groups map to now. Returns
 * the account before (null: made now) and after, for the audit log.
 */
export async function upsertSsoAccount(store: Store, input: SsoSignIn): Promise<{ before: StoredAccount | null; after: StoredAccount }> {
  const email = normaliseEmail(input.email);
  if (!EMAIL.test(email)) throw new AccountError(`De aanmeldserver gaf geen geldig e-mailadres ('${input.email}').`);
  return accountWrite(store, async () => {
    const bySubjectSql = `${SELECT} WHERE account_id = (SELECT account_id FROM account_oidc WHERE oidc_subject = $subject)`;
    const [bySubject] = await store.query<AccountRow>(bySubjectSql, { subject: input.subject });
    const before = bySubject ? fromRow(bySubject) : await findAccount(store, email);
    const fields = { email, name: input.name.trim().slice(0, 200) || email, role: input.role, gemeenten: JSON.stringify(input.gemeenten) };
    await store.transaction(async (conn) => {
      let id = before?.id;
      if (id !== undefined) {
        await conn.run(`UPDATE accounts SET email = $email, name = $name, role = $role, gemeenten = $gemeenten WHERE account_id = $id`, { ...fields, id });
      } else {
        const [made] = await conn.query<{ id: number }>(
          `INSERT INTO accounts (email, name, role, gemeenten, password_hash, is_demo, created_at)
           VALUES ($email, $name, $role, $gemeenten, NULL, false, current_timestamp::TIMESTAMP) RETURNING account_id AS id`,
          fields,
        );
        id = made.id;
      }
      // The tie to the provider's subject: one per account and one account per subject.
      await conn.run(`DELETE FROM account_oidc WHERE account_id = $id OR oidc_subject = $subject`, { id, subject: input.subject });
      await conn.run(`INSERT INTO account_oidc VALUES ($id, $subject)`, { id, subject: input.subject });
    });
    forgetSessions(store);
    const [after] = await store.query<AccountRow>(bySubjectSql, { subject: input.subject });
    return { before, after: fromRow(after) };
  });
}
