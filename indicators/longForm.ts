/**
 * From raw figures to the long form: one value per (row, scope, period, indicator), rounded
 * as the export writes it, with targets, status, provisional and coverage, before suppression.
 */
import { INDICATOR_IDS, REPORTING_ROWS, type Grain, type IndicatorId, type ReportingRow, type TargetStatus } from '../contract/domain.ts';
import type { RegionConfig } from '../region/config.ts';
import { EMPTY_FACT, factKey, type FactRow } from './facts.ts';
import { coverageOf, missingClaims, missingToewijzingen, populationOf, provisionalOf, type Ledger } from './ledger.ts';
import { monthsOfYear } from './periods.ts';
import { CRISIS_ROW, FROM_TOEWIJZINGEN, decimalsOf, indicatorsOfRow, roundTo, targetDecimals } from './rules.ts';
import { statusOf, yearTarget } from './targets.ts';
import type { ScopeKind } from './facts.ts';

export interface RawValue {
  segment: ReportingRow;
  scope: string;
  period: string;
  indicator: IndicatorId;
  value: number | null;
  suppressed: boolean;
  target: number | null;
  status: TargetStatus | null;
  provisional: boolean;
  coverage: number;
  /** Person counts whose smallness (1 … threshold−1) makes this figure disclosive. */
  basis: number[];
  /** The baseline count behind the target (a crisis instroom): a small one hides the target. */
  targetBasis: number | null;
}

export interface EngineContext {
  region: RegionConfig;
  ledger: Ledger;
  facts: Map<string, FactRow>;
}

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
          if (indicator === 'kosten' && noClaims) value = null;
          if (value !== null) value = roundTo(value, decimalsOf(indicator));
          let target: number | null = null;
          let status: TargetStatus | null = null;
          let targetBasis: number | null = null;
          if (setting && setting.measure === indicator) {
            const baseline = measureValue(ctx, scope, row, String(baselineYear), setting.measure);
            const t = yearTarget(baseline, setting.reduction, baselineYear, year);
            target = t === null ? null : roundTo(t, targetDecimals(setting.measure));
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
