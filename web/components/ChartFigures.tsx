/**
 * The figures a monthly chart draws, as a table under it (folded): per month what is drawn,
 * whether that is observed or an estimate (with its 80 % interval), or left out because the
 * month is not complete yet. A text alternative for the canvas, and the same numbers a reader
 * can quote.
 */
import type { SeriesPoint } from '../../contract/indicators.ts';
import type { EstimateLayers } from '../charts/estimate.ts';
import { formatValue, type Unit } from '../charts/options.ts';
import { formatMonth } from '../lib/format.ts';

export function ChartFigures({ points, layers, unit, label }: { points: SeriesPoint[]; layers: EstimateLayers; unit: Unit; label: string }) {
  const rows = points.map((p, i) => ({ p, i })).filter(({ p, i }) => layers.drawn[i] != null || layers.immature[i] || p.value != null);
  if (rows.length === 0) return null;
  return (
    <details class="chart-figures">
      <summary>Cijfers van de grafiek</summary>
      <table aria-label={`Cijfers: ${label}`}>
        <thead>
          <tr>
            <th scope="col">Maand</th>
            <th scope="col">Getekend</th>
            <th scope="col">Soort</th>
            <th scope="col">Interval 80 %</th>
            <th scope="col">Waargenomen tot nu</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ p, i }) => {
            const kind = !layers.immature[i] ? 'waargenomen' : p.estimate != null ? 'geschat' : 'niet getekend (onvolledig)';
            return (
              <tr data-period={p.period} data-kind={layers.immature[i] ? (p.estimate != null ? 'geschat' : 'gat') : 'waargenomen'}>
                <th scope="row">{formatMonth(p.period)}</th>
                <td data-col="drawn">{formatValue(layers.drawn[i], unit)}</td>
                <td>{kind}</td>
                <td>{layers.immature[i] && p.estimate_low != null ? `${formatValue(p.estimate_low, unit)} – ${formatValue(p.estimate_high, unit)}` : '–'}</td>
                <td data-col="observed">{p.suppressed ? '–' : formatValue(p.value, unit)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
