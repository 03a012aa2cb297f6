import * as tf from '@tensorflow/tfjs';
import { AppError, AppErrorCode, badInput } from '@distillery/errors';
import { validateAugment, type AugmentConfig } from '../augment/augment-batch.ts';
import type { LabeledImages } from '../data/types.ts';
import type { BuiltModel } from '../models/build-model.ts';
import { Adam } from './adam.ts';
import {
  decodeCheckpoint,
  encodeCheckpoint,
  loadModelWeights,
  storeModelWeights,
  type StoredTensor,
} from './checkpoint.ts';
import { checkData, predictSplits, scorePredictions, predict } from './evaluate.ts';
import { checkpointSteps, learningRateAt, validateSchedule, type LrSchedule } from './schedules.ts';
import { countHits, SampleStream, trainingBatch } from './sample-stream.ts';

/** Metrics of one finished epoch (Keras CSVLogger columns plus timing). */
export interface EpochMetrics {
  epoch: number;
  /** Optimizer steps in this epoch. */
  steps: number;
  loss: number;
  accuracy: number;
  valLoss?: number;
  valAccuracy?: number;
  learningRate: number;
  seconds: number;
  samplesPerSec: number;
}

/** Running metrics every `stepEvery` steps. */
export interface StepMetrics {
  epoch: number;
  step: number;
  globalStep: number;
  loss: number;
  accuracy: number;
  learningRate: number;
}

/** A snapshot/FGE checkpoint taken during the run, with its predictions on the requested splits. */
export interface SnapshotCheckpoint {
  index: number;
  epoch: number;
  globalStep: number;
  learningRate: number;
  /** Model weights only (`encodeCheckpoint` format), loadable with `loadWeightsFromBytes`. */
  weights: Uint8Array;
  predictions: { val?: Float32Array; test?: Float32Array };
}

/** Options of `trainModel`; unset hyperparameters come from the architecture's training parameters. */
export interface TrainOptions {
  train: LabeledImages;
  val?: LabeledImages;
  seed: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** Early-stopping patience on val_loss (needs `val`); 0 turns it off. */
  patience?: number;
  restoreBest?: boolean;
  schedule?: LrSchedule;
  /** Default floor(train.count / batchSize); the original used the FULL train size even for subsets. */
  stepsPerEpoch?: number;
  augment?: AugmentConfig | null;
  stepEvery?: number;
  onStep?: (m: StepMetrics) => void | Promise<void>;
  onEpochEnd?: (m: EpochMetrics) => void | Promise<void>;
  /** Called after every epoch with a checkpoint that `resumeFrom` continues exactly. */
  onCheckpoint?: (bytes: Uint8Array, epoch: number) => void | Promise<void>;
  resumeFrom?: Uint8Array;
  /** Splits to predict at each snapshot/FGE checkpoint. */
  snapshotPredict?: { val?: LabeledImages; test?: LabeledImages };
  onSnapshot?: (s: SnapshotCheckpoint) => void | Promise<void>;
  signal?: AbortSignal;
}

/** Outcome of `trainModel`. */
export interface TrainResult {
  history: EpochMetrics[];
  status: 'completed' | 'early_stopped' | 'aborted';
  /** Epoch (1-based) whose weights the model holds at the end (restore-best), else the last one. */
  bestEpoch: number;
  bestValLoss: number | null;
  snapshots: SnapshotCheckpoint[];
}

/** Loop state stored in checkpoints. */
interface LoopState {
  key: string;
  seed: number;
  epoch: number;
  position: number;
  globalStep: number;
  bestValLoss: number | null;
  bestEpoch: number;
  wait: number;
  history: EpochMetrics[];
  snapshotCount: number;
}

function positiveInt(field: string, v: number): number {
  if (!Number.isInteger(v) || v <= 0) throw badInput(field, v, 'must be a positive integer');
  return v;
}

