/**
 * From raw figures to the long form: one value per (row, scope, period, indicator), rounded
 * as the export writes it, with targets, status, provisional and coverage; then suppressed
 * (`longForm`) unless the local CLI asks for the unsuppressed form.
 */
import { INDICATOR_IDS, REPORTING_ROWS, type Grain, type IndicatorId, type ReportingRow, type TargetStatus } from '../contract/domain.ts';
import type { EngineContext } from './context.ts';
import { EMPTY_FACT, factKey, type FactRow, type ScopeKind } from './facts.ts';
import { coverageOf, missingClaims, missingToewijzingen, populationOf, provisionalOf, type Ledger } from './ledger.ts';
import { monthsOfYear } from './periods.ts';
import type { RawValue } from './rawValue.ts';
import { CRISIS_ROW, FROM_TOEWIJZINGEN, decimalsOf, indicatorsOfRow, roundTo } from './rules.ts';
import { isRegionLevel, suppress } from './suppression.ts';
import { statusOf, targetOfYear } from './targets.ts';

export function factOf(ctx: EngineContext, scope: string, row: string, period: string): FactRow {
  return ctx.facts.get(factKey(scope, row, period)) ?? { ...EMPTY_FACT, scope, row, period };
}

/** The scopes of an area output: each gemeente with any delivery, then REGIO. */
export const areaScopes = (ledger: Ledger) => [...ledger.activeGemeenten, 'REGIO'];

/** Youth 0–17 of a scope in a year, from that year's `bevolking` only; REGIO needs every gemeente of the region. */
export function populationForRate(ctx: EngineContext, scope: string, year: number): number | null {
  if (scope !== 'REGIO') return populationOf(ctx.ledger, scope, year, true);
  let sum = 0;
  for (const g of ctx.ledger.regionGemeenten) {
    const p = populationOf(ctx.ledger, g, year, true);
    if (p === null) return null;
    sum += p;
  }
  return sum;
}

/**
 * The target measure's raw value of a (scope, row, period), or null when the scope has no
 * data of that kind in the period's year. Targets and year-to-date sums use every record, also
 * of months a quarterly gemeente did not deliver separately.
 */
export function measureValue(ctx: EngineContext, scope: string, row: string, period: string, measure: 'kosten' | 'instroom'): number | null {
  const year = Number(period.slice(0, 4));
  if (!ctx.ledger.years.includes(year)) return null;
  const f = factOf(ctx, scope, row, period);
  if (measure === 'kosten') return missingClaims(ctx.ledger, scope) ? null : roundTo(f.kosten, 2);
  return missingToewijzingen(ctx.ledger, scope, String(year)) ? null : f.instroom;
}

/** Sum of monthly raw figures from January up to month k (instroom and kosten add up over months). */
export function ytdSum(ctx: EngineContext, scope: string, row: string, year: number, k: number, measure: 'kosten' | 'instroom'): number | null {
  const months = monthsOfYear(year).slice(0, k);
  let sum = 0;
  for (const m of months) {
    const v = measureValue(ctx, scope, row, m, measure);
    if (v === null) return null;
    sum += v;
  }
  return measure === 'kosten' ? roundTo(sum, 2) : sum;
}

function rawValuesOf(ctx: EngineContext, f: FactRow, scope: string, kind: ScopeKind): Partial<Record<IndicatorId, { value: number | null; basis: number[] }>> {
  const share = (num: number, den: number) => ({ value: den === 0 ? null : (100 * num) / den, basis: [num, den] });
  const population = kind === 'area' ? populationForRate(ctx, scope, Number(f.period.slice(0, 4))) : null;
  return {
    clients: { value: f.clients, basis: [f.clients] },
    instroom: { value: f.instroom, basis: [f.instroom] },
    uitstroom: { value: f.uitstroom, basis: [f.uitstroom] },
    kosten: { value: f.kosten, basis: [] },
    trajectduur_mean: { value: f.uitstroom === 0 ? null : f.dur_mean, basis: [f.uitstroom] },
    trajectduur_median: { value: f.uitstroom === 0 ? null : f.dur_median, basis: [f.uitstroom] },
    crisis_start_pct: f.row === CRISIS_ROW ? { value: null, basis: [] } : share(f.crisis_starts, f.instroom),
    gezinsgericht_pct: share(f.gezins_clients, f.clients),
    per_1000: { value: population ? (1000 * f.clients) / population : null, basis: [f.clients] },
    verwijzer_gemeente: { value: f.v_gemeente, basis: [f.v_gemeente] },
    verwijzer_huisarts: { value: f.v_huisarts, basis: [f.v_huisarts] },
    verwijzer_gi: { value: f.v_gi, basis: [f.v_gi] },
    verwijzer_medisch: { value: f.v_medisch, basis: [f.v_medisch] },
    verwijzer_overig: { value: f.v_overig, basis: [f.v_overig] },
    // Euros per youth: the count is its basis, so a hidden count hides the amount too.
    kosten_per_client: { value: f.clients === 0 ? null : f.kosten / f.clients, basis: [f.clients] },
    einde_volgens_plan_pct: share(f.ended_as_planned, f.ended_with_reason),
    herinstroom_pct: share(f.herinstroom, f.instroom),
  };
}

