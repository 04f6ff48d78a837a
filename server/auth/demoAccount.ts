/** The quick start's demo account: created with the demo data, documented in the README. */
import type { Store } from '../../store/store.ts';
import { createAccount, findAccount } from './accounts.ts';
import { writeAudit } from './audit.ts';
import { DEMO_EMAIL, DEMO_PASSWORD } from './routes.ts';

export async function ensureDemoAccount(store: Store): Promise<void> {
  if (await findAccount(store, DEMO_EMAIL)) return;
  const account = await createAccount(store, { email: DEMO_EMAIL, name: 'Demo-beheerder', role: 'beheerder', password: DEMO_PASSWORD, isDemo: true });
  await writeAudit(store, { actor: null, action: 'gebruiker-toegevoegd', target: DEMO_EMAIL, after: account });
}
