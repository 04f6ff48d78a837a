/**
 * The decomposition in words (docs/decomposition.md): one Dutch sentence from the API's answer,
 * such as "Kosten verblijf +9,2 %: +3,1 % door meer cliënten, +6,1 % door hogere kosten per
 * cliënt". The web computes nothing: it words the effects the API gave.
 */
import type { DecompositionAnswer } from '../../contract/decomposition.ts';
import { formatChange, formatToDate } from './format.ts';

/** `Verblijf` → `verblijf`, for the middle of a sentence. */
const inSentence = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

/** What the change is against: `2024`, or `dezelfde maanden van 2024` for a year to date. */
export function comparisonText(d: Pick<DecompositionAnswer, 'months' | 'comparison_year'>): string {
  return d.months === 12 ? String(d.comparison_year) : `dezelfde maanden van ${d.comparison_year}`;
}

/** The period the change is over: `2025`, or `januari t/m juni 2025`. */
export const periodText = (d: Pick<DecompositionAnswer, 'up_to'>) => formatToDate(d.up_to);

export function decompositionSentence(d: DecompositionAnswer, rowLabel: string): string {
  // Late claims make a young period look cheaper: the sentence says so, as every provisional figure does.
  const head = `Kosten ${inSentence(rowLabel)} ${formatChange(d.change_pct)}${d.provisional ? ' (voorlopig)' : ''}`;
  if (d.change_pct === null) return `${head}: ${d.note ?? 'geen vergelijking mogelijk'}.`;
  if (d.volume_pct === null || d.intensity_pct === null) return `${head} (niet te splitsen: ${d.note ?? 'onbekend'}).`;
  const volume = `${formatChange(d.volume_pct)} door ${d.volume_pct < 0 ? 'minder' : 'meer'} cliënten`;
  const intensity = `${formatChange(d.intensity_pct)} door ${d.intensity_pct < 0 ? 'lagere' : 'hogere'} kosten per cliënt`;
  return `${head}: ${volume}, ${intensity}`;
}
