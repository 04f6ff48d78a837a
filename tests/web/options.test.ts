import { describe, expect, it } from 'vitest';
import type { Duiding } from '../../contract/api.ts';
import { NOT_ESTIMATED, type ReferrerRow, type SeriesPoint } from '../../contract/indicators.ts';
import { duidingMarkers, formatValue, referrerOption, seriesOption, sharedMax, smallMultipleOption, sparklineOption } from '../../web/charts/options.ts';
import { estimateNote } from '../../web/charts/estimate.ts';
import { NBSP } from '../../web/lib/format.ts';

function point(period: string, value: number | null, extra: Partial<SeriesPoint> = {}): SeriesPoint {
  return { period, value, suppressed: false, target: null, target_upper: null, value_ytd: null, target_ytd: null, status: null, provisional: false, coverage: 100, ...NOT_ESTIMATED, ...extra };
}

type AnySeries = { name: string; data: unknown[]; markPoint?: { data: { coord: unknown[]; name: string }[] } };
const seriesOf = (o: Record<string, unknown>) => o.series as AnySeries[];

describe('chart options', () => {
  const months = [
    point('2025-01', 100, { target: 90, target_upper: 94.5 }),
    point('2025-02', 110, { target: 92, target_upper: 96.6 }),
    point('2025-03', 120, { target: 95, target_upper: 99.75, provisional: true }),
    point('2025-04', 130, { target: 97, target_upper: 101.85, provisional: true }),
  ];

  // What late claims do to raw sums: the last months fall towards zero.
  const falling = [
    point('2025-01', 100, { target: 90, target_upper: 94.5 }),
    point('2025-02', 104, { target: 92, target_upper: 96.6 }),
    point('2025-03', 60, { target: 95, target_upper: 99.75, provisional: true, mature: false, estimate: 103, estimate_low: 95, estimate_high: 112 }),
    point('2025-04', 12, { target: 97, target_upper: 101.85, provisional: true, mature: false, estimate: 106, estimate_low: 88, estimate_high: 131 }),
  ];

  it('draws not yet mature months as the estimate with its band, never as the raw sum falling to zero', () => {
    const o = seriesOption({ points: falling, unit: 'euro' });
    const s = seriesOf(o);
    expect(s.find((x) => x.name === 'Realisatie')?.data).toEqual([100, 104, null, null]);
    // The estimate joins the last observed month and runs on at the estimate.
    expect(s.find((x) => x.name === 'Geschat')?.data).toEqual([null, 104, 103, 106]);
    // The band: its lower edge and its height stacked on it, only where estimated.
    const base = s.find((x) => x.name === 'Interval 80 % (onderkant)') as AnySeries & { stack: string };
    const band = s.find((x) => x.name === 'Interval 80 %') as AnySeries & { stack: string; areaStyle: unknown };
    expect(base.data).toEqual([null, null, 95, 88]);
    expect(band.data).toEqual([null, null, 17, 43]);
    expect(band.stack).toBe(base.stack);
    expect(band.areaStyle).toBeTruthy();
    // Nowhere does a drawn line go below the estimate's lower edge in an immature month.
    const drawnValues = s.filter((x) => ['Realisatie', 'Geschat'].includes(x.name)).flatMap((x) => (x.data as (number | null)[]).slice(2));
    expect(Math.min(...drawnValues.filter((v): v is number => v != null))).toBeGreaterThanOrEqual(95);
    expect((o.legend as { data: string[] }).data).toEqual(['Realisatie', 'Geschat', 'Interval 80 %', 'Doelpad']);
    // Target path as before.
    expect(s.find((x) => x.name === 'Doelpad')?.data).toEqual([90, 92, 95, 97]);
  });

  it('leaves a not yet mature month without an estimate out (a gap), rather than drawing its incomplete sum', () => {
    const s = seriesOf(seriesOption({ points: months, unit: 'euro' }));
    expect(s.find((x) => x.name === 'Realisatie')?.data).toEqual([100, 110, null, null]);
    expect(s.map((x) => x.name)).not.toContain('Geschat');
    expect(estimateNote(months, 'kosten')).toBe('Nog onvolledig: declaraties komen tot twee maanden later binnen; die maanden zijn niet getekend zolang er geen schatting is.');
    expect(estimateNote(falling, 'kosten')).toBe('Geschat: declaraties komen tot twee maanden later binnen; de stippellijn is de schatting, de band het 80%-interval.');
    expect(estimateNote(months.slice(0, 2), 'kosten')).toBeNull();
    // A duiding on a month left open sits at the height the line last had, not at zero.
    const o = seriesOption({ points: months, unit: 'euro', markers: [{ period: '2025-04', label: 'Verklaring', text: 'x' }] });
    expect(seriesOf(o)[0].markPoint?.data.map((m) => m.coord)).toEqual([['2025-04', 110]]);
  });

  it('draws the target path and stacks the aandacht band on top of it', () => {
    const s = seriesOf(seriesOption({ points: months, unit: 'euro' }));
    expect(s.find((x) => x.name === 'Doelpad')?.data).toEqual([90, 92, 95, 97]);
    const band = s.find((x) => x.name === 'Aandachtsband')?.data as number[];
    expect(band.map((v) => Number(v.toFixed(2)))).toEqual([4.5, 4.6, 4.75, 4.85]);
  });

  it('leaves out target and band for a row without a target', () => {
    const s = seriesOf(seriesOption({ points: [point('2025-01', 5), point('2025-02', 6)], unit: 'count' }));
    expect(s.map((x) => x.name)).toEqual(['Realisatie']);
  });

  it('adds last year as its own line for year-on-year comparison', () => {
    const previous = [point('2024-01', 80), point('2024-02', 85)];
    const s = seriesOf(seriesOption({ points: months, previous, unit: 'euro' }));
    expect(s.find((x) => x.name === 'Vorig jaar')?.data).toEqual([80, 85, null, null]);
  });

  it('puts a duiding marker on its month, and a year duiding on the last shown month', () => {
    const d = (id: number, period: string, text: string): Duiding => ({
      id, kind: 'verklaring', segment: 'verblijf', gemeente_code: 'REGIO', period, indicator: null, text, session_id: null,
      author: 'a', created_at: '', updated_by: 'a', updated_at: '',
      figures_at_writing: null, figures_now: { peilmaand: null, data_version: 0, values: [] },
    });
    const markers = duidingMarkers([d(1, '2025-02', 'Wachtlijst'), d(2, '2025', 'Jaar'), d(3, '2023-05', 'Ander jaar')], months.map((p) => p.period));
    expect(markers.map((m) => m.period)).toEqual(['2025-02', '2025-04']);
    const s = seriesOf(seriesOption({ points: falling, unit: 'euro', markers }));
    // A marker sits on what is drawn: the estimate in a month that is not yet mature.
    expect(s[0].markPoint?.data.map((m) => m.coord)).toEqual([['2025-02', 104], ['2025-04', 106]]);
  });

  it('gives small multiples one shared scale from the largest value or target', () => {
    const max = sharedMax([[point('2025-01', 10, { target: 50 })], [point('2025-01', 200)]]);
    expect(max).toBeCloseTo(210);
    const a = smallMultipleOption('Almelo', [point('2025-01', 10)], max, 'count') as { yAxis: { max: number } };
    const b = smallMultipleOption('Borne', [point('2025-01', 200)], max, 'count') as { yAxis: { max: number } };
    expect(a.yAxis.max).toBe(b.yAxis.max);
  });

  it('labels small multiples in sizes a room reads on a projector (name 14 px or more, axis 12 px or more)', () => {
    const o = smallMultipleOption('Haaksbergen', [point('2025-01', 10)], 20, 'count') as { title: { textStyle: { fontSize: number } }; yAxis: { axisLabel: { fontSize: number } } };
    expect(o.title.textStyle.fontSize).toBeGreaterThanOrEqual(14);
    expect(o.yAxis.axisLabel.fontSize).toBeGreaterThanOrEqual(12);
  });

  it('hides suppressed months in small multiples instead of drawing them as zero', () => {
    const s = seriesOf(smallMultipleOption('Losser', [point('2025-01', null, { suppressed: true }), point('2025-02', 7)], 10, 'count'));
    expect(s[0].data).toEqual([null, 7]);
  });

  it('draws the sparkline and small multiples with the estimate and its band too, on a scale that holds the band', () => {
    const spark = seriesOf(sparklineOption(falling));
    expect(spark.map((x) => x.name)).toEqual(['Realisatie', 'Geschat', 'Interval 80 % (onderkant)', 'Interval 80 %']);
    expect(spark[0].data).toEqual([100, 104, null, null]);
    const multiple = seriesOf(smallMultipleOption('Almelo', falling, sharedMax([falling]), 'euro'));
    expect(multiple.find((x) => x.name === 'Geschat')?.data).toEqual([null, 104, 103, 106]);
    expect(sharedMax([falling])).toBeCloseTo(131 * 1.05);
  });

  it('orders the referrer groups the same way every time and draws suppressed groups as empty bars', () => {
    const rows: ReferrerRow[] = [
      { segment: 'verblijf', gemeente_code: 'REGIO', period: '2025', group: 'huisarts', instroom: { value: 20, suppressed: false }, share: 40 },
      { segment: 'verblijf', gemeente_code: 'REGIO', period: '2025', group: 'gemeente', instroom: { value: 30, suppressed: false }, share: 60 },
      { segment: 'verblijf', gemeente_code: 'REGIO', period: '2025', group: 'gi', instroom: { value: null, suppressed: true }, share: null },
    ];
    const o = referrerOption(rows, 5) as { yAxis: { data: string[] } };
    expect(o.yAxis.data).toEqual(['Gemeente', 'Huisarts', 'GI', 'Medisch', 'Overig']);
    expect(seriesOf(o as Record<string, unknown>)[0].data).toEqual([30, 20, 0, null, null]);
    const label = (seriesOf(o as Record<string, unknown>)[0] as unknown as { label: { formatter: (p: { dataIndex: number }) => string } }).label;
    expect(label.formatter({ dataIndex: 2 })).toBe('<5');
    expect(label.formatter({ dataIndex: 0 })).toBe(`30 (60,0${NBSP}%)`);
  });

  it('formats values by unit through the Dutch formatting module', () => {
    expect(formatValue(1500000, 'euro', true)).toBe(`€${NBSP}1,5${NBSP}mln`);
    expect(formatValue(12.34, 'percent')).toBe(`12,3${NBSP}%`);
    expect(formatValue(181.6, 'days')).toBe('182 dagen');
  });

  it('words an axis tooltip with the Dutch month and one value per series, amounts in millions', () => {
    const option = seriesOption({ points: months.map((p) => ({ ...p, value: p.value! * 100_000 })), unit: 'euro' });
    const format = (option.tooltip as { formatter: (p: unknown[]) => string }).formatter;
    // March is where the provisional line takes over: both series hold the point.
    const text = format([
      { seriesName: 'Realisatie', axisValue: '2025-03', value: 12_000_000 },
      { seriesName: 'Voorlopig', axisValue: '2025-03', value: 12_000_000 },
      { seriesName: 'Doelpad', axisValue: '2025-03', value: 9_500_000 },
      { seriesName: 'Aandachtsband', axisValue: '2025-03', value: 475_000 },
    ]).replaceAll(NBSP, ' ');
    expect(text.split('<br/>')).toEqual(['maart 2025', 'Voorlopig: € 12,0 mln', 'Doelpad: € 9,5 mln']);
  });
});
