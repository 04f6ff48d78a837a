/**
 * Budget against forecast (*budgetuitputting*, docs/budget.md): a gemeente's budget per
 * reporting row and in total beside its costs to date and the engine's year-end forecast;
 * for the region the sum over the gemeenten that delivered a budget for the year, naming
 * the ones that did not. The forecast is the overview card's (`cardTarget` on `cardFigures`),
 * so whatever the card's forecast rests on (the plain formula, or the in-year estimate) the
 * budget rests on too.
 */
import type { Budget, BudgetFigures, BudgetLine } from '../contract/budget.ts';
import { DISJOINT_ROWS, REPORTING_ROWS, ROW_ORDER, type ReportingRow } from '../contract/domain.ts';
import type { Queryable } from '../store/queryable.ts';
import type { EngineContext } from './context.ts';
import { provisionalOf } from './ledger.ts';
import { ytdSum } from './longForm.ts';
import { cardFigures } from './overview.ts';
import { roundTo } from './rules.ts';
import { cardTarget, type TargetRule } from './targets.ts';
import { toDateOf, type ToDate } from './toDate.ts';

/** Budgets per `gemeente\tjaar`: the amount per reporting row. */
export type BudgetIndex = Map<string, Map<ReportingRow, number>>;

const budgetKey = (gemeente: string, year: number) => `${gemeente}\t${year}`;

/** Every budget in the store; budgets have no delivery month, so they count at every peilmaand. */
export async function readBudgets(store: Queryable): Promise<BudgetIndex> {
  const rows = await store.query<{ gemeente_code: string; jaar: number; segment: ReportingRow; bedrag: number }>(
    `SELECT gemeente_code, jaar::INTEGER AS jaar, segment, bedrag::DOUBLE AS bedrag FROM begroting`,
  );
  const index: BudgetIndex = new Map();
  for (const r of rows) {
    const key = budgetKey(r.gemeente_code, r.jaar);
    if (!index.has(key)) index.set(key, new Map());
    index.get(key)!.set(r.segment, r.bedrag);
  }
  return index;
}

/** Forecasting costs has no reduction: only the card's forecast is read, never its target. */
const KOSTEN: TargetRule = { measure: 'kosten', reduction: 0 };
const notHidden = () => false;

interface Raw {
  budget: number | null;
  kosten: number | null;
  forecast: number | null;
  low: number | null;
  high: number | null;
}

const euros = (x: number | null) => (x === null ? null : roundTo(x, 2));
const pctOf = (part: number | null, whole: number | null) => (part === null || whole === null || whole === 0 ? null : roundTo((100 * part) / whole, 1));

function figures(r: Raw): BudgetFigures {
  const budget = euros(r.budget);
  const forecast = euros(r.forecast);
  return {
    budget,
    kosten_ytd: euros(r.kosten),
    used_pct: pctOf(r.kosten, r.budget),
    forecast,
    forecast_low: euros(r.low),
    forecast_high: euros(r.high),
    forecast_minus_budget: forecast === null || budget === null ? null : roundTo(forecast - budget, 2),
    forecast_pct: pctOf(r.forecast, r.budget),
  };
}

/** A sum that is unknown as soon as one part is. */
const strictSum = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : xs.reduce<number>((a, x) => a + (x as number), 0));
/** A sum of the budgets there are; null when there is none. */
const budgetSum = (xs: (number | null)[]) => (xs.every((x) => x === null) ? null : xs.reduce<number>((a, x) => a + (x ?? 0), 0));

function sumRaw(parts: Raw[]): Raw {
  return {
    budget: budgetSum(parts.map((p) => p.budget)),
    kosten: strictSum(parts.map((p) => p.kosten)),
    forecast: strictSum(parts.map((p) => p.forecast)),
    low: strictSum(parts.map((p) => p.low)),
    high: strictSum(parts.map((p) => p.high)),
  };
}

/** One gemeente over the months `t`: its lines per reporting row (in ROW_ORDER) and its total. */
interface GemeenteBudget {
  lines: Map<ReportingRow, Raw>;
  total: Raw;
  estimateBased: boolean;
}

