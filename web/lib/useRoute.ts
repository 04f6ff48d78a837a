/** The current route from the URL hash, and a way to change it (which changes the URL). */
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { formatRoute, parseRoute, withParams, type Route } from './route.ts';

/** The route with the hash it was read from: the app marks what it shows with it (`main[data-hash]`). */
export type HashRoute = Route & { hash: string };

const readHash = (): HashRoute => ({ ...parseRoute(location.hash), hash: location.hash });

export function useHashRoute(): HashRoute {
  const [route, setRoute] = useState(readHash);
  useEffect(() => {
    const onChange = () => setRoute(readHash());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export const RouteContext = createContext<Route>(parseRoute(''));

export function useRoute(): Route {
  return useContext(RouteContext);
}

/** Filter changes replace the history entry (back goes to the previous view, not the previous sort). */
export function navigate(route: Route, { replace = false }: { replace?: boolean } = {}): void {
  const hash = formatRoute(route);
  if (hash === location.hash) return;
  if (replace) {
    history.replaceState(null, '', hash);
    dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}

export function setParams(route: Route, changes: Record<string, string | number | null | undefined>): void {
  navigate(withParams(route, changes), { replace: true });
}
