/**
 * The supernet aggregator (ZuchniakK/MTKD `supernet_layer`): one Dense(C) + softmax on the
 * concatenated frozen teacher outputs (N·C logits for `supernet`, N·F pooled features for
 * `supernet2`), trained first on the labels with CE — Adam at the student's learning rate, at most 50
 * epochs, early stopping on validation loss with patience 5 and the best weights restored — and then
 * used as the single teacher of the student.
 */
import * as tf from '@tensorflow/tfjs';
import { badInput } from '@distillery/errors';
import type { AugmentConfig } from '../augment/augment-batch.ts';
import type { ImageShape, LabeledImages } from '../data/types.ts';
import { deriveSeed } from '../random/prng.ts';
import { imagesToTensor, SampleStream, trainingBatch } from '../train/sample-stream.ts';
import type { OutputSource } from './teachers.ts';

/** Options of {@link trainAggregator}. */
export interface AggregatorArgs {
  train: LabeledImages;
  val: LabeledImages;
  inputShape: ImageShape;
  numClasses: number;
  learningRate: number;
  batchSize: number;
  stepsPerEpoch: number;
  seed: number;
  augment: AugmentConfig | null;
  maxEpochs?: number;
  patience?: number;
}

/** A trained aggregator. */
export interface Aggregator {
  /** Logits of the aggregator for concatenated teacher outputs [B, N·D]. */
  apply(inputs: tf.Tensor2D[]): tf.Tensor2D;
  epochs: number;
  bestValLoss: number;
  valAccuracy: number;
  inputSize: number;
  dispose(): void;
}

/** Train the aggregator on `train` (teacher outputs from `trainSource`), early-stopped on `val` (`valSource`). */
export function trainAggregator(
  trainSource: OutputSource,
  valSource: OutputSource,
  args: AggregatorArgs,
): Aggregator {
  const maxEpochs = args.maxEpochs ?? 50;
  const patience = args.patience ?? 5;
  if (!Number.isInteger(maxEpochs) || maxEpochs < 1)
    throw badInput('supernet.maxEpochs', maxEpochs, 'must be an integer ≥ 1');
  if (!Number.isInteger(patience) || patience < 1)
    throw badInput('supernet.patience', patience, 'must be an integer ≥ 1');
  const { inputShape, numClasses, batchSize } = args;
  const stream = new SampleStream(args.train.count, deriveSeed(args.seed, 0xa66));
  // The input width is only known from the teachers' outputs.
  const probe = tf.tidy(() => {
    const idx = stream.indices(0, 1);
    const { xs, ys } = trainingBatch(stream, args.train, inputShape, numClasses, 0, 1, null, args.seed, 0);
    ys.dispose();
    return tf.concat(trainSource.outputs(xs, idx), 1);
  });
  const inputSize = probe.shape[1];
  probe.dispose();
  const kernel = tf.variable(
    tf.initializers
      .glorotUniform({ seed: deriveSeed(args.seed, 0xa67) })
      .apply([inputSize, numClasses]) as tf.Tensor2D,
    true,
    'supernet_kernel',
  );
  const bias = tf.variable(tf.zeros([numClasses]));
  const apply = (inputs: tf.Tensor2D[]) =>
    tf.tidy(() => tf.add(tf.matMul(tf.concat(inputs, 1), kernel), bias) as tf.Tensor2D);
  const optimizer = tf.train.adam(args.learningRate);
  let best = { loss: Infinity, accuracy: 0, kernel: kernel.clone(), bias: bias.clone() };
  let wait = 0;
  let epochs = 0;
  let position = 0;
  let step = 0;
  for (let epoch = 0; epoch < maxEpochs && wait < patience; epoch++) {
    epochs++;
    for (let s = 0; s < args.stepsPerEpoch; s++, step++, position += batchSize) {
      const idx = stream.indices(position, batchSize);
      const { xs, ys } = trainingBatch(
        stream,
        args.train,
        inputShape,
        numClasses,
        position,
        batchSize,
        args.augment,
        deriveSeed(args.seed, 0xa68),
        step,
      );
      const inputs = tf.tidy(() => trainSource.outputs(xs, idx));
      optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, apply(inputs)) as tf.Scalar, false, [
        kernel,
        bias,
      ]);
      tf.dispose([xs, ys, ...inputs]);
    }
    const val = evaluateAggregator(valSource, apply, args.val, inputShape, numClasses, batchSize);
    if (val.loss < best.loss) {
      tf.dispose([best.kernel, best.bias]);
      best = { ...val, kernel: kernel.clone(), bias: bias.clone() };
      wait = 0;
    } else {
      wait++;
    }
  }
  kernel.assign(best.kernel);
  bias.assign(best.bias);
  tf.dispose([best.kernel, best.bias]);
  optimizer.dispose();
  return {
    apply,
    epochs,
    bestValLoss: best.loss,
    valAccuracy: best.accuracy,
    inputSize,
    dispose: () => tf.dispose([kernel, bias]),
  };
}

function evaluateAggregator(
  source: OutputSource,
  apply: (inputs: tf.Tensor2D[]) => tf.Tensor2D,
  data: LabeledImages,
  shape: ImageShape,
  numClasses: number,
  batchSize: number,
): { loss: number; accuracy: number } {
  const size = shape[0] * shape[1] * shape[2];
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < data.count; i += batchSize) {
    const n = Math.min(batchSize, data.count - i);
    const [l, c] = tf.tidy(() => {
      const xs = imagesToTensor(data.images.subarray(i * size, (i + n) * size), n, shape);
      const logits = apply(
        source.outputs(
          xs,
          Uint32Array.from({ length: n }, (_, k) => i + k),
        ),
      );
      const labels = tf.tensor1d(data.labels.subarray(i, i + n), 'int32');
      const ce = tf.losses.softmaxCrossEntropy(
        tf.oneHot(labels, numClasses),
        logits,
        undefined,
        undefined,
        tf.Reduction.SUM,
      );
      const hits = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32'));
      return [ce.dataSync()[0] as number, hits.dataSync()[0] as number];
    });
    loss += l as number;
    correct += c as number;
  }
  return { loss: loss / data.count, accuracy: correct / data.count };
}
