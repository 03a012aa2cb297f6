/**
 * Non-pairwise diversity measures over L members and N samples, from l(z_j) = the number of members
 * correct on sample j (Kuncheva & Whitaker, Machine Learning 51, 2003, §3.2):
 *
 * - entropy E = (1/N) Σ_j min(l_j, L − l_j) / (L − ⌈L/2⌉): 0 when all members agree on every sample,
 *   1 when they are split as evenly as possible (Cunningham & Carney 2000 in K&W's form).
 * - Kohavi–Wolpert variance KW = (1 / (N L²)) Σ_j l_j (L − l_j) (Kohavi & Wolpert 1996, as rewritten
 *   by K&W, eq. 15); it equals (L − 1)/(2L) times the averaged disagreement.
 * - interrater agreement κ = 1 − [(1/L) Σ_j l_j (L − l_j)] / [N (L − 1) p̄ (1 − p̄)], with p̄ the mean
 *   member accuracy (Fleiss 1981; K&W eq. 16). Lower = more diverse.
 * - oracle accuracy: share of samples that at least one member gets right (the ceiling of any
 *   selection-based fusion).
 */

/** The non-pairwise measures. */
export interface NonPairwiseDiversity {
  entropy: number;
  kohaviWolpert: number;
  interraterKappa: number;
  oracleAccuracy: number;
}

/** Compute the non-pairwise measures from per-sample correct counts of `members` members. */
export function nonPairwiseDiversity(correctCount: Int32Array, members: number): NonPairwiseDiversity {
  const L = members;
  const N = correctCount.length;
  let entropySum = 0;
  let kwSum = 0;
  let correctTotal = 0;
  let anyCorrect = 0;
  for (let s = 0; s < N; s++) {
    const l = correctCount[s] as number;
    entropySum += Math.min(l, L - l);
    kwSum += l * (L - l);
    correctTotal += l;
    if (l > 0) anyCorrect++;
  }
  const pBar = correctTotal / (N * L);
  const kappaDen = N * (L - 1) * pBar * (1 - pBar);
  return {
    entropy: entropySum / N / (L - Math.ceil(L / 2)),
    kohaviWolpert: kwSum / (N * L * L),
    interraterKappa: kappaDen === 0 ? NaN : 1 - kwSum / L / kappaDen,
    oracleAccuracy: anyCorrect / N,
  };
}
