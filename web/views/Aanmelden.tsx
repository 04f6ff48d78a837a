/**
 * The sign-in page: the organisation's account (single sign-on) when the server has it, e-mail
 * and password for local accounts; shows the demo account when the store has one.
 */
import { useEffect, useState } from 'preact/hooks';
import { problemOf } from '../lib/api.ts';
import type { Me } from '../lib/user.ts';

interface AuthOptions {
  demo_account: string | null;
  demo_password: string | null;
  oidc: boolean;
}

export function AanmeldenView({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [options, setOptions] = useState<AuthOptions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'Aanmelden · Koersbord';
    fetch('/api/auth/options')
      .then((r) => (r.ok ? (r.json() as Promise<AuthOptions>) : null))
      .then(setOptions)
      .catch(() => setOptions(null));
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email: String(form.get('email') ?? ''), password: String(form.get('wachtwoord') ?? '') }),
      });
      if (!res.ok) throw await problemOf(res);
      onSignedIn((await res.json()) as Me);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="inhoud" tabIndex={-1} class="signin">
      <h1>
        <span aria-hidden="true" class="brand-mark">◆</span> Koersbord: aanmelden
      </h1>
      {options?.oidc && (
        <p class="signin-sso">
          {/* A navigation, not a fetch: the provider's pages take over the browser until it comes back. */}
          <a class="button" href="/api/auth/oidc/start">
            Aanmelden met je organisatie-account
          </a>
        </p>
      )}
      <form class="signin-form" onSubmit={submit} aria-label={options?.oidc ? 'Aanmelden met een Koersbord-account' : 'Aanmelden'}>
        <div class="field">
          <label for="aanmelden-email">E-mailadres</label>
          <input id="aanmelden-email" name="email" type="email" autoComplete="username" required />
        </div>
        <div class="field">
          <label for="aanmelden-wachtwoord">Wachtwoord</label>
          <input id="aanmelden-wachtwoord" name="wachtwoord" type="password" autoComplete="current-password" required />
        </div>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Bezig…' : 'Aanmelden'}
        </button>
      </form>
      {options?.demo_account && (
        <p class="muted demo-hint">
          Demo: meld je aan als <strong>{options.demo_account}</strong> met wachtwoord <strong>{options.demo_password}</strong>.
        </p>
      )}
    </main>
  );
}
