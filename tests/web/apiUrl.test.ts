/**
 * The web's URLs of the figure routes: built from the contract's query shapes, and typed with
 * the route's answer. The `@ts-expect-error` lines are checked by `tsc --noEmit` (which takes
 * tests/): each must stay an error, or the type check fails.
 */
import { describe, expect, it } from 'vitest';
import type { OverviewCard, ReferrerRow, SeriesPoint } from '../../contract/indicators.ts';
import { apiUrl, type ApiUrl } from '../../web/lib/apiUrl.ts';

/** What `useApi` does with a URL's type: takes the answer type from it. */
const answerOf = <T>(_url: ApiUrl<T>): T | null => null;

describe('apiUrl', () => {
  it('writes the query of a figure route and leaves out null and empty values', () => {
    expect(apiUrl('/overview', { year: 2025, scope: 'GM0153', month: null })).toBe('/api/overview?year=2025&scope=GM0153');
    expect(apiUrl('/series', { segment: 'crisis', indicator: 'instroom', from: '', to: '2025-06' })).toBe('/api/series?segment=crisis&indicator=instroom&to=2025-06');
    expect(apiUrl(`/providers/${'12345678'}/series`, { segment: 'ambulant', indicator: 'kosten', grain: 'month' })).toBe(
      '/api/providers/12345678/series?segment=ambulant&indicator=kosten&grain=month',
    );
    expect(apiUrl('/periods')).toBe('/api/periods');
    expect(apiUrl('/actions', { status: 'open' })).toBe('/api/actions?status=open');
  });

  it('ties a figure route to the type of its answer and its query to the route schema', () => {
    const cards: OverviewCard[] | null = answerOf(apiUrl('/overview', { year: 2025 }));
    const points: SeriesPoint[] | null = answerOf(apiUrl(`/providers/${'12345678'}/series`, { segment: 'crisis', indicator: 'kosten' }));
    expect([cards, points]).toEqual([null, null]);
    // @ts-expect-error the overview does not answer referrer rows
    const wrong: ReferrerRow[] | null = answerOf(apiUrl('/overview', { year: 2025 }));
    // @ts-expect-error `year` is required by the overview's query
    apiUrl('/overview', { scope: 'REGIO' });
    // @ts-expect-error the series has no parameter `unsuppressed`
    apiUrl('/series', { segment: 'crisis', indicator: 'kosten', unsuppressed: true });
    // @ts-expect-error grain is `year` or `month`
    apiUrl('/values', { year: 2025, grain: 'week' });
    // @ts-expect-error `/periods` takes no query
    apiUrl('/periods', { year: 2025 });
    expect(wrong).toBeNull();
  });
});
