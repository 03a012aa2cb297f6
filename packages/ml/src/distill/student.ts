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
import { buildModel } from '../models/build-model.ts';
import { deriveSeed } from '@distillery/domain';
import { loadModelWeights, storeModelWeights, type StoredTensor } from '../train/checkpoint.ts';
import { makeNet, meanOfSoftmax, predictNet, predictNetHeads, type TrainNet } from '../train/train-net.ts';

/** A trainable student: the engine's network type (one head, or N heads for mimic_all). */
export type StudentNet = TrainNet;
export { meanOfSoftmax };
/** Student probabilities for every sample (the head mean): count × classes, row-major. */
export const predictStudent = predictNet;

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
  return makeNet(built, trainedModel, heads);
}

/** Per-head probabilities for every sample (mimic_all inspection): one count × classes matrix per head. */
export const predictHeads = predictNetHeads;

/** Snapshot / restore the trained weights (restore-best early stopping). */
export function saveStudentWeights(student: StudentNet): StoredTensor[] {
  return storeModelWeights(student.trainedModel);
}

/** Restore weights saved by {@link saveStudentWeights}. */
export function restoreStudentWeights(student: StudentNet, stored: StoredTensor[]): void {
  loadModelWeights(student.trainedModel, stored);
}
