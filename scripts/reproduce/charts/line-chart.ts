import type { CustomSeriesOption, EChartsOption, LineSeriesOption, XAXisComponentOption } from 'echarts';
import { badInput } from '@distillery/errors';

import { type ErrorBarDatum, lineErrorBars } from './error-bars.ts';
import { LEGEND, PALETTE, baseOption, renderPng, type ChartSize } from './render.ts';
import { requireErr, requireFinite, requireNonEmpty, requireRange } from './validate.ts';

/** One line: its points (with optional ± error half-width, e.g. SEM) and whether it is dashed. */
export interface LineSeries {
  name: string;
  points: { x: number; y: number; err?: number }[];
  dashed?: boolean;
}

/** A line chart on value axes; `xTicks` shows exactly those x ticks, `logX` uses a base-10 log x axis. */
export interface LineChartSpec extends ChartSize {
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  xTicks?: number[];
  yMin?: number;
  yMax?: number;
  logX?: boolean;
}

function validate(spec: LineChartSpec): void {
  requireNonEmpty('series', spec.series);
  spec.series.forEach((s, i) => {
    requireNonEmpty(`series[${i}].points`, s.points);
    s.points.forEach((p, j) => {
      const field = `series[${i}].points[${j}]`;
      requireFinite(`${field}.x`, p.x);
      requireFinite(`${field}.y`, p.y);
      if (p.err !== undefined) requireErr(`${field}.err`, p.err);
      if (spec.logX && p.x <= 0) throw badInput(`${field}.x`, p.x, 'must be > 0 on a log x axis');
    });
  });
  spec.xTicks?.forEach((t, i) => requireFinite(`xTicks[${i}]`, t));
  requireRange('y', spec.yMin, spec.yMax);
}

// 4% padding each side keeps the first and last markers (and their error caps) off the plot edge.
function xExtent(spec: LineChartSpec): { min: number; max: number } {
  const xs = [...spec.series.flatMap((s) => s.points.map((p) => p.x)), ...(spec.xTicks ?? [])];
  const f = spec.logX ? Math.log10 : (v: number) => v;
  const g = spec.logX ? (v: number) => 10 ** v : (v: number) => v;
  const lo = f(Math.min(...xs));
  const hi = f(Math.max(...xs));
  const pad = hi > lo ? (hi - lo) * 0.04 : 0.5;
  return { min: g(lo - pad), max: g(hi + pad) };
}

// Few distinct x values (p, N, α sweeps): a tick at each, on a padded axis. Many (epochs): ECharts' own ticks.
const MAX_DATA_TICKS = 12;

interface XTicks {
  min?: number;
  max?: number;
  scale?: boolean;
  axisLabel: { customValues?: number[]; formatter?: (v: number) => string; hideOverlap: boolean };
  axisTick?: { customValues: number[] };
}

function xTicksOption(spec: LineChartSpec): XTicks {
  const distinct = [...new Set(spec.series.flatMap((s) => s.points.map((p) => p.x)))];
  const ticks = spec.xTicks ?? (distinct.length <= MAX_DATA_TICKS ? distinct : undefined);
  if (!ticks) return { scale: true, axisLabel: { hideOverlap: true } };
  const sorted = [...ticks].sort((a, b) => a - b);
  return {
    ...xExtent(spec),
    axisLabel: { customValues: sorted, formatter: tickFormatter(sorted), hideOverlap: true },
    axisTick: { customValues: sorted },
  };
}

// Same number of decimals on every tick, so 0.6/0.8/1.0 does not print as 0.6/0.8/1 (at most 4, for 1/3-like values).
function tickFormatter(ticks: number[]): (v: number) => string {
  const decimals = Math.min(4, Math.max(...ticks.map((t) => (String(t).split('.')[1] ?? '').length)));
  return (v) => v.toFixed(decimals);
}

function xAxis(spec: LineChartSpec): XAXisComponentOption {
  const common = {
    name: spec.xLabel,
    nameLocation: 'middle',
    nameGap: 30,
    splitLine: { show: false },
    ...xTicksOption(spec),
  } as const;
  return spec.logX ? { type: 'log', ...common } : { type: 'value', ...common };
}

/** Line chart with optional ±err error bars (SEM), legend, markers on every point. */
export async function renderLineChart(spec: LineChartSpec, file: string): Promise<void> {
  validate(spec);
  const lines: LineSeriesOption[] = [];
  const bars: CustomSeriesOption[] = [];
  spec.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length] ?? '#000000';
    const points = [...s.points].sort((a, b) => a.x - b.x);
    lines.push({
      type: 'line',
      name: s.name,
      data: points.map((p) => [p.x, p.y]),
      color,
      symbol: 'circle',
      symbolSize: 7,
      showSymbol: true,
      showAllSymbol: true,
      lineStyle: { width: 2, type: s.dashed ? 'dashed' : 'solid' },
      z: 2,
    });
    const errs: ErrorBarDatum[] = points.flatMap((p) => (p.err ? [[p.x, p.y - p.err, p.y + p.err]] : []));
    // Same name as the line so the legend shows one entry for both.
    if (errs.length > 0) bars.push(lineErrorBars(s.name, color, errs));
  });
  const option: EChartsOption = {
    ...baseOption(spec.title),
    legend: { ...LEGEND, data: spec.series.map((s) => s.name) },
    grid: { left: 80, right: 36, top: 56, bottom: 96 },
    xAxis: xAxis(spec),
    yAxis: {
      type: 'value',
      name: spec.yLabel,
      nameLocation: 'middle',
      nameGap: 56,
      scale: true,
      ...(spec.yMin === undefined ? {} : { min: spec.yMin }),
      ...(spec.yMax === undefined ? {} : { max: spec.yMax }),
    },
    series: [...lines, ...bars],
  };
  await renderPng(option, spec, file);
}
