/**
 * Answers that lay one row's figures side by side: the gemeenten compared, the subsegments,
 * the referrer groups, the providers, and the delivery completeness grid.
 */
import type { Grain, ReportingRow } from '../contract/domain.ts';
import type { Cell, CompletenessCell, DeliveryState, GemeenteComparisonRow, ProviderValue, ReferrerRow, SubsegmentRow } from '../contract/indicators.ts';
import type { EngineContext } from './context.ts';
import type { SubsegmentFact } from './facts.ts';
import { missingToewijzingen, monthNotDue, monthProvisional, provisionalOf, type Ledger } from './ledger.ts';
import { indexValues, lookup, measureValue, periodsOf, ytdSum, type ValueIndex } from './longForm.ts';
import { monthRange } from './periods.ts';
import type { RawValue } from './rawValue.ts';
import { REFERRER_GROUPS, referrerIndicator, reportingRowsOf, roundTo } from './rules.ts';
import { hiddenBelowRegion, isRegionLevel, suppress } from './suppression.ts';
import { cardTarget, statusOf } from './targets.ts';
import { toDateValues, type ToDate } from './toDate.ts';

const cellOf = (v: RawValue | undefined): Cell => ({ value: v?.value ?? null, suppressed: v?.suppressed ?? false });

/** The figures of a comparison row that depend on how its period is counted (year or to date). */
type MeasureColumns = Pick<GemeenteComparisonRow, 'measure_value' | 'target' | 'status' | 'provisional' | 'coverage'>;

/**
 * One row of the comparison: the scope's name, its clients beside those of the previous period
 * (looked up in `previous`), its rate, and the measure columns the caller counted.
 */
function comparisonRow(
  ctx: EngineContext,
  scope: string,
  measure: GemeenteComparisonRow['measure'],
  index: ValueIndex,
  segment: ReportingRow,
  period: string,
  previous: { index: ValueIndex; period: string } | null,
  columns: MeasureColumns,
): GemeenteComparisonRow {
  const { region } = ctx;
  const clients = cellOf(lookup(index, segment, scope, period, 'clients'));
  const prev = previous ? cellOf(lookup(previous.index, segment, scope, previous.period, 'clients')) : { value: null, suppressed: false };
  return {
    gemeente_code: scope,
    naam: scope === 'REGIO' ? region.name : (region.gemeenten.find((g) => g.code === scope)?.name ?? scope),
    clients,
    per_1000: cellOf(lookup(index, segment, scope, period, 'per_1000')),
    clients_previous_year: prev,
    clients_change_pct: changePct(clients.value, prev.value),
    measure,
    ...columns,
  };
}

/** Every active gemeente and the region in one year; `before` is the previous year's long form, if any. */
export function comparisonRows(ctx: EngineContext, segment: ReportingRow, year: number, now: ValueIndex, before: ValueIndex | null): GemeenteComparisonRow[] {
  const measure = ctx.region.targets.rows[segment]?.measure ?? 'kosten';
  const p = String(year);
  return [...ctx.ledger.activeGemeenten, 'REGIO'].map((scope) => {
    const m = lookup(now, segment, scope, p, measure);
    return comparisonRow(ctx, scope, measure, now, segment, p, before ? { index: before, period: String(year - 1) } : null, {
      measure_value: cellOf(m),
      target: m?.target ?? null,
      status: m?.status ?? null,
      provisional: lookup(now, segment, scope, p, 'kosten')?.provisional ?? false,
      coverage: m?.coverage ?? 0,
    });
  });
}

/**
 * Every active gemeente and the region over the months to date `t` of a year that is not over
 * yet: clients, rate, instroom and kosten of those months, the target of those months
 * (`target_ytd`, as on the card) and the status against it; last year over the same months.
 * Suppressed as the year is, with the gemeente rows beside the region row as one table.
 */
