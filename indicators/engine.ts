/**
 * The engine the server calls: answers from a context computed once per store data version
 * (recomputed after every load), every count below region level suppressed.
 */
import { z } from 'zod';
import { REPORTING_ROWS, type Grain, type IndicatorId, type ReportingRow, type TargetStatus } from '../contract/domain.ts';
import {
  CompletenessCell,
  GemeenteComparisonRow,
  IndicatorValue,
  OverviewCard,
  PeriodsInfo,
  ProviderValue,
  ReferrerRow,
  SeriesPoint,
  SubsegmentRow,
  type Cell,
  type DeliveryState,
} from '../contract/indicators.ts';
import type { Store } from '../store/store.ts';
import { loadContext, longForm, toIndicatorValue } from './compute.ts';
import { IndicatorQueryError } from './errors.ts';
import { computeSubsegmentFacts, type SubsegmentFact } from './facts.ts';
import type {
  ComparisonQuery,
  CompletenessQuery,
  IndicatorEngine,
  OverviewQuery,
  ProviderSeriesQuery,
  ProvidersQuery,
  ReferrersQuery,
  SeriesQuery,
  SubsegmentsQuery,
} from './index.ts';
import { coverageOf, gemeentenOf, missingToewijzingen, monthProvisional, provisionalOf, type Ledger } from './ledger.ts';
import { factOf, measureValue, periodsOf, type EngineContext, type RawValue } from './longForm.ts';
import { monthIndex, monthKey, monthRange, monthsOfYear } from './periods.ts';
import { REFERRER_GROUPS, referrerIndicator, reportingRowsOf, roundTo, targetDecimals } from './rules.ts';
import { isSmall } from './suppression.ts';
import { forecastOf, savingsOf, statusOf, yearTarget, ytdTarget } from './targets.ts';

interface VersionData {
  version: number;
  ctx: EngineContext;
  memo: Map<string, Promise<unknown>>;
}

const cellOf = (v: RawValue | undefined): Cell => ({ value: v?.value ?? null, suppressed: v?.suppressed ?? false });

