/**
 * The losses of a training step in tfjs, one per `LossSpec` kind (formulas in step-executor.ts).
 * Pure functions of tensors: the tfjs executor calls them inside `Adam.minimize`, so gradients reach
 * the trained heads only; teacher outputs enter as constants.
 */
import * as tf from '@tensorflow/tfjs';
import { categoricalCrossEntropy, kdLoss, softTargets, type KdConfig } from '../distill/losses.ts';
import type { LossSpec } from './step-executor.ts';
import { meanOfSoftmax } from './train-net.ts';

/** The loss value and the parts the engine logs (all scalars, kept by the caller). */
export interface ObjectiveParts {
  total: tf.Scalar;
  /** Number of samples predicted right. */
  hits: tf.Scalar;
  studentLoss?: tf.Scalar;
  distillationLoss?: tf.Scalar;
}

/** The KD settings of a distillation loss spec. */
export function kdConfigOf(loss: Extract<LossSpec, { kind: 'distill' }>): KdConfig {
  return { alpha: loss.alpha, temperatureMode: loss.temperatureMode, temperature: loss.temperature };
}

/** Whether the loss reads teacher outputs at all (α = 1 distillation does not). */
export function needsTeachers(loss: LossSpec): boolean {
  return loss.kind === 'distill' && loss.alpha < 1;
}

/** Soft targets for the loss: one per teacher (`each`) or their mean (`average`). */
export function targetsOf(loss: Extract<LossSpec, { kind: 'distill' }>, z: tf.Tensor2D[]): tf.Tensor2D[] {
  return tf.tidy(() => {
    const soft = z.map((t) => softTargets(t, kdConfigOf(loss)));
    if (loss.targets === 'average') return [tf.div(tf.addN(soft), soft.length) as tf.Tensor2D];
    return soft;
  });
}

function hitsOf(probsOrLogits: tf.Tensor2D, ys: tf.Tensor2D): tf.Scalar {
  return tf.sum(tf.cast(tf.equal(tf.argMax(probsOrLogits, 1), tf.argMax(ys, 1)), 'float32'));
}

/**
 * The objective of one batch. `heads` are the trained network's logits; `targets` the soft targets
 * from {@link targetsOf} (ignored by `cross-entropy`, empty when α = 1).
 */
export function objective(
  loss: LossSpec,
  heads: tf.Tensor2D[],
  ys: tf.Tensor2D,
  targets: readonly tf.Tensor2D[],
): ObjectiveParts {
  if (loss.kind === 'cross-entropy') {
    const logits = heads[0] as tf.Tensor2D;
    return { total: tf.losses.softmaxCrossEntropy(ys, logits) as tf.Scalar, hits: hitsOf(logits, ys) };
  }
  const kd = kdConfigOf(loss);
  const probs = meanOfSoftmax(heads);
  const ce = categoricalCrossEntropy(ys, probs);
  // mimic_all pairs head k with target k; a single head faces every target (loss_avg) or their mean.
  const terms = targets.map((t, k) => kdLoss(t, (heads.length > 1 ? heads[k] : heads[0]) as tf.Tensor2D, kd));
  const kdValue =
    terms.length === 0
      ? tf.scalar(0)
      : ((terms.length === 1 ? terms[0] : tf.div(tf.addN(terms), terms.length)) as tf.Scalar);
  return {
    total: tf.add(tf.mul(ce, loss.alpha), tf.mul(kdValue, 1 - loss.alpha)) as tf.Scalar,
    hits: hitsOf(probs, ys),
    studentLoss: ce,
    distillationLoss: kdValue,
  };
}
