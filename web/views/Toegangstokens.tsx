/**
 * Personal access tokens: read-only tokens for Power BI and Excel. The value is shown once,
 * right after it is made; the list shows name, gemeenten, validity and last use, and each
 * token can be revoked. The server decides everything (limits, expiry, read-only).
 */
import { useState } from 'preact/hooks';
import type { AccessTokenOut, CreatedAccessToken } from '../../contract/auth.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { Async, Empty } from '../components/States.tsx';
import { ApiError, apiUrl, sendJson } from '../lib/api.ts';
import { useAppInfo } from '../lib/context.ts';
import { formatDate, formatTimestampShort } from '../lib/format.ts';
import { useApi } from '../lib/useApi.ts';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The server's times are UTC without a zone. */
const utc = (t: string) => `${t}Z`;
/** `expires_at` is the end of the last valid day: the day before it is what the user chose. */
const lastDay = (expiresAt: string) => isoDay(Date.parse(utc(expiresAt)) - DAY_MS);

function stateOf(t: AccessTokenOut): string {
  if (t.revoked_at) return `ingetrokken ${formatTimestampShort(utc(t.revoked_at))}`;
  return t.active ? 'actief' : 'verlopen';
}

export function ToegangstokensView() {
  const { gemeenten } = useAppInfo();
  const tokens = useApi<AccessTokenOut[]>(apiUrl('/tokens'));
  const [name, setName] = useState('');
  const [expires, setExpires] = useState(isoDay(Date.now() + 90 * DAY_MS));
  const [chosen, setChosen] = useState<string[]>([]);
  const [created, setCreated] = useState<CreatedAccessToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const answer = await sendJson<CreatedAccessToken>('POST', apiUrl('/tokens'), { name, expires, gemeenten: chosen });
      setCreated(answer);
      setName('');
      setChosen([]);
      tokens.reload();
    } catch (err) {
      // A refused field comes with its own Dutch sentence (the problem's parameters): clearer than the field's name.
      const fields = err instanceof ApiError ? (err.problem?.parameters ?? []) : [];
      setError(fields.length ? `Controleer het formulier: ${fields.map((f) => f.message).join('; ')}.` : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (t: AccessTokenOut) => {
    if (!window.confirm(`Token '${t.name}' intrekken? Wie het gebruikt, krijgt daarna geen gegevens meer.`)) return;
    setError(null);
    try {
      await sendJson('DELETE', apiUrl(`/tokens/${t.id}`));
      if (created?.record.id === t.id) setCreated(null);
      tokens.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const copy = async () => {
    if (!created) return;
    await navigator.clipboard?.writeText(created.token).then(() => setCopied(true), () => setCopied(false));
  };
  const toggle = (code: string, on: boolean) => setChosen((list) => (on ? [...list, code] : list.filter((c) => c !== code)));

  return (
    <>
      <PageHeader
        title="Toegangstokens"
        intro="Een toegangstoken geeft Power BI, Excel of een script leestoegang tot de gegevens die jij mag zien, zonder aanmelden in de browser. Een token kan niets wijzigen. Zie de API-documentatie voor de datafeeds."
      />
      {created && (
        <section class="panel token-created" aria-label="Nieuw token" role="status">
          <h2>Token '{created.record.name}' is gemaakt</h2>
          <p>Kopieer het nu: het wordt maar één keer getoond. Geldig tot en met {formatDate(lastDay(created.record.expires_at))}.</p>
          <p>
            <code class="token-value" data-token>
              {created.token}
            </code>
          </p>
          <p>
            <button type="button" onClick={() => void copy()}>
              Kopiëren
            </button>{' '}
            {copied && <span>Gekopieerd.</span>}{' '}
            <button type="button" class="secondary" onClick={() => setCreated(null)}>
              Ik heb het bewaard
            </button>
          </p>
          <p>
            Gebruik het als kop <code>Authorization: Bearer …</code>, bijvoorbeeld in Power BI (Gegevens ophalen → Web → Geavanceerd) met de URL{' '}
            <code>{`${location.origin}/api/feeds/values.parquet?year=${new Date().getFullYear()}`}</code>.
          </p>
        </section>
      )}
      <section class="panel" aria-label="Nieuw toegangstoken">
        <h2>Nieuw token</h2>
        <form onSubmit={(e) => void create(e)}>
          <div class="form-grid">
            <div class="field">
              <label for="token-naam">Naam</label>
              <input id="token-naam" value={name} maxLength={100} required placeholder="Power BI wachtlijsten" onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            </div>
            <div class="field">
              <label for="token-tot">Geldig tot en met</label>
              <input id="token-tot" type="date" value={expires} min={isoDay(Date.now())} max={isoDay(Date.now() + 366 * DAY_MS)} required onInput={(e) => setExpires((e.target as HTMLInputElement).value)} />
            </div>
          </div>
          <fieldset>
            <legend>Alleen deze gemeenten (niets gekozen: alles wat je account ziet)</legend>
            {gemeenten.map((g) => (
              <label class="checkbox">
                <input type="checkbox" checked={chosen.includes(g.code)} onChange={(e) => toggle(g.code, (e.target as HTMLInputElement).checked)} /> {g.name}
              </label>
            ))}
          </fieldset>
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy}>
            Token maken
          </button>
        </form>
      </section>
      <section class="panel" aria-label="Mijn toegangstokens">
        <h2>Mijn tokens</h2>
        <Async result={tokens} isEmpty={(list) => list.length === 0} empty={<Empty title="Je hebt nog geen toegangstokens." />}>
          {(list) => (
            <div class="table-scroll">
              <table class="data-table tokens-table">
                <thead>
                  <tr>
                    <th scope="col">Naam</th>
                    <th scope="col">Gemeenten</th>
                    <th scope="col">Gemaakt</th>
                    <th scope="col">Geldig t/m</th>
                    <th scope="col">Laatst gebruikt</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span class="sr-only">Intrekken</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((t) => (
                    <tr data-token-id={t.id}>
                      <td>{t.name}</td>
                      <td>{t.gemeenten.length ? t.gemeenten.map((c) => gemeenten.find((g) => g.code === c)?.name ?? c).join(', ') : 'alles van je account'}</td>
                      <td>{formatTimestampShort(utc(t.created_at))}</td>
                      <td>{formatDate(lastDay(t.expires_at))}</td>
                      <td>{t.last_used_at ? formatTimestampShort(utc(t.last_used_at)) : 'nooit'}</td>
                      <td>{stateOf(t)}</td>
                      <td>
                        {t.active && (
                          <button type="button" class="secondary" onClick={() => void revoke(t)}>
                            Intrekken
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Async>
      </section>
    </>
  );
}
