'use client';
import 'uplot/dist/uPlot.min.css';

import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';

import { useTheme } from '../shell/theme.tsx';
import { buildAligned, type ChartSeries, type Column } from './aligned-data.ts';
import { withAlpha } from './palette.ts';

export type { ChartSeries } from './aligned-data.ts';

export interface LineChartProps {
  series: readonly ChartSeries[];
  height?: number;
  logY?: boolean;
  smoothing?: number;
  /** `time` expects x in seconds since the epoch. */
  xKind?: 'step' | 'epoch' | 'time' | 'value';
  xLabel?: string;
  yLabel?: string;
  bands?: boolean;
  /** Show a legend row under the chart (off for very many series: the table is the legend). */
  legend?: boolean;
  /** Set the bench's User Timing mark only once this is true (e.g. when every series has loaded). */
  markDrawn?: boolean;
  /** Only whole-number x ticks (counts such as N teachers or ensemble size). */
  xIntegers?: boolean;
  /** The values x can take (p ∈ [0, 1]): the padded axis never leaves them. */
  xBounds?: Bounds;
  /** The values y can take (accuracy in % ∈ [0, 100]): the padded axis never leaves them. */
  yBounds?: Bounds;
  testId?: string;
}

/** Inclusive limits of an axis. */
export type Bounds = readonly [number, number];

/**
 * A scale range padded around the data (uPlot's own 10 % nice padding) but clipped to what the
 * quantity can take, so accuracy never reads up to 150 % and p never to 1.2. One value alone gets
 * a window of a tenth of the bounds around it.
 */
export function boundedRange(min: number | null, max: number | null, bounds: Bounds): [number, number] {
  const [lo, hi] = bounds;
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [lo, hi];
  const span = hi - lo;
  const [a, b] =
    max - min < span * 1e-6
      ? [min - span * 0.05, max + span * 0.05]
      : (uPlot.rangeNum(min, max, 0.1, true) as [number, number]);
  return [Math.max(lo, a), Math.min(hi, b)];
}

// Steps, epochs and counts are whole numbers: tick spacings 1, 2, 5, 10, … 5e9 (uPlot picks the
// smallest that fits), so an axis over epochs 4–5 never reads 4.2, 4.4.
const INTEGER_INCRS = Array.from({ length: 10 }, (_, k) => [1, 2, 5].map((m) => m * 10 ** k)).flat();

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

function seriesOpts(col: Column): uPlot.Series {
  const s = col.series;
  if (col.role === 'y')
    return {
      label: s.label,
      stroke: s.color,
      width: 1.5,
      dash: s.dash,
      points: { show: s.points ?? false, size: 5 },
      spanGaps: true,
    };
  if (col.role === 'raw')
    return {
      label: `${s.label} (raw)`,
      stroke: withAlpha(s.color, 0.25),
      width: 1,
      points: { show: false },
      spanGaps: true,
    };
  return {
    label: `${s.label} ${col.role}`,
    stroke: 'transparent',
    width: 0,
    points: { show: false },
    spanGaps: true,
  };
}

