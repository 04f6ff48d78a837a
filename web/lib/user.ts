/**
 * The signed-in account, as the server told it (GET /api/auth/me). The CSRF code goes with
 * every write; roles decide which views and forms show (the server enforces them anyway).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AccountOut, Me, Role } from '../../contract/auth.ts';

export type { Me, Role };

export type Account = AccountOut;

let csrf = '';
export const csrfToken = () => csrf;
export function setCsrfToken(token: string): void {
  csrf = token;
}

/** Fired when the server answers 401: the session ended (signed out elsewhere, expired). */
export const SIGNED_OUT_EVENT = 'koersbord:afgemeld';

const RANK: Record<Role, number> = { lezer: 0, analist: 1, beheerder: 2 };
export const mayWrite = (a: Account | null) => !!a && RANK[a.role] >= RANK.analist;
/** Uploads and the audit log: a beheerder who sees the whole region. */
export const isAdmin = (a: Account | null) => !!a && a.role === 'beheerder' && a.gemeenten.length === 0;

export const AccountContext = createContext<Account | null>(null);
export const useAccount = () => useContext(AccountContext);
