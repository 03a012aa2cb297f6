/**
 * Positional (scoring-vector) voting: each member ranks the classes by its probabilities and gives
 * `vector[r]` points to the class at rank r (r = 0 is its top choice); the class with most points wins
 * (ties per the convention, see ranking.ts `pickWinner`). Points are added member by member, rank by
 * rank, as the original adds them, so Dowdall's float sums tie exactly where the original's do.
 * Definitions as in ZuchniakK/Voting `vector_scoring_system` and
 * Brandt et al. (eds.), "Handbook of Computational Social Choice", CUP 2016, §2.4 (scoring rules).
 */
import type { Ensemble } from './ensemble.ts';
import { memberOrders, pickWinner, summedProbabilities } from './ranking.ts';
import type { TieConvention } from './tie-convention.ts';

/** The scoring vectors of the positional rules, for C classes. */
export const SCORING_VECTORS = {
  /** Plurality (majority) vote: [1, 0, …, 0]. */
  plurality: (_classes: number) => Float64Array.of(1),
  /** Borda count: [C−1, C−2, …, 0]. */
  borda: (classes: number) => Float64Array.from({ length: classes }, (_, r) => classes - 1 - r),
  /** Dowdall (Nauru) rule: [1, 1/2, …, 1/C]. */
  dowdall: (classes: number) => Float64Array.from({ length: classes }, (_, r) => 1 / (r + 1)),
} as const;

/** Positional vote with the given scoring vector (entries past its length score 0). Cost O(S·M·|vector|). */
export function fusePositional(
  ensemble: Ensemble,
  vector: Float64Array,
  ties: TieConvention = 'PRINCIPLED',
): Int32Array {
  const { samples, classes: C } = ensemble;
  const orders = memberOrders(ensemble, ties);
  const sums = summedProbabilities(ensemble);
  const depth = Math.min(vector.length, C);
  const score = new Float64Array(C);
  const predictions = new Int32Array(samples);
  for (let s = 0; s < samples; s++) {
    const off = s * C;
    score.fill(0);
    for (const order of orders) {
      for (let r = 0; r < depth; r++) {
        const c = order[off + r] as number;
        score[c] = (score[c] as number) + (vector[r] as number);
      }
    }
    predictions[s] = pickWinner(score, 0, sums, off, C, undefined, ties);
  }
  return predictions;
}

/** Per-class points of one sample under a scoring vector (for inspection and tests). */
export function positionalScores(
  ensemble: Ensemble,
  vector: Float64Array,
  sample: number,
  ties: TieConvention = 'PRINCIPLED',
): Float64Array {
  const C = ensemble.classes;
  const score = new Float64Array(C);
  for (const order of memberOrders(ensemble, ties)) {
    for (let r = 0; r < Math.min(vector.length, C); r++) {
      const c = order[sample * C + r] as number;
      score[c] = (score[c] as number) + (vector[r] as number);
    }
  }
  return score;
}
