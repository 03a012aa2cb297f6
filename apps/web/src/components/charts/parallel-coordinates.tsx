'use client';
import type { ValueBounds } from '@distillery/domain';
import { useMemo } from 'react';

import { EChart } from './echart.tsx';
import { seriesColor } from './palette.ts';

/** One dimension: numeric values, or categories for strings. */
export interface ParallelDim {
  name: string;
  values: readonly (number | string | null)[];
  /** What the quantity can take (p, α, accuracies: [0, 1]): the axis never runs past it. */
  bounds?: ValueBounds | null;
}

/** The extent ECharts drew on each axis, read back from its model (the test reads `data-axes`). */
type AxisModels = {
  getModel: () => {
    getComponent: (
      type: string,
      i: number,
    ) => { axis?: { scale?: { getExtent: () => [number, number] } } } | undefined;
  };
};

/** 1, 2 or 5 × 10^k: the tick step nearest above `x`. */
function niceStep(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  const f = x / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/**
 * Axis ends for a bounded quantity: the data's extent rounded out to a nice tick step (about five
 * ticks) and clipped to the bounds, so p ends at 1, not at a padded 1.02, with ticks on that step.
 * Values outside the bounds (an accuracy logged in %) mean the bounds do not apply.
 */
function boundedEnds(nums: readonly number[], bounds: ValueBounds | null | undefined) {
  if (!bounds || nums.length === 0) return {};
  const [lo, hi] = bounds;
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  if (min < lo || max > hi) return {};
  const step = niceStep((max - min || (hi - lo) / 10) / 5);
  // Rounded to the step's digits: 0.78, not 0.7800000000000001.
  const round = (v: number) => Number(v.toFixed(Math.max(0, 1 - Math.floor(Math.log10(step)))));
  let a = Math.floor(min / step + 1e-9) * step;
  let b = Math.ceil(max / step - 1e-9) * step;
  if (b - a < step) [a, b] = [a - step, b + step];
  // The interval too: left to itself ECharts ticks a fixed range at 0.81, 0.84, … 0.99.
  return { min: round(Math.max(lo, a)), max: round(Math.min(hi, b)), interval: step };
}

/** Parallel coordinates of params → metric (the last dimension colours the lines). */
export function ParallelCoordinates({
  dims,
  labels,
  height = 340,
  testId,
}: {
  dims: readonly ParallelDim[];
  labels: readonly string[];
  height?: number;
  testId?: string;
}) {
  const option = useMemo(() => {
    const parallelAxis = dims.map((d, i) => {
      const isNum = d.values.every((v) => v === null || typeof v === 'number');
      const cats = isNum ? undefined : [...new Set(d.values.filter((v) => v !== null).map(String))].sort();
      const nums = isNum ? d.values.filter((v): v is number => typeof v === 'number') : [];
      return {
        dim: i,
        name: d.name,
        type: isNum ? 'value' : 'category',
        data: cats,
        scale: true,
        ...boundedEnds(nums, d.bounds),
      };
    });
    const rows = labels.map((_, r) => dims.map((d) => d.values[r] ?? null));
    const metric = dims[dims.length - 1];
    const nums = (metric?.values ?? []).filter((v): v is number => typeof v === 'number');
    return {
      parallelAxis,
      parallel: { left: 60, right: 80, top: 40, bottom: 30 },
      tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => labels[p.dataIndex] ?? '' },
      visualMap: nums.length
        ? {
            show: true,
            dimension: dims.length - 1,
            min: Math.min(...nums),
            max: Math.max(...nums),
            right: 0,
            top: 'center',
            inRange: { color: ['#e15759', '#edc948', '#59a14f'] },
          }
        : undefined,
      series: [
        { type: 'parallel', lineStyle: { width: 1.5, opacity: 0.6, color: seriesColor(0) }, data: rows },
      ],
    };
  }, [dims, labels]);
  return (
    <EChart
      option={option}
      height={height}
      testId={testId}
      onRendered={(chart) => {
        const model = (chart as unknown as AxisModels).getModel();
        const axes = dims.map((d, i) => {
          const extent = model.getComponent('parallelAxis', i)?.axis?.scale?.getExtent();
          return { name: d.name, min: extent?.[0] ?? null, max: extent?.[1] ?? null };
        });
        chart.getDom().dataset.axes = JSON.stringify(axes);
      }}
    />
  );
}
