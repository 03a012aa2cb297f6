/** One results-table cell: mean, SEM (ddof 1, null when n < 2) and n. */
export interface Cell {
  mean: number;
  sem: number | null;
  n: number;
}

/**
 * Pool groups exactly from their (mean, SEM, n), as if the runs had been grouped together:
 * each group's sum of squares is SS_i = SEM_i²·n_i·(n_i − 1); the pooled SS adds the between-group
 * term Σ n_i (m_i − M)²; SEM = sqrt(SS / (N − 1) / N). Lets the page filter by α after one query.
 */
export function poolCells(cells: readonly Cell[]): Cell | null {
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

/** A results row: group values by field name plus the cell. */
export interface GroupRow extends Cell {
  group: Record<string, unknown>;
}

/** Pool the rows that share the values of `fields`, keeping only rows `keep` accepts. */
export function regroup(
  rows: readonly GroupRow[],
  fields: readonly string[],
  keep: (r: GroupRow) => boolean = () => true,
): GroupRow[] {
  const buckets = new Map<string, { group: Record<string, unknown>; cells: Cell[] }>();
  for (const r of rows) {
    if (!keep(r)) continue;
    const group = Object.fromEntries(fields.map((f) => [f, r.group[f] ?? null]));
    const key = JSON.stringify(group);
    const b = buckets.get(key) ?? { group, cells: [] };
    b.cells.push(r);
    buckets.set(key, b);
  }
  return [...buckets.values()].flatMap((b) => {
    const c = poolCells(b.cells);
    return c ? [{ group: b.group, ...c }] : [];
  });
}

/** "80.95 (0.48), 6" — the method's cell format, in % when values are fractions. */
export function formatCell(c: Cell, percent: boolean): string {
  const k = percent ? 100 : 1;
  const sem = c.sem === null ? '–' : fixed2(c.sem * k);
  return `${fixed2(c.mean * k)} (${sem}), ${c.n}`;
}

/**
 * Two decimals after snapping to 1e-6: the same mean computed by SQL and by pooling differs in the
 * last bit, which at a .xx5 boundary would print as two different cells.
 */
export function fixed2(v: number): string {
  return (Math.round(v * 1e6) / 1e6).toFixed(2);
}
