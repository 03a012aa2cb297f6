/**
 * Member weights for the weighted-mean rule. Direction (fixed here because the original's only weight
 * helper, `utils.loss2weight`, makes weights grow with the loss): a worse model always weighs less.
 */
import { argmaxRows } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import type { Ensemble } from './ensemble.ts';
import { LOG_EPSILON } from './score-rules.ts';

/** Check explicit weights: one finite, non-negative weight per member, not all zero. */
export function validateWeights(
  weights: readonly number[] | Float64Array,
  models: number,
  field = 'weights',
): Float64Array {
  if (weights.length !== models) {
    throw badInput(field, weights, `expected ${models} weights (one per member), got ${weights.length}`);
  }
  let total = 0;
  weights.forEach((w, i) => {
    if (!Number.isFinite(w) || w < 0) throw badInput(`${field}[${i}]`, w, 'must be a finite number ≥ 0');
    total += w;
  });
  if (total <= 0) throw badInput(field, weights, 'at least one weight must be > 0');
  return Float64Array.from(weights);
}

/** Per-member accuracy and mean NLL on an ensemble (normally its validation split). */
export function memberScores(ensemble: Ensemble): { accuracy: number[]; loss: number[] } {
  const { classes: C, labels } = ensemble;
  const accuracy: number[] = [];
  const loss: number[] = [];
  for (const p of ensemble.probabilities) {
    let correct = 0;
    let nll = 0;
    const predicted = argmaxRows(p, C);
    for (let s = 0; s < labels.length; s++) {
      const y = labels[s] as number;
      if (predicted[s] === y) correct++;
      nll -= Math.log(Math.max(p[s * C + y] as number, LOG_EPSILON));
    }
    accuracy.push(correct / labels.length);
    loss.push(nll / labels.length);
  }
  return { accuracy, loss };
}

/** How validation scores become weights. */
export type WeightSource =
  { by: 'accuracy'; accuracy: readonly number[]; classes: number } | { by: 'loss'; loss: readonly number[] };

/**
 * Weights from validation scores, normalised to sum 1:
 * - `accuracy`: w_i ∝ max(0, log(p_i (C − 1) / (1 − p_i))). For two classes this is the optimal
 *   weight of a vote over independent members with accuracies p_i (Nitzan & Paroush 1982; Kuncheva,
 *   "Combining Pattern Classifiers", Wiley 2004, §4.3 "weighted majority vote"); the (C − 1) factor is
 *   the same log-likelihood ratio when a member's errors spread evenly over the other C − 1 classes.
 *   A member at or below chance (p ≤ 1/C) gets weight 0; p is clipped to [1e-7, 1 − 1e-7].
 * - `loss`: w_i ∝ 1 / NLL_i (a member with twice the validation loss weighs half).
 */
export function weightsFromValidation(source: WeightSource): Float64Array {
  let raw: number[];
  if (source.by === 'accuracy') {
    const { classes } = source;
    raw = source.accuracy.map((a, i) => {
      if (!(a >= 0 && a <= 1)) throw badInput(`accuracy[${i}]`, a, 'must be in [0, 1]');
      const p = Math.min(Math.max(a, LOG_EPSILON), 1 - LOG_EPSILON);
      return Math.max(0, Math.log((p * (classes - 1)) / (1 - p)));
    });
  } else {
    raw = source.loss.map((l, i) => {
      if (!(l > 0) || !Number.isFinite(l)) throw badInput(`loss[${i}]`, l, 'must be a finite number > 0');
      return 1 / l;
    });
  }
  const total = raw.reduce((a, b) => a + b, 0);
  if (!(total > 0))
    throw badInput(`${source.by}`, raw, 'every member is at or below chance; no usable weights');
  return Float64Array.from(raw, (w) => w / total);
}
