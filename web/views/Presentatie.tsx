/**
 * Presentation mode for the projector: large type, one agenda item at a time, arrow keys
 * (or Page Up/Down, space) to move on, Escape to leave; duiding is written next to the chart.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Duiding, Duidingssessie } from '../../contract/api.ts';
import type { OverviewCard } from '../../contract/indicators.ts';
import { Decomposition } from '../components/Decomposition.tsx';
import { DuidingPanel } from '../components/DuidingPanel.tsx';
import { Async } from '../components/States.tsx';
import { apiUrl } from '../lib/api.ts';
import { useAppInfo } from '../lib/context.ts';
import { formatMonth } from '../lib/format.ts';
import { targetMeasureOf } from '../lib/measure.ts';
import { sessionYear } from '../lib/sessionPeilmaand.ts';
import { href, withParams, yearParam } from '../lib/route.ts';
import { useApi } from '../lib/useApi.ts';
import { navigate, useRoute } from '../lib/useRoute.ts';
import { OverviewCards } from './Overzicht.tsx';
import { SegmentSeries } from './Segment.tsx';
import { agendaTitle } from './Sessies.tsx';

/** What the head (title, count, note) and the navigation take at most. */
const CHROME_PX = 330;
/** Room the decomposition's sentence and waterfall take below the chart; the chart gets the rest. */
const DECOMPOSITION_HEIGHT = 150;

function presentationChartHeight(viewportHeight: number): number {
  return Math.round(Math.max(220, Math.min(780, viewportHeight - CHROME_PX - DECOMPOSITION_HEIGHT)));
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function PresentatieView() {
  const route = useRoute();
  const info = useAppInfo();
  const id = route.id ?? '';
  const duidingssessie = useApi<Duidingssessie>(apiUrl(`/sessions/${encodeURIComponent(id)}`));
  // The figures as the session saw them: at its peilmaand, in that month's year unless the URL says otherwise.
  const peilmaand = duidingssessie.data?.peilmaand ?? undefined;
  const year = yearParam(route, sessionYear(duidingssessie.data, info.defaultYear));
  const count = duidingssessie.data?.agenda.length ?? 0;
  const index = Math.min(Math.max(1, Number(route.params.item) || 1), Math.max(1, count));
  const item = duidingssessie.data?.agenda[index - 1];
  const scope = item?.gemeente_code ?? 'REGIO';
  const duiding = useApi<Duiding[]>(item?.segment ? apiUrl('/duiding', { segment: item.segment, gemeente_code: scope, year }) : null);
  const overview = useApi<OverviewCard[]>(item && !item.segment ? apiUrl('/overview', { year, scope, peilmaand }) : null);

  // The chart takes the screen's height less the title and the navigation: 1280×720 and 1920×1080 alike.
  const [chartHeight, setChartHeight] = useState(() => presentationChartHeight(innerHeight));
  useEffect(() => {
    const onResize = () => setChartHeight(presentationChartHeight(innerHeight));
    addEventListener('resize', onResize);
    return () => removeEventListener('resize', onResize);
  }, []);

  useEffect(() => {
    const go = (n: number) => navigate(withParams(route, { item: n }));
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if ((e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') && index < count) {
        e.preventDefault();
        go(index + 1);
      } else if ((e.key === 'ArrowLeft' || e.key === 'PageUp') && index > 1) {
        e.preventDefault();
        go(index - 1);
      } else if (e.key === 'Escape') {
        navigate({ view: 'sessie', id, params: route.params.jaar ? { jaar: route.params.jaar } : {} });
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [route, index, count, id]);

  return (
    <Async result={duidingssessie}>
      {(s) => (
        <div class="presentation">
          <header class="presentation-head">
            <p class="presentation-session">{s.title}</p>
            <h1 tabIndex={-1}>{item ? agendaTitle(item, info) : 'Geen agendapunten'}</h1>
            <p class="presentation-count" aria-live="polite">
              Onderwerp {index} van {count} · {year}
              {s.peilmaand && <span class="presentation-peilmaand"> · stand {formatMonth(s.peilmaand)}</span>}
            </p>
            {item?.note && <p class="presentation-note">{item.note}</p>}
          </header>
          {item?.segment ? (
            <div class="presentation-body">
              <div class="presentation-figures">
                <SegmentSeries
                  segment={item.segment}
                  scope={scope}
                  indicator={item.indicator ?? targetMeasureOf(info.region, item.segment)}
                  year={year}
                  duiding={duiding.data ?? []}
                  height={chartHeight}
                  info={info}
                  large
                  peilmaand={peilmaand}
                />
                <Decomposition segment={item.segment} scope={scope} year={year} peilmaand={peilmaand} compact height={DECOMPOSITION_HEIGHT - 40} />
              </div>
              <DuidingPanel list={duiding} segment={item.segment} scope={scope} year={year} indicator={item.indicator} sessionId={s.id} compact />
            </div>
          ) : item ? (
            <div class="presentation-overview">
              <Async result={overview}>{(cards) => <OverviewCards cards={cards} year={year} scope={scope} />}</Async>
            </div>
          ) : null}
          <nav class="presentation-nav" aria-label="Agenda">
            <a class="button secondary" href={href('sessie', String(s.id), { jaar: route.params.jaar })}>
              Stoppen (Esc)
            </a>
            <span>
              <a class={`button${index <= 1 ? ' disabled' : ''}`} aria-disabled={index <= 1} href={index > 1 ? href('presentatie', String(s.id), { ...route.params, item: index - 1 }) : undefined}>
                ← Vorige
              </a>{' '}
              <a class={`button${index >= count ? ' disabled' : ''}`} aria-disabled={index >= count} href={index < count ? href('presentatie', String(s.id), { ...route.params, item: index + 1 }) : undefined}>
                Volgende →
              </a>
            </span>
          </nav>
        </div>
      )}
    </Async>
  );
}
