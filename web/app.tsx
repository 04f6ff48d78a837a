/** The shell: header with navigation and year, then the view the URL names. */
import { useEffect, useState } from 'preact/hooks';
import type { RegionInfo } from '../contract/api.ts';
import type { PeriodsInfo } from '../contract/indicators.ts';
import { ErrorState, Loading } from './components/States.tsx';
import { StartupProgress } from './components/StartupProgress.tsx';
import { LazyJaarrapport } from './report/LazyJaarrapport.tsx';
import { apiUrl, clearApiCache } from './lib/api.ts';
import { peilmaandChoices, setStandPer, standPerParam } from './lib/standPer.ts';
import { formatMonth } from './lib/format.ts';
import { AccountContext, csrfToken, isAdmin, setCsrfToken, SIGNED_OUT_EVENT, type Account, type Me } from './lib/user.ts';
import { AppContext, type AppInfo } from './lib/context.ts';
import { href, yearParam, type Route, type View } from './lib/route.ts';
import { useApi } from './lib/useApi.ts';
import { RouteContext, setParams, useHashRoute } from './lib/useRoute.ts';
import { AanbiederView } from './views/Aanbieder.tsx';
import { AanmeldenView } from './views/Aanmelden.tsx';
import { AuditlogView } from './views/Auditlog.tsx';
import { GebruikersView } from './views/Gebruikers.tsx';
import { MijnAccountView, PasswordForm } from './views/MijnAccount.tsx';
import { ActiesView } from './views/Acties.tsx';
import { DatakwaliteitView } from './views/Datakwaliteit.tsx';
import { GemeenteView } from './views/Gemeente.tsx';
import { OverzichtView } from './views/Overzicht.tsx';
import { PresentatieView } from './views/Presentatie.tsx';
import { SegmentView } from './views/Segment.tsx';
import { SessieView } from './views/Sessie.tsx';
import { SessiesView } from './views/Sessies.tsx';
import { SindsView } from './views/SindsVorigeSessie.tsx';
import { ToegangstokensView } from './views/Toegangstokens.tsx';

const NAV: { view: View; label: string; id?: string }[] = [
  { view: 'overzicht', label: 'Overzicht' },
  { view: 'segment', label: 'Segment', id: 'verblijf' },
  { view: 'gemeente', label: 'Gemeente' },
  { view: 'aanbieder', label: 'Aanbieders' },
  { view: 'datakwaliteit', label: 'Datakwaliteit' },
  { view: 'sessies', label: 'Duidingssessies' },
  { view: 'acties', label: 'Acties' },
  { view: 'jaarrapport', label: 'Jaarrapport' },
  { view: 'auditlog', label: 'Auditlog' },
];

/** Menu items only some accounts may use (the server refuses the others anyway). */
const NAV_ALLOWED: Partial<Record<View, (a: Account) => boolean>> = { auditlog: isAdmin };

const TITLES: Record<View, string> = {
  overzicht: 'Overzicht',
  segment: 'Segment',
  gemeente: 'Gemeente',
  aanbieder: 'Aanbieders',
  datakwaliteit: 'Datakwaliteit',
  sessies: 'Duidingssessies',
  sessie: 'Duidingssessie',
  sinds: 'Sinds de vorige sessie',
  presentatie: 'Presentatie',
  acties: 'Acties',
  jaarrapport: 'Jaarrapport',
  auditlog: 'Auditlog',
  gebruikers: 'Gebruikers',
  account: 'Mijn account',
  toegangstokens: 'Toegangstokens',
};

function ViewFor({ route }: { route: Route }) {
  switch (route.view) {
    case 'segment':
      return <SegmentView />;
    case 'gemeente':
      return <GemeenteView />;
    case 'aanbieder':
      return <AanbiederView />;
    case 'datakwaliteit':
      return <DatakwaliteitView />;
    case 'sessies':
      return <SessiesView />;
    case 'sessie':
      return <SessieView />;
    case 'sinds':
      return <SindsView />;
    case 'presentatie':
      return <PresentatieView />;
    case 'acties':
      return <ActiesView />;
    case 'jaarrapport':
      return <LazyJaarrapport />;
    case 'auditlog':
      return <AuditlogView />;
    case 'gebruikers':
      return <GebruikersView />;
    case 'account':
      return <MijnAccountView />;
    case 'toegangstokens':
      return <ToegangstokensView />;
    default:
      return <OverzichtView />;
  }
}

