/**
 * The one ECharts wrapper: it owns init, resize and dispose, renders only once the chart is
 * on screen (pages with many small charts stay fast), and offers a PNG export. Views pass a
 * pure option; the wrapper never shapes data.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { echarts } from '../charts/echarts.ts';
import type { ChartOption } from '../charts/options.ts';
import { download, fileName } from './download.ts';

/** The legend's names, on the element too: a reader of the page (or a test) sees what the canvas names. */
function legendOf(option: ChartOption): string | undefined {
  const data = (option.legend as { data?: unknown[] } | undefined)?.data;
  return data?.length ? data.map(String).join(' · ') : undefined;
}

interface Props {
  option: ChartOption;
  /** What the chart shows, for screen readers and the export's file name. */
  label: string;
  height?: number;
  exportable?: boolean;
  /** A text alternative (e.g. the figures as a sentence) read instead of the canvas. */
  description?: string;
}

export function Chart({ option, label, height = 320, exportable = true, description }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [visible, setVisible] = useState(false);
  const [rendered, setRendered] = useState(false);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, []);

  useEffect(() => {
    const el = host.current;
    if (!visible || !el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas', locale: 'EN' });
    chart.current = instance;
    instance.on('finished', () => setRendered(true));
    const ro = new ResizeObserver(() => instance.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [visible]);

  useEffect(() => {
    chart.current?.setOption(option as echarts.EChartsCoreOption, { notMerge: true });
  }, [option, visible]);

  const exportPng = () => {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    if (!url) return;
    const bytes = Uint8Array.from(atob(url.split(',')[1]), (c) => c.charCodeAt(0));
    download(fileName(label, 'png'), bytes, 'image/png');
  };

  return (
    <figure class="chart">
      <div
        ref={host}
        class="chart-canvas"
        style={{ height: `${height}px` }}
        role="img"
        aria-label={description ? `${label}. ${description}` : label}
        data-rendered={rendered ? 'true' : 'false'}
        data-legend={legendOf(option)}
      />
      {exportable && (
        <figcaption class="chart-tools">
          <button type="button" class="link-button" aria-label={`Exporteer PNG: ${label}`} onClick={exportPng} disabled={!rendered}>
            Exporteer PNG
          </button>
        </figcaption>
      )}
    </figure>
  );
}
