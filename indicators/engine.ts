/**
 * The engine the server calls: it validates each question, answers from a context computed
 * once per store data version (recomputed after every load) and memoises what it computed.
 * Every count below region level comes back suppressed. The figures come from the long form
 * (`longForm.ts`), the targets from `targets.ts`, the answers' shapes from `series.ts`,
 * `overview.ts` and `breakdowns.ts`; the SQL from `facts.ts`.
 */
import { z } from 'zod';
import { INDICATOR_IDS, REPORTING_ROWS, type Grain, type IndicatorId, type ReportingRow } from '../contract/domain.ts';
import { DecompositionAnswer, DecompositionQuery } from '../contract/decomposition.ts';
import { SignalsAnswer, SignalsQuery, type Signal } from '../contract/signals.ts';
import { FIGURE_ROUTES, ProviderSeriesRequest, type FigureAnswer, type FigureQuery } from '../contract/queries.ts';
import { referenceForYear } from '../store/reference.ts';
import type { Store } from '../store/store.ts';
import { comparisonRows, comparisonRowsToDate, completenessCells, providerRows, referrerRows, subsegmentRows } from './breakdowns.ts';
import { budgetAnswer, readBudgets } from './budget.ts';
import { loadContext, type EngineContext } from './context.ts';
import { IndicatorQueryError } from './errors.ts';
import { decompose } from './decomposition.ts';
import { contributionSignal, rankSignals, referenceSignal, targetPathSignal, trendSignal, type MonthValue, type ScopeRef } from './signals.ts';
import { computeSubsegmentFacts, providerNames, type ScopeKind } from './facts.ts';
import { missingToewijzingen, provisionalOf, type Ledger } from './ledger.ts';
import { factOf, indexValues, longForm, lookup, measureValue, toIndicatorValue, type ValueIndex } from './longForm.ts';
import { nowcastPatterns } from './nowcast/patternsAnswer.ts';
import { overviewCards } from './overview.ts';
import { monthIndex, monthRange } from './periods.ts';
import type { RawValue } from './rawValue.ts';
import { seriesPoints, type SeriesSpec } from './series.ts';
import { isRegionLevel, suppress } from './suppression.ts';
import { sameMonthsOf, toDateOf, toDateValues, type ToDate } from './toDate.ts';

/**
 * The gemeenten a reader may see by name, for the answers that name gemeenten beside region
 * figures: the answer is built for them from the start (docs/security.md), not filtered after.
 */
export type Visible = readonly string[] | undefined;

/** What the server calls, in the figure routes' shapes. Every count below region level comes back suppressed. */
export interface IndicatorEngine {
  periods(q?: FigureQuery<'/periods'>): Promise<FigureAnswer<'/periods'>>;
  /** The long form of every indicator of a year (the export's rows), suppressed. */
  values(q: FigureQuery<'/values'>): Promise<FigureAnswer<'/values'>>;
  /** `visible`: the gemeenten the reader may see by name (`covered_gemeenten` names no others); default all. The figures do not change. */
  overview(q: FigureQuery<'/overview'>, visible?: Visible): Promise<FigureAnswer<'/overview'>>;
  series(q: FigureQuery<'/series'>): Promise<FigureAnswer<'/series'>>;
  comparison(q: FigureQuery<'/comparison'>): Promise<FigureAnswer<'/comparison'>>;
  subsegments(q: FigureQuery<'/subsegments'>): Promise<FigureAnswer<'/subsegments'>>;
  referrers(q: FigureQuery<'/referrers'>): Promise<FigureAnswer<'/referrers'>>;
  providers(q: FigureQuery<'/providers'>): Promise<FigureAnswer<'/providers'>>;
  /** The provider's AGB from the path beside the querystring's fields. */
  providerSeries(q: ProviderSeriesRequest): Promise<FigureAnswer<'/providers/:agb/series'>>;
  /** `visible`: only the cells of these gemeenten (the reader's); default every gemeente of the region. */
  completeness(q?: FigureQuery<'/deliveries/completeness'>, visible?: Visible): Promise<FigureAnswer<'/deliveries/completeness'>>;
  /** `visible`: the gemeenten a region answer names (its per-gemeente totals, those without a budget); the sums do not change. */
  budget(q: FigureQuery<'/budget'>, visible?: Visible): Promise<FigureAnswer<'/budget'>>;
  /** The learnt lag patterns of a scope and the maturity of each month of the peilmaand's year (docs/nowcast.md). */
  nowcastPatterns(q?: FigureQuery<'/nowcast/patterns'>): Promise<FigureAnswer<'/nowcast/patterns'>>;
  /** Why kosten changed: volume and intensity (docs/decomposition.md). `visible`: the gemeenten whose part the region's answer lists; default all. */
  decomposition(q: DecompositionQuery, visible?: Visible): Promise<DecompositionAnswer>;
  /** What moved: ranked signals (docs/signals.md). `visible`: the gemeenten the reader may see; default all. */
  signals(q: SignalsQuery, visible?: Visible): Promise<SignalsAnswer>;
}

