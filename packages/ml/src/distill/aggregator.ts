/**
 * The supernet aggregator (ZuchniakK/MTKD `supernet_layer`): one Dense(C) + softmax on the
 * concatenated frozen teacher outputs (N·C logits for `supernet`, N·F pooled features for
 * `supernet2`), trained first on the labels with CE — Adam at the student's learning rate, at most 50
 * epochs, early stopping on validation loss with patience 5 and the best weights restored — and then
 * used as the single teacher of the student. It sees the same (augmented) batches as the student
 * would, as the original fits it with the same generator. Its weights go into every student
 * checkpoint, so a resumed student does not retrain it.
 */
import * as tf from '@tensorflow/tfjs';
import { badInput } from '@distillery/errors';
import type { AugmentConfig } from '../augment/augment-batch.ts';
import type { ImageShape, LabeledImages } from '../data/types.ts';
import { deriveSeed } from '@distillery/domain';
import { Adam } from '../train/adam.ts';
import { storeTensors, type StoredTensor } from '../train/checkpoint.ts';
import { imagesToTensor, SampleStream, trainingPixels } from '../train/sample-stream.ts';
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
  signal?: AbortSignal;
}

/** A trained aggregator. */
export interface Aggregator {
  /** Logits of the aggregator for the teachers' outputs (concatenated along features). */
  apply(inputs: tf.Tensor2D[]): tf.Tensor2D;
  epochs: number;
  bestValLoss: number;
  valAccuracy: number;
  inputSize: number;
  /** kernel [inputSize, C], bias [C] and [epochs, bestValLoss, valAccuracy], for checkpoints and executors. */
  weights(): StoredTensor[];
  dispose(): void;
}

/** Build an aggregator from {@link Aggregator.weights} (a resumed student's checkpoint). */
export function restoreAggregator(stored: StoredTensor[]): Aggregator {
  const [k, b, info] = stored;
  if (!k || !b || k.shape.length !== 2 || b.shape[0] !== k.shape[1])
    throw badInput('checkpoint', stored.length, 'the supernet aggregator weights are malformed');
  return makeAggregator(
    tf.variable(tf.tensor(k.values, k.shape, 'float32')),
    tf.variable(tf.tensor(b.values, b.shape, 'float32')),
    {
      epochs: info?.values[0] ?? 0,
      bestValLoss: info?.values[1] ?? Number.NaN,
      valAccuracy: info?.values[2] ?? Number.NaN,
    },
  );
}

function makeAggregator(
  kernel: tf.Variable,
  bias: tf.Variable,
  info: Pick<Aggregator, 'epochs' | 'bestValLoss' | 'valAccuracy'>,
): Aggregator {
  return {
    ...info,
    apply: (inputs) => tf.tidy(() => tf.add(tf.matMul(tf.concat(inputs, 1), kernel), bias) as tf.Tensor2D),
    inputSize: kernel.shape[0] as number,
    weights() {
      return [
        ...storeTensors([
          { name: 'supernet/kernel', tensor: kernel },
          { name: 'supernet/bias', tensor: bias },
        ]),
        {
          name: 'supernet/info',
          shape: [3],
          dtype: 'float32',
          values: Float32Array.of(this.epochs, this.bestValLoss, this.valAccuracy),
        },
      ];
    },
    dispose: () => tf.dispose([kernel, bias]),
  };
}

/** Train the aggregator on `train` (teacher outputs from `trainSource`), early-stopped on `val` (`valSource`). */
export async function trainAggregator(
  trainSource: OutputSource,
  valSource: OutputSource,
  args: AggregatorArgs,
): Promise<Aggregator> {
  const maxEpochs = args.maxEpochs ?? 50;
  const patience = args.patience ?? 5;
  if (!Number.isInteger(maxEpochs) || maxEpochs < 1)
    throw badInput('supernet.maxEpochs', maxEpochs, 'must be an integer ≥ 1');
  if (!Number.isInteger(patience) || patience < 1)
    throw badInput('supernet.patience', patience, 'must be an integer ≥ 1');
  const { inputShape, numClasses, batchSize } = args;
  const stream = new SampleStream(args.train.count, deriveSeed(args.seed, 0xa66));
  // The input width is only known from the teachers' outputs.
  const probe = trainingPixels(stream, args.train, inputShape, 0, 1, null, args.seed, 0);
  const probeOut = tf.tidy(() =>
    tf.concat(trainSource.outputs(imagesToTensor(probe.images, 1, inputShape), probe.indices), 1),
  );
  const inputSize = probeOut.shape[1] as number;
  probeOut.dispose();
  const kernel = tf.variable(
    tf.initializers
      .glorotUniform({ seed: deriveSeed(args.seed, 0xa67) })
      .apply([inputSize, numClasses]) as tf.Tensor2D,
    true,
  );
  const bias = tf.variable(tf.zeros([numClasses]));
  const agg = makeAggregator(kernel, bias, { epochs: 0, bestValLoss: Infinity, valAccuracy: 0 });
  const optimizer = new Adam([kernel, bias], args.learningRate);
  let best = { loss: Infinity, accuracy: 0, kernel: kernel.clone(), bias: bias.clone() };
  let wait = 0;
  let epochs = 0;
  let position = 0;
  let step = 0;
  try {
    for (let epoch = 0; epoch < maxEpochs && wait < patience; epoch++) {
      epochs++;
      for (let s = 0; s < args.stepsPerEpoch; s++, step++, position += batchSize) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        args.signal?.throwIfAborted();
        const b = trainingPixels(
          stream,
          args.train,
          inputShape,
          position,
          batchSize,
          args.augment,
          deriveSeed(args.seed, 0xa68),
          step,
        );
        const oneHot = new Float32Array(batchSize * numClasses);
        b.labels.forEach((l, i) => (oneHot[i * numClasses + l] = 1));
        const ys = tf.tensor2d(oneHot, [batchSize, numClasses]);
        const inputs = tf.tidy(() =>
          trainSource.outputs(imagesToTensor(b.images, batchSize, inputShape), b.indices),
        );
        const loss = optimizer.minimize(
          () => tf.losses.softmaxCrossEntropy(ys, agg.apply(inputs)) as tf.Scalar,
        );
        tf.dispose([ys, loss, ...inputs]);
      }
      const val = evaluateAggregator(valSource, agg.apply, args.val, inputShape, numClasses, batchSize);
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
  } catch (e) {
    agg.dispose();
    throw e;
  } finally {
    tf.dispose([best.kernel, best.bias]);
    optimizer.dispose();
  }
  agg.epochs = epochs;
  agg.bestValLoss = best.loss;
  agg.valAccuracy = best.accuracy;
  return agg;
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
