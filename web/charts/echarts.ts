/**
 * ECharts, registered per chart type and component: the whole bundle is ~1 MB, these parts
 * a fraction of it. A new chart type is added here, once. ECharts' own aria component is
 * left out on purpose: it overwrites the container's Dutch aria-label with English text.
 */
import { BarChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  CanvasRenderer,
]);

export { echarts };
