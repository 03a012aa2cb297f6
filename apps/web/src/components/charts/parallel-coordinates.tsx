'use client';
import { useMemo } from 'react';

import { EChart } from './echart.tsx';
import { seriesColor } from './palette.ts';

/** One dimension: numeric values, or categories for strings. */
export interface ParallelDim {
  name: string;
  values: readonly (number | string | null)[];
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
      return { dim: i, name: d.name, type: isNum ? 'value' : 'category', data: cats, scale: true };
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
  return <EChart option={option} height={height} testId={testId} />;
}
