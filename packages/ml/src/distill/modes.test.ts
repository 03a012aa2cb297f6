import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASET_PRESETS } from '@distillery/domain';
import type { BuiltModel } from '../models/build-model.ts';
import type { EpochMetrics } from '../train/engine.ts';
import { argmaxRows, predict, scorePredictions } from '../train/evaluate.ts';
import type { DistillResult } from './run-distillation.ts';
import {
  distillLossAvg,
  distillMimicAll,
  distillOutputAvg,
  distillSupernet,
  distillSupernet2,
} from './modes.ts';
import type { DistillOptions } from './options.ts';
import { predictHeads, predictStudent } from './student.ts';
import { mnistSubset, type MnistSubset, trainTeachers } from '../testing/mnist-teachers.fixture.ts';

let data: MnistSubset;
let teachers: BuiltModel[];

beforeAll(async () => {
  data = await mnistSubset(320, 128);
  teachers = await trainTeachers('test', 3, data.train, 2);
});

/** Train a fresh student for 12 steps of 32 real MNIST digits; record step losses and tensor counts. */
async function run(fn: (o: DistillOptions) => Promise<DistillResult>, extra: Partial<DistillOptions> = {}) {
  const losses: number[] = [];
  const tensors: number[] = [];
  let previous = 0;
  const result = await fn({
    teachers,
    student: 'test',
    train: data.train,
    val: data.val,
    seed: 3,
    alpha: 0.25,
    epochs: 1,
    stepsPerEpoch: 12,
    batchSize: 32,
    learningRate: 0.005,
    supernet: { maxEpochs: 3 },
    onStep: (m) => {
      // The engine reports running means over the epoch; recover each step's own loss.
      losses.push(m.step * m.loss - (m.step - 1) * previous);
      previous = m.loss;
      tensors.push(tf.memory().numTensors);
    },
    ...extra,
  });
  return { result, losses, tensors };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** The loss of the last three steps is clearly below the first three, and no step leaks tensors. */
function expectLearning({ losses, tensors }: { losses: number[]; tensors: number[] }): void {
  expect(losses).toHaveLength(12);
  expect(mean(losses.slice(-3))).toBeLessThan(0.8 * mean(losses.slice(0, 3)));
  expect(new Set(tensors).size, `tensor counts per step: ${tensors.join(',')}`).toBe(1);
}

function weightSums(models: BuiltModel[]): number[] {
  return models.map((m) =>
    tf.tidy(() =>
      m.model.weights.reduce((a, w) => a + (tf.sum(tf.abs(w.read())).dataSync()[0] as number), 0),
    ),
  );
}

describe('distillation modes train on real MNIST and their loss decreases', () => {
  it('output_avg, with the teachers left untouched (gradients only into the student)', async () => {
    const before = weightSums(teachers);
    const r = await run(distillOutputAvg);
    expectLearning(r);
    expect(weightSums(teachers)).toEqual(before);
    expect(r.result.teacherPassesPerStep).toBe(3);
    expect(r.result.history[0]?.distillationLoss).toBeGreaterThan(0);
    r.result.student.dispose();
  });

  it('LOSS_AVG', async () => {
    const r = await run(distillLossAvg);
    expectLearning(r);
    r.result.student.dispose();
  });

  it('mimic_all: N heads on the shared features; the prediction is the mean of the heads', async () => {
    const r = await run(distillMimicAll);
    expectLearning(r);
    const { student } = r.result;
    expect(student.heads).toBe(3);
    expect(student.trainedModel.outputs).toHaveLength(3);
    expect(student.trainedModel.layers.filter((l) => l.name.startsWith('mimic_')).map((l) => l.name)).toEqual(
      ['mimic_0', 'mimic_1', 'mimic_2'],
    );
    const sample = { images: data.val.images.subarray(0, 16 * 784), count: 16 };
    const fused = predictStudent(student, sample);
    const heads = predictHeads(student, sample);
    expect(heads).toHaveLength(3);
    // The heads disagree (each imitates its own teacher), so the mean is a real combination.
    expect(Array.from(heads[0] as Float32Array)).not.toEqual(Array.from(heads[1] as Float32Array));
    fused.forEach((v, i) =>
      expect(v).toBeCloseTo(
        ((heads[0]![i] as number) + (heads[1]![i] as number) + (heads[2]![i] as number)) / 3,
        5,
      ),
    );
    // Per-teacher figures of the epoch: head i against its own teacher i, recounted here on all of val.
    const c = r.result.history[0]?.valTeachers;
    const allHeads = predictHeads(student, data.val);
    const classes = (p: Float32Array) => Array.from(argmaxRows(p, 10));
    const own = teachers.map((t, i) => {
      const [h, tc] = [classes(allHeads[i]!), classes(predict(t, data.val))];
      return h.filter((k, j) => k === tc[j]).length / data.val.count;
    });
    expect(c?.headAgreement).toEqual(own);
    expect(c?.agreement).toHaveLength(3);
    expect(c?.headAccuracy).toEqual(allHeads.map((h) => scorePredictions(h, data.val.labels, 10).accuracy));
    c?.headKl?.forEach((kl) => expect(kl).toBeGreaterThan(0));
    student.dispose();
  });

  it('supernet: the aggregator on 3 × 10 teacher logits is trained first (≤ maxEpochs), then distilled from', async () => {
    const epochEnds: EpochMetrics[] = [];
    const r = await run(distillSupernet, { onEpochEnd: (m) => void epochEnds.push(m) });
    expectLearning(r);
    // Each teacher's share of the frozen aggregator's logits comes with the epoch's figures.
    const share = epochEnds[0]?.valTeachers?.aggregatorShare ?? [];
    expect(share).toHaveLength(3);
    expect(share.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    share.forEach((x) => expect(x).toBeGreaterThan(0));
    expect(r.result.history[0]?.valTeachers?.headAgreement).toBeUndefined();
    expect(r.result.aggregator?.inputSize).toBe(30);
    expect(r.result.aggregator?.epochs).toBeGreaterThanOrEqual(1);
    expect(r.result.aggregator?.epochs).toBeLessThanOrEqual(3);
    expect(r.result.aggregator?.valAccuracy).toBeGreaterThan(0.3);
    r.result.student.dispose();
  });

  it('supernet2: the aggregator reads the concatenated pooled features', async () => {
    const r = await run(distillSupernet2);
    expectLearning(r);
    expect(r.result.aggregator?.inputSize).toBe(3 * (teachers[0] as BuiltModel).featureSize);
    r.result.student.dispose();
  });

  it('α = 1 trains on labels only: no teacher passes, no distillation loss', async () => {
    const r = await run(distillOutputAvg, { alpha: 1 });
    expectLearning(r);
    expect(r.result.kd.alpha).toBe(1);
    expect(r.result.teacherPassesPerStep).toBe(0);
    expect(r.result.history[0]?.distillationLoss).toBe(0);
    const val = scorePredictions(predictStudent(r.result.student, data.val), data.val.labels, 10);
    expect(val.accuracy).toBeCloseTo(r.result.history[0]?.valAccuracy as number, 12);
    // Agreement with the teachers' ensemble (mean of their softmax), counted here sample by sample.
    // Pixels go in as 0–255 (the models rescale).
    const xs = tf.tensor4d(Float32Array.from(data.val.images), [data.val.count, 28, 28, 1]);
    const ensemble = Array.from(
      tf.tidy(() => tf.addN(teachers.map((t) => t.model.predict(xs) as tf.Tensor2D)).argMax(1)).dataSync(),
    );
    const probs = predictStudent(r.result.student, data.val);
    const student = Array.from(tf.tidy(() => tf.tensor2d(probs, [data.val.count, 10]).argMax(1)).dataSync());
    xs.dispose();
    const same = student.filter((c, i) => c === ensemble[i]).length / data.val.count;
    expect(r.result.history[0]?.valAgreement).toBeCloseTo(same, 12);
    expect(same).toBeGreaterThan(0.1);
    r.result.student.dispose();
  });
});

describe('teacher-output cache and temperature', () => {
  it('cached teacher outputs (augmentation off) give the same training as live passes, with no teacher pass per step', async () => {
    const live = await run(distillLossAvg);
    const cached = await run(distillLossAvg, { cacheTeacherOutputs: true });
    expect(cached.result.teacherPassesPerStep).toBe(0);
    cached.losses.forEach((l, i) => expect(l).toBeCloseTo(live.losses[i] as number, 4));
    live.result.student.dispose();
    cached.result.student.dispose();
  });

  it('hinton mode trains with softened targets (T = 4, T² scaling)', async () => {
    const r = await run(distillOutputAvg, { temperatureMode: 'HINTON', temperature: 4 });
    expectLearning(r);
    expect(r.result.kd).toEqual({ alpha: 0.25, temperatureMode: 'HINTON', temperature: 4 });
    r.result.student.dispose();
  });
});

describe('augmentation and early stopping', () => {
  it('trains with augmentation on (teachers and student see the same augmented batch)', async () => {
    const augment = {
      jitter: DATASET_PRESETS.mnist?.jitter ?? null,
      randAugmentN: 2,
      randAugmentM: 5,
    };
    const r = await run(distillLossAvg, { augment });
    expectLearning(r);
    r.result.student.dispose();
  });

  it('restores the epoch with the best validation student loss', async () => {
    const r = await run(distillOutputAvg, { epochs: 3, stepsPerEpoch: 4, patience: 1 });
    const { history, bestEpoch, student } = r.result;
    const losses = history.map((h) => h.valLoss as number);
    expect(bestEpoch).toBe(losses.indexOf(Math.min(...losses)) + 1);
    const now = scorePredictions(predictStudent(student, data.val), data.val.labels, 10);
    expect(now.loss).toBeCloseTo(Math.min(...losses), 5);
    student.dispose();
  });
});
