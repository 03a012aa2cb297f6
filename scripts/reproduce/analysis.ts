// Pure computations over the runs read back from the API: cells of the method's tables, the
// comparisons the thesis makes, and the verdicts the report states.
import { meanSem, type MeanSem } from '@distillery/domain';

import type { RunRecord } from './collect.ts';

/** mean, SEM (ddof 1; null for n < 2) and n. */
export type Stat = MeanSem;

/** Mean, SEM and n of the finite values (null when there are none). */
export function stat(values: number[]): Stat | null {
  const xs = values.filter((v) => Number.isFinite(v));
  return xs.length === 0 ? null : meanSem(xs);
}

/** A numeric summary field, or NaN. */
export function num(r: RunRecord, key: string): number {
  const v = r.summary[key];
  return typeof v === 'number' ? v : Number.NaN;
}

/** A numeric tag (p, N, rep…), or NaN. */
export function tagNum(r: RunRecord, key: string): number {
  const v = r.tags.get(key);
  return v === undefined ? Number.NaN : Number(v);
}

/** Succeeded runs of a role. */
export function ok(runs: RunRecord[], role: string): RunRecord[] {
  return runs.filter((r) => r.role === role && r.status === 'SUCCEEDED');
}

/** Sorted distinct numeric values of a tag. */
export function levels(runs: RunRecord[], key: string): number[] {
  return [...new Set(runs.map((r) => tagNum(r, key)).filter((v) => Number.isFinite(v)))].sort(
    (a, b) => a - b,
  );
}

/** Students' test accuracy by (N, p, mode), α pooled as in the thesis tables. */
export function studentCells(students: RunRecord[]): Map<string, Stat> {
  const groups = new Map<string, number[]>();
  for (const s of students) {
    const key = cellKey(tagNum(s, 'N'), tagNum(s, 'p'), String(s.params.mode));
    groups.set(key, [...(groups.get(key) ?? []), num(s, 'test_accuracy')]);
  }
  return new Map([...groups].map(([k, v]) => [k, stat(v)!]));
}

/** Key of a (N, p, mode) cell. */
export const cellKey = (n: number, p: number, mode: string): string => `${n}|${p}|${mode}`;

/** The grid ensemble fused from the same teachers as a student (same p, N and repetition). */
export function ensembleOf(
  ensembles: RunRecord[],
  student: RunRecord,
  poolSize: number,
): RunRecord | undefined {
  const p = tagNum(student, 'p');
  const n = tagNum(student, 'N');
  const rep = tagNum(student, 'rep');
  const same = ensembles.filter((e) => tagNum(e, 'p') === p && tagNum(e, 'N') === n);
  // With N = the pool size every repetition draws the same teachers, so one ensemble serves all.
  return same.find((e) => tagNum(e, 'rep') === rep) ?? (n === poolSize ? same[0] : undefined);
}

/** For each (N, p): which mode has the highest mean, and by how much over the runner-up. */
export function bestModeByCell(
  cells: Map<string, Stat>,
  ns: number[],
  ps: number[],
  modes: string[],
): { n: number; p: number; best: string; margin: number; clear: boolean }[] {
  const out = [];
  for (const n of ns) {
    for (const p of ps) {
      const ranked = modes
        .map((m) => ({ m, s: cells.get(cellKey(n, p, m)) }))
        .filter((x): x is { m: string; s: Stat } => x.s !== undefined)
        .sort((a, b) => b.s.mean - a.s.mean);
      if (ranked.length < 2) continue;
      const margin = ranked[0]!.s.mean - ranked[1]!.s.mean;
      // "clear": the lead exceeds the combined standard error of the two means.
      const se = Math.hypot(ranked[0]!.s.sem ?? 0, ranked[1]!.s.sem ?? 0);
      out.push({ n, p, best: ranked[0]!.m, margin, clear: margin > se });
    }
  }
  return out;
}

/** Pearson-free trend check: the share of adjacent steps (in x order) where the mean rises. */
export function risingShare(points: { x: number; y: number }[]): { rising: number; steps: number } {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  let rising = 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.y > sorted[i - 1]!.y) rising++;
  return { rising, steps: Math.max(0, sorted.length - 1) };
}

/** Accuracy of every fusion rule stored in an ensemble run's summary. */
export function ruleAccuracies(ensemble: RunRecord): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(ensemble.summary)) {
    const m = /^(.+)_test_accuracy$/.exec(k);
    if (m && typeof v === 'number' && !['best_member', 'mean_member', 'best_rule'].includes(m[1]!))
      out.set(m[1]!, v);
  }
  return out;
}

/** The diversity block an ensemble run stored (pairwise matrices and non-pairwise measures). */
export interface DiversitySummary {
  memberLabels: string[];
  measures: Record<string, (number | null)[][]>;
  nonPairwise: Record<string, number | null>;
}

/** The stored diversity of an ensemble run, if any. */
export function diversityOf(ensemble: RunRecord): DiversitySummary | null {
  const d = ensemble.summary.diversity as DiversitySummary | undefined;
  return d && d.measures ? d : null;
}

/** Mean of the off-diagonal entries of a pairwise matrix. */
export function offDiagonalMean(m: (number | null)[][]): number {
  const xs: number[] = [];
  m.forEach((row, i) =>
    row.forEach((v, j) => {
      if (i !== j && v !== null) xs.push(v);
    }),
  );
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
}

/** `stat(values(k))` for each key, leaving out keys without values. */
export function statMap<K>(keys: K[], values: (k: K) => number[]): Map<K, Stat> {
  const out = new Map<K, Stat>();
  for (const k of keys) {
    const s = stat(values(k));
    if (s) out.set(k, s);
  }
  return out;
}