/** How the reasons name a share of the national reference. */
const SHARE_LABELS: Record<string, string> = {
  crisis_start_pct: 'Start na crisis',
  gezinsgericht_pct: 'Gezinsgericht aandeel',
  einde_volgens_plan_pct: 'Einde volgens plan',
  herinstroom_pct: 'Herinstroom',
};

/** The questions and answers of the routes the engine serves. */
const R = FIGURE_ROUTES;

interface VersionData {
  version: number;
  ctx: EngineContext;
  memo: Map<string, Promise<unknown>>;
}

/** Dutch messages also for callers that are not the server (which sets the locale globally). */
const DUTCH = z.locales.nl().localeError;

/**
 * A question in the shape the routes check, with their defaults; callers other than the
 * server (the report, the CLI) are held to the same shape.
 */
function parsed<S extends z.ZodType>(schema: S, q: unknown): z.output<S> {
  const r = schema.safeParse(q, { error: DUTCH });
  if (!r.success) {
    throw new IndicatorQueryError(r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '), 'invalid_query');
  }
  return r.data;
}

/** Peilmaanden kept per data version beside the newest data; a session on an older peilmaand computes once. */
const PEILMAANDEN_KEPT = 6;
/** The key of the newest data (no peilmaand, or one at or after the newest delivery). */
const NEWEST = 'nu';

export function createIndicatorEngine(store: Store): IndicatorEngine {
  const region = store.region;
  let version = -1;
  let contexts = new Map<string, Promise<VersionData>>();

  function load(key: string, asOf: string | undefined): Promise<VersionData> {
    const v = version;
    const p = loadContext(store, { asOf }).then((ctx) => ({ version: v, ctx, memo: new Map() }));
    contexts.set(key, p);
    p.catch(() => contexts.get(key) === p && contexts.delete(key));
    return p;
  }

  /**
   * The context of the current data version as known at `peilmaand` (default the newest
   * data). A peilmaand at or after the newest delivery is the newest data itself, so it
   * shares its cache; older ones are kept per data version, the least recently asked dropped.
   */
  async function data(peilmaand?: string): Promise<VersionData> {
    const v = await store.dataVersion();
    if (v !== version) {
      version = v;
      contexts = new Map();
    }
    const newest = contexts.get(NEWEST) ?? load(NEWEST, undefined);
    if (!peilmaand) return newest;
    const { ctx } = await newest;
    const last = ctx.ledger.lastMonth;
    if (last === null || peilmaand >= last) return newest;
    if (ctx.ledger.firstMonth !== null && peilmaand < ctx.ledger.firstMonth) {
      throw new IndicatorQueryError(`peilmaand ${peilmaand} ligt vóór de eerste levering (${ctx.ledger.firstMonth})`, 'unknown_period');
    }
    const hit = contexts.get(peilmaand);
    if (hit) {
      // Most recently asked last, so the oldest question is dropped first.
      contexts.delete(peilmaand);
      contexts.set(peilmaand, hit);
      return hit;
    }
    const older = [...contexts.keys()].filter((k) => k !== NEWEST);
    if (older.length >= PEILMAANDEN_KEPT) contexts.delete(older[0]);
    return load(peilmaand, peilmaand);
  }

  function memo<T>(d: VersionData, key: string, fn: () => Promise<T> | T): Promise<T> {
    let hit = d.memo.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = Promise.resolve().then(fn);
      d.memo.set(key, hit);
      hit.catch(() => d.memo.delete(key));
    }
    return hit;
  }

  const requireYear = (ledger: Ledger, year: number) => {
    if (!ledger.years.includes(year)) throw new IndicatorQueryError(`geen gegevens voor het jaar ${year}`, 'unknown_period');
  };
  const requireMonthIn = (year: number, month: string | undefined) => {
    if (month && Number(month.slice(0, 4)) !== year) throw new IndicatorQueryError(`maand ${month} valt niet in ${year}`, 'invalid_query');
  };
  const requireScope = (scope: string) => {
    if (scope !== 'REGIO' && !region.gemeenten.some((g) => g.code === scope)) {
      throw new IndicatorQueryError(`gemeente ${scope} hoort niet bij regio ${region.name}`, 'unknown_scope');
    }
  };

  /** Suppressed area long form of a year, and the same indexed. */
  async function areaValues(d: VersionData, year: number, grain: Grain): Promise<RawValue[]> {
    return memo(d, `area:${year}:${grain}`, async () => {
      const yearValues = grain === 'month' ? await areaValues(d, year, 'year') : undefined;
      return longForm(d.ctx, year, grain, { kind: 'area', yearValues });
    });
  }
  async function areaIndex(d: VersionData, year: number, grain: Grain): Promise<ValueIndex> {
    return memo(d, `areaIndex:${year}:${grain}`, async () => indexValues(await areaValues(d, year, grain)));
  }

  async function providerContext(d: VersionData): Promise<{ ctx: EngineContext; names: Map<string, string | null> }> {
    const asOf = d.ctx.asOf ?? undefined;
    return memo(d, 'providers', async () => ({ ctx: await loadContext(store, { kind: 'provider', asOf }), names: await providerNames(store, asOf) }));
  }
  async function providerValues(d: VersionData, year: number, grain: Grain): Promise<RawValue[]> {
    return memo(d, `provider:${year}:${grain}`, async () => {
      const { ctx, names } = await providerContext(d);
      const scopes = [...names.keys()].sort();
      const yearValues = grain === 'month' ? await providerValues(d, year, 'year') : undefined;
      return longForm(ctx, year, grain, { kind: 'provider', scopes, yearValues });
    });
  }
  async function providerIndex(d: VersionData, year: number, grain: Grain): Promise<ValueIndex> {
    return memo(d, `providerIndex:${year}:${grain}`, async () => indexValues(await providerValues(d, year, grain)));
  }

  async function subsegmentFacts(d: VersionData) {
    return memo(d, 'subsegments', () => {
      const ys = d.ctx.ledger.years;
      return computeSubsegmentFacts(store, { from: ys[0], to: ys[ys.length - 1] }, d.ctx.asOf ?? undefined);
    });
  }

  /**
   * Suppressed clients, instroom and kosten of months 1 … k of a year for every scope of a
   * kind, as the comparison and the provider list count them (a year to date counts as the year).
   */
  async function toDateIndex(d: VersionData, kind: ScopeKind, t: ToDate): Promise<ValueIndex> {
    return memo(d, `toDate:${kind}:${t.year}:${t.k}`, async () => {
      const { ctx, scopes } = kind === 'area' ? { ctx: d.ctx, scopes: [...d.ctx.ledger.activeGemeenten, 'REGIO'] } : await providerContext(d).then((p) => ({ ctx: p.ctx, scopes: [...p.names.keys()].sort() }));
      const raw = toDateValues(ctx, REPORTING_ROWS, scopes, t, kind);
      return indexValues(
        suppress(raw, { threshold: region.privacyThreshold, regionLevel: kind === 'area' ? isRegionLevel : () => false, gemeentenBesideRegion: kind === 'area' }),
      );
    });
  }

  const areaSeries = (d: VersionData, q: SeriesSpec) => seriesPoints(d.ctx, q, (y, g) => areaIndex(d, y, g), true).then((p) => R['/series'].response.parse(p));

  const engine: IndicatorEngine = {
    async periods(query = {}) {
      const { peilmaand } = parsed(R['/periods'].query, query);
      const { ctx } = await data(peilmaand);
      const { ctx: newest } = await data();
      const l = ctx.ledger;
      return R['/periods'].response.parse({
        years: l.years,
        months: l.firstMonth && l.lastMonth ? monthRange(l.firstMonth, l.lastMonth) : [],
        latest_month: l.latestToewijzingenMonth,
        baseline_year: region.targets.baselineYear,
        peilmaand: l.lastMonth,
        newest_peilmaand: newest.ledger.lastMonth,
      });
    },

    async values(query) {
      const { year, grain, peilmaand } = parsed(R['/values'].query, query);
      const d = await data(peilmaand);
      requireYear(d.ctx.ledger, year);
      return memo(d, `values:${year}:${grain}`, async () =>
        R['/values'].response.parse((await areaValues(d, year, grain)).map(toIndicatorValue)),
      );
    },

    async overview(query, visible) {
      const q = parsed(R['/overview'].query, query);
      const d = await data(q.peilmaand);
      requireYear(d.ctx.ledger, q.year);
      requireScope(q.scope);
      requireMonthIn(q.year, q.month);
      const cards = await overviewCards(d.ctx, q, visible, (segment, indicator) =>
        areaSeries(d, { segment, scope: q.scope, indicator, grain: 'month', from: `${q.year}-01`, to: `${q.year}-12` }),
      );
      return R['/overview'].response.parse(cards);
    },

    async series(query) {
      const q = parsed(R['/series'].query, query);
      const d = await data(q.peilmaand);
      requireScope(q.scope);
      return areaSeries(d, q);
    },

    async comparison(query) {
      const { segment, year, month, peilmaand } = parsed(R['/comparison'].query, query);
      const d = await data(peilmaand);
      requireYear(d.ctx.ledger, year);
      requireMonthIn(year, month);
      const hasBefore = d.ctx.ledger.years.includes(year - 1);
      // The months of the card: to date in a year that is not over, the year itself once it is.
      const t = toDateOf(d.ctx, 'REGIO', year, month);
      if (t.k < 12) return R['/comparison'].response.parse(comparisonRowsToDate(d.ctx, segment, t, hasBefore ? sameMonthsOf(t, year - 1) : null));
      const now = await areaIndex(d, year, 'year');
      const before = hasBefore ? await areaIndex(d, year - 1, 'year') : null;
      return R['/comparison'].response.parse(comparisonRows(d.ctx, segment, year, now, before));
    },

    async subsegments(query) {
      const q = parsed(R['/subsegments'].query, query);
      const d = await data(q.peilmaand);
      const { ctx } = d;
      requireYear(ctx.ledger, q.year);
      requireScope(q.scope);
      const facts = await subsegmentFacts(d);
      return R['/subsegments'].response.parse(subsegmentRows(ctx, facts, q));
    },

    async referrers(query) {
      const q = parsed(R['/referrers'].query, query);
      const d = await data(q.peilmaand);
      requireYear(d.ctx.ledger, q.year);
      requireScope(q.scope);
      return R['/referrers'].response.parse(referrerRows(await areaIndex(d, q.year, q.grain), q));
    },

    async providers(query) {
      const { year, grain, segment, month, peilmaand } = parsed(R['/providers'].query, query);
      const d = await data(peilmaand);
      requireYear(d.ctx.ledger, year);
      requireMonthIn(year, month);
      const { ctx, names } = await providerContext(d);
      if (month) {
        if (grain !== 'year') throw new IndicatorQueryError('maand (tot en met) gaat alleen samen met grain=year', 'invalid_query');
        const values = memo(d, `providerToDate:${month}`, () =>
          suppress(toDateValues(ctx, REPORTING_ROWS, [...names.keys()].sort(), toDateOf(ctx, 'REGIO', year, month), 'provider'), {
            threshold: region.privacyThreshold,
            regionLevel: () => false,
            gemeentenBesideRegion: false,
          }),
        );
        return R['/providers'].response.parse(providerRows(await values, names, segment));
      }
      return R['/providers'].response.parse(providerRows(await providerValues(d, year, grain), names, segment));
    },

    async providerSeries(query) {
      const { agb, peilmaand, ...q } = parsed(ProviderSeriesRequest, query);
      const d = await data(peilmaand);
      const { names } = await providerContext(d);
      if (!names.has(agb)) throw new IndicatorQueryError(`onbekende aanbieder ${agb}`, 'unknown_provider');
      const points = await seriesPoints(d.ctx, { ...q, scope: agb }, (y, g) => providerIndex(d, y, g), false);
      return R['/providers/:agb/series'].response.parse(points);
    },

    async completeness(query = {}, visible) {
      const q = parsed(R['/deliveries/completeness'].query, query);
      const { ctx } = await data(q.peilmaand);
      const l = ctx.ledger;
      const from = q.from ?? l.firstMonth;
      const to = q.to ?? l.lastMonth;
      if (!from || !to) return [];
      if (monthIndex(from) > monthIndex(to)) throw new IndicatorQueryError(`${from} ligt na ${to}`, 'invalid_query');
      return R['/deliveries/completeness'].response.parse(completenessCells(l, from, to, visible));
    },

    async budget(query, visible) {
      const q = parsed(R['/budget'].query, query);
      const d = await data(q.peilmaand);
      requireYear(d.ctx.ledger, q.year);
      requireScope(q.gemeente);
      // Budgets have no delivery month: read once per data version and peilmaand context alike.
      const budgets = await memo(d, 'budgets', () => readBudgets(store));
      return R['/budget'].response.parse(budgetAnswer(d.ctx, budgets, { year: q.year, scope: q.gemeente }, visible));
    },

    async nowcastPatterns(query = {}) {
      const q = parsed(R['/nowcast/patterns'].query, query);
      requireScope(q.scope);
      const d = await data(q.peilmaand);
      return memo(d, `nowcast:${q.scope}`, () => R['/nowcast/patterns'].response.parse(nowcastPatterns(d.ctx, q.scope)));
    },

    async decomposition(query, visible) {
      const q = parsed(DecompositionQuery, query);
      const d = await data(q.peilmaand);
      requireYear(d.ctx.ledger, q.year);
      requireMonthIn(q.year, q.month);
      const kind: ScopeKind = /^\d{8}$/.test(q.scope) ? 'provider' : 'area';
      if (kind === 'area') requireScope(q.scope);
      const ctx = kind === 'area' ? d.ctx : (await providerContext(d)).ctx;
      if (kind === 'provider' && !(await providerContext(d)).names.has(q.scope)) throw new IndicatorQueryError(`onbekende aanbieder ${q.scope}`, 'unknown_provider');
      const comparisonYear = q.compare === 'baseline' ? region.targets.baselineYear : q.year - 1;
      if (comparisonYear === q.year) throw new IndicatorQueryError(`${q.year} is zelf het basisjaar: vergelijk met het vorige jaar (compare=previous)`, 'invalid_query');
      // One period for every scope: the region's months to date, as on the overview cards.
      const now = toDateOf(d.ctx, 'REGIO', q.year, q.month);
      const before = sameMonthsOf(now, comparisonYear);
      const hasBefore = d.ctx.ledger.years.includes(comparisonYear);
      const answer = decompose(ctx, {
        segment: q.segment,
        scope: q.scope,
        comparison: q.compare,
        now,
        before,
        clientsNow: await toDateIndex(d, kind, now),
        clientsBefore: await toDateIndex(d, kind, before),
        hasBefore,
        subsegments: kind === 'area' ? await subsegmentFacts(d) : null,
        gemeenten: d.ctx.ledger.activeGemeenten.filter((g) => !visible || visible.includes(g)),
      });
      return DecompositionAnswer.parse(answer);
    },

    async signals(query, visible) {
      const q = parsed(SignalsQuery, query);
      const d = await data(q.peilmaand);
      const { ctx } = d;
      const { ledger } = ctx;
      requireYear(ledger, q.year);
      requireScope(q.scope);
      const settings = region.signals;
      const asOf = q.peilmaand ? { peilmaand: q.peilmaand } : {};
      const shown = ledger.activeGemeenten.filter((g) => !visible || visible.includes(g));
      const scopes = q.scope === 'REGIO' ? ['REGIO', ...shown] : [q.scope];
      const nameOf = (scope: string) => (scope === 'REGIO' ? region.name : (region.gemeenten.find((g) => g.code === scope)?.name ?? scope));
      const ref = (segment: ReportingRow, scope: string): ScopeRef => ({ segment, scope, name: nameOf(scope) });
      const kostenRows = REPORTING_ROWS.filter((r) => region.targets.rows[r]?.measure === 'kosten');
      const out: (Signal | null)[] = [];

      // Off the target path: each scope's cards, kosten rows.
      for (const scope of scopes) {
        for (const card of await engine.overview({ year: q.year, scope, ...asOf }, visible)) {
          const t = card.target;
          if (t?.measure !== 'kosten') continue;
          out.push(targetPathSignal(ref(card.segment, scope), { year: q.year, upTo: card.month, value: t.value_ytd, target: t.target_ytd }, settings));
        }
      }

      // Change of trend: monthly series up to the region's newest month of the year; provisional months are
      // left out (their kosten are still coming in, which would read as a fall).
      const upTo = toDateOf(ctx, 'REGIO', q.year).upTo;
      const months = ledger.firstMonth && ledger.firstMonth <= upTo ? monthRange(ledger.firstMonth, upTo) : [];
      const kostenSeries = (scope: string, row: ReportingRow): MonthValue[] =>
        months.map((m) => ({ period: m, value: provisionalOf(ledger, scope, m, [m]) ? null : measureValue(ctx, scope, row, m, 'kosten') }));
      for (const scope of scopes) for (const row of kostenRows) out.push(trendSignal(ref(row, scope), 'kosten', kostenSeries(scope, row), settings));
      // Instroom is a count: its months are shown only for the region, so only the region's trend is looked at.
      if (scopes.includes('REGIO')) {
        for (const row of REPORTING_ROWS.filter((r) => region.targets.rows[r]?.measure === 'instroom')) {
          const series = months.map((m) => ({ period: m, value: missingToewijzingen(ledger, 'REGIO', m) ? null : factOf(ctx, 'REGIO', row, m).instroom }));
          out.push(trendSignal(ref(row, 'REGIO'), 'instroom', series, settings));
        }
      }

      // Far from the national reference: shares (0–100) the long form has, against NL.
      const index = await areaIndex(d, q.year, 'year');
      const national = (await referenceForYear(store, { year: q.year })).filter(
        (f) => f.area === 'NL' && f.indicator.endsWith('_pct') && (INDICATOR_IDS as readonly string[]).includes(f.indicator) && (REPORTING_ROWS as readonly string[]).includes(f.segment),
      );
      for (const f of national) {
        for (const scope of scopes) {
          const own = lookup(index, f.segment, scope, String(q.year), f.indicator as IndicatorId);
          out.push(referenceSignal(ref(f.segment as ReportingRow, scope), { year: q.year, indicator: f.indicator, label: SHARE_LABELS[f.indicator] ?? f.indicator, value: own?.value ?? null, national: f.value, nationalYear: f.year }, settings));
        }
      }

      // The gemeenten that contribute most to the region's change in kosten.
      if (ledger.years.includes(q.year - 1)) {
        for (const row of kostenRows) {
          const dec = await engine.decomposition({ segment: row, year: q.year, ...asOf }, visible);
          for (const g of dec.gemeenten) {
            if (q.scope !== 'REGIO' && g.gemeente_code !== q.scope) continue;
            out.push(contributionSignal(ref(row, g.gemeente_code), { year: q.year, change_eur: g.change_eur, contribution_pct: g.contribution_pct, volume_eur: g.volume_eur, intensity_eur: g.intensity_eur, region_change_pct: dec.change_pct }, settings));
          }
        }
      }

      return SignalsAnswer.parse({ year: q.year, peilmaand: ledger.lastMonth, signals: rankSignals(out.filter((x): x is Signal => x !== null), settings) });
    },
  };
  return engine;
}
