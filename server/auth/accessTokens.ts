/**
 * Personal access tokens: read-only machine access (Power BI, Excel) in the name of one
 * account. The random value is shown once and stored only as its SHA-256. A token carries its
 * owner's current role and gemeente limit, narrowed further by the gemeenten it was made for;
 * it ends at its expiry, when revoked, or when the owner is disabled.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../../store/store.ts';
import type { AccessTokenOut } from '../../contract/auth.ts';
import { getAccount, type StoredAccount } from './accounts.ts';

/** Recognisable in a leaked config file or a secret scanner. */
export const TOKEN_PREFIX = 'kbt_';
const TOKEN_SHAPE = /^kbt_[A-Za-z0-9_-]{43}$/;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface TokenRow {
  id: number;
  name: string;
  gemeenten: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  active: boolean;
}

const SELECT = `SELECT token_id AS id, name, gemeenten,
  strftime(created_at, '%Y-%m-%dT%H:%M:%S') AS created_at, strftime(expires_at, '%Y-%m-%dT%H:%M:%S') AS expires_at,
  strftime(last_used_at, '%Y-%m-%dT%H:%M:%S') AS last_used_at, strftime(revoked_at, '%Y-%m-%dT%H:%M:%S') AS revoked_at,
  (revoked_at IS NULL AND expires_at > current_timestamp::TIMESTAMP) AS active
  FROM access_tokens`;

const fromRow = (r: TokenRow): AccessTokenOut => ({ ...r, gemeenten: JSON.parse(r.gemeenten) as string[] });

export interface NewToken {
  name: string;
  /** The last day the token works (it ends at the end of that day, UTC). */
  expires: string;
  gemeenten: string[];
}

export async function createAccessToken(store: Store, accountId: number, token: NewToken): Promise<{ token: string; record: AccessTokenOut }> {
  const value = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const [row] = await store.transaction((tx) =>
    tx.query<{ id: number }>(
      `INSERT INTO access_tokens (token_hash, account_id, name, gemeenten, created_at, expires_at)
       VALUES ($hash, $account, $name, $gemeenten, current_timestamp::TIMESTAMP, CAST($expires AS DATE) + INTERVAL 1 DAY)
       RETURNING token_id AS id`,
      { hash: sha256(value), account: accountId, name: token.name, gemeenten: JSON.stringify([...token.gemeenten].sort()), expires: token.expires },
    ),
  );
  const [record] = await store.query<TokenRow>(`${SELECT} WHERE token_id = $id`, { id: row.id });
  return { token: value, record: fromRow(record) };
}

export async function listAccessTokens(store: Store, accountId: number): Promise<AccessTokenOut[]> {
  return (await store.query<TokenRow>(`${SELECT} WHERE account_id = $account ORDER BY token_id DESC`, { account: accountId })).map(fromRow);
}

export async function getAccessToken(store: Store, accountId: number, id: number): Promise<AccessTokenOut | null> {
  const [row] = await store.query<TokenRow>(`${SELECT} WHERE account_id = $account AND token_id = $id`, { account: accountId, id });
  return row ? fromRow(row) : null;
}

/** Revokes one of the account's own tokens; false when it has no such token (or it was revoked before). */
export async function revokeAccessToken(store: Store, accountId: number, id: number): Promise<boolean> {
  const rows = await store.transaction((tx) =>
    tx.query<{ id: number }>(
      `UPDATE access_tokens SET revoked_at = current_timestamp::TIMESTAMP
       WHERE token_id = $id AND account_id = $account AND revoked_at IS NULL RETURNING token_id AS id`,
      { id, account: accountId },
    ),
  );
  return rows.length > 0;
}

export interface ActiveToken {
  id: number;
  name: string;
  account: StoredAccount;
  /** The gemeenten the request may see in detail: the owner's limit narrowed by the token's; [] the whole region. */
  gemeenten: string[];
}

/** The owner's limit narrowed by the token's: the token can never see more than its owner. */
export function narrowedLimit(owner: string[], token: string[]): string[] {
  if (!token.length) return owner;
  if (!owner.length) return token;
  return token.filter((g) => owner.includes(g));
}

/** The token a bearer value names, when it is live and its owner may still sign in; null otherwise. */
export async function findAccessToken(store: Store, value: string): Promise<ActiveToken | null> {
  if (!TOKEN_SHAPE.test(value)) return null;
  const [row] = await store.query<{ id: number; name: string; account_id: number; gemeenten: string }>(
    `SELECT token_id AS id, name, account_id, gemeenten FROM access_tokens
     WHERE token_hash = $hash AND revoked_at IS NULL AND expires_at > current_timestamp::TIMESTAMP`,
    { hash: sha256(value) },
  );
  if (!row) return null;
  const account = await getAccount(store, row.account_id);
  if (!account || account.disabled) return null;
  const token = JSON.parse(row.gemeenten) as string[];
  const gemeenten = narrowedLimit(account.gemeenten, token);
  // The owner's limit changed so that nothing of the token's gemeenten is left: it sees nothing, so it is not valid.
  if (token.length && !gemeenten.length) return null;
  return { id: row.id, name: row.name, account, gemeenten };
}

export async function markTokenUsed(store: Store, id: number): Promise<void> {
  await store.run(`UPDATE access_tokens SET last_used_at = current_timestamp::TIMESTAMP WHERE token_id = $id`, { id });
}

/** The value of `Authorization: Bearer …`, undefined without one. */
export function bearerValue(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : '';
}
