/**
 * The network the training engine trains, as the host (tfjs) holds it: a registry model with its
 * own head (teachers, baselines, most students) or mimic_all's multi-head student. Whatever executor
 * runs the steps, the trained weights end up here, so callers predict and save with tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import type { BuiltModel } from '../models/build-model.ts';
import { imageSize } from '../data/types.ts';
import { storeModelWeights } from './checkpoint.ts';
import { imagesToTensor } from './sample-stream.ts';
import type { ExecutorSpec, ModelSpec } from './step-executor.ts';

/** A trainable network: one head (plain) or N heads (mimic_all) over a registry architecture. */
export interface TrainNet {
  /**
   * The registry model. For mimic_all its own softmax head is left untrained: predict with
   * {@link predictNet} (the head mean), and save `trainedModel`'s weights.
   */
  built: BuiltModel;
  /** Number of classifier heads (1, or N for mimic_all). */
  heads: number;
  /** The network whose weights are trained (body + heads); its `weights` order is the checkpoint order. */
  trainedModel: tf.LayersModel;
  /** Logits of every head, [B, C] each. */
  logits(xs: tf.Tensor4D, training: boolean): tf.Tensor2D[];
  /** The prediction: the mean of the heads' softmax outputs. */
  probabilities(xs: tf.Tensor4D): tf.Tensor2D;
  /** The optimizer's variables (trainable weights, in `trainedModel.trainableWeights` order). */
  variables(): tf.Variable[];
  /** Free every weight (the base model, its views and any extra heads). */
  dispose(): void;
}

/** Equal-weight mean of the heads' softmax outputs. */
export function meanOfSoftmax(headLogits: tf.Tensor2D[]): tf.Tensor2D {
  return tf.tidy(() => {
    const probs = headLogits.map((z) => tf.softmax(z));
    return (probs.length === 1 ? probs[0] : tf.div(tf.addN(probs), probs.length)) as tf.Tensor2D;
  });
}

/** Wrap a network whose heads are the outputs of `trainedModel`. */
export function makeNet(built: BuiltModel, trainedModel: tf.LayersModel, heads: number): TrainNet {
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

/** The registry model itself as a one-head network (its `logitsModel` shares `model`'s weights, in order). */
export function netFromBuilt(built: BuiltModel): TrainNet {
  return makeNet(built, built.logitsModel, 1);
}

/** Probabilities (head mean) for every sample: count × classes, row-major. */
export function predictNet(
  net: TrainNet,
  data: { images: Uint8Array; count: number },
  batchSize = 256,
): Float32Array {
  const shape = net.built.options.inputShape;
  const size = imageSize(shape);
  const C = net.built.options.numClasses;
  const out = new Float32Array(data.count * C);
  for (let i = 0; i < data.count; i += batchSize) {
    const n = Math.min(batchSize, data.count - i);
    const p = tf.tidy(() =>
      net.probabilities(imagesToTensor(data.images.subarray(i * size, (i + n) * size), n, shape)),
    );
    out.set(p.dataSync() as Float32Array, i * C);
    p.dispose();
  }
  return out;
}

/** Each head's softmax for every sample (mimic_all's heads one by one): one count × classes matrix per head. */
export function predictNetHeads(
  net: TrainNet,
  data: { images: Uint8Array; count: number },
  batchSize = 256,
): Float32Array[] {
  const shape = net.built.options.inputShape;
  const size = imageSize(shape);
  const C = net.built.options.numClasses;
  const out = Array.from({ length: net.heads }, () => new Float32Array(data.count * C));
  for (let i = 0; i < data.count; i += batchSize) {
    const n = Math.min(batchSize, data.count - i);
    const probs = tf.tidy(() =>
      net
        .logits(imagesToTensor(data.images.subarray(i * size, (i + n) * size), n, shape), false)
        .map((z) => tf.softmax(z)),
    );
    probs.forEach((p, h) => (out[h] as Float32Array).set(p.dataSync() as Float32Array, i * C));
    tf.dispose(probs);
  }
  return out;
}

/** The data-only description of the network for an executor factory. */
export function modelSpecOf(net: TrainNet): ModelSpec {
  const { inputShape, numClasses, seed } = net.built.options;
  return { architectureKey: net.built.key, inputShape: [...inputShape], numClasses, seed, heads: net.heads };
}

/** Initial weights and their trainable flags, in checkpoint order. */
export function weightsSpecOf(net: TrainNet): Pick<ExecutorSpec, 'weights' | 'trainable'> {
  return {
    weights: storeModelWeights(net.trainedModel),
    trainable: net.trainedModel.weights.map((w) => w.trainable),
  };
}
