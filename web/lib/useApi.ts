/** Data fetching as a hook: every view shows the same loading, empty and error states. */
import { useEffect, useState } from 'preact/hooks';
import { getJson, type ApiUrl } from './api.ts';

export interface Loaded<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Fetches `url` and re-fetches when it changes; null means "nothing to fetch yet".
 * A figure route's URL (`apiUrl`) brings the type of its answer; a wrong `T` does not compile.
 */
export function useApi<T>(url: ApiUrl<T> | null): Loaded<T> {
  const all = useApiAll<T>(url == null ? null : [url]);
  return { ...all, data: all.data ? all.data[0] : null };
}

/** Several URLs at once, as one result (for small multiples); null means "nothing to fetch yet". */
export function useApiAll<T>(urls: ApiUrl<T>[] | null): Loaded<T[]> {
  const key = urls ? urls.join('\n') : null;
  const [state, setState] = useState<{ key: string | null; data: T[] | null; error: Error | null }>({ key: null, data: null, error: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (key == null || urls == null) return;
    let live = true;
    Promise.all(urls.map((u) => getJson<T>(u, { fresh: attempt > 0 }))).then(
      (data) => live && setState({ key, data, error: null }),
      (error: Error) => live && setState({ key, data: null, error }),
    );
    return () => {
      live = false;
    };
  }, [key, attempt]);
  const current = state.key === key;
  return {
    data: current ? state.data : null,
    error: current ? state.error : null,
    loading: key != null && !current,
    reload: () => {
      setState({ key: null, data: null, error: null });
      setAttempt((n) => n + 1);
    },
  };
}
