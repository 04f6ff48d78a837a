import { describe, expect, it } from 'vitest';
import type { ProviderValue } from '../../contract/indicators.ts';
import { providerLines } from '../../web/lib/providers.ts';

function v(agb: string, segment: ProviderValue['segment'], indicator: ProviderValue['indicator'], value: number | null, suppressed = false): ProviderValue {
  return { aanbieder_agb: agb, aanbieder_naam: `Aanbieder ${agb}`, segment, period: '2025', indicator, value, suppressed, provisional: false, coverage: 100 };
}

describe('providers', () => {
  it('lays out one line per provider for the chosen row with change and share of the region', () => {
    const current = [v('11111111', 'verblijf', 'kosten', 300), v('11111111', 'verblijf', 'clients', 12), v('22222222', 'verblijf', 'kosten', 100), v('22222222', 'verblijf', 'clients', null, true), v('11111111', 'wonen', 'kosten', 999)];
    const previous = [v('11111111', 'verblijf', 'kosten', 200)];
    const lines = providerLines(current, previous, 'verblijf', 500);
    expect(lines).toHaveLength(2);
    const a = lines.find((l) => l.agb === '11111111');
    expect(a?.kosten).toBe(300);
    expect(a?.change_pct).toBeCloseTo(50);
    expect(a?.share_pct).toBeCloseTo(60);
    const b = lines.find((l) => l.agb === '22222222');
    expect(b?.change_pct).toBeNull();
    expect(b?.clients_suppressed).toBe(true);
  });

  it('gives no share when the region total is unknown', () => {
    expect(providerLines([v('1', 'crisis', 'kosten', 10)], [], 'crisis', null)[0].share_pct).toBeNull();
  });
});
