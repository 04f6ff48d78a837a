/** The decomposition sentence: Dutch words for each sign, and a plain reason when there is no split. */
import { describe, expect, it } from 'vitest';
import type { DecompositionAnswer } from '../../contract/decomposition.ts';
import { waterfallOption } from '../../web/charts/options.ts';
import { decompositionSentence } from '../../web/lib/decomposition.ts';

const base: DecompositionAnswer = {
  segment: 'verblijf', scope: 'REGIO', year: 2025, comparison: 'previous', comparison_year: 2024, months: 12, up_to: '2025-12',
  kosten: 10920, kosten_comparison: 10000, clients: { value: 103, suppressed: false }, clients_comparison: { value: 100, suppressed: false },
  provisional: false, note: null, change_eur: 920, change_pct: 9.2, volume_eur: 310, volume_pct: 3.1, intensity_eur: 610, intensity_pct: 6.1, interaction_eur: 0,
  gemeenten: [], subsegmenten: [],
};

describe('decompositionSentence', () => {
  it('words a rise from both effects as the issue writes it', () => {
    expect(decompositionSentence(base, 'Verblijf')).toBe('Kosten verblijf +9,2\u00a0%: +3,1\u00a0% door meer cliënten, +6,1\u00a0% door hogere kosten per cliënt');
  });
  it('words falls with minder and lagere', () => {
    const d = { ...base, change_pct: -1.5, volume_pct: -2.5, intensity_pct: 1, volume_eur: -250, intensity_eur: 100, change_eur: -150 };
    expect(decompositionSentence(d, 'Wonen + verblijf')).toBe('Kosten wonen + verblijf −1,5\u00a0%: −2,5\u00a0% door minder cliënten, +1,0\u00a0% door hogere kosten per cliënt');
    expect(decompositionSentence({ ...d, intensity_pct: -0.4 }, 'Ambulant')).toContain('−0,4\u00a0% door lagere kosten per cliënt');
  });
  it('says when the kosten are still provisional', () => {
    expect(decompositionSentence({ ...base, provisional: true }, 'Verblijf')).toMatch(/^Kosten verblijf \+9,2\u00a0% \(voorlopig\): \+3,1/);
  });
  it('says why when there is no split', () => {
    const hidden = { ...base, volume_eur: null, volume_pct: null, intensity_eur: null, intensity_pct: null, note: 'te weinig cliënten om de splitsing te tonen (privacy)' };
    expect(decompositionSentence(hidden, 'Verblijf')).toBe('Kosten verblijf +9,2\u00a0% (niet te splitsen: te weinig cliënten om de splitsing te tonen (privacy)).');
  });
});

describe('waterfallOption', () => {
  it('floats each step on the lower of its two ends, a fall hanging down', () => {
    const o = waterfallOption({ ...base, volume_eur: -300, intensity_eur: 1220 }) as { series: { data: (number | { value: number })[] }[] };
    expect(o.series[0].data).toEqual([0, 9700, 9700, 0]);
    expect(o.series[1].data.map((x) => (typeof x === 'number' ? x : x.value))).toEqual([10000, 300, 1220, 10920]);
  });
});
