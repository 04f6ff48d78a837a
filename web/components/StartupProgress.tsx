/**
 * While a new server loads its initial (demo) data, a bar with the progress: the figures
 * already shown grow as the months come in, newest first. Once loaded, the page reloads so
 * every view shows the complete data.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Health } from '../../contract/api.ts';
import { apiUrl, clearApiCache } from '../lib/api.ts';
import { useApi } from '../lib/useApi.ts';

const POLL_MS = 2000;

export function StartupProgress() {
  const health = useApi<Health>(apiUrl('/health')).data;
  const [loading, setLoading] = useState<Health['loading']>(null);
  useEffect(() => setLoading(health?.loading ?? null), [health]);
  useEffect(() => {
    if (!loading || loading.phase === 'mislukt') return;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch('/api/health', { headers: { accept: 'application/json' }, cache: 'no-store' });
        const next = ((await res.json()) as Health).loading;
        if (next === null) {
          clearApiCache();
          location.reload();
        } else setLoading(next);
      } catch {
        setLoading({ ...loading }); // try again at the next tick
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [loading]);
  if (!loading) return null;
  const pct = loading.total > 0 ? Math.floor((100 * loading.done) / loading.total) : 0;
  const text =
    loading.phase === 'mislukt'
      ? `${loading.label} laden is mislukt; zie de terminal van de server.`
      : loading.phase === 'voorbereiden'
        ? `${loading.label} worden gemaakt…`
        : `${loading.label} laden: ${loading.done} van ${loading.total} bestanden (nieuwste maanden eerst; de cijfers zijn nog onvolledig).`;
  return (
    <div class="startup-progress" role="status" aria-live="polite">
      <span>{text}</span>
      {loading.phase !== 'mislukt' && <progress max={100} value={loading.phase === 'laden' ? pct : undefined} aria-label={`${loading.label} laden`} />}
    </div>
  );
}
