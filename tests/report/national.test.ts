/**
 * The jaarrapport beside the national reference: the payload carries, for the report's scope,
 * the engine's own year figure next to every national figure of the same indicator and row, and
 * the chapters write it as "Twente 20,7 % · Nederland 16,8 % (CBS 2024, voorlopig)".
 */
import { describe, expect, it } from 'vitest';
import { ReportPayload, type ReportNationalLine } from '../../contract/report.ts';
import { AGENDA_SOURCE } from '../../contract/reference.ts';
import { nationalLineText } from '../../web/lib/reference.ts';
import { loadDataset } from '../server/dataset.ts';
import { json, testApp } from '../server/testApp.ts';
import { monthlyRegion } from '../helpers/tempStore.ts';

const app = await testApp({ region: monthlyRegion() });
await loadDataset(app.store);

describe('the report beside Nederland', () => {
  it('carries the scope\'s own figure beside each national figure of a reporting row', async () => {
    const r = ReportPayload.parse(json(await app.inject({ method: 'GET', url: '/api/report?year=2025' })));
    const values = await app.engine.values({ year: 2025, grain: 'year' });
    expect(r.national.map((l) => [l.segment, l.indicator, l.reference.value])).toEqual([
      ['wonen_verblijf', 'crisis_start_pct', 20],
      ['ambulant', 'crisis_start_pct', 2.1],
      ['wonen_verblijf', 'gezinsgericht_pct', 16.8],
      // The justice rows are reporting rows too: the Agenda's national per 1,000 beside theirs.
      ['jeugdbescherming', 'per_1000', 10],
      ['jeugdreclassering', 'per_1000', 17],
    ].sort((a, b) => String(a[1]).localeCompare(String(b[1])) || String(a[0]).localeCompare(String(b[0]))));
    for (const line of r.national) {
      const own = values.find((v) => v.gemeente_code === 'REGIO' && v.segment === line.segment && v.indicator === line.indicator)!;
      expect([line.value, line.suppressed]).toEqual([own.value, own.suppressed]);
      expect(line.reference).toMatchObject({ area: 'NL', year: 2024, provisional: true, source_table: AGENDA_SOURCE.table });
    }
    // CBS's totals over all jeugdhulp (trajectory length, referrers) have no row of ours: not in the report.
    expect(r.national.some((l) => l.reference.segment === 'alle')).toBe(false);
  });

  it('writes a line as the Agenda does, with the region or the gemeente by name', () => {
    const line: ReportNationalLine = {
      segment: 'wonen_verblijf',
      indicator: 'gezinsgericht_pct',
      value: 20.7,
      suppressed: false,
      reference: { indicator: 'gezinsgericht_pct', segment: 'wonen_verblijf', year: 2024, area: 'NL', value: 16.8, source_table: 'PA-B1', source_title: AGENDA_SOURCE.title, source_column: 'x', provisional: true, retrieved_at: '2026-12-02T00:00:00Z' },
    };
    const region = { scope: 'REGIO', scope_name: 'Regio Twente', region: { id: 'twente', name: 'Twente' }, privacy_threshold: 5 };
    expect(nationalLineText(region, line).replace(/\u00a0/g, ' ')).toBe('Twente 20,7 % · Nederland 16,8 % (CBS 2024, voorlopig)');
    expect(nationalLineText({ ...region, scope: 'GM0153', scope_name: 'Enschede' }, { ...line, value: null, suppressed: true, reference: { ...line.reference, provisional: false } }).replace(/\u00a0/g, ' ')).toBe(
      'Enschede <5 · Nederland 16,8 % (CBS 2024)',
    );
  });
});
