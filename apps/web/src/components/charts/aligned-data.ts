import uPlot from 'uplot';

import { emaSmooth } from './smoothing.ts';

/** One line: x and y of equal length; optional lo/hi give a min/max (or ±SEM) band. */
export interface ChartSeries {
  id: string;
  label: string;
  color: string;
  x: readonly number[];
  y: readonly (number | null)[];
  lo?: readonly (number | null)[];
  hi?: readonly (number | null)[];
  dash?: number[];
  points?: boolean;
}

/** Column roles of the joined table, in uPlot's order after x. */
export interface Column {
  series: ChartSeries;
  role: 'y' | 'raw' | 'lo' | 'hi';
}

function clean(v: number | null | undefined, logY: boolean): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  return logY && v <= 0 ? null : v;
}

/**
 * Join per-series tables on a common x (uPlot.join) and smooth y with a debiased EMA.
 * Raw (unsmoothed) copies are kept as faint lines only for a few series, where they help reading.
 */
export function buildAligned(
  series: readonly ChartSeries[],
  opts: { smoothing: number; logY: boolean; bands: boolean },
): { data: uPlot.AlignedData; columns: Column[] } {
  const tables: uPlot.AlignedData[] = [];
  const columns: Column[] = [];
  const keepRaw = opts.smoothing > 0 && series.length <= 8;
  for (const s of series) {
    const order = s.x.map((_, i) => i);
    const sorted = s.x.every((v, i) => i === 0 || v >= (s.x[i - 1] ?? v));
    if (!sorted) order.sort((a, b) => (s.x[a] ?? 0) - (s.x[b] ?? 0));
    const xs = order.map((i) => s.x[i] ?? 0);
    const raw = order.map((i) => clean(s.y[i], opts.logY));
    const cols: (number | null)[][] = [emaSmooth(raw, opts.smoothing)];
    columns.push({ series: s, role: 'y' });
    if (keepRaw) {
      cols.push(raw);
      columns.push({ series: s, role: 'raw' });
    }
    if (opts.bands && s.lo && s.hi) {
      const lo = s.lo;
      const hi = s.hi;
      cols.push(
        order.map((i) => clean(lo[i], opts.logY)),
        order.map((i) => clean(hi[i], opts.logY)),
      );
      columns.push({ series: s, role: 'lo' }, { series: s, role: 'hi' });
    }
    tables.push([xs, ...cols] as uPlot.AlignedData);
  }
  if (tables.length === 0) return { data: [[]], columns };
  if (tables.length === 1) return { data: tables[0] as uPlot.AlignedData, columns };
  return { data: uPlot.join(tables), columns };
}
