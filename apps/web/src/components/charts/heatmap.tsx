'use client';
import { useMemo } from 'react';

import { useTheme } from '../shell/theme.tsx';
import { EChart } from './echart.tsx';

// Low → high ramps: the low end is near each theme's background, so a dark page gets a dark matrix.
const RAMP = {
  light: ['#f7fbff', '#6baed6', '#08306b'],
  dark: ['#16202c', '#2f6ea3', '#bfe0ff'],
};

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
  onCellClick,
  selected,
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
  /** Called with the clicked cell's row and column index. */
  onCellClick?: (row: number, col: number) => void;
  /** A cell to outline (row, column). */
  selected?: readonly [number, number] | null;
}) {
  const { theme } = useTheme();
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
    const tilt = cols.length > 6;
    const lo2 = min ?? (data.length ? lo : 0);
    const hi2 = max ?? (data.length ? hi : 1);
    return {
      tooltip: {
        position: 'top',
        formatter: (p: { value: [number, number, number] }) =>
          `${rows[p.value[1]]} × ${cols[p.value[0]]}: ${format(p.value[2])}`,
      },
      // Every column is labelled (class names are the point); many columns tilt their labels.
      grid: { left: 90, right: 80, top: 24, bottom: tilt ? 90 : 60 },
      xAxis: {
        type: 'category',
        data: cols,
        name: xName,
        nameLocation: 'middle',
        nameGap: tilt ? 70 : 40,
        axisLabel: { interval: 0, rotate: tilt ? 35 : 0 },
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
        min: lo2,
        max: hi2,
        // No drag handles: their value labels sat on top of the bar's end labels and the matrix.
        calculable: false,
        text: [format(hi2), format(lo2)],
        textGap: 6,
        itemWidth: 14,
        itemHeight: Math.max(80, Math.min(200, height - 140)),
        orient: 'vertical',
        right: 4,
        top: 'middle',
        inRange: { color: RAMP[theme] },
      },
      series: [
        {
          type: 'heatmap',
          // Each cell's label contrasts with its own colour (dark text on the pale end of the ramp).
          data: data.map((d) => {
            const t = hi2 > lo2 ? (d[2] - lo2) / (hi2 - lo2) : 0;
            const pale = theme === 'dark' ? t > 0.6 : t < 0.45;
            const outlined = selected?.[0] === d[1] && selected[1] === d[0];
            return {
              value: d,
              label: { color: pale ? '#0b1220' : '#f5f7fa' },
              ...(outlined ? { itemStyle: { borderColor: '#f59e0b', borderWidth: 3 } } : {}),
            };
          }),
          label: { show: small, formatter: (p: { value: [number, number, number] }) => format(p.value[2]) },
        },
      ],
    };
  }, [rows, cols, values, min, max, format, xName, yName, theme, height, selected]);
  const click = onCellClick
    ? (p: { data?: unknown }) => {
        const v = (p.data as { value?: [number, number, number] } | undefined)?.value;
        if (v) onCellClick(v[1], v[0]);
      }
    : undefined;
  return <EChart option={option} height={height} testId={testId} {...(click ? { onClick: click } : {})} />;
}
