'use client';
import { BarChart, GraphChart, HeatmapChart, ParallelChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  ParallelComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

import { useTheme } from '../shell/theme.tsx';

echarts.use([
  BarChart,
  GraphChart,
  HeatmapChart,
  ParallelChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  ParallelComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type EChartOption = echarts.EChartsCoreOption;

/** An ECharts canvas (parallel coordinates, heatmaps, bars, graphs) that follows the theme and width. */
export function EChart({
  option,
  height = 320,
  onClick,
  onRendered,
  testId,
}: {
  option: EChartOption;
  height?: number;
  onClick?: (params: { data?: unknown; name?: string; dataType?: string }) => void;
  /** Called after each setOption, with the instance (to read pixel positions back). */
  onRendered?: (chart: echarts.ECharts) => void;
  testId?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const { theme } = useTheme();
  const click = useRef(onClick);
  click.current = onClick;
  const rendered = useRef(onRendered);
  rendered.current = onRendered;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const c = echarts.init(el, theme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as { data?: unknown; name?: string; dataType?: string }));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    chart.current?.setOption(
      { backgroundColor: 'transparent', textStyle: { fontFamily: 'Inter, sans-serif' }, ...option },
      true,
    );
    if (chart.current) rendered.current?.(chart.current);
  }, [option, theme]);

  return <div ref={host} style={{ width: '100%', height }} data-testid={testId} />;
}
