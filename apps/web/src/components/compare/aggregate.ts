import { meanSem } from '@distillery/domain';

/** What the band around a group's mean line shows. */
export type BandKind = 'sem' | 'minmax';

/** One run's curve: x ascending or not, y null where nothing was logged. */
export interface Curve {
  x: readonly number[];
  y: readonly (number | null)[];
}

/** A group's aggregate on a common x grid: the mean, the band and how many runs each point averages. */
export interface GroupCurve {
  x: number[];
  y: (number | null)[];
  lo: (number | null)[];
  hi: (number | null)[];
  n: number[];
}

/** The curve's finite points sorted by x. */
function points(c: Curve): [number, number][] {
  const out: [number, number][] = [];
  c.x.forEach((x, i) => {
    const y = c.y[i];
    if (y !== null && y !== undefined && Number.isFinite(y) && Number.isFinite(x)) out.push([x, y]);
  });
  return out.sort((a, b) => a[0] - b[0]);
}

/** y of sorted points at each (ascending) grid x, linearly interpolated; null outside the curve's x range. */
function sample(pts: readonly [number, number][], grid: readonly number[]): (number | null)[] {
  let j = 0;
  return grid.map((x) => {
    const first = pts[0];
    const last = pts[pts.length - 1];
    if (!first || !last || x < first[0] || x > last[0]) return null;
    while (j < pts.length - 1 && pts[j + 1]![0] < x) j++;
    const [x0, y0] = pts[j]!;
    const next = pts[j + 1];
    if (x0 === x || !next) return y0;
    const [x1, y1] = next;
    return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  });
}

/**
 * Aggregate a group's curves at every x any of them logged (at most `maxPoints`, evenly thinned):
 * each run's value there is its own point or the line between its neighbours (never extrapolated
 * past its first or last point), the line is their mean, the band mean ± SEM (ddof 1, the
 * method's statistic from @distillery/domain; none for one run) or their min/max.
 */
export function aggregateCurves(curves: readonly Curve[], band: BandKind, maxPoints = 1000): GroupCurve {
  const sorted = curves.map(points).filter((p) => p.length > 0);
  let grid = [...new Set(sorted.flatMap((p) => p.map(([x]) => x)))].sort((a, b) => a - b);
  if (grid.length > maxPoints) {
    const step = (grid.length - 1) / (maxPoints - 1);
    grid = Array.from({ length: maxPoints }, (_, i) => grid[Math.round(i * step)]!);
  }
  const sampled = sorted.map((p) => sample(p, grid));
  const out: GroupCurve = { x: grid, y: [], lo: [], hi: [], n: [] };
  grid.forEach((_, i) => {
    const values = sampled.map((s) => s[i]).filter((v): v is number => v !== null && v !== undefined);
    out.n.push(values.length);
    if (values.length === 0) {
      out.y.push(null);
      out.lo.push(null);
      out.hi.push(null);
      return;
    }
    const { mean, sem } = meanSem(values);
    out.y.push(mean);
    if (band === 'minmax') {
      out.lo.push(Math.min(...values));
      out.hi.push(Math.max(...values));
    } else {
      out.lo.push(sem === null ? null : mean - sem);
      out.hi.push(sem === null ? null : mean + sem);
    }
  });
  return out;
}
