/**
 * The reporting rows as plain data, without zod: the web bundle imports these lists as values
 * and would otherwise carry the whole validation library. `domain.ts` builds the `ReportingRow`
 * schema from them and re-exports them; server-side code imports them from there.
 */

/** The ids in the contract's order (the order of the long-form export). */
export const REPORTING_ROW_IDS = ['verblijf', 'wonen', 'ambulant', 'ambulant_alternatief', 'crisis', 'wonen_verblijf', 'overig'] as const;
type Row = (typeof REPORTING_ROW_IDS)[number];

/**
 * Every reporting row in the order the views and the report list them: verblijf and wonen,
 * their union, ambulant beside its alternatives, crisis, overig.
 */
export const ROW_ORDER: readonly Row[] = ['verblijf', 'wonen', 'wonen_verblijf', 'ambulant', 'ambulant_alternatief', 'crisis', 'overig'];

/** The rows that do not overlap: every product lies in exactly one (wonen_verblijf is the union of two). */
export const DISJOINT_ROWS: readonly Row[] = ROW_ORDER.filter((row) => row !== 'wonen_verblijf');
