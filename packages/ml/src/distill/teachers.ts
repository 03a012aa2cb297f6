/**
 * Frozen teacher outputs for a training batch. Teachers run in inference mode (`training: false`) on
 * the very batch the student sees (augmented or not), outside the student's loss closure, so no
 * gradient ever reaches them.
 *
 * Caching (`cacheTeacherOutputs`, augmentation off only): every source's outputs are computed once
 * for the whole training set and each step gathers its rows. Trade-off: one up-front inference pass
 * per teacher over the training set and N·S·D floats of memory (D = classes for logits; 5 teachers ×
 * 60,000 MNIST samples × 10 classes = 12 MB), against N teacher forward passes saved per step (the
 * teachers are as large as the student in the original, so a step falls from ≈ (3 + N) to ≈ 3 forward
 * costs). With augmentation on it is refused: cached outputs of un-augmented images would no longer
 * be the teachers' view of the batch the student trains on.
 */
import * as tf from '@tensorflow/tfjs';
import { badInput } from '@distillery/errors';
import { imageSize, type ImageShape, type LabeledImages } from '../data/types.ts';
import type { BuiltModel } from '../models/build-model.ts';
import { storeModelWeights, type StoredTensor } from '../train/checkpoint.ts';
import { argmaxRows, predict } from '../train/evaluate.ts';
import { imagesToTensor } from '../train/sample-stream.ts';
import type { FrozenTeachersSpec } from '../train/step-executor.ts';

/** Which output of a teacher is read: logits (classifier) or pooled features (supernet2). */
export type TeacherView = 'logits' | 'features';

/** Produces one [B, D] tensor per output for a batch; `indices` are the batch's training-set rows. */
export interface OutputSource {
  outputs(xs: tf.Tensor4D, indices: Uint32Array): tf.Tensor2D[];
  dispose(): void;
}

/** Live forward passes of frozen teachers. */
export function liveTeachers(teachers: readonly BuiltModel[], view: TeacherView): OutputSource {
  return {
    outputs: (xs) =>
      teachers.map((t) => {
        const model = view === 'logits' ? t.logitsModel : t.featureModel;
        return tf.tidy(() => {
          const y = model.apply(xs, { training: false }) as tf.Tensor;
          return (y.rank === 2 ? y : y.reshape([y.shape[0] as number, -1])) as tf.Tensor2D;
        });
      }),
    dispose: () => undefined,
  };
}

/** Every output of a source on a whole (un-augmented) split: one samples × D table per output. */
export function outputTables(
  source: OutputSource,
  data: Pick<LabeledImages, 'images' | 'count'>,
  shape: ImageShape,
  batchSize = 256,
): { tables: Float32Array[]; widths: number[] } {
  const size = imageSize(shape);
  let tables: Float32Array[] = [];
  let widths: number[] = [];
  for (let i = 0; i < data.count; i += batchSize) {
    const n = Math.min(batchSize, data.count - i);
    const indices = Uint32Array.from({ length: n }, (_, k) => i + k);
    const outs = tf.tidy(() =>
      source.outputs(imagesToTensor(data.images.subarray(i * size, (i + n) * size), n, shape), indices),
    );
    if (i === 0) {
      widths = outs.map((o) => o.shape[1]);
      tables = widths.map((w) => new Float32Array(data.count * w));
    }
    outs.forEach((o, k) =>
      (tables[k] as Float32Array).set(o.dataSync() as Float32Array, i * (widths[k] as number)),
    );
    tf.dispose(outs);
  }
  return { tables, widths };
}

/** Precompute a source on the whole (un-augmented) training set and serve batches from memory. */
export function cacheOutputs(
  source: OutputSource,
  data: LabeledImages,
  shape: ImageShape,
  batchSize = 256,
): OutputSource {
  const computed = outputTables(source, data, shape, batchSize);
  let tables = computed.tables;
  const widths = computed.widths;
  return {
    outputs: (_xs, indices) =>
      tables.map((table, k) => {
        const w = widths[k] as number;
        const rows = new Float32Array(indices.length * w);
        indices.forEach((r, j) => rows.set(table.subarray(r * w, (r + 1) * w), j * w));
        return tf.tensor2d(rows, [indices.length, w]);
      }),
    dispose: () => {
      tables = [];
    },
  };
}

/** Check that teachers agree with each other and with the data (classes, input shape). */
export function checkTeachers(
  teachers: readonly BuiltModel[],
  minimum: number,
  mode: string,
): { inputShape: ImageShape; numClasses: number } {
  if (teachers.length < minimum) {
    throw badInput(
      'teachers',
      teachers.length,
      `${mode} needs at least ${minimum} teacher${minimum === 1 ? '' : 's'} (got ${teachers.length})`,
    );
  }
  const first = teachers[0] as BuiltModel;
  teachers.forEach((t, i) => {
    if (t.options.numClasses !== first.options.numClasses) {
      throw badInput(
        `teachers[${i}]`,
        t.options.numClasses,
        `predicts ${t.options.numClasses} classes, teachers[0] predicts ${first.options.numClasses}`,
      );
    }
    if (t.options.inputShape.join('×') !== first.options.inputShape.join('×')) {
      throw badInput(
        `teachers[${i}]`,
        t.options.inputShape,
        `takes ${t.options.inputShape.join('×')} inputs, teachers[0] takes ${first.options.inputShape.join('×')}`,
      );
    }
  });
  return { inputShape: first.options.inputShape, numClasses: first.options.numClasses };
}

/** The frozen teachers (and supernet aggregator) as data, for an executor that runs them itself. */
export function frozenTeachers(
  teachers: readonly BuiltModel[],
  view: TeacherView,
  aggregator?: StoredTensor[],
): FrozenTeachersSpec {
  const [kernel, bias] = aggregator ?? [];
  return {
    models: teachers.map((t) => ({
      model: { architectureKey: t.key, ...t.options, inputShape: [...t.options.inputShape], heads: 1 },
      weights: storeModelWeights(t.model),
    })),
    view,
    ...(kernel && bias ? { aggregator: { kernel, bias } } : {}),
  };
}

/** Each teacher's softmax on a split, in member order (samples × classes each). */
export function teacherPredictions(
  teachers: readonly BuiltModel[],
  data: Pick<LabeledImages, 'images' | 'count'>,
): Float32Array[] {
  return teachers.map((t) => predict(t, data));
}

/**
 * The class the teachers' ensemble (the mean of their softmax outputs, the `mean` fusion rule)
 * predicts for every sample, from {@link teacherPredictions}: what teacher–student agreement is
 * measured against.
 */
export function ensembleClasses(predictions: readonly Float32Array[], numClasses: number): Int32Array {
  const first = predictions[0];
  if (!first) throw badInput('teachers', 0, 'needs at least one teacher');
  const sum = new Float32Array(first.length);
  for (const p of predictions) p.forEach((v, i) => (sum[i]! += v));
  return argmaxRows(sum, numClasses);
}
