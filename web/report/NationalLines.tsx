/**
 * The report's figures beside the national reference: "Twente 20,7 % · Nederland 16,8 % (CBS
 * 2024, voorlopig)", one line per figure where the definitions meet, with the footnotes where
 * CBS counts otherwise. Used by the Do chapter (every line) and each Check section (its row's).
 */
import type { ReportPayload } from '../../contract/report.ts';
import { ROW_LABELS } from '../lib/labels.ts';
import { DEFINITION_NOTES, REFERENCE_INDICATORS, nationalLineText, sourceDetail } from '../lib/reference.ts';

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
