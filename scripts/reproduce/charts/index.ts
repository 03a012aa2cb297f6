// PNG charts for the results report: ECharts renders SVG server-side, sharp rasterises it.
export { renderLineChart, type LineChartSpec, type LineSeries } from './line-chart.ts';
export { renderHeatmap, type HeatmapSpec } from './heatmap.ts';
export { renderBarChart, type BarChartSpec } from './bar-chart.ts';
export { PNG_SCALE, type ChartSize } from './render.ts';
