import * as tf from '@tensorflow/tfjs';
import { badInput } from '@distillery/errors';
import type { ImageShape } from '../data/types.ts';
import { LayerKit } from './layer-kit.ts';
import { computeModelStats, type ModelStats } from './model-stats.ts';
import { getArchitecture, type TrainingParams } from './registry.ts';

/** Options of `buildModel`. */
export interface BuildModelOptions {
  inputShape: ImageShape;
  numClasses: number;
  /** Seeds every initializer: same key + options + seed → identical weights. */
  seed: number;
}

/** A built architecture and its views. */
export interface BuiltModel {
  key: string;
  options: BuildModelOptions;
  trainingParams: TrainingParams;
  /** Input: float32 N×H×W×C pixel values 0–255 (the model rescales to [−1, 1]); output: softmax N×classes. */
  model: tf.LayersModel;
  /** Same input → pre-softmax logits (the training loss uses them for numerical stability). */
  logitsModel: tf.LayersModel;
  /** Same input → pooled features (the original's `avg_pool`; flatten/dense for the small models). */
  featureModel: tf.LayersModel;
  featureSize: number;
  stats: ModelStats;
}

/**
 * Build architecture `key` from the registry: Input → Rescaling(1/127.5, −1) → body → pooled
 * features → Dense(classes) logits → softmax, with seeded random initialisation.
 */
export function buildModel(key: string, options: BuildModelOptions): BuiltModel {
  const spec = getArchitecture(key);
  if (!spec.body)
    throw badInput('architecture', key, 'has training parameters but no model builder (as in the original)');
  const { inputShape, numClasses, seed } = options;
  if (
    !Array.isArray(inputShape) ||
    inputShape.length !== 3 ||
    !inputShape.every((d) => Number.isInteger(d) && d > 0)
  ) {
    throw badInput('inputShape', inputShape, 'must be [height, width, channels] of positive integers');
  }
  if (Math.min(inputShape[0], inputShape[1]) < spec.minInputSize) {
    throw badInput(
      'inputShape',
      inputShape,
      `${key} needs inputs of at least ${spec.minInputSize}×${spec.minInputSize}`,
    );
  }
  if (!Number.isInteger(numClasses) || numClasses < 2)
    throw badInput('numClasses', numClasses, 'must be an integer ≥ 2');
  if (!Number.isInteger(seed)) throw badInput('seed', seed, 'must be an integer');
  const kit = new LayerKit(seed);
  const input = tf.input({ shape: inputShape, name: 'image' });
  const scaled = tf.layers
    .rescaling({ scale: 1 / 127.5, offset: -1, name: 'rescaling' })
    .apply(input) as tf.SymbolicTensor;
  const features = spec.body(kit, scaled);
  const logits = kit.dense(features, numClasses, 'linear', 'logits');
  const probs = tf.layers
    .activation({ activation: 'softmax', name: 'predictions' })
    .apply(logits) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: probs, name: key });
  const logitsModel = tf.model({ inputs: input, outputs: logits, name: `${key}_logits` });
  const featureModel = tf.model({ inputs: input, outputs: features, name: `${key}_features` });
  return {
    key,
    options: { inputShape: [...inputShape], numClasses, seed },
    trainingParams: { ...spec.trainingParams },
    model,
    logitsModel,
    featureModel,
    featureSize: features.shape[features.shape.length - 1]!,
    stats: computeModelStats(model),
  };
}