export function createIndicatorEngine(store: Store): IndicatorEngine {
  const region = store.region;
  const band = region.targets.statusBand;
  const baselineYear = region.targets.baselineYear;
  const threshold = region.privacyThreshold;
  let current: Promise<VersionData> | null = null;
  let currentVersion = -1;

  async function data(): Promise<VersionData> {
    const version = await store.dataVersion();
    if (!current || version !== currentVersion) {
      currentVersion = version;
      current = loadContext(store).then((ctx) => ({ version, ctx, memo: new Map() }));
      current.catch(() => {
        current = null;
      });
    }
    return current;
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
  const requireScope = (scope: string) => {
    if (scope !== 'REGIO' && !region.gemeenten.some((g) => g.code === scope)) {
      throw new IndicatorQueryError(`gemeente ${scope} hoort niet bij regio ${region.name}`, 'unknown_scope');
    }
  };

  /** Suppressed area long form of a year, indexed. */
  async function areaValues(d: VersionData, year: number, grain: Grain): Promise<RawValue[]> {
    return memo(d, `area:${year}:${grain}`, async () => {
      const yearValues = grain === 'month' ? await areaValues(d, year, 'year') : undefined;
      return longForm(d.ctx, year, grain, { kind: 'area', yearValues });
    });
  }
  async function areaIndex(d: VersionData, year: number, grain: Grain): Promise<Map<string, RawValue>> {
    return memo(d, `areaIndex:${year}:${grain}`, async () => {
      const values = await areaValues(d, year, grain);
      return new Map(values.map((v) => [`${v.segment}\t${v.scope}\t${v.period}\t${v.indicator}`, v]));
    });
  }
  const lookup = (index: Map<string, RawValue>, row: string, scope: string, period: string, ind: IndicatorId) =>
    index.get(`${row}\t${scope}\t${period}\t${ind}`);

  async function providerContext(d: VersionData): Promise<{ ctx: EngineContext; names: Map<string, string | null> }> {
    return memo(d, 'providers', async () => {
      const ctx = await loadContext(store, 'provider');
      const names = await store.query<{ agb: string; naam: string | null }>(
        `SELECT aanbieder_agb AS agb,
                arg_max(aanbieder_naam, periode || lpad(delivery_id::VARCHAR, 12, '0')) FILTER (WHERE aanbieder_naam IS NOT NULL) AS naam
         FROM toewijzingen GROUP BY aanbieder_agb`,
      );
      return { ctx, names: new Map(names.map((n) => [n.agb, n.naam])) };
    });
  }
  async function providerValues(d: VersionData, year: number, grain: Grain): Promise<RawValue[]> {
    return memo(d, `provider:${year}:${grain}`, async () => {
      const { ctx, names } = await providerContext(d);
      const scopes = [...names.keys()].sort();
      const yearValues = grain === 'month' ? await providerValues(d, year, 'year') : undefined;
      return longForm(ctx, year, grain, { kind: 'provider', scopes, yearValues });
    });
  }

  /** Sum of monthly raw figures from January up to month k (instroom and kosten add up over months). */
  function ytdSum(ctx: EngineContext, scope: string, row: string, year: number, k: number, measure: 'kosten' | 'instroom'): number | null {
    const months = monthsOfYear(year).slice(0, k);
    let sum = 0;
    for (const m of months) {
      const v = measureValue(ctx, scope, row, m, measure);
      if (v === null) return null;
      sum += v;
    }
    return measure === 'kosten' ? roundTo(sum, 2) : sum;
  }

  /** Region-level figures are never hidden; year-to-date figures of a gemeente are. */
  const hiddenBelowRegion = (scope: string, n: number | null) => scope !== 'REGIO' && isSmall(n, threshold);

  function seriesTargets(ctx: EngineContext, row: ReportingRow, scope: string, indicator: IndicatorId, month: string) {
    const setting = region.targets.rows[row];
    const empty = { target: null, target_upper: null, value_ytd: null, target_ytd: null, status: null as TargetStatus | null };
    if (!setting || setting.measure !== indicator) return empty;
    const year = Number(month.slice(0, 4));
    const k = Number(month.slice(5, 7));
    const mB = measureValue(ctx, scope, row, String(baselineYear), setting.measure);
    const target = yearTarget(mB, setting.reduction, baselineYear, year);
    if (target === null || mB === null || mB === 0) return empty;
    const countMeasure = setting.measure === 'instroom';
    const baseMonth = measureValue(ctx, scope, row, monthKey(baselineYear, k), setting.measure);
    const baseYtd = ytdSum(ctx, scope, row, baselineYear, k, setting.measure);
    if (countMeasure && (hiddenBelowRegion(scope, mB) || hiddenBelowRegion(scope, baseYtd))) return empty;
    const dec = targetDecimals(setting.measure);
    const tMonth = baseMonth === null ? null : roundTo((target * baseMonth) / mB, dec);
    const tYtd = ytdTarget(target, baseYtd, mB);
    const valueYtd = missingToewijzingen(ctx.ledger, scope, month) && countMeasure ? null : ytdSum(ctx, scope, row, year, k, setting.measure);
    const shownYtd = countMeasure && hiddenBelowRegion(scope, valueYtd) ? null : valueYtd;
    const tYtdR = tYtd === null ? null : roundTo(tYtd, dec);
    return {
      target: tMonth,
      target_upper: tMonth === null ? null : roundTo(tMonth * (1 + band), dec),
      value_ytd: shownYtd,
      target_ytd: tYtdR,
      status: statusOf(shownYtd, tYtdR, band),
    };
  }

  async function seriesFrom(
    d: VersionData,
    q: { segment: ReportingRow; scope: string; indicator: IndicatorId; grain: Grain; from?: string; to?: string },
    source: (year: number, grain: Grain) => Promise<Map<string, RawValue>>,
    withTargets: boolean,
  ): Promise<SeriesPoint[]> {
    const points: SeriesPoint[] = [];
    for (const year of d.ctx.ledger.years) {
      const index = await source(year, q.grain);
      for (const period of periodsOf(year, q.grain)) {
        if ((q.from && period < q.from) || (q.to && period > q.to)) continue;
        const v = lookup(index, q.segment, q.scope, period, q.indicator);
        if (!v) continue;
        const t =
          q.grain === 'month' && withTargets
            ? seriesTargets(d.ctx, q.segment, q.scope, q.indicator, period)
            : {
                target: v.target,
                target_upper: v.target === null ? null : roundTo(v.target * (1 + band), 2),
                value_ytd: null,
                target_ytd: null,
                status: v.status,
              };
        points.push({ period, value: v.value, suppressed: v.suppressed, ...t, provisional: v.provisional, coverage: v.coverage });
      }
    }
    return z.array(SeriesPoint).parse(points);
  }

  const engine: IndicatorEngine = {
    async periods() {
      const { ctx } = await data();
      const l = ctx.ledger;
      return PeriodsInfo.parse({
        years: l.years,
        months: l.firstMonth && l.lastMonth ? monthRange(l.firstMonth, l.lastMonth) : [],
        latest_month: l.latestToewijzingenMonth,
        baseline_year: baselineYear,
      });
    },

    async values({ year, grain }) {
      const d = await data();
      requireYear(d.ctx.ledger, year);
      return memo(d, `values:${year}:${grain}`, async () =>
        z.array(IndicatorValue).parse((await areaValues(d, year, grain)).map(toIndicatorValue)),
      );
    },

    async overview({ year, scope, month, gemeenten: named }) {
      const d = await data();
      const { ctx } = d;
      requireYear(ctx.ledger, year);
      requireScope(scope);
      if (month && Number(month.slice(0, 4)) !== year) throw new IndicatorQueryError(`maand ${month} valt niet in ${year}`, 'invalid_query');
      const delivered = monthsOfYear(year).filter((m) => !missingToewijzingen(ctx.ledger, scope, m));
      const upTo = month ?? delivered[delivered.length - 1] ?? `${year}-12`;
      const k = Number(upTo.slice(5, 7));
      const months = monthsOfYear(year).slice(0, k);
      const coverage = roundTo(coverageOf(ctx.ledger, scope, String(year), months), 1);
      const covered = gemeentenOf(ctx.ledger, scope).filter((g) => (!named || named.includes(g)) && months.every((m) => ctx.ledger.delivered.has(`${g}\t${m}`)));
      const provisional = provisionalOf(ctx.ledger, scope, String(year), months);
      const noToewijzingen = missingToewijzingen(ctx.ledger, scope, String(year), months);
      const cards: OverviewCard[] = [];
      for (const row of REPORTING_ROWS) {
        const setting = region.targets.rows[row];
        // A youth counts once in the year to date: in the month of first activity.
        const clients = noToewijzingen ? null : months.reduce((n, m) => n + factOf(ctx, scope, row, m).first_clients, 0);
        const instroom = noToewijzingen ? null : ytdSum(ctx, scope, row, year, k, 'instroom');
        const kosten = ytdSum(ctx, scope, row, year, k, 'kosten');
        const hide = (n: number | null): Cell =>
          hiddenBelowRegion(scope, n) ? { value: null, suppressed: true } : { value: n, suppressed: false };
        let target: OverviewCard['target'] = null;
        if (setting) {
          const m = setting.measure;
          const counts = m === 'instroom';
          const mB = measureValue(ctx, scope, row, String(baselineYear), m);
          const mBytd = ytdSum(ctx, scope, row, baselineYear, k, m);
          const valueYtd = m === 'kosten' ? kosten : instroom;
          const baseHidden = counts && (hiddenBelowRegion(scope, mB) || hiddenBelowRegion(scope, mBytd));
          const valueHidden = counts && hiddenBelowRegion(scope, valueYtd);
          const dec = targetDecimals(m);
          const r = (x: number | null) => (x === null ? null : roundTo(x, dec));
          const tYear = baseHidden ? null : r(yearTarget(mB, setting.reduction, baselineYear, year));
          const tYtd = baseHidden ? null : r(ytdTarget(tYear, mBytd, mB));
          const shownValue = valueHidden ? null : valueYtd;
          const forecast = valueHidden || baseHidden ? null : r(forecastOf(valueYtd, mB, mBytd));
          const euros = m === 'kosten';
          target = {
            measure: m,
            baseline_year: baselineYear,
            baseline_value: baseHidden ? null : mB,
            value_ytd: shownValue,
            target_ytd: tYtd,
            status_ytd: statusOf(shownValue, tYtd, band),
            target_year: tYear,
            forecast,
            forecast_status: statusOf(forecast, tYear, band),
            savings_ytd: euros && tYtd !== null ? r(savingsOf(mBytd, valueYtd)) : null,
            planned_savings_ytd: euros ? r(savingsOf(mBytd, tYtd)) : null,
            savings_forecast: euros && tYear !== null ? r(savingsOf(mB, forecast)) : null,
            planned_savings: euros ? r(savingsOf(mB, tYear)) : null,
          };
        }
        const sparkIndicator: IndicatorId = setting?.measure ?? 'kosten';
        cards.push({
          segment: row,
          gemeente_code: scope,
          year,
          month: upTo,
          clients_ytd: hide(clients),
          instroom_ytd: hide(instroom),
          kosten_ytd: kosten,
          target,
          provisional,
          coverage,
          covered_gemeenten: covered,
          months: await seriesFrom(
            d,
            { segment: row, scope, indicator: sparkIndicator, grain: 'month', from: `${year}-01`, to: `${year}-12` },
            (y, g) => areaIndex(d, y, g),
            true,
          ),
        });
      }
      return z.array(OverviewCard).parse(cards);
    },

    async series(q) {
      const d = await data();
      requireScope(q.scope);
      return seriesFrom(d, q, (y, g) => areaIndex(d, y, g), true);
    },

    async comparison({ segment, year }) {
      const d = await data();
      const { ctx } = d;
      requireYear(ctx.ledger, year);
      const now = await areaIndex(d, year, 'year');
      const before = ctx.ledger.years.includes(year - 1) ? await areaIndex(d, year - 1, 'year') : null;
      const setting = region.targets.rows[segment];
      const measure = setting?.measure ?? 'kosten';
      const names = new Map(region.gemeenten.map((g) => [g.code, g.name]));
      const rows = [...ctx.ledger.activeGemeenten, 'REGIO'].map((scope) => {
        const p = String(year);
        const clients = cellOf(lookup(now, segment, scope, p, 'clients'));
        const prev = before ? cellOf(lookup(before, segment, scope, String(year - 1), 'clients')) : { value: null, suppressed: false };
        const m = lookup(now, segment, scope, p, measure);
        const change =
          clients.value !== null && prev.value !== null && prev.value > 0 ? roundTo((100 * (clients.value - prev.value)) / prev.value, 1) : null;
        return {
          gemeente_code: scope,
          naam: scope === 'REGIO' ? region.name : (names.get(scope) ?? scope),
          clients,
          per_1000: cellOf(lookup(now, segment, scope, p, 'per_1000')),
          clients_previous_year: prev,
          clients_change_pct: change,
          measure,
          measure_value: cellOf(m),
          target: m?.target ?? null,
          status: m?.status ?? null,
          provisional: lookup(now, segment, scope, p, 'kosten')?.provisional ?? false,
          coverage: m?.coverage ?? 0,
        };
      });
      return z.array(GemeenteComparisonRow).parse(rows);
    },

    async subsegments({ segment, scope, year, grain = 'year' }) {
      const d = await data();
      const { ctx } = d;
      requireYear(ctx.ledger, year);
      requireScope(scope);
      const facts = await memo(d, 'subsegments', () => {
        const ys = ctx.ledger.years;
        return computeSubsegmentFacts(store, { from: ys[0], to: ys[ys.length - 1] });
      });
      const byKey = new Map<string, SubsegmentFact>(facts.map((f) => [`${f.scope}\t${f.row}\t${f.subsegment}\t${f.period}`, f]));
      const subsegments = [...new Set(region.products.filter((p) => reportingRowsOf(p.segment, p.subsegment).includes(segment)).map((p) => p.subsegment))].sort();
      const out: SubsegmentRow[] = [];
      for (const period of periodsOf(year, grain)) {
        const missing = missingToewijzingen(ctx.ledger, scope, period);
        for (const subsegment of subsegments) {
          const f = byKey.get(`${scope}\t${segment}\t${subsegment}\t${period}`);
          const n = missing ? null : (f?.clients ?? 0);
          const hidden = (scope !== 'REGIO' || grain === 'month') && isSmall(n, threshold);
          out.push({
            segment,
            subsegment,
            gemeente_code: scope,
            period,
            clients: hidden ? { value: null, suppressed: true } : { value: n, suppressed: false },
            kosten: roundTo(f?.kosten ?? 0, 2),
            provisional: provisionalOf(ctx.ledger, scope, period),
          });
        }
      }
      return z.array(SubsegmentRow).parse(out);
    },

    async referrers({ segment, scope, year, grain = 'year' }) {
      const d = await data();
      requireYear(d.ctx.ledger, year);
      requireScope(scope);
      const index = await areaIndex(d, year, grain);
      const out = periodsOf(year, grain).flatMap((period) => {
        const total = lookup(index, segment, scope, period, 'instroom');
        return REFERRER_GROUPS.map((group) => {
          const v = lookup(index, segment, scope, period, referrerIndicator(group));
          const share =
            v?.value != null && total?.value != null && total.value > 0 ? roundTo((100 * v.value) / total.value, 1) : null;
          return { segment, gemeente_code: scope, period, group, instroom: cellOf(v), share };
        });
      });
      return z.array(ReferrerRow).parse(out);
    },

    async providers({ year, grain = 'year', segment }) {
      const d = await data();
      requireYear(d.ctx.ledger, year);
      const { names } = await providerContext(d);
      const values = await providerValues(d, year, grain);
      return z.array(ProviderValue).parse(
        values
          .filter((v) => !segment || v.segment === segment)
          .filter((v) => v.indicator !== 'per_1000')
          .map(({ scope, segment: s, period, indicator, value, suppressed, provisional, coverage }) => ({
            aanbieder_agb: scope,
            aanbieder_naam: names.get(scope) ?? null,
            segment: s,
            period,
            indicator,
            value,
            suppressed,
            provisional,
            coverage,
          })),
      );
    },

    async providerSeries(q) {
      const d = await data();
      const { names } = await providerContext(d);
      if (!names.has(q.agb)) throw new IndicatorQueryError(`onbekende aanbieder ${q.agb}`, 'unknown_provider');
      const source = async (year: number, grain: Grain) =>
        memo(d, `providerIndex:${year}:${grain}`, async () => {
          const values = await providerValues(d, year, grain);
          return new Map(values.map((v) => [`${v.segment}\t${v.scope}\t${v.period}\t${v.indicator}`, v]));
        });
      return seriesFrom(d, { ...q, scope: q.agb }, source, false);
    },

    async completeness(q = {}) {
      const { ctx } = await data();
      const l = ctx.ledger;
      const from = q.from ?? l.firstMonth;
      const to = q.to ?? l.lastMonth;
      if (!from || !to) return [];
      if (monthIndex(from) > monthIndex(to)) throw new IndicatorQueryError(`${from} ligt na ${to}`, 'invalid_query');
      const state = (kind: string, delivered: Set<string>, g: string, m: string): DeliveryState =>
        !delivered.has(`${g}\t${m}`) ? 'missing' : l.corrected.has(`${kind}\t${g}\t${m}`) ? 'corrected' : 'delivered';
      const gemeenten = q.gemeenten ? l.regionGemeenten.filter((g) => q.gemeenten!.includes(g)) : l.regionGemeenten;
      const cells = gemeenten.flatMap((g) =>
        monthRange(from, to).map((m) => {
          const toewijzingen = state('toewijzingen', l.delivered, g, m);
          const declaraties = state('declaraties', l.claimsDelivered, g, m);
          const provisional = l.newestClaims.has(g) ? monthProvisional(l, g, m) : null;
          const overall =
            toewijzingen === 'missing' ? 'missing' : toewijzingen === 'corrected' ? 'corrected' : provisional ? 'provisional' : 'delivered';
          return { gemeente_code: g, month: m, toewijzingen, declaraties, provisional, state: overall };
        }),
      );
      return z.array(CompletenessCell).parse(cells);
    },
  };
  return engine;
}
