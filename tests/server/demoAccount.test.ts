/** The quick start's demo account: only on a store with nothing but demo data, and documented. */
import { describe, expect, it } from 'vitest';
import { loadFiles } from '../../etl/index.ts';
import { buildApp } from '../../server/app.ts';
import { resetPassword } from '../../server/auth/accounts.ts';
import { ensureDemoAccount } from '../../server/auth/demoAccount.ts';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../server/auth/routes.ts';
import { tempStore } from '../helpers/tempStore.ts';
import { datasetFiles } from './dataset.ts';

describe('the demo account', () => {
  it('is created on a demo-only store, signs in with the README password, and is shown on the sign-in page', async () => {
    const store = await tempStore();
    await loadFiles(store, datasetFiles(), { loadedBy: 'demo' });
    expect(await ensureDemoAccount(store)).toBe(true);
    expect(await ensureDemoAccount(store)).toBe(true); // idempotent
    const app = await buildApp({ store, closeStore: false });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/auth/options' })).json()).toEqual({ demo_account: DEMO_EMAIL, demo_password: DEMO_PASSWORD, oidc: false });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: DEMO_EMAIL, password: DEMO_PASSWORD } });
      expect(login.statusCode).toBe(200);
      expect(login.json()).toMatchObject({ account: { role: 'beheerder', gemeenten: [] } });
      // A changed password is no longer advertised.
      await resetPassword(store, DEMO_EMAIL, 'een-eigen-wachtwoord');
      expect((await app.inject({ method: 'GET', url: '/api/auth/options' })).json()).toMatchObject({ demo_account: null, demo_password: null });
    } finally {
      await app.close();
    }
  });

  it('is never created on a store with real deliveries', async () => {
    const store = await tempStore();
    await loadFiles(store, datasetFiles(), { loadedBy: 'Anna' });
    expect(await ensureDemoAccount(store)).toBe(false);
    const [row] = await store.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM accounts`);
    expect(row.n).toBe(0);
  });
});
