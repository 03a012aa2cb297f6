import type { Ensemble } from '../fusion/ensemble.ts';
import { kendallTauMatrix } from './kendall.ts';
import { nonPairwiseDiversity, type NonPairwiseDiversity } from './non-pairwise.ts';
import { oracleOutputs } from './oracle.ts';
import { cohenKappa, correlation, disagreement, doubleFault, oracleTable, qStatistic } from './pairwise.ts';

/** Names of the pairwise measures. */
export const PAIRWISE_MEASURES = [
  'disagreement',
  'qStatistic',
  'correlation',
  'kappa',
  'doubleFault',
  'kendallTau',
] as const;
export type PairwiseMeasure = (typeof PAIRWISE_MEASURES)[number];

/** The whole diversity suite of an ensemble. */
export interface DiversityReport extends NonPairwiseDiversity {
  names: readonly string[];
  memberAccuracy: number[];
  /**
   * Symmetric M × M matrices (row-major). Diagonals hold each measure of a member with itself:
   * disagreement 0, Q 1, ρ 1, κ 1, double fault = its error rate, Kendall τ 0 (Q, ρ, κ NaN if undefined).
   */
  pairwise: Record<PairwiseMeasure, Float64Array>;
  /** Mean of each pairwise measure over the M(M−1)/2 pairs, skipping undefined (NaN) pairs. */
  averages: Record<PairwiseMeasure, number>;
}

/** Measure the diversity of an ensemble's members (≥ 2) on its samples. Cost dominated by Kendall τ. */
export function measureDiversity(ensemble: Ensemble): DiversityReport {
  const { models: M, classes, samples } = ensemble;
  const oracle = oracleOutputs(ensemble);
  const pairwise = Object.fromEntries(PAIRWISE_MEASURES.map((k) => [k, new Float64Array(M * M)])) as Record<
    PairwiseMeasure,
    Float64Array
  >;
  pairwise.kendallTau = kendallTauMatrix(ensemble);
  for (let i = 0; i < M; i++) {
    for (let j = i; j < M; j++) {
      const table = oracleTable(oracle.correct[i] as Uint8Array, oracle.correct[j] as Uint8Array);
      const values: Record<Exclude<PairwiseMeasure, 'kendallTau'>, number> = {
        disagreement: disagreement(table),
        qStatistic: qStatistic(table),
        correlation: correlation(table),
        kappa: cohenKappa(oracle.predictions[i] as Int32Array, oracle.predictions[j] as Int32Array, classes),
        doubleFault: doubleFault(table),
      };
      for (const [k, v] of Object.entries(values) as [PairwiseMeasure, number][]) {
        pairwise[k][i * M + j] = v;
        pairwise[k][j * M + i] = v;
      }
    }
  }
  const averages = Object.fromEntries(
    PAIRWISE_MEASURES.map((k) => [k, meanOverPairs(pairwise[k], M)]),
  ) as Record<PairwiseMeasure, number>;
  const memberAccuracy = oracle.correct.map((c) => c.reduce((a, b) => a + b, 0) / samples);
  return {
    names: ensemble.names,
    memberAccuracy,
    pairwise,
    averages,
    ...nonPairwiseDiversity(oracle.correctCount, M),
  };
}

function meanOverPairs(matrix: Float64Array, M: number): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < M; i++) {
    for (let j = i + 1; j < M; j++) {
      const v = matrix[i * M + j] as number;
      if (Number.isNaN(v)) continue;
      sum += v;
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}