export function periodsOf(year: number, grain: Grain): string[] {
  return grain === 'year' ? [String(year)] : monthsOfYear(year);
}

/** The unsuppressed long form of one year for the given scopes. */
export function buildValues(ctx: EngineContext, year: number, grain: Grain, scopes: string[], kind: ScopeKind): RawValue[] {
  const { region, ledger } = ctx;
  const { baselineYear, statusBand } = region.targets;
  const out: RawValue[] = [];
  const periods = periodsOf(year, grain);
  for (const scope of scopes) {
    // Providers are a region-wide view: they carry the region's coverage and maturity.
    const area = kind === 'area' ? scope : 'REGIO';
    for (const period of periods) {
      const coverage = roundTo(coverageOf(ledger, area, period), 1);
      const provisional = provisionalOf(ledger, area, period);
      const noToewijzingen = missingToewijzingen(ledger, area, period);
      const noClaims = missingClaims(ledger, area);
      for (const row of REPORTING_ROWS) {
        const f = factOf(ctx, scope, row, period);
        const raw = rawValuesOf(ctx, f, scope, kind);
        const setting = kind === 'area' && grain === 'year' ? region.targets.rows[row] : undefined;
        for (const indicator of indicatorsOfRow(row, INDICATOR_IDS)) {
          const r = raw[indicator]!;
          let value = r.value;
          if (FROM_TOEWIJZINGEN.has(indicator) && noToewijzingen) value = null;
          if ((indicator === 'kosten' || indicator === 'kosten_per_client') && noClaims) value = null;
          if (value !== null) value = roundTo(value, decimalsOf(indicator));
          let target: number | null = null;
          let status: TargetStatus | null = null;
          let targetBasis: number | null = null;
          if (setting && setting.measure === indicator) {
            const baseline = measureValue(ctx, scope, row, String(baselineYear), setting.measure);
            target = targetOfYear(setting, region.targets, year, baseline);
            status = statusOf(value, target, statusBand);
            targetBasis = setting.measure === 'instroom' ? baseline : null;
          }
          out.push({
            segment: row,
            scope,
            period,
            indicator,
            value,
            suppressed: false,
            target,
            status,
            provisional: indicator === 'kosten' && provisional,
            coverage,
            basis: value === null ? [] : r.basis,
            targetBasis,
          });
        }
      }
    }
  }
  return out;
}

const shownKey = (scope: string, row: string, indicator: string) => `${scope}\t${row}\t${indicator}`;

/**
 * The long form of one year. Suppressed unless `unsuppressed`; month outputs are suppressed
 * knowing which year totals are shown, so no month can be worked out from its year.
 */
export function longForm(
  ctx: EngineContext,
  year: number,
  grain: Grain,
  opts: { kind: ScopeKind; scopes?: string[]; unsuppressed?: boolean; yearValues?: RawValue[] },
): RawValue[] {
  const scopes = opts.scopes ?? areaScopes(ctx.ledger);
  const raw = buildValues(ctx, year, grain, scopes, opts.kind);
  if (opts.unsuppressed) return raw;
  const base = {
    threshold: ctx.region.privacyThreshold,
    regionLevel: opts.kind === 'area' ? isRegionLevel : () => false,
    gemeentenBesideRegion: opts.kind === 'area',
  };
  if (grain === 'year') return suppress(raw, base);
  const years = opts.yearValues ?? longForm(ctx, year, 'year', { ...opts, unsuppressed: false });
  const shown = new Set(years.filter((v) => v.value !== null && !v.suppressed).map((v) => shownKey(v.scope, v.segment, v.indicator)));
  return suppress(raw, { ...base, yearShown: (scope: string, row: string, indicator: IndicatorId) => shown.has(shownKey(scope, row, indicator)) });
}

export function toIndicatorValue(v: RawValue) {
  return {
    segment: v.segment,
    gemeente_code: v.scope as 'REGIO',
    period: v.period,
    indicator: v.indicator,
    value: v.value,
    suppressed: v.suppressed,
    target: v.target,
    status: v.status,
    provisional: v.provisional,
    coverage: v.coverage,
  };
}

/** A long form indexed by (row, scope, period, indicator), for answers that pick single values. */
export type ValueIndex = Map<string, RawValue>;

const valueKey = (row: string, scope: string, period: string, indicator: string) => `${row}\t${scope}\t${period}\t${indicator}`;

export const indexValues = (values: RawValue[]): ValueIndex => new Map(values.map((v) => [valueKey(v.segment, v.scope, v.period, v.indicator), v]));

export const lookup = (index: ValueIndex, row: string, scope: string, period: string, indicator: IndicatorId): RawValue | undefined =>
  index.get(valueKey(row, scope, period, indicator));
