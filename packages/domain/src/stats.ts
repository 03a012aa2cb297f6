// The method's summary statistics, in one place for the API, CLI, dashboard, ML core and reports: a
// results cell is "mean (SEM), n" with SEM = sd (ddof 1, as pandas' `sem`) / √n, and no SEM for n < 2.

/** One results cell: mean, SEM (ddof 1, null when n < 2) and n. */
export interface MeanSem {
  mean: number;
  sem: number | null;
  n: number;
}

/** Arithmetic mean (NaN for no values). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mean and standard error of the mean (sample sd with ddof 1, / √n); sem is null when n < 2. */
export function meanSem(values: readonly number[]): MeanSem {
  const n = values.length;
  const m = mean(values);
  if (n < 2) return { mean: m, sem: null, n };
  const variance = values.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
  return { mean: m, sem: Math.sqrt(variance / n), n };
}

/** SEM from a sample standard deviation (ddof 1) of n values, e.g. SQL's `stddev_samp`; null when n < 2. */
export function semOfSd(sd: number | null, n: number): number | null {
  return n >= 2 && sd !== null ? sd / Math.sqrt(n) : null;
}

/**
 * Pool groups exactly from their (mean, SEM, n), as if their values had been grouped together:
 * each group's sum of squares is SS_i = SEM_i²·n_i·(n_i − 1); the pooled SS adds the between-group
 * term Σ n_i (m_i − M)²; SEM = sqrt(SS / (N − 1) / N). Null when the groups hold no values.
 */
export function poolCells(cells: readonly MeanSem[]): MeanSem | null {
  const N = cells.reduce((a, c) => a + c.n, 0);
  if (N === 0) return null;
  const M = cells.reduce((a, c) => a + c.mean * c.n, 0) / N;
  if (N < 2) return { mean: M, sem: null, n: N };
  let ss = 0;
  for (const c of cells) {
    const within = c.n >= 2 && c.sem !== null ? c.sem * c.sem * c.n * (c.n - 1) : 0;
    ss += within + c.n * (c.mean - M) ** 2;
  }
  return { mean: M, sem: Math.sqrt(ss / (N - 1) / N), n: N };
}

/**
 * `digits` decimals (2 unless told) after snapping to 1e-6 relative: the same mean computed by SQL
 * and by pooling differs in the last bit, which at a .xx5 boundary would print as two different cells.
 */
export function fixedDigits(v: number, digits = 2): string {
  const snap = 10 ** Math.max(6, digits + 2);
  return (Math.round(v * snap) / snap).toFixed(digits);
}

/** Two decimals, snapped (the thesis' precision): see fixedDigits. */
export function fixed2(v: number): string {
  return fixedDigits(v, 2);
}

/**
 * "80.95 (0.48), 6": the thesis' cell format, in % when `percent` (values are fractions); "–" for no
 * SEM. `digits` decimals for mean and SEM (2 unless told, e.g. a table column of learning rates).
 */
export function formatCell(c: MeanSem, percent: boolean, digits = 2): string {
  const k = percent ? 100 : 1;
  const sem = c.sem === null ? '–' : fixedDigits(c.sem * k, digits);
  return `${fixedDigits(c.mean * k, digits)} (${sem}), ${c.n}`;
}