export function comparisonRowsToDate(ctx: EngineContext, segment: ReportingRow, t: ToDate, before: ToDate | null): GemeenteComparisonRow[] {
  const { region, ledger } = ctx;
  const plan = region.targets;
  const setting = plan.rows[segment];
  const measure = setting?.measure ?? 'kosten';
  const scopes = [...ledger.activeGemeenten, 'REGIO'];
  const raw = toDateValues(ctx, [segment], scopes, t, 'area');
  const index = indexValues(
    suppress(before ? [...raw, ...toDateValues(ctx, [segment], scopes, before, 'area')] : raw, {
      threshold: region.privacyThreshold,
      regionLevel: isRegionLevel,
      gemeentenBesideRegion: true,
    }),
  );
  const p = String(t.year);
  return scopes.map((scope) => {
    const m = cellOf(lookup(index, segment, scope, p, measure));
    const hidden = (n: number | null) => hiddenBelowRegion(n, region.privacyThreshold, scope, p);
    const baselineYtd = ytdSum(ctx, scope, segment, plan.baselineYear, t.k, measure);
    const target = setting
      ? cardTarget(setting, plan, t.year, { baseline: measureValue(ctx, scope, segment, String(plan.baselineYear), measure), baselineYtd, valueYtd: m.value }, hidden).target_ytd
      : null;
    const kosten = lookup(index, segment, scope, p, 'kosten');
    return comparisonRow(ctx, scope, measure, index, segment, p, before ? { index, period: String(before.year) } : null, {
      measure_value: m,
      target,
      status: statusOf(m.value, target, plan.statusBand),
      provisional: kosten?.provisional ?? false,
      coverage: kosten?.coverage ?? 0,
    });
  });
}

/** Percent change against the previous year; null when either side is hidden or the previous one is zero. */
const changePct = (now: number | null, prev: number | null) => (now !== null && prev !== null && prev > 0 ? roundTo((100 * (now - prev)) / prev, 1) : null);

export interface BreakdownSpec {
  segment: ReportingRow;
  scope: string;
  year: number;
  grain: Grain;
}

/** Clients and kosten per subsegment of the row, from the subsegment facts of every year. */
export function subsegmentRows(ctx: EngineContext, facts: SubsegmentFact[], { segment, scope, year, grain }: BreakdownSpec): SubsegmentRow[] {
  const byKey = new Map<string, SubsegmentFact>(facts.map((f) => [`${f.scope}\t${f.row}\t${f.subsegment}\t${f.period}`, f]));
  const subsegments = [
    ...new Set(ctx.region.products.filter((p) => reportingRowsOf(p.segment, p.subsegment).includes(segment)).map((p) => p.subsegment)),
  ].sort();
  const out: SubsegmentRow[] = [];
  for (const period of periodsOf(year, grain)) {
    const missing = missingToewijzingen(ctx.ledger, scope, period);
    for (const subsegment of subsegments) {
      const f = byKey.get(`${scope}\t${segment}\t${subsegment}\t${period}`);
      const n = missing ? null : (f?.clients ?? 0);
      const hidden = hiddenBelowRegion(n, ctx.region.privacyThreshold, scope, period);
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
  return out;
}

/** Instroom per referrer group and its share of the row's instroom, from the suppressed long form. */
export function referrerRows(index: ValueIndex, { segment, scope, year, grain }: BreakdownSpec): ReferrerRow[] {
  return periodsOf(year, grain).flatMap((period) => {
    const total = lookup(index, segment, scope, period, 'instroom');
    return REFERRER_GROUPS.map((group) => {
      const v = lookup(index, segment, scope, period, referrerIndicator(group));
      const share = v?.value != null && total?.value != null && total.value > 0 ? roundTo((100 * v.value) / total.value, 1) : null;
      return { segment, gemeente_code: scope, period, group, instroom: cellOf(v), share };
    });
  });
}

/** The provider long form as the API shows it: named, of one row if asked, without rates (no population). */
export function providerRows(values: RawValue[], names: Map<string, string | null>, segment?: ReportingRow): ProviderValue[] {
  return values
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
    }));
}

/** Gemeente × month: toewijzingen and declaraties delivered, corrected, missing or not due yet (quarterly), and whether costs are provisional. */
export function completenessCells(l: Ledger, from: string, to: string, visible?: readonly string[]): CompletenessCell[] {
  const state = (kind: string, delivered: Set<string>, g: string, m: string): DeliveryState =>
    delivered.has(`${g}\t${m}`) ? (l.corrected.has(`${kind}\t${g}\t${m}`) ? 'corrected' : 'delivered')
    : monthNotDue(l, g, m, delivered) ? 'not_due'
    : 'missing';
  const gemeenten = visible ? l.regionGemeenten.filter((g) => visible.includes(g)) : l.regionGemeenten;
  return gemeenten.flatMap((g) =>
    monthRange(from, to).map((m) => {
      const toewijzingen = state('toewijzingen', l.delivered, g, m);
      const declaraties = state('declaraties', l.claimsDelivered, g, m);
      const provisional = l.newestClaims.has(g) ? monthProvisional(l, g, m) : null;
      const overall =
        toewijzingen === 'missing' || toewijzingen === 'not_due' ? toewijzingen
        : toewijzingen === 'corrected' ? 'corrected'
        : provisional ? 'provisional'
        : 'delivered';
      return { gemeente_code: g, month: m, toewijzingen, declaraties, provisional, state: overall };
    }),
  );
}
