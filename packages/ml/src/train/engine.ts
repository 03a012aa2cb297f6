/**
 * The one training loop of Distillery: teachers, baselines and every distillation mode run here
 * (mtkd-method.md §2.2 and §4.4). It owns the seeded sample stream, augmentation, the learning-rate
 * schedule, validation, early stopping with restore-best, snapshot/FGE checkpoints, per-epoch
 * checkpoints that resume bit-identically, and the abort signal (checked before every step); the
 * step itself is delegated to a {@link StepExecutor} (see step-executor.ts for the contract).
 */
import { RESTORE_BEST, type RestoreBest } from '@distillery/domain';
import { AppError, AppErrorCode, badInput } from '@distillery/errors';
import { validateAugment, type AugmentConfig } from '../augment/augment-batch.ts';
import type { LabeledImages } from '../data/types.ts';
import { teacherContribution, type TeacherContribution } from '../distill/contribution.ts';
import type { OutputSource } from '../distill/teachers.ts';
import { agreement, checkData, scorePredictions } from './evaluate.ts';
import { decodeCheckpoint, encodeCheckpoint, loadModelWeights, type StoredTensor } from './checkpoint.ts';
import { hostTeacherLogits } from './host-teachers.ts';
import { checkpointSteps, learningRateAt, validateSchedule, type LrSchedule } from './schedules.ts';
import { batchBuffers, isAugmenting, SampleStream, trainingPixels } from './sample-stream.ts';
import {
  ADAM_DEFAULTS,
  type FrozenTeachersSpec,
  type LossSpec,
  type StepExecutor,
  type StepExecutorFactory,
} from './step-executor.ts';
import { TfjsExecutor } from './tfjs-executor.ts';
import { modelSpecOf, type TrainNet, weightsSpecOf } from './train-net.ts';
import { needsTeachers } from './objectives.ts';

/** Running metrics of the current epoch (means over its steps so far), every `stepEvery` steps. */
export interface StepMetrics {
  epoch: number;
  /** Step within the epoch (1-based). */
  step: number;
  /** Steps since the start of the run (1-based): the x of every logged point. */
  globalStep: number;
  loss: number;
  accuracy: number;
  learningRate: number;
  /** Distillation: CE of the student's prediction and the KD term (the original's student_loss, distillation_loss). */
  studentLoss?: number;
  distillationLoss?: number;
}

/** Metrics of one finished epoch (Keras CSVLogger columns plus timing). */
export interface EpochMetrics extends Omit<StepMetrics, 'step'> {
  /** Optimizer steps in this epoch. */
  steps: number;
  /** CE of the (head-mean) prediction on the validation split: val_loss, or val_student_loss for students. */
  valLoss?: number;
  valAccuracy?: number;
  /** With `valReference`: fraction of validation samples whose argmax equals the reference's class. */
  valAgreement?: number;
  /** With `valTeachers`: what each teacher contributes (distill/contribution.ts), by member position. */
  valTeachers?: TeacherContribution;
  seconds: number;
  samplesPerSec: number;
}

/** A snapshot/FGE checkpoint taken during the run, with its predictions on the requested splits. */
export interface SnapshotCheckpoint {
  index: number;
  epoch: number;
  globalStep: number;
  learningRate: number;
  /** The trained network's weights (`encodeCheckpoint` format, group `model`), loadable with `loadWeightsFromBytes`. */
  weights: Uint8Array;
  predictions: { val?: Float32Array; test?: Float32Array };
}

