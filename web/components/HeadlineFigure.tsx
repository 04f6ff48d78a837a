/**
 * A session topic's headline figure (web/lib/sessionPeilmaand.ts): the estimate to date as the
 * figure, marked *geschat* with the observed figure beside it while they differ. The figure
 * itself carries `data-field` (then/now), the observed one `data-field="<field>_observed"`.
 */
import { headlineText, observedText, type Headline } from '../lib/sessionPeilmaand.ts';

export function HeadlineFigure({ h, field, threshold, strong = false }: { h: Headline; field: string; threshold: number; strong?: boolean }) {
  const text = headlineText(h, threshold);
  const observed = observedText(h);
  return (
    <>
      {strong ? <strong data-field={field}>{text}</strong> : <span data-field={field}>{text}</span>}
      {observed !== null && (
        <span class="figure-secondary headline-estimate">
          {' '}geschat (waargenomen <span data-field={`${field}_observed`}>{observed}</span>)
        </span>
      )}
    </>
  );
}
