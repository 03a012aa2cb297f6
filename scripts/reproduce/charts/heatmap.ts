import type { EChartsOption, HeatmapSeriesOption } from 'echarts';
import { badInput } from '@distillery/errors';

import { baseOption, renderPng, type ChartSize } from './render.ts';
import { requireNonEmpty, requireRange } from './validate.ts';

/** A grid of values, `values[row][col]`; null cells stay blank. Colour scale spans min..max (default: data range). */
export interface HeatmapSpec extends ChartSize {
  title: string;
  rowLabels: string[];
  colLabels: string[];
  values: (number | null)[][];
  valueFormat?: (v: number) => string;
  min?: number;
  max?: number;
}

// Sequential light-to-dark blue (ColorBrewer "Blues"): more is darker, readable in greyscale.
const RAMP = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];

function validate(spec: HeatmapSpec): void {
  requireNonEmpty('rowLabels', spec.rowLabels);
  requireNonEmpty('colLabels', spec.colLabels);
  if (spec.values.length !== spec.rowLabels.length) {
    throw badInput(
      'values',
      spec.values.length,
      `must have one row per row label (${spec.rowLabels.length})`,
    );
  }
  spec.values.forEach((row, r) => {
    if (row.length !== spec.colLabels.length) {
      throw badInput(
        `values[${r}]`,
        row.length,
        `must have one cell per column label (${spec.colLabels.length})`,
      );
    }
    row.forEach((v, c) => {
      if (v !== null && !Number.isFinite(v))
        throw badInput(`values[${r}][${c}]`, v, 'must be a finite number or null');
    });
  });
  requireRange('values', spec.min, spec.max);
}

/** Annotated heatmap (value printed in each cell; null cells blank). */
export async function renderHeatmap(spec: HeatmapSpec, file: string): Promise<void> {
  validate(spec);
  const present = spec.values.flat().filter((v): v is number => v !== null);
  const lo = spec.min ?? (present.length > 0 ? Math.min(...present) : 0);
  const rawHi = spec.max ?? (present.length > 0 ? Math.max(...present) : 1);
  // A constant grid still needs a non-empty colour range.
  const hi = rawHi > lo ? rawHi : lo + 1;
  const format = spec.valueFormat ?? ((v: number) => v.toFixed(3));
  const data: HeatmapSeriesOption['data'] = [];
  spec.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null) return;
      // White text on the dark end of the ramp, dark text on the light end.
      const dark = (v - lo) / (hi - lo) > 0.55;
      data.push({ value: [c, r, v], label: { color: dark ? '#ffffff' : '#111111' } });
    }),
  );
  const option: EChartsOption = {
    ...baseOption(spec.title),
    grid: { left: 140, right: 110, top: 56, bottom: 60 },
    xAxis: {
      type: 'category',
      data: spec.colLabels,
      splitArea: { show: false },
      axisTick: { show: false },
      axisLabel: { interval: 0 },
    },
    // Inverted so values[0] is the top row, as in the input table.
    yAxis: {
      type: 'category',
      data: spec.rowLabels,
      inverse: true,
      axisTick: { show: false },
      axisLabel: { interval: 0 },
    },
    visualMap: {
      type: 'continuous',
      min: lo,
      max: hi,
      calculable: false,
      orient: 'vertical',
      right: 16,
      top: 'middle',
      itemHeight: 260,
      inRange: { color: RAMP },
      // Continuous visualMap prints only `text` (high end first) unless it is draggable.
      text: [format(hi), format(lo)],
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: true, fontSize: 13, formatter: (p) => format(Number((p.value as number[])[2])) },
        itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
      },
    ],
  };
  await renderPng(option, spec, file);
}
