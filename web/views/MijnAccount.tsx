/**
 * One's own account: choose a new password (required after a one-time password), and the open
 * sign-in sessions on other devices, each of which can be ended here.
 */
import { useState } from 'preact/hooks';
import type { AccountOut, OwnSession } from '../../contract/auth.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { Async } from '../components/States.tsx';
import { apiUrl, sendJson } from '../lib/api.ts';
import { formatTimestampShort } from '../lib/format.ts';
import { useAccount } from '../lib/user.ts';
import { useApi } from '../lib/useApi.ts';

/** The password form alone: also shown before anything else after a one-time password. */
export function PasswordForm({ onChanged, required = false }: { onChanged: (a: AccountOut) => void; required?: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setError(null);
    setDone(false);
    if (data.get('nieuw') !== data.get('herhaal')) return setError('De twee nieuwe wachtwoorden zijn niet gelijk.');
    try {
      const account = await sendJson<AccountOut>('POST', '/api/auth/password', { current_password: String(data.get('huidig') ?? ''), new_password: String(data.get('nieuw') ?? '') });
      form.reset();
      setDone(true);
      onChanged(account);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form class="account-form" onSubmit={submit} aria-label="Wachtwoord wijzigen">
      {required && <p>Je bent aangemeld met een eenmalig wachtwoord. Kies eerst een eigen wachtwoord (minstens 12 tekens).</p>}
      <div class="field">
        <label for="wachtwoord-huidig">{required ? 'Eenmalig wachtwoord' : 'Huidig wachtwoord'}</label>
        <input id="wachtwoord-huidig" name="huidig" type="password" autoComplete="current-password" required />
      </div>
      <div class="field">
        <label for="wachtwoord-nieuw">Nieuw wachtwoord</label>
        <input id="wachtwoord-nieuw" name="nieuw" type="password" autoComplete="new-password" minLength={12} required />
      </div>
      <div class="field">
        <label for="wachtwoord-herhaal">Nieuw wachtwoord nog eens</label>
        <input id="wachtwoord-herhaal" name="herhaal" type="password" autoComplete="new-password" required />
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {done && <p role="status">Je wachtwoord is gewijzigd; je andere sessies zijn beëindigd.</p>}
      <button type="submit">Wachtwoord wijzigen</button>
    </form>
  );
}

export function MijnAccountView() {
  const account = useAccount();
  const sessions = useApi<OwnSession[]>(apiUrl('/auth/sessions'));
  const [error, setError] = useState<string | null>(null);
  const end = async (id: string) => {
    setError(null);
    try {
      await sendJson('DELETE', `/api/auth/sessions/${id}`);
      sessions.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <>
      <PageHeader title="Mijn account" intro={account ? `${account.name} · ${account.email} · ${account.role}${account.gemeenten.length ? ` · ${account.gemeenten.join(', ')}` : ' · hele regio'}` : ''} />
      <section class="panel" aria-labelledby="mijn-wachtwoord">
        <h2 id="mijn-wachtwoord">Wachtwoord</h2>
        {account?.sso ? <p>Je meldt aan via je organisatie; je wachtwoord wijzig je daar.</p> : <PasswordForm onChanged={() => sessions.reload()} />}
      </section>
      <section class="panel" aria-labelledby="mijn-sessies">
        <h2 id="mijn-sessies">Open sessies</h2>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <Async result={sessions}>
          {(list) => (
            <table class="data-table own-sessions">
              <thead>
                <tr>
                  <th scope="col">Aangemeld op</th>
                  <th scope="col">Geldig tot</th>
                  <th scope="col">Hoe</th>
                  <th scope="col">
                    <span class="sr-only">Beëindigen</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((s) => (
                  <tr key={s.id}>
                    <td>{formatTimestampShort(s.created_at)}</td>
                    <td>{formatTimestampShort(s.expires_at)}</td>
                    <td>{s.sso ? 'via organisatie' : 'wachtwoord'}</td>
                    <td>
                      {s.current ? (
                        'deze sessie'
                      ) : (
                        <button type="button" onClick={() => void end(s.id)}>
                          Beëindigen
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Async>
      </section>
    </>
  );
}
