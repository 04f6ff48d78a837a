/**
 * Account management for whole-region beheerders: every account with its role, gemeenten and
 * status; add one (with a one-time password shown once), change role and gemeenten, disable or
 * enable, and reset to a new one-time password.
 */
import { useState } from 'preact/hooks';
import type { AccountOut, OneTimePassword, Role } from '../../contract/auth.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { Async } from '../components/States.tsx';
import { apiUrl, sendJson } from '../lib/api.ts';
import { useAppInfo } from '../lib/context.ts';
import { useAccount } from '../lib/user.ts';
import { useApi } from '../lib/useApi.ts';

const ROLES: { role: Role; label: string }[] = [
  { role: 'lezer', label: 'Lezer (alleen lezen)' },
  { role: 'analist', label: 'Analist (ook duiding en acties)' },
  { role: 'beheerder', label: 'Beheerder (ook leveringen en accounts)' },
];

export function GebruikersView() {
  const me = useAccount();
  const { gemeenten } = useAppInfo();
  const accounts = useApi<AccountOut[]>(apiUrl('/accounts'));
  const [error, setError] = useState<string | null>(null);
  const [handedOut, setHandedOut] = useState<{ email: string; password: string } | null>(null);
  const nameOf = (code: string) => gemeenten.find((g) => g.code === code)?.name ?? code;

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      accounts.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const handOut = (answer: OneTimePassword) => setHandedOut({ email: answer.account.email, password: answer.one_time_password });

  const add = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    void act(async () => {
      const answer = await sendJson<OneTimePassword>('POST', '/api/accounts', {
        email: String(data.get('email') ?? ''),
        name: String(data.get('naam') ?? '') || undefined,
        role: String(data.get('rol')) as Role,
        gemeenten: data.getAll('gemeenten').map(String),
      });
      handOut(answer);
      form.reset();
    });
  };

  return (
    <>
      <PageHeader title="Gebruikers" intro="Accounts van Koersbord: rol, gemeenten en status. Een nieuw account of een hersteld wachtwoord krijgt een eenmalig wachtwoord; bij de eerste aanmelding kiest de gebruiker een eigen wachtwoord. Accounts die via de organisatie aanmelden krijgen hun rol bij elke aanmelding uit hun groepen." />
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {handedOut && (
        <section class="panel one-time-password" aria-label="Eenmalig wachtwoord" role="status">
          <p>
            Eenmalig wachtwoord voor <strong>{handedOut.email}</strong>: <code>{handedOut.password}</code>
          </p>
          <p class="muted">Geef het veilig door (niet in dezelfde e-mail als het adres). Het wordt maar één keer getoond.</p>
          <button type="button" onClick={() => setHandedOut(null)}>
            Gezien, verbergen
          </button>
        </section>
      )}
      <section class="panel" aria-label="Accounts">
        <Async result={accounts}>
          {(list) => (
            <div class="table-scroll">
              <table class="data-table accounts-table">
                <thead>
                  <tr>
                    <th scope="col">Naam</th>
                    <th scope="col">E-mailadres</th>
                    <th scope="col">Rol</th>
                    <th scope="col">Gemeenten</th>
                    <th scope="col">Status</th>
                    <th scope="col">Acties</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((a) => {
                    const own = a.id === me?.id;
                    return (
                      <tr key={a.id} data-email={a.email}>
                        <td>{a.name}</td>
                        <td>{a.email}</td>
                        <td>
                          <select aria-label={`Rol van ${a.email}`} value={a.role} disabled={own} onChange={(e) => void act(() => sendJson('PATCH', `/api/accounts/${a.id}`, { role: (e.currentTarget as HTMLSelectElement).value }))}>
                            {ROLES.map((r) => (
                              <option value={r.role}>{r.role}</option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <select
                            multiple
                            size={3}
                            aria-label={`Gemeenten van ${a.email} (geen keuze: hele regio)`}
                            disabled={own}
                            onChange={(e) => void act(() => sendJson('PATCH', `/api/accounts/${a.id}`, { gemeenten: [...(e.currentTarget as HTMLSelectElement).selectedOptions].map((o) => o.value) }))}
                          >
                            {gemeenten.map((g) => (
                              <option value={g.code} selected={a.gemeenten.includes(g.code)}>
                                {g.name}
                              </option>
                            ))}
                          </select>
                          <div class="muted">{a.gemeenten.length ? a.gemeenten.map(nameOf).join(', ') : 'hele regio'}</div>
                        </td>
                        <td>
                          {a.disabled ? 'uitgeschakeld' : 'actief'}
                          {a.sso ? ' · via organisatie' : ''}
                          {a.must_change_password ? ' · eenmalig wachtwoord' : ''}
                        </td>
                        <td class="row-actions">
                          {!own && (
                            <button type="button" onClick={() => void act(() => sendJson('PATCH', `/api/accounts/${a.id}`, { disabled: !a.disabled }))}>
                              {a.disabled ? 'Inschakelen' : 'Uitschakelen'}
                            </button>
                          )}
                          {!a.sso && (
                            <button type="button" onClick={() => void act(async () => handOut(await sendJson<OneTimePassword>('POST', `/api/accounts/${a.id}/reset-password`)))}>
                              Nieuw wachtwoord
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Async>
      </section>
      <section class="panel" aria-labelledby="account-toevoegen">
        <h2 id="account-toevoegen">Account toevoegen</h2>
        <form class="account-form" onSubmit={add}>
          <div class="field">
            <label for="nieuw-email">E-mailadres</label>
            <input id="nieuw-email" name="email" type="email" required />
          </div>
          <div class="field">
            <label for="nieuw-naam">Naam</label>
            <input id="nieuw-naam" name="naam" />
          </div>
          <div class="field">
            <label for="nieuw-rol">Rol</label>
            <select id="nieuw-rol" name="rol">
              {ROLES.map((r) => (
                <option value={r.role}>{r.label}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="nieuw-gemeenten">Gemeenten (geen keuze: hele regio)</label>
            <select id="nieuw-gemeenten" name="gemeenten" multiple size={4}>
              {gemeenten.map((g) => (
                <option value={g.code}>{g.name}</option>
              ))}
            </select>
          </div>
          <button type="submit">Toevoegen</button>
        </form>
      </section>
    </>
  );
}
