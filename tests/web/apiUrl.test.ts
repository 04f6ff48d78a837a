/**
 * The web's URLs of the figure routes: built from the contract's query shapes, and typed with
 * the route's answer. The `@ts-expect-error` lines are checked by `tsc --noEmit` (which takes
 * tests/): each must stay an error, or the type check fails.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OverviewCard, ReferrerRow, SeriesPoint } from '../../contract/indicators.ts';
import { apiUrl, type ApiUrl } from '../../web/lib/apiUrl.ts';
import { href } from '../../web/lib/route.ts';
import { peilmaandChoices, setStandPer, standPerParam } from '../../web/lib/standPer.ts';

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

describe('Stand per', () => {
  afterEach(() => setStandPer(null));

  it('every figure request and every link carries the chosen peilmaand; a query naming one (or null: the newest) wins', () => {
    setStandPer('2025-03');
    expect(apiUrl('/overview', { year: 2025 })).toBe('/api/overview?year=2025&peilmaand=2025-03');
    expect(apiUrl(`/providers/${'12345678'}/series`, { segment: 'crisis', indicator: 'kosten' })).toBe('/api/providers/12345678/series?segment=crisis&indicator=kosten&peilmaand=2025-03');
    expect(apiUrl('/periods')).toBe('/api/periods?peilmaand=2025-03');
    expect(apiUrl('/periods', { peilmaand: null })).toBe('/api/periods');
    expect(apiUrl('/overview', { year: 2025, peilmaand: '2024-12' })).toBe('/api/overview?year=2025&peilmaand=2024-12');
    // Routes that are not "as known at a month" stay as they are.
    expect(apiUrl('/actions', { status: 'open' })).toBe('/api/actions?status=open');
    expect(href('segment', 'verblijf', { jaar: 2025 })).toBe('#/segment/verblijf?jaar=2025&peilmaand=2025-03');
    expect(href('segment', 'verblijf', { peilmaand: null })).toBe('#/segment/verblijf');
    setStandPer(null);
    expect(apiUrl('/overview', { year: 2025 })).toBe('/api/overview?year=2025');
  });

  it('offers the delivered months up to the newest delivery, newest first, and reads only a month from the URL', () => {
    expect(peilmaandChoices({ months: ['2024-11', '2024-12', '2025-01', '2025-02'], newest_peilmaand: '2025-01' })).toEqual(['2025-01', '2024-12', '2024-11']);
    expect(peilmaandChoices({ months: [], newest_peilmaand: null })).toEqual([]);
    expect(standPerParam({ peilmaand: '2025-13' })).toBeNull();
    expect(standPerParam({ peilmaand: '2025-06' })).toBe('2025-06');
  });
});