/** A uPlot line chart: many series, EMA smoothing, log y, min/max bands; redraws in place on new data. */
export function LineChart({
  series,
  height = 260,
  logY = false,
  smoothing = 0,
  xKind = 'step',
  xLabel,
  yLabel,
  bands = true,
  legend = true,
  xIntegers = false,
  xBounds,
  yBounds,
  markDrawn = true,
  testId,
}: LineChartProps) {
  const markRef = useRef(markDrawn);
  markRef.current = markDrawn;
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const { theme } = useTheme();
  const [drawn, setDrawn] = useState(false);
  const [hover, setHover] = useState<Hover | null>(null);
  const columnsRef = useRef<Column[]>([]);
  const { data, columns } = useMemo(
    () => buildAligned(series, { smoothing, logY, bands }),
    [series, smoothing, logY, bands],
  );
  // Rebuild the plot only when its shape changes; otherwise setData keeps zoom and is cheap.
  const shape = `${columns.map((c) => `${c.series.id}:${c.role}:${c.series.color}`).join('|')}#${logY}#${xKind}#${theme}#${height}#${xIntegers}#${xBounds?.join()}#${yBounds?.join()}`;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const axis = {
      stroke: cssVar('--muted'),
      grid: { stroke: cssVar('--grid'), width: 1 },
      ticks: { stroke: cssVar('--grid'), width: 1 },
    };
    const bandDefs: uPlot.Band[] = [];
    columns.forEach((c, i) => {
      if (c.role === 'hi') bandDefs.push({ series: [i + 1, i], fill: withAlpha(c.series.color, 0.18) });
    });
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      legend: { show: false },
      cursor: { drag: { x: true, y: false }, points: { show: false } },
      scales: {
        x: {
          time: xKind === 'time',
          ...(xBounds ? { range: (_u: uPlot, lo: number, hi: number) => boundedRange(lo, hi, xBounds) } : {}),
        },
        y: logY
          ? { distr: 3 }
          : yBounds
            ? { range: (_u: uPlot, lo: number, hi: number) => boundedRange(lo, hi, yBounds) }
            : {},
      },
      axes: [
        {
          ...axis,
          label: xLabel,
          labelSize: xLabel ? 20 : 0,
          ...(xIntegers || xKind === 'step' || xKind === 'epoch' ? { incrs: INTEGER_INCRS } : {}),
        },
        { ...axis, label: yLabel, labelSize: yLabel ? 20 : 0, size: 56 },
      ],
      series: [{ label: xKind }, ...columns.map(seriesOpts)],
      bands: bandDefs,
      hooks: {
        draw: [
          (u) => {
            setDrawn(true);
            // The drawn axis ranges, read by the browser tests (accuracy never past 100 %, p never past 1).
            el.dataset.xRange = `${u.scales.x?.min ?? ''},${u.scales.x?.max ?? ''}`;
            el.dataset.yRange = `${u.scales.y?.min ?? ''},${u.scales.y?.max ?? ''}`;
            // First drawn chart with data: a User Timing mark the bench reads.
            if (
              testId &&
              markRef.current &&
              u.data[0].length > 0 &&
              performance.getEntriesByName(`distillery:chart:${testId}`).length === 0
            )
              performance.mark(`distillery:chart:${testId}`);
          },
        ],
        setCursor: [(u) => setHover(readHover(u, columnsRef.current))],
      },
    };
    const u = new uPlot(opts, data, el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // data is applied by the next effect; rebuilding on every point would lose zoom.
  }, [shape]);

  columnsRef.current = columns;
  useEffect(() => {
    plot.current?.setData(data, true);
  }, [data]);

  const legendSeries = legend ? series.slice(0, 30) : [];
  // The largest x drawn, for tests and for "last step" readouts.
  const lastX = series.reduce(
    (m, s) => Math.max(m, s.x.length ? (s.x[s.x.length - 1] ?? m) : m),
    Number.NEGATIVE_INFINITY,
  );
  return (
    <div className="chart" style={{ position: 'relative' }} onMouseLeave={() => setHover(null)}>
      {hover && <HoverCard hover={hover} xKind={xKind} />}
      <div
        ref={host}
        data-testid={testId}
        data-drawn={drawn && series.length > 0 ? '1' : '0'}
        data-series={series.length}
        data-labels={series.length <= 30 ? series.map((s) => s.label).join('|') : undefined}
        data-last-x={Number.isFinite(lastX) ? lastX : ''}
      />
      {legendSeries.length > 0 && (
        <div className="chart-legend">
          {legendSeries.map((s) => (
            <span key={s.id}>
              <i style={{ background: s.color }} />
              {s.label}
            </span>
          ))}
          {series.length > legendSeries.length && <span>+{series.length - legendSeries.length} more</span>}
        </div>
      )}
    </div>
  );
}

interface Hover {
  left: number;
  top: number;
  x: number;
  rows: { label: string; color: string; value: number }[];
}

/** The values under the cursor: the lines nearest the pointer first, at most 8. */
function readHover(u: uPlot, columns: readonly Column[]): Hover | null {
  const idx = u.cursor.idx;
  const { left, top } = u.cursor;
  if (idx === null || idx === undefined || left === undefined || top === undefined || left < 0) return null;
  const x = u.data[0][idx];
  if (x === undefined) return null;
  const yAtCursor = u.posToVal(top, 'y');
  const rows: Hover['rows'] = [];
  columns.forEach((c, i) => {
    if (c.role !== 'y') return;
    // Series logged at other steps (val_* every epoch) show their nearest value.
    const col = u.data[i + 1];
    if (!col) return;
    for (let d = 0; d < 200; d++) {
      const v = col[idx - d] ?? col[idx + d];
      if (typeof v === 'number') {
        rows.push({ label: c.series.label, color: c.series.color, value: v });
        break;
      }
    }
  });
  rows.sort((a, b) => Math.abs(a.value - yAtCursor) - Math.abs(b.value - yAtCursor));
  return { left: left + u.over.offsetLeft, top: top + u.over.offsetTop, x, rows: rows.slice(0, 8) };
}

function HoverCard({ hover, xKind }: { hover: Hover; xKind: LineChartProps['xKind'] }) {
  const x =
    xKind === 'time' ? new Date(hover.x * 1000).toLocaleString() : String(Number(hover.x.toPrecision(6)));
  return (
    <div className="chart-hover" style={{ left: hover.left + 14, top: Math.max(0, hover.top - 10) }}>
      <div className="muted">
        {xKind} {x}
      </div>
      {hover.rows.map((r) => (
        <div key={r.label} className="row" style={{ gap: 6 }}>
          <i style={{ background: r.color }} />
          <span>{r.label}</span>
          <span className="mono">{Number(r.value.toPrecision(5))}</span>
        </div>
      ))}
    </div>
  );
}
