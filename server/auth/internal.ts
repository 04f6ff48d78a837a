/**
 * The internal report account: the command-line report prints through the web app like a
 * person would, so it needs a session. It reads the whole region and has no password, so
 * nobody can sign in with it.
 */
import type { Store } from '../../store/store.ts';
import { createAccount, findAccount } from './accounts.ts';
import { createSession } from './sessions.ts';

export const REPORT_ACCOUNT = 'rapport@koersbord.intern';

export async function internalSession(store: Store): Promise<string> {
  const account = (await findAccount(store, REPORT_ACCOUNT)) ?? (await createAccount(store, { email: REPORT_ACCOUNT, name: 'Jaarrapport (intern)', role: 'lezer', password: null }));
  return (await createSession(store, account.id, 1)).token;
}
