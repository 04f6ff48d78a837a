/**
 * The web's choices that differ between regions come from `/api/region`, not from Twente's
 * plan: target rows and measures, the `<threshold` of hidden counts on screen, in exports and
 * in charts, and the claims lag in words. Checked on Twente and on testregio (threshold 10,
 * claims lag 1, no wonen target).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RegionInfo } from '../../contract/api.ts';
import { NOT_ESTIMATED, type ReferrerRow, type SeriesPoint } from '../../contract/indicators.ts';
import { loadRegion } from '../../region/config.ts';
import { referrerOption } from '../../web/charts/options.ts';
import { formatCount, monthsInWords } from '../../web/lib/format.ts';
import { targetRows } from '../../web/lib/labels.ts';
import { figureText, targetMeasureOf } from '../../web/lib/measure.ts';
import { cellText, toCsv, toSheet, type Column } from '../../web/lib/table.ts';
import { testregio } from '../indicators/helpers/testregio.ts';
import { regionInfoOf } from './helpers/regionInfo.ts';

let twente: RegionInfo;
let test: RegionInfo;

beforeAll(async () => {
  [twente, test] = await Promise.all([regionInfoOf(loadRegion()), regionInfoOf(testregio())]);
});

const hiddenPoint: SeriesPoint = {
  period: '2025', value: null, suppressed: true, target: null, target_upper: null, value_ytd: null, target_ytd: null, status: null, provisional: false, coverage: 100, ...NOT_ESTIMATED,
};

interface Row {
  naam: string;
  clients: number | null;
  hidden: boolean;
}
const rows: Row[] = [
  { naam: 'Aalten', clients: null, hidden: true },
  { naam: 'Berkelland', clients: 12, hidden: false },
];
const columns: Column<Row>[] = [
  { key: 'naam', label: 'Gemeente', kind: 'text', value: (r) => r.naam },
  { key: 'clients', label: 'Cliënten', kind: 'count', value: (r) => r.clients, suppressed: (r) => r.hidden },
];

describe('the web follows the region', () => {
  it('reads the claims lag from /api/region', () => {
    expect(twente.provisional_lag_months).toBe(3);
    expect(test.provisional_lag_months).toBe(1);
  });

  it('lists the target rows of the region’s plan, in the views’ order', () => {
    expect(targetRows(twente)).toEqual(['verblijf', 'wonen', 'wonen_verblijf', 'ambulant', 'crisis']);
    expect(targetRows(test)).toEqual(['verblijf', 'ambulant', 'crisis']);
  });

  it('steers each row on the measure the region sets, and a row without a target on expenditure', () => {
    for (const region of [twente, test]) {
      for (const t of region.targets) expect(targetMeasureOf(region, t.segment), `${region.id} ${t.segment}`).toBe(t.measure);
    }
    expect(targetMeasureOf(test, 'wonen')).toBe('kosten');
    // nothing about crisis is fixed in the web: a plan that steers crisis on expenditure is shown so
    expect(targetMeasureOf({ targets: [{ segment: 'crisis', measure: 'kosten', reduction: 0.1 }] }, 'crisis')).toBe('kosten');
  });

  it('writes a hidden count with the region’s threshold on screen, in CSV and in XLSX', () => {
    for (const [region, text] of [[twente, '<5'], [test, '<10']] as const) {
      const threshold = region.privacy_threshold;
      expect(cellText(columns[1], rows[0], threshold)).toBe(text);
      expect(cellText(columns[1], rows[1], threshold)).toBe('12');
      expect(toCsv(columns, rows, threshold).split('\r\n')[1]).toBe(`Aalten;${text}`);
      expect(toSheet(columns, rows, threshold)[1]).toEqual(['Aalten', text]);
      expect(formatCount(3, true, threshold)).toBe(text);
      expect(figureText(hiddenPoint, 'clients', threshold)).toBe(text);
      expect(figureText(hiddenPoint, 'trajectduur_mean', threshold)).toBe(`afgeschermd (${text} personen)`);
    }
  });

  it('labels a hidden referrer group with the region’s threshold', () => {
    const referrers: ReferrerRow[] = [{ segment: 'verblijf', gemeente_code: 'GM0197', period: '2025', group: 'gi', instroom: { value: null, suppressed: true }, share: null }];
    const label = (threshold: number) => {
      const o = referrerOption(referrers, threshold) as { series: { label: { formatter: (p: { dataIndex: number }) => string } }[] };
      return o.series[0].label.formatter({ dataIndex: 2 });
    };
    expect(label(twente.privacy_threshold)).toBe('<5');
    expect(label(test.privacy_threshold)).toBe('<10');
  });

  it('writes the claims lag in words', () => {
    expect(monthsInWords(twente.provisional_lag_months)).toBe('drie maanden');
    expect(monthsInWords(test.provisional_lag_months)).toBe('een maand');
    expect(monthsInWords(0)).toBe('nul maanden');
    expect(monthsInWords(18)).toBe('18 maanden');
  });
});
