/**
 * Sign-in sessions: a random token in an HTTP-only cookie, stored only as its SHA-256, with
 * a CSRF token the web app sends back in a header on every write.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../../store/store.ts';
import { getAccount, type StoredAccount } from './accounts.ts';

export const SESSION_COOKIE = 'koersbord_sessie';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_HOURS = 12;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface NewSession {
  token: string;
  csrfToken: string;
}

/** `sso`: made by a sign-in through the organisation's provider, whose session sign-out also ends. */
export async function createSession(store: Store, accountId: number, hours = SESSION_HOURS, sso = false): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await store.transaction(async (conn) => {
    await conn.run(
      `INSERT INTO auth_sessions (token_hash, account_id, csrf_token, created_at, expires_at, revoked_at, sso)
       VALUES ($hash, $id, $csrf, current_timestamp::TIMESTAMP, current_timestamp::TIMESTAMP + to_hours($hours::BIGINT), NULL, $sso)`,
      { hash: sha256(token), id: accountId, csrf: csrfToken, hours, sso },
    );
  });
  return { token, csrfToken };
}

export interface ActiveSession {
  account: StoredAccount;
  csrfToken: string;
  tokenHash: string;
  sso: boolean;
}

/**
 * Looking a session up costs two store queries (~2 ms); a view makes a dozen requests at once.
 * Sessions found are remembered briefly. Every change in this process (sign-out, disable,
 * new password) forgets them at once; a change made by another process (the users CLI) takes
 * effect within SESSION_CACHE_MS.
 */
export const SESSION_CACHE_MS = 10_000;
const remembered = new WeakMap<Store, Map<string, { session: ActiveSession; until: number }>>();

export function forgetSessions(store: Store): void {
  remembered.get(store)?.clear();
}

export async function findSession(store: Store, token: string): Promise<ActiveSession | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const tokenHash = sha256(token);
  let cache = remembered.get(store);
  if (!cache) remembered.set(store, (cache = new Map()));
  const hit = cache.get(tokenHash);
  if (hit && hit.until > Date.now()) return hit.session;
  const found = await lookUp(store, tokenHash);
  if (found) {
    if (cache.size > 10_000) cache.clear();
    cache.set(tokenHash, { session: found, until: Date.now() + SESSION_CACHE_MS });
  } else cache.delete(tokenHash);
  return found;
}

async function lookUp(store: Store, tokenHash: string): Promise<ActiveSession | null> {
  const [row] = await store.query<{ account_id: number; csrf_token: string; sso: boolean | null }>(
    `SELECT account_id, csrf_token, sso FROM auth_sessions
     WHERE token_hash = $hash AND revoked_at IS NULL AND expires_at > current_timestamp::TIMESTAMP`,
    { hash: tokenHash },
  );
  if (!row) return null;
  const account = await getAccount(store, row.account_id);
  if (!account || account.disabled) return null;
  return { account, csrfToken: row.csrf_token, tokenHash, sso: row.sso === true };
}

export async function revokeSession(store: Store, tokenHash: string): Promise<void> {
  forgetSessions(store);
  await store.transaction(async (conn) => {
    await conn.run(`UPDATE auth_sessions SET revoked_at = current_timestamp::TIMESTAMP WHERE token_hash = $hash AND revoked_at IS NULL`, { hash: tokenHash });
  });
}

/** Sign-out everywhere: every session of the account ends. Returns how many were open. */
export async function revokeAllSessions(store: Store, accountId: number): Promise<number> {
  forgetSessions(store);
  return store.transaction(async (conn) => {
    const [open] = await conn.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM auth_sessions WHERE account_id = $id AND revoked_at IS NULL AND expires_at > current_timestamp::TIMESTAMP`,
      { id: accountId },
    );
    await conn.run(`UPDATE auth_sessions SET revoked_at = current_timestamp::TIMESTAMP WHERE account_id = $id AND revoked_at IS NULL`, { id: accountId });
    return open.n;
  });
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
