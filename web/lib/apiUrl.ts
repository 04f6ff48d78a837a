/**
 * URLs of the API. The figure routes are typed by the contract (`contract/queries.ts`):
 * `apiUrl('/overview', query)` checks the query against the route's schema and returns a URL
 * that carries the type of its answer, which `useApi` and `getJson` take from it. Other paths
 * take any simple values and return a plain string (the caller names the answer's type).
 * Types only: nothing of zod or the contract enters the bundle.
 */
import { currentStandPer } from './standPer.ts';
import type { FigureAnswer, FigurePath, FigureQuery, FigureQueryPath } from '../../contract/queries.ts';

type Query = Record<string, string | number | boolean | null | undefined>;

/** The figure route a concrete path belongs to (`/providers/12345678/series` → `/providers/:agb/series`), or never. */
type RouteOf<P extends string> = P extends FigurePath ? P : P extends `/providers/${string}/series` ? '/providers/:agb/series' : never;
/** An optional parameter may also be null: `apiUrl` leaves null and empty values out of the URL. */
type Omittable<T> = { [K in keyof T]: undefined extends T[K] ? T[K] | null : T[K] };
type QueryOf<P extends FigurePath> = P extends FigureQueryPath ? Omittable<FigureQuery<P>> : Record<string, never>;

declare const answer: unique symbol;
/** A URL of the API that remembers the type of its answer; a plain string is one of unknown answer. */
export type ApiUrl<T> = string & { readonly [answer]?: T };

/** The query a path takes: the route's schema input for a figure route, any simple values otherwise. */
export type ApiQuery<P extends string> = [RouteOf<P>] extends [never] ? Query : QueryOf<RouteOf<P>>;
/** What a path answers: typed for a figure route, a plain string (the caller names the type) otherwise. */
export type ApiAnswerUrl<P extends string> = [RouteOf<P>] extends [never] ? string : ApiUrl<FigureAnswer<RouteOf<P>>>;

/**
 * The routes that answer "as known at the end of a month" (`peilmaand`): the figure routes
 * with a querystring, and the report. Plain data, typed against the contract so a new figure
 * route without it here fails the type check of the test (tests/web/apiUrl.test.ts).
 */
export const AS_OF_PATHS = ['/periods', '/values', '/overview', '/series', '/comparison', '/subsegments', '/referrers', '/providers', '/deliveries/completeness', '/report', '/report/pdf', '/nowcast/patterns'] as const;
const AS_OF = new Set<string>(AS_OF_PATHS);

function asOfPath(path: string): boolean {
  return AS_OF.has(path) || /^\/providers\/[^/]+\/series$/.test(path);
}

export function apiUrl<P extends string>(path: P, query: ApiQuery<P> = {} as ApiQuery<P>): ApiAnswerUrl<P> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query as Query)) if (v != null && v !== '') params.set(k, String(v));
  // `peilmaand: null` asks for the newest data on purpose (the list of all peilmaanden, "as known now").
  const standPer = currentStandPer();
  if (standPer && (query as Query).peilmaand === undefined && asOfPath(path)) params.set('peilmaand', standPer);
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}` as ApiAnswerUrl<P>;
}
