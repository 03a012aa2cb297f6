/**
 * Pairwise diversity of two members from their oracle outputs. With N^{ab} the number of samples
 * where member i is correct (a = 1) or wrong (a = 0) and member j is correct (b = 1) or wrong (b = 0),
 * and N the number of samples (Kuncheva & Whitaker, "Measures of diversity in classifier ensembles and
 * their relationship with the ensemble accuracy", Machine Learning 51, 2003, §3.1):
 *
 * - disagreement D = (N^{01} + N^{10}) / N (Skalak 1996; Ho 1998). Higher = more diverse.
 * - Yule's Q = (N^{11}N^{00} − N^{01}N^{10}) / (N^{11}N^{00} + N^{01}N^{10}) (Yule 1900), in [−1, 1];
 *   lower = more diverse. NaN when the denominator is 0 (e.g. a member that is never wrong).
 * - correlation ρ = (N^{11}N^{00} − N^{01}N^{10}) / √((N^{11}+N^{10})(N^{01}+N^{00})(N^{11}+N^{01})(N^{10}+N^{00})),
 *   the phi coefficient of the two correctness indicators; NaN when a marginal is empty.
 * - double fault DF = N^{00} / N (Giacinto & Roli 2001). Lower = more diverse.
 * - Cohen's κ on the predicted labels (Cohen 1960; the pairwise κ of Margineantu & Dietterich,
 *   "Pruning adaptive boosting", ICML 1997, kappa-error diagrams): κ = (θ₁ − θ₂) / (1 − θ₂) with θ₁ the
 *   share of samples where both members predict the same class and θ₂ = Σ_c (n_i(c)/N)(n_j(c)/N) the
 *   agreement expected by chance from their predicted-class frequencies. Lower = more diverse.
 */

/** The 2×2 oracle table of two members. */
export interface OracleTable {
  n11: number;
  n10: number;
  n01: number;
  n00: number;
}

/** Count the oracle table of members i and j. */
export function oracleTable(correctI: Uint8Array, correctJ: Uint8Array): OracleTable {
  let n11 = 0;
  let n10 = 0;
  let n01 = 0;
  for (let s = 0; s < correctI.length; s++) {
    const a = correctI[s] as number;
    const b = correctJ[s] as number;
    n11 += a & b;
    n10 += a & (b ^ 1);
    n01 += (a ^ 1) & b;
  }
  return { n11, n10, n01, n00: correctI.length - n11 - n10 - n01 };
}

/** Disagreement D = (N01 + N10) / N. */
export function disagreement(t: OracleTable): number {
  return (t.n01 + t.n10) / (t.n11 + t.n10 + t.n01 + t.n00);
}

/** Yule's Q statistic. */
export function qStatistic(t: OracleTable): number {
  const num = t.n11 * t.n00 - t.n01 * t.n10;
  const den = t.n11 * t.n00 + t.n01 * t.n10;
  return den === 0 ? NaN : num / den;
}

/** Correlation ρ between the correctness of two members. */
export function correlation(t: OracleTable): number {
  const num = t.n11 * t.n00 - t.n01 * t.n10;
  const den = Math.sqrt((t.n11 + t.n10) * (t.n01 + t.n00) * (t.n11 + t.n01) * (t.n10 + t.n00));
  return den === 0 ? NaN : num / den;
}

/** Double fault DF = N00 / N. */
export function doubleFault(t: OracleTable): number {
  return t.n00 / (t.n11 + t.n10 + t.n01 + t.n00);
}

/** Cohen's κ between two members' predicted labels; NaN when both always predict the same single class. */
export function cohenKappa(predI: Int32Array, predJ: Int32Array, classes: number): number {
  const n = predI.length;
  const countI = new Float64Array(classes);
  const countJ = new Float64Array(classes);
  let agree = 0;
  for (let s = 0; s < n; s++) {
    const a = predI[s] as number;
    const b = predJ[s] as number;
    countI[a] = (countI[a] as number) + 1;
    countJ[b] = (countJ[b] as number) + 1;
    if (a === b) agree++;
  }
  let chance = 0;
  for (let c = 0; c < classes; c++) chance += ((countI[c] as number) / n) * ((countJ[c] as number) / n);
  return chance === 1 ? NaN : (agree / n - chance) / (1 - chance);
}
