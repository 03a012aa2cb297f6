import { mean } from '@distillery/domain';

import type { DistillationStudentsQuery } from '../../graphql/generated/graphql.ts';

/** One student as the heatmaps read it. */
export type GridStudent = DistillationStudentsQuery['students'][number];

/** A heatmap's matrix: mean of the metric per (row, column) cell and how many students each holds. */
export interface StudentGrid {
  rows: string[];
  cols: string[];
  values: (number | null)[][];
  counts: number[][];
}

/** The axes the heatmaps use: α, N (teachers, one per member) and T. */
export const AXES = {
  alpha: (s: GridStudent) => s.alpha,
  teachers: (s: GridStudent) => s.teachers.length,
  temperature: (s: GridStudent) => s.temperature,
} as const;

/** The summary value a succeeded student reports for `metric`, else null. */
export function studentMetric(s: GridStudent, metric: string): number | null {
  if (s.run.status !== 'SUCCEEDED') return null;
  const v = (s.run.summary as Record<string, unknown> | null)?.[metric];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Mean `metric` (e.g. test_accuracy) of the succeeded students in each (row, column) cell, axes in
 * ascending order; cells without a student stay null (blank on the heatmap, not zero).
 */
export function studentGrid(
  students: readonly GridStudent[],
  row: keyof typeof AXES,
  col: keyof typeof AXES,
  metric: string,
): StudentGrid {
  const cells = new Map<string, number[]>();
  const rowVals = new Set<number>();
  const colVals = new Set<number>();
  for (const s of students) {
    const v = studentMetric(s, metric);
    if (v === null) continue;
    const [r, c] = [AXES[row](s), AXES[col](s)];
    rowVals.add(r);
    colVals.add(c);
    const key = `${r}|${c}`;
    cells.set(key, [...(cells.get(key) ?? []), v]);
  }
  const rs = [...rowVals].sort((a, b) => a - b);
  const cs = [...colVals].sort((a, b) => a - b);
  const at = (r: number, c: number) => cells.get(`${r}|${c}`) ?? [];
  return {
    rows: rs.map(String),
    cols: cs.map(String),
    values: rs.map((r) => cs.map((c) => (at(r, c).length ? mean(at(r, c)) : null))),
    counts: rs.map((r) => cs.map((c) => at(r, c).length)),
  };
}
