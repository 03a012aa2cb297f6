'use client';
import { useMemo } from 'react';

import { EChart } from './echart.tsx';

/** A labelled matrix heatmap (diversity between members, confusion matrices); null cells stay blank. */
export function MatrixHeatmap({
  rows,
  cols,
  values,
  min,
  max,
  format = (v) => v.toFixed(2),
  height = 360,
  xName,
  yName,
  testId,
}: {
  rows: readonly string[];
  cols: readonly string[];
  values: readonly (readonly (number | null)[])[];
  min?: number;
  max?: number;
  format?: (v: number) => string;
  height?: number;
  xName?: string;
  yName?: string;
  testId?: string;
}) {
  const option = useMemo(() => {
    const data: [number, number, number][] = [];
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || !Number.isFinite(v)) return;
        data.push([c, r, v]);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }),
    );
    const small = rows.length * cols.length <= 400;
    return {
      tooltip: {
        position: 'top',
        formatter: (p: { value: [number, number, number] }) =>
          `${rows[p.value[1]]} × ${cols[p.value[0]]}: ${format(p.value[2])}`,
      },
      grid: { left: 90, right: 70, top: 10, bottom: 60 },
      xAxis: {
        type: 'category',
        data: cols,
        name: xName,
        nameLocation: 'middle',
        nameGap: 40,
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        data: rows,
        name: yName,
        nameLocation: 'middle',
        nameGap: 70,
        inverse: true,
        splitArea: { show: true },
      },
      visualMap: {
        min: min ?? (data.length ? lo : 0),
        max: max ?? (data.length ? hi : 1),
        calculable: true,
        // Integer matrices (confusion counts) label the scale as integers, measures with 2 decimals.
        precision: data.every((d) => Number.isInteger(d[2])) ? 0 : 2,
        orient: 'vertical',
        right: 0,
        top: 'center',
        inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
      },
      series: [
        {
          type: 'heatmap',
          data,
          label: { show: small, formatter: (p: { value: [number, number, number] }) => format(p.value[2]) },
        },
      ],
    };
  }, [rows, cols, values, min, max, format, xName, yName]);
  return <EChart option={option} height={height} testId={testId} />;
}
