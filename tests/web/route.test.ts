import { describe, expect, it } from 'vitest';
import { formatRoute, href, parseRoute, withParams, yearParam, type Route } from '../../web/lib/route.ts';

describe('route', () => {
  it('reads the view, its id and its filters from the hash', () => {
    expect(parseRoute('#/segment/verblijf?jaar=2025&gemeente=GM0153')).toEqual({
      view: 'segment',
      id: 'verblijf',
      params: { jaar: '2025', gemeente: 'GM0153' },
    });
  });

  it('falls back to the overview for an empty or unknown hash', () => {
    expect(parseRoute('').view).toBe('overzicht');
    expect(parseRoute('#/onbekend/x').view).toBe('overzicht');
    expect(parseRoute('#/onbekend/x').id).toBeNull();
  });

  it('round-trips every route through the URL unchanged', () => {
    const routes: Route[] = [
      { view: 'segment', id: 'wonen_verblijf', params: { jaar: '2025', sort: 'per_1000', sort_dir: 'asc' } },
      { view: 'aanbieder', id: null, params: { agb: '12345678', segment: 'crisis' } },
      { view: 'presentatie', id: '3', params: { item: '2' } },
      { view: 'overzicht', id: null, params: {} },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
  });

  it('gives one picture exactly one URL by sorting the parameters', () => {
    expect(formatRoute({ view: 'segment', id: 'wonen', params: { jaar: '2025', gemeente: 'GM0141' } })).toBe(
      formatRoute({ view: 'segment', id: 'wonen', params: { gemeente: 'GM0141', jaar: '2025' } }),
    );
  });

  it('leaves out empty parameters from links', () => {
    expect(href('segment', 'crisis', { jaar: 2025, gemeente: null, sort: '' })).toBe('#/segment/crisis?jaar=2025');
  });

  it('changes and removes single parameters', () => {
    const r = parseRoute('#/segment/wonen?jaar=2025&gemeente=GM0141');
    expect(withParams(r, { gemeente: null, sort: 'naam' }).params).toEqual({ jaar: '2025', sort: 'naam' });
  });

  it('reads the year and ignores a year that makes no sense', () => {
    expect(yearParam(parseRoute('#/?jaar=2024'), 2025)).toBe(2024);
    expect(yearParam(parseRoute('#/?jaar=abc'), 2025)).toBe(2025);
    expect(yearParam(parseRoute('#/?jaar=1850'), 2025)).toBe(2025);
  });
});
