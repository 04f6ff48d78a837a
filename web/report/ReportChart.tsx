/**
 * A chart for the printed report: ECharts with its SVG renderer (vector in the PDF, text
 * stays sharp at any zoom), drawn at once rather than when scrolled into view, and marked
 * `data-rendered` as soon as it has drawn so the report can tell Chromium it is ready.
 * The option comes from the same pure functions as the dashboard's charts.
 */
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'preact/hooks';
import { echarts } from '../charts/echarts.ts';
import type { ChartOption } from '../charts/options.ts';

echarts.use([SVGRenderer]);

export function ReportChart({ option, label, height = 260 }: { option: ChartOption; label: string; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const [rendered, setRendered] = useState(false);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    // The report has a fixed A4 width in screen and print alike, so the size measured here is the printed size.
    const instance = echarts.init(el, undefined, { renderer: 'svg', locale: 'EN' });
    // setOption draws synchronously (animation is off in every option).
    instance.setOption({ ...option, animation: false } as echarts.EChartsCoreOption, { notMerge: true });
    setRendered(true);
    return () => instance.dispose();
  }, [option]);

  return (
    <figure class="report-figure">
      <div ref={host} class="report-chart" style={{ height: `${height}px` }} role="img" aria-label={label} data-rendered={rendered ? 'true' : 'false'} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}
