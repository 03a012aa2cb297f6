import { AppErrorCode } from '@distillery/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/select-backend.ts';
import { DATASET_PRESETS } from '@distillery/domain';
import { loadMnist } from '../data/mnist.ts';
import { selectSamples, type LabeledImages } from '../data/types.ts';
import { buildModel } from '../models/build-model.ts';
import { stopAfterFirstEpoch } from '../testing/mnist-teachers.fixture.ts';
import { decodeCheckpoint } from './checkpoint.ts';
import { evaluate } from './evaluate.ts';
import { trainModel, type TrainOptions } from './train-model.ts';

const mnist = loadMnist({ verify: false });
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
const train = selectSamples(mnist.train, range(0, 256), [28, 28, 1]);
const val = selectSamples(mnist.train, range(256, 384), [28, 28, 1]);
const test = selectSamples(mnist.test, range(0, 100), [28, 28, 1]);
const build = () => buildModel('test', { inputShape: [28, 28, 1], numClasses: 10, seed: 5 });
const weightsOf = (b: ReturnType<typeof build>) => b.model.getWeights().map((w) => Array.from(w.dataSync()));
const base: TrainOptions = {
  train,
  val,
  seed: 17,
  epochs: 3,
  batchSize: 32,
  learningRate: 0.003,
  patience: 0,
  augment: { jitter: DATASET_PRESETS.mnist!.jitter, randAugmentN: 2, randAugmentM: 7 },
};

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('trainModel', () => {
  it('resumes from an epoch checkpoint to exactly the uninterrupted result', async () => {
    const a = build();
    const full = await trainModel(a, base);
    expect(full.history).toHaveLength(3);
    expect(full.history[2]!.loss).toBeLessThan(full.history[0]!.loss);

    const b = build();
    const first = stopAfterFirstEpoch();
    const partial = await trainModel(b, { ...base, ...first.options });
    const saved = first.checkpoint();
    expect(partial.status).toBe('aborted');
    expect(decodeCheckpoint<{ epoch: number }>(saved).meta.epoch).toBe(1);

    const c = build();
    const resumed = await trainModel(c, { ...base, resumeFrom: saved });
    expect(resumed.history.map((h) => [h.loss, h.valLoss])).toEqual(
      full.history.map((h) => [h.loss, h.valLoss]),
    );
    expect(weightsOf(c)).toEqual(weightsOf(a));
  });

  it('stops early on val_loss and restores the best weights', async () => {
    // Validation labels shifted by one class: fitting the training data makes val_loss rise.
    const wrongVal: LabeledImages = { ...val, labels: val.labels.map((l) => (l + 1) % 10) };
    const m = build();
    const r = await trainModel(m, { ...base, val: wrongVal, epochs: 20, patience: 2, augment: null });
    expect(r.status).toBe('early_stopped');
    expect(r.history.length).toBeLessThan(20);
    expect(r.history.length).toBe(r.bestEpoch + 2);
    expect(evaluate(m, wrongVal).loss).toBeCloseTo(r.history[r.bestEpoch - 1]!.valLoss!, 5);
  });

  it('ends with the weights its restore-best policy names (ON_EARLY_STOP = the Keras of the original)', async () => {
    const wrongVal: LabeledImages = { ...val, labels: val.labels.map((l) => (l + 1) % 10) };
    const o = { ...base, val: wrongVal, augment: null };
    const argmin = (xs: number[]) => xs.indexOf(Math.min(...xs));
    // Run to the end without an early stop: ON_EARLY_STOP keeps the last epoch, ALWAYS the best one.
    const last = build();
    const a = await trainModel(last, { ...o, epochs: 4, patience: 10, restoreBest: 'ON_EARLY_STOP' });
    const losses = a.history.map((h) => h.valLoss!);
    expect(a.status).toBe('completed');
    expect(argmin(losses)).toBeLessThan(3); // the best epoch is not the last, or the test proves nothing
    expect(a.bestEpoch).toBe(4);
    expect(evaluate(last, wrongVal).loss).toBeCloseTo(losses[3]!, 5);
    const best = build();
    const b = await trainModel(best, { ...o, epochs: 4, patience: 10, restoreBest: 'ALWAYS' });
    expect(b.bestEpoch).toBe(argmin(losses) + 1);
    expect(evaluate(best, wrongVal).loss).toBeCloseTo(Math.min(...losses), 5);
    // Stopped early: ON_EARLY_STOP restores the best epoch, NEVER keeps the last.
    const stopped = build();
    const c = await trainModel(stopped, { ...o, epochs: 20, patience: 2, restoreBest: 'ON_EARLY_STOP' });
    expect(c.status).toBe('early_stopped');
    expect(evaluate(stopped, wrongVal).loss).toBeCloseTo(c.history[c.bestEpoch - 1]!.valLoss!, 5);
    const never = build();
    const d = await trainModel(never, { ...o, epochs: 20, patience: 2, restoreBest: 'NEVER' });
    expect(d.status).toBe('early_stopped');
    expect(d.bestEpoch).toBe(d.history.length);
    expect(evaluate(never, wrongVal).loss).toBeCloseTo(d.history.at(-1)!.valLoss!, 5);
    await expect(trainModel(build(), { ...o, restoreBest: 'SOMETIMES' as never })).rejects.toMatchObject({
      field: 'restoreBest',
    });
  });

  it('streams step metrics and stops a diverging run with TRAINING_DIVERGED', async () => {
    const steps: number[] = [];
    await trainModel(build(), { ...base, epochs: 1, stepEvery: 2, onStep: (s) => void steps.push(s.step) });
    expect(steps).toEqual([2, 4, 6, 8]);
    await expect(trainModel(build(), { ...base, learningRate: 1e35, augment: null })).rejects.toMatchObject({
      code: AppErrorCode.TRAINING_DIVERGED,
      field: 'loss',
    });
  });

  it('takes one snapshot per cosine cycle and one FGE checkpoint per low point, each with predictions', async () => {
    const snap = await trainModel(build(), {
      ...base,
      epochs: 4,
      augment: null,
      schedule: { kind: 'snapshot', cycleEpochs: 2 },
      snapshotPredict: { val, test },
    });
    expect(snap.snapshots.map((s) => s.epoch)).toEqual([2, 4]);
    expect(snap.snapshots[0]!.predictions.test).toHaveLength(100 * 10);
    expect(snap.snapshots[0]!.predictions.val).toHaveLength(128 * 10);
    expect(snap.snapshots[0]!.learningRate).toBeLessThan(0.003 * 0.02); // the last step of a cycle, near the floor
    const fge = await trainModel(build(), {
      ...base,
      epochs: 4,
      augment: null,
      schedule: { kind: 'fge', startEpoch: 1, cycleEpochs: 1, lrHigh: 0.003, lrLow: 0.0003 },
      snapshotPredict: { test },
    });
    expect(fge.snapshots).toHaveLength(3);
    expect(fge.snapshots.map((s) => s.learningRate)).toEqual(
      [0.0003, 0.0003, 0.0003].map((x) => expect.closeTo(x, 10)),
    );
    expect(fge.snapshots[0]!.predictions.test).not.toEqual(fge.snapshots[2]!.predictions.test);
  });

  it('rejects mismatched data and bad hyperparameters naming the field', async () => {
    const m = build();
    await expect(trainModel(m, { ...base, batchSize: 0 })).rejects.toMatchObject({
      field: 'batchSize',
      value: 0,
    });
    const bad: LabeledImages = { ...train, labels: train.labels.map(() => 12) };
    await expect(trainModel(m, { ...base, train: bad })).rejects.toMatchObject({
      field: 'train.labels[0]',
      value: 12,
    });
    const shape = buildModel('test', { inputShape: [32, 32, 3], numClasses: 10, seed: 1 });
    await expect(trainModel(shape, base)).rejects.toMatchObject({ field: 'train.images' });
  });
});