function navActive(route: Route, view: View): boolean {
  if (view === 'sessies') return route.view === 'sessies' || route.view === 'sessie' || route.view === 'sinds';
  return route.view === view;
}

/** Signed in or not: the sign-in page until the server knows the account. */
export function Root() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [failure, setFailure] = useState<Error | null>(null);
  const accept = (m: Me | null) => {
    clearApiCache();
    setCsrfToken(m?.csrf_token ?? '');
    setMe(m);
  };
  const check = () => {
    setFailure(null);
    fetch('/api/auth/me', { headers: { accept: 'application/json' } })
      .then(async (res) => {
        if (res.status === 401) return accept(null);
        if (!res.ok) throw new Error(`De server antwoordde ${res.status}.`);
        accept((await res.json()) as Me);
      })
      .catch((err: unknown) => setFailure(err instanceof Error ? err : new Error(String(err))));
  };
  useEffect(() => {
    check();
    const signedOut = () => accept(null);
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
  }, []);
  if (failure) return <main id="inhoud"><ErrorState error={failure} retry={check} /></main>;
  if (me === undefined) return <main id="inhoud"><Loading label="Koersbord laden…" /></main>;
  if (me === null) return <AanmeldenView onSignedIn={accept} />;
  // Signed in with a one-time password: the server refuses everything else until a password is chosen.
  if (me.account.must_change_password) {
    return (
      <main id="inhoud" tabIndex={-1} class="signin">
        <h1>Kies een eigen wachtwoord</h1>
        <PasswordForm required onChanged={(account) => accept({ ...me, account })} />
      </main>
    );
  }
  return (
    <AccountContext.Provider value={me.account}>
      <App account={me.account} onSignedOut={() => accept(null)} />
    </AccountContext.Provider>
  );
}

