/**
 * Score-combining fusion rules: each turns the members' probability rows into one probability row
 * per sample (so the fused ensemble can be evaluated like a model: ECE, NLL). Rule definitions follow
 * Kittler, Hatef, Duin & Matas, "On combining classifiers", IEEE TPAMI 20(3), 1998 (sum, product,
 * max, median rules) and Kuncheva, "Combining Pattern Classifiers", 2nd ed., Wiley 2014, ch. 5.
 */
import type { Ensemble } from './ensemble.ts';
import { pickWinner, summedProbabilities } from './ranking.ts';
import type { TieConvention } from './tie-convention.ts';

/** Fused probabilities and the class picked per sample. */
export interface ScoreFusion {
  predictions: Int32Array;
  probabilities: Float32Array;
}

/** Probabilities are clipped here before logs (the Keras epsilon used by the original losses). */
export const LOG_EPSILON = 1e-7;

/**
 * Mean rule (the original's `softmax` method): p(c) = (1/M) Σ_m p_m(c). With ties `ORIGINAL` the
 * class is the original's: the lowest index among the largest float64 sums (the float32 means could
 * merge sums that differ in their last bits).
 */
export function fuseMean(ensemble: Ensemble, ties: TieConvention = 'PRINCIPLED'): ScoreFusion {
  const sums = summedProbabilities(ensemble);
  const out = new Float32Array(sums.length);
  const inv = 1 / ensemble.models;
  for (let i = 0; i < sums.length; i++) out[i] = (sums[i] as number) * inv;
  if (ties === 'PRINCIPLED') return finish(ensemble, out);
  const C = ensemble.classes;
  const predictions = Int32Array.from({ length: ensemble.samples }, (_, s) =>
    pickWinner(sums, s * C, sums, s * C, C, undefined, 'ORIGINAL'),
  );
  return { predictions, probabilities: out };
}

/** Weighted mean: p(c) = Σ_m w_m p_m(c) / Σ_m w_m with validated non-negative weights. */
export function fuseWeightedMean(ensemble: Ensemble, weights: Float64Array): ScoreFusion {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = new Float32Array(ensemble.samples * ensemble.classes);
  const acc = new Float64Array(out.length);
  ensemble.probabilities.forEach((p, m) => {
    const w = (weights[m] as number) / total;
    if (w === 0) return;
    for (let i = 0; i < p.length; i++) acc[i] = (acc[i] as number) + w * (p[i] as number);
  });
  for (let i = 0; i < out.length; i++) out[i] = acc[i] as number;
  return finish(ensemble, out);
}

/**
 * Geometric mean (`power` = 1/M) or product rule (`power` = 1): p(c) ∝ exp(power · Σ_m log p_m(c)),
 * probabilities clipped to [1e-7, 1] so one member's zero softens into a strong vote against instead
 * of an absolute veto. The product rule is the Bayes combination of members with independent errors
 * (Kittler et al. 1998, eq. 12 without the prior correction); both give the same class.
 */
export function fuseLogLinear(ensemble: Ensemble, power: number): ScoreFusion {
  const acc = new Float64Array(ensemble.samples * ensemble.classes);
  for (const p of ensemble.probabilities) {
    for (let i = 0; i < p.length; i++)
      acc[i] = (acc[i] as number) + Math.log(Math.max(p[i] as number, LOG_EPSILON));
  }
  const out = new Float32Array(acc.length);
  const C = ensemble.classes;
  for (let off = 0; off < acc.length; off += C) {
    let max = -Infinity;
    for (let c = 0; c < C; c++) max = Math.max(max, power * (acc[off + c] as number));
    let z = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp(power * (acc[off + c] as number) - max);
      acc[off + c] = e;
      z += e;
    }
    for (let c = 0; c < C; c++) out[off + c] = (acc[off + c] as number) / z;
  }
  return finish(ensemble, out);
}

/** Max rule: p(c) ∝ max_m p_m(c) (Kittler et al. 1998, eq. 15), renormalised per sample. */
export function fuseMax(ensemble: Ensemble): ScoreFusion {
  const out = new Float32Array(ensemble.samples * ensemble.classes);
  for (const p of ensemble.probabilities) {
    for (let i = 0; i < p.length; i++) if ((p[i] as number) > (out[i] as number)) out[i] = p[i] as number;
  }
  normaliseRows(out, ensemble.classes);
  return finish(ensemble, out);
}

/**
 * Median rule: p(c) ∝ median_m p_m(c) (Kittler et al. 1998, eq. 18; the mean of the two middle values
 * for even M), renormalised. The only score rule that grows worse than linearly with members: an
 * insertion sort per (sample, class) is O(M²) but fastest for M ≤ 32; larger ensembles switch to the
 * native typed-array sort, O(M log M).
 */
export function fuseMedian(ensemble: Ensemble): ScoreFusion {
  const M = ensemble.models;
  const out = new Float32Array(ensemble.samples * ensemble.classes);
  const column = new Float64Array(M);
  const members = ensemble.probabilities;
  const small = M <= 32;
  for (let i = 0; i < out.length; i++) {
    for (let m = 0; m < M; m++) {
      const v = (members[m] as Float32Array)[i] as number;
      if (!small) {
        column[m] = v;
        continue;
      }
      let r = m;
      while (r > 0 && (column[r - 1] as number) > v) {
        column[r] = column[r - 1] as number;
        r--;
      }
      column[r] = v;
    }
    if (!small) column.sort();
    const mid = M >> 1;
    out[i] =
      M % 2 === 1 ? (column[mid] as number) : ((column[mid - 1] as number) + (column[mid] as number)) / 2;
  }
  normaliseRows(out, ensemble.classes);
  return finish(ensemble, out);
}

function normaliseRows(out: Float32Array, classes: number): void {
  for (let off = 0; off < out.length; off += classes) {
    let z = 0;
    for (let c = 0; c < classes; c++) z += out[off + c] as number;
    // An all-zero median row (members disagree completely) becomes uniform rather than NaN.
    if (z === 0) for (let c = 0; c < classes; c++) out[off + c] = 1 / classes;
    else for (let c = 0; c < classes; c++) out[off + c] = (out[off + c] as number) / z;
  }
}

/** Argmax of fused rows, ties broken by the summed probability. */
export function finish(ensemble: Ensemble, probabilities: Float32Array): ScoreFusion {
  const sums = summedProbabilities(ensemble);
  const C = ensemble.classes;
  const predictions = new Int32Array(ensemble.samples);
  for (let s = 0; s < ensemble.samples; s++) {
    predictions[s] = pickWinner(probabilities, s * C, sums, s * C, C);
  }
  return { predictions, probabilities };
}
