/**
 * The web talks to the server only through these functions. Shapes are the contract's zod
 * types, imported as types only: the server validates, the bundle stays small. URLs are built
 * by `apiUrl` (./apiUrl.ts), which ties a figure route's query and answer types together. The one
 * value the web takes from contract/ is `rows.ts`, plain data, so the bundle carries no zod.
 */
import type { Problem } from '../../contract/api.ts';
import type { ApiUrl } from './apiUrl.ts';
import { csrfToken, SIGNED_OUT_EVENT } from './user.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problem: Problem | null = null,
  ) {
    super(message);
  }
}

export { apiUrl, type ApiUrl } from './apiUrl.ts';

export async function problemOf(res: Response): Promise<ApiError> {
  if (res.status === 401 && !res.url.endsWith('/api/auth/login')) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  let problem: Problem | null = null;
  try {
    problem = (await res.json()) as Problem;
  } catch {
    // Not a problem document (a proxy error page, say): the status says enough.
  }
  const fallback =
    res.status === 404 ? 'Deze gegevens zijn (nog) niet beschikbaar.' : res.status >= 500 ? 'De server kon dit verzoek niet afhandelen.' : `Verzoek mislukt (${res.status}).`;
  return new ApiError(res.status, problem?.detail || problem?.title || fallback, problem);
}

/** Writes carry the session's CSRF code; the session cookie alone is not enough. */
function csrfHeader(): Record<string, string> {
  return { 'x-csrf-token': csrfToken() };
}

const cache = new Map<string, Promise<unknown>>();

/** On sign-in and sign-out: another account may see other figures. */
export function clearApiCache(): void {
  cache.clear();
}

/** GETs are cached for the page's life; any write clears the cache so views show the change. */
export function getJson<T>(url: ApiUrl<T>, { fresh = false }: { fresh?: boolean } = {}): Promise<T> {
  const hit = cache.get(url);
  if (hit && !fresh) return hit as Promise<T>;
  const request = fetch(url, { headers: { accept: 'application/json' } })
    .catch(() => {
      throw new ApiError(0, 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.');
    })
    .then(async (res) => {
      if (!res.ok) throw await problemOf(res);
      return (await res.json()) as T;
    });
  cache.set(url, request);
  request.catch(() => cache.delete(url));
  return request;
}

export async function sendJson<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> {
  cache.clear();
  const res = await fetch(url, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...csrfHeader(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => {
    throw new ApiError(0, 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.');
  });
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export async function sendForm<T>(url: string, form: FormData): Promise<{ ok: boolean; status: number; body: T | Problem }> {
  cache.clear();
  const res = await fetch(url, {
    method: 'POST',
    body: form,
    headers: { accept: 'application/json', ...csrfHeader() },
  });
  const body = (await res.json().catch(() => null)) as T | Problem;
  return { ok: res.ok, status: res.status, body };
}
