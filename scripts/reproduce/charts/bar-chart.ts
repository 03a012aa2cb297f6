import type { BarSeriesOption, CustomSeriesOption, EChartsOption } from 'echarts';
import { badInput } from '@distillery/errors';

import { barErrorBars, type ErrorBarDatum } from './error-bars.ts';
import { LEGEND, PALETTE, baseOption, renderPng, type ChartSize } from './render.ts';
import { requireErr, requireFinite, requireNonEmpty, requireRange } from './validate.ts';

/** Grouped bars: one value (and optional ± error half-width) per category per series; null leaves a gap. */
export interface BarChartSpec extends ChartSize {
  title: string;
  categories: string[];
  series: { name: string; values: (number | null)[]; err?: (number | null)[] }[];
  yLabel: string;
  yMin?: number;
  yMax?: number;
}

// Share of each category band the group of bars fills; the rest is the gap between groups.
const GROUP_FRACTION = 0.7;

function validate(spec: BarChartSpec): void {
  requireNonEmpty('categories', spec.categories);
  requireNonEmpty('series', spec.series);
  const n = spec.categories.length;
  spec.series.forEach((s, i) => {
    if (s.values.length !== n)
      throw badInput(`series[${i}].values`, s.values.length, `must have one value per category (${n})`);
    if (s.err && s.err.length !== n)
      throw badInput(`series[${i}].err`, s.err.length, `must have one entry per category (${n})`);
    s.values.forEach((v, j) => v !== null && requireFinite(`series[${i}].values[${j}]`, v));
    s.err?.forEach((e, j) => e !== null && requireErr(`series[${i}].err[${j}]`, e));
  });
  requireRange('y', spec.yMin, spec.yMax);
}

/** Grouped bar chart with optional error bars. */
export async function renderBarChart(spec: BarChartSpec, file: string): Promise<void> {
  validate(spec);
  const count = spec.series.length;
  const bars: BarSeriesOption[] = [];
  const whiskers: CustomSeriesOption[] = [];
  spec.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length] ?? '#000000';
    bars.push({
      type: 'bar',
      name: s.name,
      data: s.values,
      color,
      // Fixed width and no gap make bar positions predictable for the error-bar offsets.
      barWidth: `${(GROUP_FRACTION * 100) / count}%`,
      barGap: '0%',
      itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
    });
    const errs: ErrorBarDatum[] = s.values.flatMap((v, j) => {
      const e = s.err?.[j];
      return v === null || e === null || e === undefined || e === 0 ? [] : [[j, v - e, v + e]];
    });
    // Dark whiskers: the series colour would vanish against its own bar.
    if (errs.length > 0) whiskers.push(barErrorBars(s.name, '#222222', errs, i, count, GROUP_FRACTION));
  });
  const option: EChartsOption = {
    ...baseOption(spec.title),
    legend: { ...LEGEND, data: spec.series.map((s) => s.name) },
    grid: { left: 80, right: 36, top: 56, bottom: spec.categories.length > 8 ? 130 : 80 },
    xAxis: {
      type: 'category',
      data: spec.categories,
      axisTick: { alignWithLabel: false },
      axisLabel: { interval: 0, rotate: spec.categories.length > 8 ? 30 : 0 },
    },
    yAxis: {
      type: 'value',
      name: spec.yLabel,
      nameLocation: 'middle',
      nameGap: 56,
      ...(spec.yMin === undefined ? {} : { min: spec.yMin }),
      ...(spec.yMax === undefined ? {} : { max: spec.yMax }),
    },
    series: [...bars, ...whiskers],
  };
  await renderPng(option, spec, file);
}
