/**
 * The report's figures beside the national reference: "Twente 20,7 % · Nederland 16,8 % (CBS
 * 2024, voorlopig)", one line per figure where the definitions meet, with the footnotes where
 * CBS counts otherwise. Used by the Do chapter (every line) and each Check section (its row's).
 */
import type { ReportNationalLine, ReportPayload } from '../../contract/report.ts';
import { formatValue } from '../charts/options.ts';
import { hiddenCount } from '../lib/format.ts';
import { ROW_LABELS } from '../lib/labels.ts';
import { DEFINITION_NOTES, REFERENCE_INDICATORS, sourceDetail, sourceText } from '../lib/reference.ts';

/** "Twente 20,7 % · Nederland 16,8 % (CBS 2024, voorlopig)" */
export function nationalLineText(r: Pick<ReportPayload, 'scope' | 'scope_name' | 'region' | 'privacy_threshold'>, line: ReportNationalLine): string {
  const unit = REFERENCE_INDICATORS[line.indicator]?.unit ?? 'number';
  const own = line.suppressed ? hiddenCount(r.privacy_threshold) : formatValue(line.value, unit);
  const name = r.scope === 'REGIO' ? r.region.name : r.scope_name;
  return `${name} ${own} · Nederland ${formatValue(line.reference.value, unit)} (${sourceText(line.reference)})`;
}

export function NationalLines({ r, segment }: { r: ReportPayload; segment?: string }) {
  const lines = r.national.filter((l) => segment === undefined || l.segment === segment);
  if (lines.length === 0) return null;
  const notes = [...new Set(lines.map((l) => l.indicator).filter((ind) => DEFINITION_NOTES[ind]))];
  return (
    <div class="report-national" data-national={segment ?? 'alle'}>
      {segment === undefined && <h3>Naast Nederland</h3>}
      <ul class="plain-list">
        {lines.map((l) => (
          <li title={sourceDetail(l.reference)} data-national-indicator={l.indicator}>
            {REFERENCE_INDICATORS[l.indicator]?.label ?? l.indicator}
            {segment === undefined ? ` (${ROW_LABELS[l.segment]})` : ''}: {nationalLineText(r, l)}
            {DEFINITION_NOTES[l.indicator] && <sup>{notes.indexOf(l.indicator) + 1}</sup>}
          </li>
        ))}
      </ul>
      {notes.length > 0 && (
        <ol class="footnotes">
          {notes.map((ind) => (
            <li>{DEFINITION_NOTES[ind]}</li>
          ))}
        </ol>
      )}
    </div>
  );
}
