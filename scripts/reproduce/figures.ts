// The report's plots (the thesis' results.ipynb figures, mtkd-method.md §6), rendered to PNG.
import {
  renderBarChart,
  renderHeatmap,
  renderLineChart,
  type LineChartSpec,
  type LineSeries,
} from './charts/index.ts';
import { cellKey, type Stat } from './analysis.ts';

const pct = (s: Stat) => ({ y: 100 * s.mean, ...(s.sem !== null ? { err: 100 * s.sem } : {}) });
/** Mode label as the thesis writes it (`MIMIC_ALL` → `mimic_all`). */
export const modeLabel = (m: string): string => m.toLowerCase();

/** Accuracy vs teacher fraction p, one line per mode (pooled over N) plus the baseline level. */
export async function plotVsP(
  file: string,
  title: string,
  byModeP: Map<string, Map<number, Stat>>,
  baseline: Stat | null,
  ps: number[],
): Promise<boolean> {
  const series: LineSeries[] = [...byModeP].map(([mode, m]) => ({
    name: modeLabel(mode),
    points: ps.flatMap((p) => (m.get(p) ? [{ x: p, ...pct(m.get(p)!) }] : [])),
  }));
  if (baseline)
    series.push({
      name: 'baseline (labels only)',
      dashed: true,
      points: ps.map((p) => ({ x: p, y: 100 * baseline.mean })),
    });
  return line(
    { title, xLabel: 'teacher subset fraction p', yLabel: 'student test accuracy (%)', series, xTicks: ps },
    file,
  );
}

/** Accuracy vs number of teachers N, one line per mode (pooled over p), plus the mean-rule ensemble. */
export async function plotVsN(
  file: string,
  title: string,
  cells: Map<string, Stat>,
  ensembles: Map<number, Stat>,
  ns: number[],
  ps: number[],
  modes: string[],
): Promise<boolean> {
  const series: LineSeries[] = modes.map((mode) => ({
    name: modeLabel(mode),
    points: ns.flatMap((n) => {
      const xs = ps.map((p) => cells.get(cellKey(n, p, mode))).filter((s): s is Stat => !!s);
      if (xs.length === 0) return [];
      return [{ x: n, y: (100 * xs.reduce((a, s) => a + s.mean, 0)) / xs.length }];
    }),
  }));
  series.push({
    name: 'ensemble (mean rule)',
    dashed: true,
    points: ns.flatMap((n) => (ensembles.get(n) ? [{ x: n, ...pct(ensembles.get(n)!) }] : [])),
  });
  return line(
    { title, xLabel: 'number of teachers N', yLabel: 'test accuracy (%)', series, xTicks: ns },
    file,
  );
}

/** mimic_all accuracy vs α, one line per N (pooled over p). */
export async function plotVsAlpha(
  file: string,
  title: string,
  byNAlpha: Map<number, Map<number, Stat>>,
  alphas: number[],
): Promise<boolean> {
  const series: LineSeries[] = [...byNAlpha].map(([n, m]) => ({
    name: `N = ${n}`,
    points: alphas.flatMap((a) => (m.get(a) ? [{ x: a, ...pct(m.get(a)!) }] : [])),
  }));
  return line(
    {
      title,
      xLabel: 'α (weight of the label loss)',
      yLabel: 'mimic_all test accuracy (%)',
      series,
      xTicks: alphas,
    },
    file,
  );
}

/** Ensemble accuracy vs ensemble size, one line per fusion rule. */
export async function plotSize(
  file: string,
  title: string,
  byRule: Map<string, Map<number, Stat>>,
  sizes: number[],
): Promise<boolean> {
  const series: LineSeries[] = [...byRule].map(([rule, m]) => ({
    name: rule,
    points: sizes.flatMap((s) => (m.get(s) ? [{ x: s, ...pct(m.get(s)!) }] : [])),
  }));
  return line({ title, xLabel: 'ensemble size', yLabel: 'test accuracy (%)', series, xTicks: sizes }, file);
}

/** Mean accuracy of each fusion rule by N. */
export async function plotFusion(
  file: string,
  title: string,
  rules: string[],
  ns: number[],
  acc: (rule: string, n: number) => Stat | null,
): Promise<boolean> {
  if (rules.length === 0 || ns.length === 0) return false;
  const lows = rules.flatMap((r) => ns.flatMap((n) => (acc(r, n) ? [100 * acc(r, n)!.mean] : [])));
  // Rules differ by a few points: start the axis just below the worst one so the differences show.
  const yMin = lows.length ? Math.max(0, Math.floor(Math.min(...lows) / 5) * 5 - 5) : 0;
  await renderBarChart(
    {
      yMin,
      yMax: 100,
      title,
      categories: rules,
      yLabel: 'test accuracy (%)',
      series: ns.map((n) => ({
        name: `N = ${n}`,
        values: rules.map((r) => (acc(r, n) ? 100 * acc(r, n)!.mean : null)),
        err: rules.map((r) => {
          const s = acc(r, n);
          return s?.sem != null ? 100 * s.sem : null;
        }),
      })),
      width: 1400,
      height: 600,
    },
    file,
  );
  return true;
}

/** A pairwise diversity matrix of the members. */
export async function plotDiversity(
  file: string,
  title: string,
  labels: string[],
  values: (number | null)[][],
): Promise<boolean> {
  if (labels.length === 0) return false;
  await renderHeatmap(
    {
      title,
      rowLabels: labels,
      colLabels: labels,
      values,
      valueFormat: (v) => v.toFixed(3),
      width: 720,
      height: 600,
    },
    file,
  );
  return true;
}

/** A line chart of the series that have points; false (nothing written) when none has. */
async function line(spec: LineChartSpec, file: string): Promise<boolean> {
  const series = spec.series.filter((s) => s.points.length > 0);
  if (series.length === 0) return false;
  await renderLineChart({ ...spec, series }, file);
  return true;
}
