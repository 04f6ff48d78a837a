/**
 * The figures beside a duiding in words: what it was written beside and the same figure as
 * known now ("bij schrijven € 4,2 mln, nu € 4,5 mln"). Amounts as a room reads them (millions);
 * a hidden count as `<threshold`. The API records and recomputes them; this only words them.
 */
import type { DuidingFigures, DuidingFigureValue } from '../../contract/api.ts';
import { formatValue } from '../charts/options.ts';
import { formatMonth, hiddenCount } from './format.ts';
import { INDICATOR_LABELS } from './labels.ts';
import { unitOf } from './measure.ts';

export function figureValueText(v: DuidingFigureValue | undefined, threshold: number): string {
  if (!v) return '–';
  if (v.suppressed) return hiddenCount(threshold);
  return formatValue(v.value, unitOf(v.indicator), true);
}

export interface ThenNow {
  label: string;
  then: string | null;
  now: string;
  /** Whether a later delivery moved the figure. */
  changed: boolean;
  thenMonth: string | null;
  nowMonth: string | null;
}

/** The duiding's first figure (its own indicator) then and now; `then` null for a duiding from before figures were kept. */
export function thenAndNow(atWriting: DuidingFigures | null, now: DuidingFigures, threshold: number): ThenNow | null {
  const first = (atWriting ?? now).values[0];
  if (!first) return null;
  const nowValue = now.values.find((v) => v.indicator === first.indicator);
  const thenValue = atWriting?.values.find((v) => v.indicator === first.indicator);
  const then = atWriting ? figureValueText(thenValue, threshold) : null;
  const nowText = figureValueText(nowValue, threshold);
  return {
    label: INDICATOR_LABELS[first.indicator],
    then,
    now: nowText,
    changed: then !== null && (thenValue?.value ?? null) !== (nowValue?.value ?? null),
    thenMonth: atWriting?.peilmaand ?? null,
    nowMonth: now.peilmaand,
  };
}

/** "stand februari 2025", for the months the figures were as known at. */
export const standText = (month: string | null) => (month ? `stand ${formatMonth(month)}` : 'nog niets geleverd');
