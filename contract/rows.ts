/**
 * The reporting rows as plain data, without zod: the web bundle imports these lists as values
 * and would otherwise carry the whole validation library. `domain.ts` builds the `ReportingRow`
 * schema from them and re-exports them; server-side code imports them from there.
 */

/** The ids in the contract's order (the order of the long-form export). */
export const REPORTING_ROW_IDS = [
  'verblijf',
  'wonen',
  'ambulant',
  'ambulant_alternatief',
  'crisis',
  'wonen_verblijf',
  'jeugdbescherming',
  'jeugdreclassering',
  'overig',
] as const;
type Row = (typeof REPORTING_ROW_IDS)[number];

/**
 * Every reporting row in the order the views and the report list them: verblijf and wonen,
 * their union, ambulant beside its alternatives, crisis, then the measures of the
 * gecertificeerde instellingen beside jeugdhulp, overig last.
 */
export const ROW_ORDER: readonly Row[] = [
  'verblijf',
  'wonen',
  'wonen_verblijf',
  'ambulant',
  'ambulant_alternatief',
  'crisis',
  'jeugdbescherming',
  'jeugdreclassering',
  'overig',
];

/** The rows that do not overlap: every product lies in exactly one (wonen_verblijf is the union of two). */
export const DISJOINT_ROWS: readonly Row[] = ROW_ORDER.filter((row) => row !== 'wonen_verblijf');

/**
 * Jeugdbescherming and jeugdreclassering are measures of the gecertificeerde instellingen,
 * not jeugdhulp: the region reports them beside jeugdhulp and never under a target.
 */
export const JUSTICE_ROWS: readonly Row[] = ['jeugdbescherming', 'jeugdreclassering'];

/** The Dutch name of each row, for every view, the report and the CLI's labels. */
export const ROW_LABELS: Record<Row, string> = {
  verblijf: 'Verblijf',
  wonen: 'Wonen',
  ambulant: 'Ambulant',
  ambulant_alternatief: 'Ambulante alternatieven',
  crisis: 'Crisis',
  wonen_verblijf: 'Wonen + verblijf',
  jeugdbescherming: 'Jeugdbescherming',
  jeugdreclassering: 'Jeugdreclassering',
  overig: 'Overig',
};
