// Paired significance tests for the report (issue 19): Wilcoxon signed-rank (exact for n ≤ 50 without
// ties or zero differences, else the normal approximation with continuity and tie corrections) and
// the paired Student t test, both two-sided, from stdlib; Holm's step-down adjustment over a family.
import ttest from '@stdlib/stats-ttest';
import wilcoxon from '@stdlib/stats-wilcoxon';

import { stat, type Stat } from './analysis.ts';

/** One paired comparison a − b. */
export interface PairedTest {
  /** Pairs with both values finite. */
  n: number;
  /** Mean, SEM and n of the differences a − b. */
  diff: Stat;
  /** Pairs where a > b, and where a = b. */
  wins: number;
  ties: number;
  /** Wilcoxon signed-rank two-sided p (1 when every difference is zero) and how it was computed. */
  wilcoxonP: number;
  wilcoxonMethod: 'exact' | 'normal approximation' | 'all differences zero';
  /** Paired t two-sided p (1 when the differences do not vary and are zero; 0 when they do not vary and are not). */
  tP: number;
}

/** Paired test of a[i] − b[i] over the pairs where both are finite; null for fewer than 2 pairs. */
export function pairedTest(a: readonly number[], b: readonly number[]): PairedTest | null {
  if (a.length !== b.length) throw new Error(`paired samples differ in length: ${a.length} vs ${b.length}`);
  const d = a.flatMap((x, i) => (Number.isFinite(x) && Number.isFinite(b[i]!) ? [x - b[i]!] : []));
  if (d.length < 2) return null;
  const diff = stat(d)!;
  const wins = d.filter((x) => x > 0).length;
  const ties = d.filter((x) => x === 0).length;
  let wilcoxonP = 1;
  let wilcoxonMethod: PairedTest['wilcoxonMethod'] = 'all differences zero';
  if (ties < d.length) {
    wilcoxonP = Math.min(1, wilcoxon(d).pValue);
    const abs = d.filter((x) => x !== 0).map(Math.abs);
    const exact = ties === 0 && abs.length <= 50 && new Set(abs).size === abs.length;
    wilcoxonMethod = exact ? 'exact' : 'normal approximation';
  }
  // stdlib's t of constant differences is NaN (0/0 or x/0): decide it directly.
  const tP = diff.sem === null || diff.sem === 0 ? (diff.mean === 0 ? 1 : 0) : ttest(d).pValue;
  return { n: d.length, diff, wins, ties, wilcoxonP, wilcoxonMethod, tP };
}

/** Holm–Bonferroni adjusted p-values, in the order given (each min(1, running max of (m − rank)·p)). */
export function holm(ps: readonly number[]): number[] {
  const m = ps.length;
  const order = ps.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    out[i] = running;
  });
  return out;
}

/** A named comparison with its test, and its Holm-adjusted Wilcoxon p within its family. */
export interface Comparison {
  name: string;
  pairing: string;
  test: PairedTest;
  holmP: number;
  /** Holm-adjusted Wilcoxon p < 0.05. */
  significant: boolean;
}

/** Test every comparison of a family and adjust their Wilcoxon p-values together (Holm). */
export function family(
  items: { name: string; pairing: string; a: number[]; b: number[] }[],
  level = 0.05,
): Comparison[] {
  const tested = items.flatMap((it) => {
    const test = pairedTest(it.a, it.b);
    return test ? [{ ...it, test }] : [];
  });
  const adjusted = holm(tested.map((t) => t.test.wilcoxonP));
  return tested.map((t, i) => ({
    name: t.name,
    pairing: t.pairing,
    test: t.test,
    holmP: adjusted[i]!,
    significant: adjusted[i]! < level,
  }));
}

/** A p-value as the report prints it. */
export function pValue(p: number): string {
  if (!Number.isFinite(p)) return '–';
  return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}
