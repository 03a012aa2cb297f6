/**
 * The student network. Every mode except `mimic_all` trains a registry architecture as built (its
 * softmax head). `mimic_all` (ZuchniakK/MTKD `Distiller`, "simultaneous imitation") removes the
 * classifier and puts N Dense(C) heads `mimic_0 … mimic_{N−1}` on the shared pooled features; head i
 * imitates teacher i, and the student's prediction is the equal-weight mean of the heads' softmax
 * outputs, in training (for CE and accuracy) and at inference. Extra cost: (N − 1)·(F·C + C)
 * parameters and no extra backbone pass.
 */
import * as tf from '@tensorflow/tfjs';
import type { ImageShape } from '../data/types.ts';
import { buildModel, type BuiltModel } from '../models/build-model.ts';
import { deriveSeed } from '../random/prng.ts';
import { loadModelWeights, storeModelWeights, type StoredTensor } from '../train/checkpoint.ts';
import { imagesToTensor } from '../train/sample-stream.ts';

/** A trainable student: one head (plain) or N heads (mimic_all) over a registry architecture. */
export interface StudentNet {
  /**
   * The registry model. For mimic_all its own softmax head is left untrained: predict with
   * {@link predictStudent} (the head mean), and save `trainedModel`'s weights.
   */
  built: BuiltModel;
  /** Number of classifier heads (1, or N for mimic_all). */
  heads: number;
  /** The network whose weights are trained (body + heads). */
  trainedModel: tf.LayersModel;
  /** Logits of every head, [B, C] each. */
  logits(xs: tf.Tensor4D, training: boolean): tf.Tensor2D[];
  /** The student's prediction: the mean of the heads' softmax outputs. */
  probabilities(xs: tf.Tensor4D): tf.Tensor2D;
  variables(): tf.Variable[];
  /** Free every weight of the student (the base model, its views and the mimic heads). */
  dispose(): void;
}

/** Build the student from a registry key; `heads` ≥ 2 builds the mimic_all multi-head student. */
export function buildStudent(
  key: string,
  inputShape: ImageShape,
  numClasses: number,
  seed: number,
  heads = 1,
): StudentNet {
  const built = buildModel(key, { inputShape, numClasses, seed });
  let trainedModel = built.logitsModel;
  if (heads > 1) {
    const features = built.featureModel.outputs[0] as tf.SymbolicTensor;
    const outputs = Array.from(
      { length: heads },
      (_, i) =>
        tf.layers
          .dense({
            units: numClasses,
            kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, 0x3ead, i) }),
            name: `mimic_${i}`,
          })
          .apply(features) as tf.SymbolicTensor,
    );
    trainedModel = tf.model({ inputs: built.featureModel.inputs, outputs, name: `${key}_mimic_all` });
  }
  const logits = (xs: tf.Tensor4D, training: boolean): tf.Tensor2D[] => {
    const out = trainedModel.apply(xs, { training });
    return (Array.isArray(out) ? out : [out]) as tf.Tensor2D[];
  };
  return {
    built,
    heads,
    trainedModel,
    logits,
    probabilities: (xs) => tf.tidy(() => meanOfSoftmax(logits(xs, false))),
    variables: () => trainedModel.trainableWeights.map((w) => w.read() as tf.Variable),
    dispose: () => new Set([...built.model.weights, ...trainedModel.weights]).forEach((w) => w.dispose()),
  };
}

/** Equal-weight mean of the heads' softmax outputs. */
export function meanOfSoftmax(headLogits: tf.Tensor2D[]): tf.Tensor2D {
  return tf.tidy(() => {
    const probs = headLogits.map((z) => tf.softmax(z));
    return (probs.length === 1 ? probs[0] : tf.div(tf.addN(probs), probs.length)) as tf.Tensor2D;
  });
}

/** Student probabilities for every sample: count × classes, row-major. */
export function predictStudent(
  student: StudentNet,
  data: { images: Uint8Array; count: number },
  batchSize = 256,
): Float32Array {
  const shape = student.built.options.inputShape;
  const size = shape[0] * shape[1] * shape[2];
  const C = student.built.options.numClasses;
  const out = new Float32Array(data.count * C);
  for (let i = 0; i < data.count; i += batchSize) {
    const n = Math.min(batchSize, data.count - i);
    const p = tf.tidy(() =>
      student.probabilities(imagesToTensor(data.images.subarray(i * size, (i + n) * size), n, shape)),
    );
    out.set(p.dataSync() as Float32Array, i * C);
    p.dispose();
  }
  return out;
}

/** Per-head probabilities for every sample (mimic_all inspection): one count × classes matrix per head. */
export function predictHeads(
  student: StudentNet,
  data: { images: Uint8Array; count: number },
  batchSize = 256,
): Float32Array[] {
  const shape = student.built.options.inputShape;
  const size = shape[0] * shape[1] * shape[2];
  const C = student.built.options.numClasses;
  const out = Array.from({ length: student.heads }, () => new Float32Array(data.count * C));
  for (let i = 0; i < data.count; i += batchSize) {
    const n = Math.min(batchSize, data.count - i);
    const probs = tf.tidy(() =>
      student
        .logits(imagesToTensor(data.images.subarray(i * size, (i + n) * size), n, shape), false)
        .map((z) => tf.softmax(z)),
    );
    probs.forEach((p, h) => (out[h] as Float32Array).set(p.dataSync() as Float32Array, i * C));
    tf.dispose(probs);
  }
  return out;
}

/** Snapshot / restore the trained weights (restore-best early stopping). */
export function saveStudentWeights(student: StudentNet): StoredTensor[] {
  return storeModelWeights(student.trainedModel);
}

/** Restore weights saved by {@link saveStudentWeights}. */
export function restoreStudentWeights(student: StudentNet, stored: StoredTensor[]): void {
  loadModelWeights(student.trainedModel, stored);
}
