/** The quick start's demo account: for a store with only the demo data, documented in the README. */
import type { Store } from '../../store/store.ts';
import { createAccount, findAccount } from './accounts.ts';
import { writeAudit } from './audit.ts';
import { DEMO_EMAIL, DEMO_PASSWORD } from './routes.ts';

/** Creates the demo account when the store holds demo data only and has no accounts; true when it exists afterwards. */
export async function ensureDemoAccount(store: Store): Promise<boolean> {
  const existing = await findAccount(store, DEMO_EMAIL);
  if (existing) return existing.is_demo && !existing.disabled;
  const [row] = await store.query<{ demo: number; other: number; accounts: number }>(
    `SELECT (SELECT count(*) FROM deliveries WHERE loaded_by = 'demo')::INTEGER AS demo,
            (SELECT count(*) FROM deliveries WHERE loaded_by <> 'demo')::INTEGER AS other,
            (SELECT count(*) FROM accounts WHERE password_hash IS NOT NULL)::INTEGER AS accounts`,
  );
  if (row.demo === 0 || row.other > 0 || row.accounts > 0) return false;
  const account = await createAccount(store, { email: DEMO_EMAIL, name: 'Demo-beheerder', role: 'beheerder', password: DEMO_PASSWORD, isDemo: true });
  await writeAudit(store, { actor: null, action: 'gebruiker-toegevoegd', target: DEMO_EMAIL, after: account });
  return true;
}