/** Load weights written by a snapshot (or any checkpoint) into a model of the same architecture. */
export function loadWeightsFromBytes(built: BuiltModel, bytes: Uint8Array): void {
  const cp = decodeCheckpoint(bytes);
  const w = cp.groups.model;
  if (!w)
    throw new AppError(AppErrorCode.DATA_CORRUPT, 'checkpoint has no model weights', { field: 'checkpoint' });
  loadModelWeights(built.model, w);
}

/** Model weights as checkpoint bytes (for snapshots and final artifacts). */
export function weightsToBytes(built: BuiltModel): Uint8Array {
  return encodeCheckpoint({
    meta: { key: built.key, options: built.options },
    groups: { model: storeModelWeights(built.model) },
  });
}

/**
 * Train with Adam + softmax cross-entropy on a seeded sample stream (mtkd-method.md §2.2), with
 * early stopping on val_loss (restore best), per-epoch checkpoints that resume to the same result,
 * LR schedules, and snapshot/FGE checkpoints. A NaN/Infinity loss stops the run with TRAINING_DIVERGED.
 */
export async function trainModel(built: BuiltModel, o: TrainOptions): Promise<TrainResult> {
  const tp = built.trainingParams;
  const epochs = positiveInt('epochs', o.epochs ?? tp.epochs);
  const batchSize = positiveInt('batchSize', o.batchSize ?? tp.batchSize);
  const baseLr = o.learningRate ?? tp.learningRate;
  if (!(baseLr > 0 && Number.isFinite(baseLr)))
    throw badInput('learningRate', baseLr, 'must be a positive number');
  const patience = o.patience ?? tp.patience;
  if (!Number.isInteger(patience) || patience < 0)
    throw badInput('patience', patience, 'must be an integer ≥ 0');
  const schedule = o.schedule ?? { kind: 'constant' };
  validateSchedule(schedule, epochs);
  checkData(built, o.train, 'train');
  if (o.train.count === 0) throw badInput('train.count', 0, 'the training set is empty');
  if (o.val) checkData(built, o.val, 'val');
  if (o.augment) validateAugment(o.augment);
  const stepsPerEpoch = positiveInt(
    'stepsPerEpoch',
    o.stepsPerEpoch ?? Math.max(1, Math.floor(o.train.count / batchSize)),
  );
  const useEarlyStopping = patience > 0 && o.val !== undefined;
  const restoreBest = (o.restoreBest ?? true) && o.val !== undefined;
  const snapSteps = new Set(checkpointSteps(schedule, epochs, stepsPerEpoch));

  const opt = new Adam(
    built.logitsModel.trainableWeights.map((w) => w.read() as tf.Variable),
    baseLr,
  );
  let st: LoopState = {
    key: built.key,
    seed: o.seed,
    epoch: 0,
    position: 0,
    globalStep: 0,
    bestValLoss: null,
    bestEpoch: 0,
    wait: 0,
    history: [],
    snapshotCount: 0,
  };
  let best: StoredTensor[] | undefined;
  if (o.resumeFrom) {
    const cp = decodeCheckpoint<LoopState>(o.resumeFrom);
    if (cp.meta.key !== built.key)
      throw badInput(
        'resumeFrom',
        cp.meta.key,
        `checkpoint is for architecture ${cp.meta.key}, not ${built.key}`,
      );
    st = cp.meta;
    loadModelWeights(built.model, cp.groups.model ?? []);
    opt.restore(cp.groups.optimizer ?? []);
    best = cp.groups.best;
  }
  const stream = new SampleStream(o.train.count, st.seed);
  const snapshots: SnapshotCheckpoint[] = [];
  const { numClasses, inputShape } = built.options;
  let status: TrainResult['status'] = 'completed';

  try {
    while (st.epoch < epochs) {
      const t0 = performance.now();
      let lossSum = 0;
      let correct = 0;
      let lr = baseLr;
      for (let step = 0; step < stepsPerEpoch; step++) {
        // A cancel inside an epoch drops the partial epoch; the last epoch checkpoint stays valid.
        if (o.signal?.aborted) {
          status = 'aborted';
          break;
        }
        lr = learningRateAt(schedule, baseLr, st.globalStep / stepsPerEpoch, epochs);
        opt.learningRate = lr;
        const { xs, ys, labels } = trainingBatch(
          stream,
          o.train,
          inputShape,
          numClasses,
          st.position,
          batchSize,
          o.augment ?? null,
          st.seed,
          st.globalStep,
        );
        let logits: tf.Tensor | undefined;
        const lossT = opt.minimize(() => {
          logits = tf.keep(built.logitsModel.apply(xs, { training: true }) as tf.Tensor2D);
          return tf.losses.softmaxCrossEntropy(ys, logits) as tf.Scalar;
        });
        const loss = lossT.dataSync()[0]!;
        const hit = countHits(logits!.dataSync(), labels, numClasses);
        tf.dispose([xs, ys, lossT, logits!]);
        st.position += batchSize;
        st.globalStep++;
        if (!Number.isFinite(loss)) {
          throw new AppError(
            AppErrorCode.TRAINING_DIVERGED,
            `training diverged: loss is ${loss} at epoch ${st.epoch + 1}, step ${step + 1} (learning rate ${lr})`,
            {
              field: 'loss',
              value: loss,
              details: { epoch: st.epoch + 1, step: step + 1, learningRate: lr, history: st.history },
            },
          );
        }
        lossSum += loss;
        correct += hit;
        if (o.onStep && o.stepEvery && (step + 1) % o.stepEvery === 0) {
          await o.onStep({
            epoch: st.epoch + 1,
            step: step + 1,
            globalStep: st.globalStep,
            loss: lossSum / (step + 1),
            accuracy: correct / ((step + 1) * batchSize),
            learningRate: lr,
          });
        }
        if (snapSteps.has(st.globalStep)) {
          const snap: SnapshotCheckpoint = {
            index: st.snapshotCount++,
            epoch: st.epoch + 1,
            globalStep: st.globalStep,
            learningRate: lr,
            weights: weightsToBytes(built),
            predictions: o.snapshotPredict ? predictSplits(built, o.snapshotPredict) : {},
          };
          snapshots.push(snap);
          await o.onSnapshot?.(snap);
        }
      }
      if (status === 'aborted') break;
      st.epoch++;
      const seconds = (performance.now() - t0) / 1000;
      const m: EpochMetrics = {
        epoch: st.epoch,
        steps: stepsPerEpoch,
        loss: lossSum / stepsPerEpoch,
        accuracy: correct / (stepsPerEpoch * batchSize),
        learningRate: lr,
        seconds,
        samplesPerSec: (stepsPerEpoch * batchSize) / seconds,
      };
      if (o.val) {
        const v = scorePredictions(predict(built, o.val), o.val.labels, numClasses);
        m.valLoss = v.loss;
        m.valAccuracy = v.accuracy;
        if (st.bestValLoss === null || v.loss < st.bestValLoss) {
          st.bestValLoss = v.loss;
          st.bestEpoch = st.epoch;
          st.wait = 0;
          if (restoreBest) best = storeModelWeights(built.model);
        } else st.wait++;
      } else st.bestEpoch = st.epoch;
      st.history.push(m);
      await o.onEpochEnd?.(m);
      const stop = useEarlyStopping && st.wait >= patience;
      if (o.onCheckpoint) {
        const groups: Record<string, StoredTensor[]> = {
          model: storeModelWeights(built.model),
          optimizer: opt.state(),
        };
        if (best) groups.best = best;
        await o.onCheckpoint(encodeCheckpoint({ meta: st, groups }), st.epoch);
      }
      if (stop) {
        status = 'early_stopped';
        break;
      }
      if (o.signal?.aborted) {
        status = 'aborted';
        break;
      }
    }
  } finally {
    opt.dispose();
  }
  const restored = restoreBest && best !== undefined && status !== 'aborted';
  if (restored) loadModelWeights(built.model, best!);
  return {
    history: st.history,
    status,
    bestEpoch: restored ? st.bestEpoch : st.epoch,
    bestValLoss: st.bestValLoss,
    snapshots,
  };
}