function gemeenteBudget(ctx: EngineContext, gemeente: string, t: ToDate, own: Map<ReportingRow, number> | undefined): GemeenteBudget {
  let estimateBased = false;
  const all = new Map<ReportingRow, Raw>();
  for (const row of REPORTING_ROWS) {
    const kosten = ytdSum(ctx, gemeente, row, t.year, t.k, 'kosten');
    const card = cardTarget(KOSTEN, ctx.region.targets, t.year, cardFigures(ctx, gemeente, row, t.year, t.k, 'kosten', kosten), notHidden);
    estimateBased ||= card.estimate_based;
    // A row without costs in the baseline's months has no pattern to extrapolate: nothing spent yet is nothing forecast.
    const none = (x: number | null) => x ?? (kosten === 0 ? 0 : null);
    all.set(row, { budget: own?.get(row) ?? null, kosten, forecast: none(card.forecast), low: none(card.forecast_low), high: none(card.forecast_high) });
  }
  // A budget for wonen + verblijf together stands for both rows, unless the council budgeted either on its own.
  const combined = own?.has('wonen_verblijf') && !own.has('wonen') && !own.has('verblijf');
  const budgeted = (row: ReportingRow) => own?.has(row) || (combined && (row === 'wonen' || row === 'verblijf'));
  const spends = (r: Raw) => (r.kosten ?? 0) !== 0 || (r.forecast ?? 0) !== 0;
  const lines = new Map<ReportingRow, Raw>();
  for (const row of ROW_ORDER) {
    const raw = all.get(row)!;
    // Rows with a budget, and the disjoint rows that spend without one (their costs count in the total).
    if (own?.has(row) || (DISJOINT_ROWS.includes(row) && !budgeted(row) && spends(raw))) lines.set(row, raw);
  }
  // The whole budget (wonen_verblijf only where it stands for both) against every disjoint row's costs. A row
  // without a forecast (no costs in the baseline's months to date) counts with its costs to date: at least that.
  const disjoint = DISJOINT_ROWS.map((row) => all.get(row)!).map((r) => ({ ...r, forecast: r.forecast ?? r.kosten, low: r.low ?? r.kosten, high: r.high ?? r.kosten }));
  const total = sumRaw(disjoint);
  total.budget = own ? budgetSum([...DISJOINT_ROWS.map((row) => own.get(row) ?? null), combined ? own.get('wonen_verblijf')! : null]) : null;
  return { lines, total, estimateBased };
}

export interface BudgetSpec {
  year: number;
  scope: string;
}

/**
 * The budget answer of a gemeente, or of the region: the sum over the gemeenten with a budget
 * for the year, over the region's months to date. `visible`: the gemeenten the reader may see
 * by name (default all); the sums do not change.
 */
export function budgetAnswer(ctx: EngineContext, budgets: BudgetIndex, { year, scope }: BudgetSpec, visible: readonly string[] | undefined): Budget {
  const t = toDateOf(ctx, scope, year);
  const named = (g: string) => !visible || visible.includes(g);
  const gemeenten = scope === 'REGIO' ? ctx.ledger.regionGemeenten : [scope];
  const withBudget = gemeenten.filter((g) => budgets.has(budgetKey(g, year)));
  const missing = gemeenten.filter((g) => !withBudget.includes(g));
  // Provisional when a month of the costs counted is: the gemeente's own, or those of the gemeenten in the region sum.
  const counted = scope === 'REGIO' ? withBudget : gemeenten;
  const common = {
    gemeente_code: scope as Budget['gemeente_code'],
    year,
    month: t.upTo,
    provisional: counted.some((g) => provisionalOf(ctx.ledger, g, String(year), t.months)),
    missing_gemeenten: missing.filter(named),
    missing_count: missing.length,
  };

  if (scope !== 'REGIO') {
    const own = gemeenteBudget(ctx, scope, t, budgets.get(budgetKey(scope, year)));
    return {
      ...common,
      estimate_based: own.estimateBased,
      rows: [...own.lines].map(([segment, raw]): BudgetLine => ({ segment, ...figures(raw) })),
      total: figures(own.total),
      gemeenten: [],
    };
  }

  const parts = withBudget.map((g) => ({ gemeente: g, ...gemeenteBudget(ctx, g, t, budgets.get(budgetKey(g, year))) }));
  // A region line sums the same line of every gemeente that has it; the total sums their totals.
  const rows = ROW_ORDER.flatMap((segment): BudgetLine[] => {
    const of = parts.flatMap((p) => (p.lines.has(segment) ? [p.lines.get(segment)!] : []));
    return of.length ? [{ segment, ...figures(sumRaw(of)) }] : [];
  });
  // Without any budget there is nothing to sum, not a sum of zero.
  const total = parts.length ? sumRaw(parts.map((p) => p.total)) : { budget: null, kosten: null, forecast: null, low: null, high: null };
  return {
    ...common,
    estimate_based: parts.some((p) => p.estimateBased),
    rows,
    total: figures(total),
    gemeenten: parts.filter((p) => named(p.gemeente)).map((p) => ({ gemeente_code: p.gemeente, ...figures(p.total) })),
  };
}