/** Loop options shared by every kind of training. */
export interface EngineOptions {
  train: LabeledImages;
  val?: LabeledImages;
  /**
   * A class per validation sample to measure agreement with at every epoch end (distillation: the
   * teachers' ensemble), reported as `valAgreement`.
   */
  valReference?: Int32Array;
  /** Each teacher's softmax on `val` (count × C), in member order: per-teacher figures every epoch end. */
  valTeachers?: readonly Float32Array[];
  seed: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Early-stopping patience on the validation loss (needs `val`); 0 turns it off. */
  patience: number;
  /** Which weights the run ends with (default `ALWAYS`; `ON_EARLY_STOP` is the original's Keras). */
  restoreBest?: RestoreBest;
  schedule?: LrSchedule;
  /** The epoch budget: ORIGINAL = floor(full training set / batch), PER_SUBSET = floor(train.count / batch). */
  stepsPerEpoch?: number;
  augment?: AugmentConfig | null;
  /** Call `onStep` every this many steps (default 1). */
  stepEvery?: number;
  onStep?: (m: StepMetrics) => void | Promise<void>;
  onEpochEnd?: (m: EpochMetrics) => void | Promise<void>;
  /** Called after every epoch with a checkpoint that `resumeFrom` continues exactly. */
  onCheckpoint?: (bytes: Uint8Array, epoch: number) => void | Promise<void>;
  resumeFrom?: Uint8Array;
  /** Splits to predict at each snapshot/FGE checkpoint. */
  snapshotPredict?: { val?: LabeledImages; test?: LabeledImages };
  /**
   * Splits to predict with the final weights, by the executor that trained them (the native engine's
   * forward pass is ~10× tfjs's), before it is released: `EngineResult.finalPredictions`.
   */
  finalPredict?: { val?: LabeledImages; test?: LabeledImages };
  onSnapshot?: (s: SnapshotCheckpoint) => void | Promise<void>;
  signal?: AbortSignal;
  /** Executors to try before tfjs (e.g. the native engine); the first that accepts runs the steps. */
  executors?: readonly StepExecutorFactory[];
  /** Told which executor runs the steps (e.g. `native-avx512`, `tfjs-wasm`) before the first step. */
  onExecutor?: (name: string) => void | Promise<void>;
}

/** What to train: the host network, its loss, and where teacher outputs come from. */
export interface EngineTask {
  net: TrainNet;
  loss: LossSpec;
  /** Host teacher outputs (live forward passes or a cache) for distillation with α < 1. */
  teachers?: OutputSource;
  /** Data-only teachers for executors that run them (built lazily, only when a factory is asked). */
  frozen?: () => FrozenTeachersSpec;
  /** Extra arrays stored in every checkpoint (e.g. the supernet aggregator). */
  extraGroups?: Record<string, StoredTensor[]>;
}

/** Outcome of a run. */
export interface EngineResult {
  history: EpochMetrics[];
  status: 'completed' | 'early_stopped' | 'aborted';
  /** Epoch (1-based) whose weights the network holds at the end (restore-best), else the last one. */
  bestEpoch: number;
  bestValLoss: number | null;
  snapshots: SnapshotCheckpoint[];
  /** Which executor ran the steps, e.g. `tfjs-wasm`. */
  executor: string;
  /** The `finalPredict` splits' probabilities with the weights the network ends with (not when aborted). */
  finalPredictions?: SnapshotCheckpoint['predictions'];
}

