/**
 * Budget against forecast (*budgetuitputting*, docs/budget.md): per gemeente its council's
 * budget per reporting row and in total beside the costs to date and the year-end forecast;
 * for the region the sum over the gemeenten that delivered a budget, naming those that did not.
 * Euro amounts are never suppressed, so nothing here is hidden.
 */
import { z } from 'zod';
import { GemeenteCode, Month, ReportingRow, ScopeCode } from './domain.ts';

/** The figures of one line (a row, a total, a gemeente's total). */
export const BudgetFigures = z.object({
  /** The budget in euros; null: no budget for this line. */
  budget: z.number().nullable(),
  /** Kosten of months 1 … k as known now (claims by service month). */
  kosten_ytd: z.number().nullable(),
  /** kosten_ytd / budget × 100 (1 decimal): the share of the budget used to date. */
  used_pct: z.number().nullable(),
  /** The engine's year-end forecast of kosten (the overview card's `forecast`), with its 80 % interval. */
  forecast: z.number().nullable(),
  forecast_low: z.number().nullable(),
  forecast_high: z.number().nullable(),
  /** forecast − budget: above 0 the budget is expected to be exceeded by that much. */
  forecast_minus_budget: z.number().nullable(),
  /** forecast / budget × 100 (1 decimal). */
  forecast_pct: z.number().nullable(),
});
export type BudgetFigures = z.infer<typeof BudgetFigures>;

export const BudgetLine = BudgetFigures.extend({ segment: ReportingRow });
export type BudgetLine = z.infer<typeof BudgetLine>;

/** One gemeente inside a region total. */
export const BudgetGemeente = BudgetFigures.extend({ gemeente_code: GemeenteCode });
export type BudgetGemeente = z.infer<typeof BudgetGemeente>;

export const Budget = z.object({
  gemeente_code: ScopeCode,
  year: z.number().int(),
  /** The last month of the costs to date (the scope's newest month with toewijzingen, as on the overview). */
  month: Month,
  /** Some month of the costs to date is still provisional (claims arrive late). */
  provisional: z.boolean(),
  /** The forecast rests on an estimate of months not yet mature (the nowcast). */
  estimate_based: z.boolean(),
  /**
   * Per reporting row: every row with a budget, and every row with costs but no budget (`budget`
   * null). For the region each figure is the sum over the gemeenten that delivered a budget.
   */
  rows: z.array(BudgetLine),
  /** The whole budget against all youth-care costs of the same gemeenten (docs/budget.md). */
  total: BudgetFigures,
  /** Region only: the gemeenten in the sum, each with its total (the reader's own gemeenten when limited). */
  gemeenten: z.array(BudgetGemeente),
  /** Gemeenten of the scope without a budget for the year (a limited reader sees only its own named). */
  missing_gemeenten: z.array(GemeenteCode),
  /** How many gemeenten of the scope have no budget for the year, named or not. */
  missing_count: z.number().int(),
});
export type Budget = z.infer<typeof Budget>;
