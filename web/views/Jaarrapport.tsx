/**
 * The jaarrapport (PDCA Check step) for a year, for the region or one gemeente, designed for
 * A4: the same page is printed to PDF by headless Chromium. When the payload is in and every
 * chart has drawn, <html> gets `data-report-ready="true"` (or `"error"`), which the PDF
 * export waits for.
 */
import { useEffect, useMemo } from 'preact/hooks';
import type { ReportPayload } from '../../contract/report.ts';
import { ErrorState, Loading } from '../components/States.tsx';
import { apiUrl } from '../lib/api.ts';
import { gemeenteName, useAppInfo } from '../lib/context.ts';
import { withParams, yearParam } from '../lib/route.ts';
import { useApi } from '../lib/useApi.ts';
import { navigate, useRoute } from '../lib/useRoute.ts';
import { Act, Appendix, Check, Contents, Cover, Do, Plan, Summary } from '../report/chapters.tsx';
import '../report/print.css';

/** Running header and page numbers live in the page margins (CSS margin boxes), per report. */
function pageRules(r: ReportPayload): string {
  const header = `Jaarrapport ${r.year} · ${r.scope_name}`.replace(/["\\]/g, '');
  // The cover rule comes after the general one: Chromium lets the later margin box win.
  return `@page { @top-left { content: "${header}"; } @bottom-right { content: "Pagina " counter(page) " van " counter(pages); } }
@page :first { @top-left { content: none; } @bottom-right { content: none; } }`;
}

function useReadySignal(data: ReportPayload | null, error: Error | null) {
  useEffect(() => {
    const root = document.documentElement;
    if (error) {
      root.dataset.reportReady = 'error';
      root.dataset.reportError = error.message;
      return;
    }
    if (!data) return;
    let stop = false;
    const check = async () => {
      await document.fonts.ready;
      const charts = [...document.querySelectorAll<HTMLElement>('.report-chart')];
      if (stop) return;
      if (charts.every((c) => c.dataset.rendered === 'true')) root.dataset.reportReady = 'true';
      else setTimeout(check, 50);
    };
    void check();
    return () => {
      stop = true;
      delete root.dataset.reportReady;
      delete root.dataset.reportError;
    };
  }, [data, error]);
}

export function JaarrapportView() {
  const route = useRoute();
  const info = useAppInfo();
  const year = yearParam(route, info.defaultYear);
  const scope = route.params.gemeente ?? 'REGIO';
  // The report is as known at the shell's "Stand per" (the URL's `peilmaand`), which apiUrl adds.
  const report = useApi<ReportPayload>(apiUrl('/report', { year, scope }));
  const r = report.data;
  useReadySignal(r, report.error);
  const rules = useMemo(() => (r ? pageRules(r) : ''), [r]);

  return (
    <div class="report-view">
      <div class="report-toolbar no-print">
        <label>
          Rapport voor
          <select value={scope} onChange={(e) => navigate(withParams(route, { gemeente: (e.target as HTMLSelectElement).value === 'REGIO' ? null : (e.target as HTMLSelectElement).value }))}>
            <option value="REGIO">{gemeenteName(info, 'REGIO')}</option>
            {info.gemeenten.map((g) => (
              <option value={g.code}>{g.name}</option>
            ))}
          </select>
        </label>
        <a class="button" href={apiUrl('/report/pdf', { year, scope })} download>
          Download PDF
        </a>
        <button type="button" class="button secondary" onClick={() => print()}>
          Afdrukken
        </button>
      </div>
      {report.error ? (
        <ErrorState error={report.error} retry={report.reload} />
      ) : !r ? (
        <Loading label="Jaarrapport opbouwen…" />
      ) : (
        <article class="jaarrapport" lang="nl">
          <style>{rules}</style>
          <Cover r={r} />
          <Contents r={r} />
          <Summary r={r} />
          <Plan r={r} />
          <Do r={r} />
          <Check r={r} />
          <Act r={r} />
          <Appendix r={r} />
        </article>
      )}
    </div>
  );
}
