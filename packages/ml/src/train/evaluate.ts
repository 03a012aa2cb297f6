import * as tf from '@tensorflow/tfjs';
import { argmaxRows } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import { imageSize, type ImageShape, type LabeledImages } from '../data/types.ts';
import type { BuiltModel } from '../models/build-model.ts';
import { imagesToTensor } from './sample-stream.ts';

/** Loss and accuracy on a split. */
export interface EvalResult {
  loss: number;
  accuracy: number;
  count: number;
}

/** Throw BAD_USER_INPUT unless `data` matches the model's input shape and classes. */
export function checkData(built: BuiltModel, data: LabeledImages, field: string): void {
  const { inputShape, numClasses } = built.options;
  const size = imageSize(inputShape);
  if (data.images.length !== data.count * size) {
    throw badInput(
      `${field}.images`,
      data.images.length,
      `must hold ${data.count} images of ${inputShape.join('×')} (${data.count * size} values)`,
    );
  }
  if (data.labels.length !== data.count)
    throw badInput(`${field}.labels`, data.labels.length, `must have ${data.count} labels`);
  const bad = data.labels.findIndex((l) => l < 0 || l >= numClasses);
  if (bad >= 0)
    throw badInput(
      `${field}.labels[${bad}]`,
      data.labels[bad],
      `must be a class index in [0, ${numClasses})`,
    );
}

/** Softmax outputs of `built.model` for every sample: one Float32Array of count × classes (row-major). */
export function predict(
  built: BuiltModel,
  data: Pick<LabeledImages, 'images' | 'count'>,
  batchSize = 256,
): Float32Array {
  const shape: ImageShape = built.options.inputShape;
  const size = imageSize(shape);
  const C = built.options.numClasses;
  const out = new Float32Array(data.count * C);
  for (let i = 0; i < data.count; i += batchSize) {
    const n = Math.min(batchSize, data.count - i);
    const probs = tf.tidy(
      () =>
        built.model.predict(
          imagesToTensor(data.images.subarray(i * size, (i + n) * size), n, shape),
        ) as tf.Tensor,
    );
    out.set(probs.dataSync() as Float32Array, i * C);
    probs.dispose();
  }
  return out;
}

/** Categorical cross-entropy (Keras: probabilities clipped to [1e-7, 1 − 1e-7]) and accuracy. */
export function scorePredictions(probs: Float32Array, labels: Int32Array, numClasses: number): EvalResult {
  let loss = 0;
  let correct = 0;
  const predicted = argmaxRows(probs, numClasses);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    loss -= Math.log(Math.min(Math.max(probs[i * numClasses + y]!, 1e-7), 1 - 1e-7));
    if (predicted[i] === y) correct++;
  }
  return {
    loss: loss / Math.max(1, labels.length),
    accuracy: correct / Math.max(1, labels.length),
    count: labels.length,
  };
}

// The tie rule lives in @distillery/domain (the API lists misclassified samples by it too).
export { argmaxRows };

/** Fraction of samples whose argmax class equals `reference`'s class for that sample. */
export function agreement(probs: Float32Array, reference: Int32Array, numClasses: number): number {
  const ours = argmaxRows(probs, numClasses);
  let same = 0;
  for (let i = 0; i < reference.length; i++) if (ours[i] === reference[i]) same++;
  return same / Math.max(1, reference.length);
}

/** Evaluate loss and accuracy of the model on a split (no augmentation). */
export function evaluate(built: BuiltModel, data: LabeledImages, batchSize = 256): EvalResult {
  checkData(built, data, 'data');
  return scorePredictions(predict(built, data, batchSize), data.labels, built.options.numClasses);
}

/** Per-sample softmax predictions for several splits, one Float32 matrix (samples × classes) each. */
export function predictSplits<K extends string>(
  built: BuiltModel,
  splits: Partial<Record<K, LabeledImages>>,
  batchSize = 256,
): Partial<Record<K, Float32Array>> {
  const out: Partial<Record<K, Float32Array>> = {};
  for (const [k, data] of Object.entries(splits) as [K, LabeledImages | undefined][])
    if (data) out[k] = predict(built, data, batchSize);
  return out;
}
