/**
 * All view state lives in the URL (hash routing: `#/segment/verblijf?jaar=2025`), so a link
 * shared in a duidingssessie opens the same picture, and reload keeps it. The hash works
 * whatever the server does with unknown paths. Parsing and formatting are pure functions.
 */
import { currentStandPer } from './standPer.ts';

export const VIEWS = ['overzicht', 'segment', 'gemeente', 'aanbieder', 'datakwaliteit', 'sessies', 'sessie', 'sinds', 'presentatie', 'acties', 'jaarrapport', 'auditlog', 'gebruikers', 'account', 'toegangstokens'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  /** The path argument: a reporting row, gemeente code, provider AGB or session id. */
  id: string | null;
  /** Filters and choices: `jaar`, `gemeente`, `sort`, `dir`, `item`, ... */
  params: Record<string, string>;
}

const VIEW_SET = new Set<string>(VIEWS);

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path, query = ''] = raw.split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const view = parts[0] && VIEW_SET.has(parts[0]) ? (parts[0] as View) : 'overzicht';
  const id = view === parts[0] && parts[1] ? parts[1] : null;
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    if (value !== '') params[key] = value;
  }
  return { view, id, params };
}

/** Keys are sorted so that one picture has exactly one URL. */
export function formatRoute(route: Route): string {
  const path = route.id == null ? `/${route.view}` : `/${route.view}/${encodeURIComponent(route.id)}`;
  const entries = Object.entries(route.params)
    .filter(([, v]) => v != null && v !== '')
    .sort(([a], [b]) => a.localeCompare(b));
  const query = new URLSearchParams(entries).toString();
  return `#${path}${query ? `?${query}` : ''}`;
}

/** A link to a view, keeping only the given params and the Stand per (`peilmaand: null` leaves it). */
export function href(view: View, id: string | null = null, params: Record<string, string | number | null | undefined> = {}): string {
  const clean: Record<string, string> = {};
  const standPer = currentStandPer();
  if (standPer && params.peilmaand === undefined) clean.peilmaand = standPer;
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') clean[k] = String(v);
  return formatRoute({ view, id, params: clean });
}

/** The same route with some params changed (null removes one). */
export function withParams(route: Route, changes: Record<string, string | number | null | undefined>): Route {
  const params = { ...route.params };
  for (const [k, v] of Object.entries(changes)) {
    if (v == null || v === '') delete params[k];
    else params[k] = String(v);
  }
  return { ...route, params };
}

/** A year param, or the fallback when absent or not a sensible year. */
export function yearParam(route: Route, fallback: number): number {
  const y = Number(route.params.jaar);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : fallback;
}