function UserMenu({ account, onSignedOut }: { account: Account; onSignedOut: () => void }) {
  const signOut = async (everywhere: boolean) => {
    const res = await fetch(everywhere ? '/api/auth/logout-all' : '/api/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrfToken() } }).catch(() => null);
    // Signed in through the organisation: sign out there too, or its session signs you straight back in.
    const endSession = !everywhere && res?.status === 200 ? ((await res.json().catch(() => null)) as { end_session_url?: string } | null)?.end_session_url : undefined;
    if (endSession) window.location.assign(endSession);
    else onSignedOut();
  };
  const scope = account.gemeenten.length ? ` · ${account.gemeenten.join(', ')}` : '';
  return (
    <details class="user-menu">
      <summary>
        {account.name} ({account.role}{scope})
      </summary>
      <div class="user-menu-items">
        <a href={href('account')}>Mijn account</a>
        {isAdmin(account) && <a href={href('gebruikers')}>Gebruikers</a>}
        <a href={href('toegangstokens')}>Toegangstokens</a>
        <button type="button" onClick={() => void signOut(false)}>
          Afmelden
        </button>
        <button type="button" onClick={() => void signOut(true)}>
          Overal afmelden
        </button>
      </div>
    </details>
  );
}

export function App({ account, onSignedOut }: { account: Account; onSignedOut: () => void }) {
  const route = useHashRoute();
  // All peilmaanden on offer (the newest data); then the periods as known at the one chosen.
  const allPeriods = useApi<PeriodsInfo>(apiUrl('/periods', { peilmaand: null }));
  const choices = allPeriods.data ? peilmaandChoices(allPeriods.data) : [];
  const asked = standPerParam(route.params);
  const badStand = route.params.peilmaand != null && allPeriods.data != null && (asked == null || !choices.includes(asked))
    ? new Error(`Stand per "${route.params.peilmaand}" kan niet: kies een maand van ${choices.length ? `${formatMonth(choices[choices.length - 1])} tot en met ${formatMonth(choices[0])}` : 'een levering'} (JJJJ-MM).`)
    : null;
  // Set before any figure URL is built below (and in the views), so each request carries the Stand per.
  setStandPer(badStand ? null : asked);
  const periods = useApi<PeriodsInfo>(allPeriods.data && !badStand ? apiUrl('/periods') : null);
  const region = useApi<RegionInfo>(apiUrl('/region'));

  useEffect(() => {
    document.title = `${TITLES[route.view]} · Koersbord`;
    // Moving focus to the new view's heading tells screen-reader users the page changed.
    const h1 = document.querySelector<HTMLElement>('main h1');
    h1?.focus({ preventScroll: true });
  }, [route.view, route.id]);

  useEffect(() => {
    if (periods.data) performance.mark('koersbord:ready');
  }, [periods.data]);

  // Every view reads the region's plan (targets, threshold, claims lag): none is shown without it.
  const error = badStand ?? allPeriods.error ?? periods.error ?? region.error;
  const retry = badStand ? () => setParams(route, { peilmaand: null }) : allPeriods.error ? allPeriods.reload : periods.error ? periods.reload : region.reload;
  let info: AppInfo | null = null;
  if (periods.data && region.data) {
    const latest = periods.data.latest_month;
    const years = periods.data.years;
    info = {
      periods: periods.data,
      peilmaand: asked,
      region: region.data,
      regionName: region.data.name,
      // A gemeente-limited account is offered its own gemeenten only (the server refuses the others).
      gemeenten: region.data.gemeenten.filter((g) => account.gemeenten.length === 0 || account.gemeenten.includes(g.code)),
      defaultYear: latest ? Number(latest.slice(0, 4)) : (years[years.length - 1] ?? new Date().getFullYear()),
    };
  }
  const year = info ? yearParam(route, info.defaultYear) : null;
  const presenting = route.view === 'presentatie';

  return (
    <RouteContext.Provider value={route}>
      <a class="skip-link" href="#inhoud" onClick={(e) => { e.preventDefault(); document.getElementById('inhoud')?.focus(); }}>
        Naar de inhoud
      </a>
      {!presenting && (
        <header class="app-header">
          <a class="brand" href={href('overzicht', null, { jaar: route.params.jaar })}>
            <span aria-hidden="true" class="brand-mark">◆</span> Koersbord
            {info && <span class="brand-region"> · {info.regionName}</span>}
          </a>
          <nav aria-label="Hoofdmenu">
            <ul>
              {NAV.filter((n) => NAV_ALLOWED[n.view]?.(account) ?? true).map((n) => (
                <li>
                  <a href={href(n.view, n.id ?? null, { jaar: route.params.jaar })} aria-current={navActive(route, n.view) ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {info && info.periods.years.length > 0 && (
            <label class="year-select">
              Jaar
              <select value={String(year)} onChange={(e) => setParams(route, { jaar: (e.target as HTMLSelectElement).value })}>
                {info.periods.years.map((y) => (
                  <option value={String(y)}>{y}</option>
                ))}
              </select>
            </label>
          )}
          {choices.length > 0 && (
            <label class="year-select stand-select">
              Stand per
              <select
                value={asked && asked !== choices[0] ? asked : ''}
                onChange={(e) => {
                  const chosen = (e.target as HTMLSelectElement).value || null;
                  // A year after the stand had not started yet: show the stand's own year.
                  const later = chosen && year != null && year > Number(chosen.slice(0, 4));
                  setParams(route, { peilmaand: chosen, ...(later ? { jaar: null } : {}) });
                }}
              >
                <option value="">nieuwste ({formatMonth(choices[0])})</option>
                {choices.slice(1).map((m) => (
                  <option value={m}>{formatMonth(m)}</option>
                ))}
              </select>
            </label>
          )}
          <UserMenu account={account} onSignedOut={onSignedOut} />
        </header>
      )}
      <StartupProgress />
      {/* data-hash: the address this render shows; it lags location.hash until the new view has rendered (tests wait on it). */}
      <main id="inhoud" tabIndex={-1} class={presenting ? 'presenting' : undefined} data-hash={route.hash}>
        {error ? (
          <ErrorState error={error} retry={retry} />
        ) : !info ? (
          <Loading label="Koersbord laden…" />
        ) : (
          <AppContext.Provider value={info}>
            <ViewFor route={route} />
          </AppContext.Provider>
        )}
      </main>
    </RouteContext.Provider>
  );
}
