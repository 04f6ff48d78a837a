/** Problems in a delivery, each as data and as one Dutch sentence. */
import type { DeliveryProblem } from '../contract/deliveries.ts';

export interface RawProblem {
  line: number | null;
  column: string | null;
  rule: string;
  expected: string;
  found: string | null;
  /** A value was there but is not shown (it may be a BSN). */
  hidden?: boolean;
}

const FOUND_MAX = 60;

export function toProblem(file: string, p: RawProblem): DeliveryProblem {
  const found = p.found === null ? null : p.found.length > FOUND_MAX ? `${p.found.slice(0, FOUND_MAX)}…` : p.found;
  const where = [file, p.line === null ? null : `regel ${p.line}`, p.column === null ? null : `kolom ${p.column}`].filter(Boolean).join(', ');
  const what =
    p.hidden ? 'gevonden: een waarde die niet wordt getoond'
    : found === null ? (p.rule === 'required' ? 'gevonden: een lege waarde' : null)
    : `gevonden: '${found}'`;
  return {
    file,
    line: p.line,
    column: p.column,
    rule: p.rule,
    expected: p.expected,
    found: p.hidden ? null : found,
    message: `${where}: verwacht ${p.expected}${what ? `; ${what}` : ''}.`,
  };
}
