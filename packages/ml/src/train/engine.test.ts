import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASET_PRESETS } from '@distillery/domain';
import type { BuiltModel } from '../models/build-model.ts';
import { runDistillation } from '../distill/run-distillation.ts';
import type { DistillOptions } from '../distill/options.ts';
import { buildStudent } from '../distill/student.ts';
import {
  mnistSubset,
  type MnistSubset,
  stopAfterFirstEpoch,
  trainTeachers,
} from '../testing/mnist-teachers.fixture.ts';
import { decodeCheckpoint, loadModelWeights, storeModelWeights } from './checkpoint.ts';
import { gatherBatch, imagesToTensor } from './sample-stream.ts';
import type { StepExecutor, StepExecutorFactory, TrainBatch } from './step-executor.ts';
import { TfjsExecutor } from './tfjs-executor.ts';
import { modelSpecOf } from './train-net.ts';

let data: MnistSubset;
let teachers: BuiltModel[];
const augment = { jitter: DATASET_PRESETS.mnist!.jitter, randAugmentN: 2, randAugmentM: 7 };

beforeAll(async () => {
  data = await mnistSubset(256, 64);
  teachers = await trainTeachers('test', 3, data.train, 1, 40);
});

const base = (extra: Partial<DistillOptions> = {}): DistillOptions => ({
  teachers,
  student: 'test',
  train: data.train,
  val: data.val,
  seed: 11,
  alpha: 0.25,
  epochs: 3,
  stepsPerEpoch: 4,
  batchSize: 32,
  learningRate: 0.004,
  patience: 0,
  augment,
  supernet: { maxEpochs: 2 },
  ...extra,
});

const weightsOf = (m: tf.LayersModel) => storeModelWeights(m).map((w) => Array.from(w.values));

/**
 * An executor built only from the data-only spec, as the native engine would be: its own copy of
 * the network (tfjs here), teachers left to the engine. It records every batch it trains on.
 */
function foreignFactory(seen: TrainBatch[]): StepExecutorFactory {
  return {
    name: 'foreign',
    create(spec) {
      const { architectureKey, inputShape, numClasses, seed, heads } = spec.model;
      const copy = buildStudent(architectureKey, inputShape, numClasses, seed + 1, heads);
      loadModelWeights(copy.trainedModel, spec.weights);
      const inner = new TfjsExecutor(copy, spec.loss);
      const exec: StepExecutor = {
        name: 'foreign-tfjs',
        runsTeachers: false,
        step: (batch, lr) => {
          seen.push(batch);
          return inner.step(batch, lr);
        },
        predict: (images, count) => inner.predict(images, count),
        exportWeights: () => inner.exportWeights(),
        importWeights: (w) => inner.importWeights(w),
        exportOptimizer: () => inner.exportOptimizer(),
        importOptimizer: (s) => inner.importOptimizer(s),
        dispose: () => {
          inner.dispose();
          copy.dispose();
        },
      };
      return exec;
    },
  };
}

describe('the training engine with distillation', () => {
  it('a student resumes from an epoch checkpoint bit-identically (mimic_all, and supernet with its aggregator)', async () => {
    for (const mode of ['MIMIC_ALL', 'SUPERNET'] as const) {
      const full = await runDistillation(mode, base());
      const first = stopAfterFirstEpoch();
      const partial = await runDistillation(mode, base(first.options));
      const saved = first.checkpoint();
      expect(partial.status).toBe('aborted');
      const cp = decodeCheckpoint<{ epoch: number; heads: number }>(saved);
      expect(cp.meta).toMatchObject({ epoch: 1, heads: mode === 'MIMIC_ALL' ? 3 : 1 });
      expect(Object.keys(cp.groups).sort()).toEqual(
        mode === 'SUPERNET' ? ['aggregator', 'best', 'model', 'optimizer'] : ['best', 'model', 'optimizer'],
      );
      const resumed = await runDistillation(mode, base({ resumeFrom: saved }));
      expect(resumed.history.map((h) => [h.loss, h.distillationLoss, h.valLoss])).toEqual(
        full.history.map((h) => [h.loss, h.distillationLoss, h.valLoss]),
      );
      expect(weightsOf(resumed.student.trainedModel)).toEqual(weightsOf(full.student.trainedModel));
      [full, partial, resumed].forEach((r) => r.student.dispose());
    }
  });

  it('checks the abort signal before every step, not only at epoch ends', async () => {
    const stop = new AbortController();
    const steps: number[] = [];
    const r = await runDistillation(
      'OUTPUT_AVG',
      base({
        signal: stop.signal,
        onStep: (m) => {
          steps.push(m.globalStep);
          if (m.globalStep === 6) stop.abort();
        },
      }),
    );
    expect(r.status).toBe('aborted');
    expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.history).toHaveLength(1);
    r.student.dispose();
  });

  it('teachers and student see the same augmented batch, which differs from the raw pixels', async () => {
    const seen: TrainBatch[] = [];
    const r = await runDistillation('LOSS_AVG', base({ epochs: 1, executors: [foreignFactory(seen)] }));
    expect(r.executor).toBe('foreign-tfjs');
    expect(seen).toHaveLength(4);
    for (const batch of seen) {
      const raw = gatherBatch(data.train, batch.indices, [28, 28, 1]);
      expect(Array.from(batch.labels)).toEqual(Array.from(raw.labels));
      expect(Buffer.from(batch.images).equals(Buffer.from(raw.images))).toBe(false);
      // The engine computed each teacher's logits on exactly the pixels the student step received.
      expect(batch.teacherLogits).toHaveLength(3);
      teachers.forEach((t, k) => {
        const z = tf.tidy(
          () => t.logitsModel.apply(imagesToTensor(batch.images, batch.count, [28, 28, 1])) as tf.Tensor,
        );
        expect(Array.from(batch.teacherLogits![k]!)).toEqual(Array.from(z.dataSync()));
        z.dispose();
      });
    }
    r.student.dispose();
  });

  it('an executor built from the data-only spec trains exactly as tfjs, and its weights come back to the host', async () => {
    for (const mode of ['OUTPUT_AVG', 'MIMIC_ALL'] as const) {
      const direct = await runDistillation(mode, base({ epochs: 2 }));
      const seen: TrainBatch[] = [];
      const foreign = await runDistillation(mode, base({ epochs: 2, executors: [foreignFactory(seen)] }));
      expect(foreign.executor).toBe('foreign-tfjs');
      expect(direct.executor).toBe(`tfjs-${tf.getBackend()}`);
      expect(foreign.history.map((h) => [h.loss, h.valLoss])).toEqual(
        direct.history.map((h) => [h.loss, h.valLoss]),
      );
      expect(weightsOf(foreign.student.trainedModel)).toEqual(weightsOf(direct.student.trainedModel));
      expect(modelSpecOf(foreign.student).heads).toBe(mode === 'MIMIC_ALL' ? 3 : 1);
      direct.student.dispose();
      foreign.student.dispose();
    }
  });

  it('a declining factory leaves the run to tfjs', async () => {
    const r = await runDistillation(
      'OUTPUT_AVG',
      base({ epochs: 1, executors: [{ name: 'never', create: () => null }] }),
    );
    expect(r.executor).toBe(`tfjs-${tf.getBackend()}`);
    r.student.dispose();
  });
});