/** Loop state stored in checkpoints. */
export interface LoopState {
  key: string;
  /** Classifier heads of the trained network (absent in checkpoints written before students resumed: 1). */
  heads?: number;
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

/** Let queued events (a cancel message, metric timers) run between synchronous steps. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function pickExecutor(task: EngineTask, o: EngineOptions): StepExecutor {
  if (o.executors?.length) {
    const frozen = task.frozen && needsTeachers(task.loss) ? task.frozen() : undefined;
    const spec = {
      model: modelSpecOf(task.net),
      ...weightsSpecOf(task.net),
      loss: task.loss,
      optimizer: ADAM_DEFAULTS,
      batchSize: o.batchSize,
      ...(frozen ? { teachers: frozen } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    };
    for (const f of o.executors) {
      const e = f.create(spec);
      if (e) return e;
    }
  }
  return new TfjsExecutor(task.net, task.loss, needsTeachers(task.loss) ? task.teachers : undefined);
}

function validate(task: EngineTask, o: EngineOptions) {
  positiveInt('epochs', o.epochs);
  positiveInt('batchSize', o.batchSize);
  if (!(o.learningRate > 0 && Number.isFinite(o.learningRate)))
    throw badInput('learningRate', o.learningRate, 'must be a positive number');
  if (!Number.isInteger(o.patience) || o.patience < 0)
    throw badInput('patience', o.patience, 'must be an integer ≥ 0');
  if (o.restoreBest !== undefined && !RESTORE_BEST.includes(o.restoreBest))
    throw badInput('restoreBest', o.restoreBest, `must be one of ${RESTORE_BEST.join(', ')}`);
  validateSchedule(o.schedule ?? { kind: 'constant' }, o.epochs);
  checkData(task.net.built, o.train, 'train');
  if (o.train.count === 0) throw badInput('train.count', 0, 'the training set is empty');
  if (o.val) checkData(task.net.built, o.val, 'val');
  if (o.augment) validateAugment(o.augment);
  if (needsTeachers(task.loss) && !task.teachers && !task.frozen)
    throw badInput('teachers', undefined, 'distillation with alpha < 1 needs teachers');
  return positiveInt(
    'stepsPerEpoch',
    o.stepsPerEpoch ?? Math.max(1, Math.floor(o.train.count / o.batchSize)),
  );
}

function restoreState(task: EngineTask, exec: StepExecutor, bytes: Uint8Array) {
  const cp = decodeCheckpoint<LoopState>(bytes);
  const key = task.net.built.key;
  if (cp.meta.key !== key)
    throw badInput('resumeFrom', cp.meta.key, `checkpoint is for architecture ${cp.meta.key}, not ${key}`);
  if ((cp.meta.heads ?? 1) !== task.net.heads)
    throw badInput(
      'resumeFrom',
      cp.meta.heads ?? 1,
      `checkpoint has ${cp.meta.heads ?? 1} heads, the network ${task.net.heads}`,
    );
  exec.importWeights(cp.groups.model ?? []);
  exec.importOptimizer(cp.groups.optimizer ?? []);
  return { st: cp.meta, best: cp.groups.best };
}

/** Train `task.net` per `o`; the trained (or best) weights are in `task.net` afterwards. */
export async function runTraining(task: EngineTask, o: EngineOptions): Promise<EngineResult> {
  const stepsPerEpoch = validate(task, o);
  const { epochs, batchSize, patience } = o;
  const schedule = o.schedule ?? { kind: 'constant' };
  const augment = isAugmenting(o.augment) ? o.augment : null;
  const useEarlyStopping = patience > 0 && o.val !== undefined;
  const restorePolicy = o.restoreBest ?? 'ALWAYS';
  // Best weights are kept (and checkpointed) whenever they may be restored.
  const restoreBest = restorePolicy !== 'NEVER' && o.val !== undefined;
  const snapSteps = new Set(checkpointSteps(schedule, epochs, stepsPerEpoch));
  const { inputShape } = task.net.built.options;
  const exec = pickExecutor(task, o);
  const hostTeachers = needsTeachers(task.loss) && !exec.runsTeachers ? task.teachers : undefined;
  let st: LoopState = {
    key: task.net.built.key,
    heads: task.net.heads,
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
  const snapshots: SnapshotCheckpoint[] = [];
  let status: EngineResult['status'] = 'completed';
  try {
    if (o.resumeFrom) ({ st, best } = restoreState(task, exec, o.resumeFrom));
    await o.onExecutor?.(exec.name);
    const stream = new SampleStream(o.train.count, st.seed);
    // Every executor consumes a batch within its step, so one set of arrays serves the whole run.
    const buffers = batchBuffers(batchSize, inputShape);
    while (st.epoch < epochs) {
      const t0 = performance.now();
      const sums = { loss: 0, hits: 0, studentLoss: 0, distillationLoss: 0 };
      let lr = o.learningRate;
      for (let step = 0; step < stepsPerEpoch; step++) {
        // A cancel inside an epoch drops the partial epoch; the last epoch checkpoint stays valid.
        await yieldToEventLoop();
        if (o.signal?.aborted) {
          status = 'aborted';
          break;
        }
        lr = learningRateAt(schedule, o.learningRate, st.globalStep / stepsPerEpoch, epochs);
        const b = trainingPixels(
          stream,
          o.train,
          inputShape,
          st.position,
          batchSize,
          augment,
          st.seed,
          st.globalStep,
          buffers,
        );
        const batch = {
          ...b,
          count: batchSize,
          ...(hostTeachers
            ? { teacherLogits: hostTeacherLogits(hostTeachers, b.images, batchSize, inputShape, b.indices) }
            : {}),
        };
        const r = exec.step(batch, lr);
        st.position += batchSize;
        st.globalStep++;
        if (!Number.isFinite(r.loss)) {
          throw new AppError(
            AppErrorCode.TRAINING_DIVERGED,
            `training diverged: loss is ${r.loss} at epoch ${st.epoch + 1}, step ${step + 1} (learning rate ${lr})`,
            {
              field: 'loss',
              value: r.loss,
              details: { epoch: st.epoch + 1, step: step + 1, learningRate: lr, history: st.history },
            },
          );
        }
        sums.loss += r.loss;
        sums.hits += r.hits;
        sums.studentLoss += r.studentLoss ?? 0;
        sums.distillationLoss += r.distillationLoss ?? 0;
        const distilled = r.studentLoss !== undefined;
        if (o.onStep && (step + 1) % (o.stepEvery ?? 1) === 0) {
          const n = step + 1;
          await o.onStep({
            epoch: st.epoch + 1,
            step: n,
            globalStep: st.globalStep,
            loss: sums.loss / n,
            accuracy: sums.hits / (n * batchSize),
            learningRate: lr,
            ...(distilled
              ? { studentLoss: sums.studentLoss / n, distillationLoss: sums.distillationLoss / n }
              : {}),
          });
        }
        if (snapSteps.has(st.globalStep)) {
          const snap: SnapshotCheckpoint = {
            index: st.snapshotCount++,
            epoch: st.epoch + 1,
            globalStep: st.globalStep,
            learningRate: lr,
            weights: encodeCheckpoint({
              meta: { key: task.net.built.key, options: task.net.built.options, heads: task.net.heads },
              groups: { model: exec.exportWeights() },
            }),
            predictions: predictSplits(exec, o.snapshotPredict ?? {}),
          };
          snapshots.push(snap);
          await o.onSnapshot?.(snap);
        }
      }
      if (status === 'aborted') break;
      st.epoch++;
      const seconds = (performance.now() - t0) / 1000;
      const n = stepsPerEpoch;
      const m: EpochMetrics = {
        epoch: st.epoch,
        steps: n,
        globalStep: st.globalStep,
        loss: sums.loss / n,
        accuracy: sums.hits / (n * batchSize),
        learningRate: lr,
        ...(task.loss.kind === 'distill'
          ? { studentLoss: sums.studentLoss / n, distillationLoss: sums.distillationLoss / n }
          : {}),
        seconds,
        samplesPerSec: (n * batchSize) / seconds,
      };
      if (o.val) {
        const probs = exec.predict(o.val.images, o.val.count);
        const v = scorePredictions(probs, o.val.labels, task.net.built.options.numClasses);
        m.valLoss = v.loss;
        m.valAccuracy = v.accuracy;
        if (o.valReference)
          m.valAgreement = agreement(probs, o.valReference, task.net.built.options.numClasses);
        if (o.valTeachers) {
          // Only a multi-head student has a head per teacher: one more pass over validation.
          const heads = task.net.heads > 1 ? exec.predictHeads?.(o.val.images, o.val.count) : undefined;
          m.valTeachers = teacherContribution({
            student: probs,
            ...(heads ? { heads } : {}),
            teachers: o.valTeachers,
            labels: o.val.labels,
            numClasses: task.net.built.options.numClasses,
          });
        }
        if (st.bestValLoss === null || v.loss < st.bestValLoss) {
          st.bestValLoss = v.loss;
          st.bestEpoch = st.epoch;
          st.wait = 0;
          if (restoreBest) best = exec.exportWeights();
        } else st.wait++;
      } else st.bestEpoch = st.epoch;
      st.history.push(m);
      await o.onEpochEnd?.(m);
      const stop = useEarlyStopping && st.wait >= patience;
      if (o.onCheckpoint) {
        const groups: Record<string, StoredTensor[]> = {
          ...task.extraGroups,
          model: exec.exportWeights(),
          optimizer: exec.exportOptimizer(),
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
    const restored =
      restoreBest &&
      best !== undefined &&
      (restorePolicy === 'ALWAYS' ? status !== 'aborted' : status === 'early_stopped');
    if (restored) exec.importWeights(best!);
    if (!(exec instanceof TfjsExecutor)) loadModelWeights(task.net.trainedModel, exec.exportWeights());
    return {
      history: st.history,
      status,
      bestEpoch: restored ? st.bestEpoch : st.epoch,
      bestValLoss: st.bestValLoss,
      snapshots,
      executor: exec.name,
      ...(o.finalPredict && status !== 'aborted'
        ? { finalPredictions: predictSplits(exec, o.finalPredict) }
        : {}),
    };
  } finally {
    exec.dispose();
  }
}

function predictSplits(
  exec: StepExecutor,
  splits: { val?: LabeledImages; test?: LabeledImages },
): SnapshotCheckpoint['predictions'] {
  const out: SnapshotCheckpoint['predictions'] = {};
  if (splits.val) out.val = exec.predict(splits.val.images, splits.val.count);
  if (splits.test) out.test = exec.predict(splits.test.images, splits.test.count);
  return out;
}
