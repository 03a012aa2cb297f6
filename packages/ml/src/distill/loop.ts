/**
 * The distillation loop shared by every mode, in the shape of tfjs-layers `makeTrainFunction`: each
 * step draws one (augmented) batch, runs the frozen teachers on it outside the loss closure, then
 * `optimizer.minimize` over the student's trainable variables only. Every step's tensors are disposed
 * (tf.tidy / explicit dispose), so the live tensor count stays flat across steps.
 */
import * as tf from '@tensorflow/tfjs';
import { AppError, AppErrorCode, badInput } from '@distillery/errors';
import { getArchitecture } from '../models/registry.ts';
import { checkData, scorePredictions } from '../train/evaluate.ts';
import { SampleStream, trainingBatch } from '../train/sample-stream.ts';
import { type Aggregator, trainAggregator } from './aggregator.ts';
import { categoricalCrossEntropy, kdLoss, type KdConfig, softTargets, validateKdConfig } from './losses.ts';
import { type DistillEpochMetrics, type DistillMode, type DistillOptions, resolveRun } from './options.ts';
import {
  buildStudent,
  meanOfSoftmax,
  predictStudent,
  restoreStudentWeights,
  saveStudentWeights,
  type StudentNet,
} from './student.ts';
import { cacheOutputs, checkTeachers, liveTeachers, type OutputSource } from './teachers.ts';

/** Outcome of a distillation run. */
export interface DistillResult {
  mode: DistillMode;
  student: StudentNet;
  history: DistillEpochMetrics[];
  status: 'completed' | 'early_stopped';
  /** Epoch whose weights the student holds (restore-best with a val split, else the last). */
  bestEpoch: number;
  kd: KdConfig;
  /** Teacher forward passes per training step (0 when cached or for the baseline). */
  teacherPassesPerStep: number;
  aggregator?: { epochs: number; bestValLoss: number; valAccuracy: number; inputSize: number };
}

/** Run distillation in `mode` (see the named functions in modes.ts for each mode's definition). */
export function runDistillation(mode: DistillMode, o: DistillOptions): DistillResult {
  const teachers = mode === 'baseline' ? [] : (o.teachers ?? []);
  const minimum =
    mode === 'supernet' ||
    mode === 'supernet2' ||
    mode === 'output_avg' ||
    mode === 'loss_avg' ||
    mode === 'mimic_all'
      ? 2
      : 0;
  const shape = minimum > 0 ? checkTeachers(teachers, minimum, mode) : baselineShape(o);
  const { inputShape, numClasses } = shape;
  if (mode !== 'baseline' && o.alpha === undefined)
    throw badInput('alpha', undefined, `${mode} needs alpha in [0, 1] (the original's CLI requires --alpha)`);
  const kd = validateKdConfig({
    alpha: mode === 'baseline' ? 1 : (o.alpha ?? Number.NaN),
    temperatureMode: o.temperatureMode ?? 'as-original',
    temperature: o.temperature ?? 1,
  });
  const params = getArchitecture(o.student).trainingParams;
  const run = resolveRun(mode, o, params);
  const student = buildStudent(
    o.student,
    inputShape,
    numClasses,
    o.seed,
    mode === 'mimic_all' ? teachers.length : 1,
  );
  checkData(student.built, o.train, 'train');
  if (o.val) checkData(student.built, o.val, 'val');

  let aggregator: Aggregator | undefined;
  let source: OutputSource | undefined;
  if (mode === 'supernet' || mode === 'supernet2') {
    const view = mode === 'supernet' ? 'logits' : 'features';
    const live = liveTeachers(teachers, view);
    aggregator = trainAggregator(
      o.cacheTeacherOutputs ? cacheOutputs(live, o.train, inputShape) : live,
      live,
      {
        train: o.train,
        val: o.val as NonNullable<typeof o.val>,
        inputShape,
        numClasses,
        learningRate: run.learningRate,
        batchSize: run.batchSize,
        stepsPerEpoch: run.stepsPerEpoch,
        seed: o.seed,
        augment: run.augment,
        ...o.supernet,
      },
    );
    const agg = aggregator;
    source = { outputs: (xs, idx) => [agg.apply(live.outputs(xs, idx))], dispose: () => undefined };
  } else if (teachers.length > 0 && kd.alpha < 1) {
    source = liveTeachers(teachers, 'logits');
  }
  const teacherPassesPerStep = source && !o.cacheTeacherOutputs ? teachers.length : 0;
  if (source && o.cacheTeacherOutputs) source = cacheOutputs(source, o.train, inputShape);

  try {
    return {
      ...trainStudent(mode, o, run, kd, student, source),
      mode,
      student,
      kd,
      teacherPassesPerStep,
      ...(aggregator
        ? {
            aggregator: {
              epochs: aggregator.epochs,
              bestValLoss: aggregator.bestValLoss,
              valAccuracy: aggregator.valAccuracy,
              inputSize: aggregator.inputSize,
            },
          }
        : {}),
    };
  } catch (error) {
    student.dispose();
    throw error;
  } finally {
    source?.dispose();
    aggregator?.dispose();
  }
}

function baselineShape(o: DistillOptions) {
  const teacher = o.teachers?.[0];
  if (teacher) return { inputShape: teacher.options.inputShape, numClasses: teacher.options.numClasses };
  if (!o.inputShape || !o.numClasses)
    throw badInput(
      'inputShape',
      o.inputShape,
      'the baseline without teachers needs inputShape and numClasses',
    );
  return { inputShape: o.inputShape, numClasses: o.numClasses };
}

/** Soft targets of a batch for the mode: one per teacher (loss_avg, mimic_all) or one fused target. */
function batchTargets(mode: DistillMode, logits: tf.Tensor2D[], kd: KdConfig): tf.Tensor2D[] {
  return tf.tidy(() => {
    const soft = logits.map((z) => softTargets(z, kd));
    if (mode === 'output_avg') return [tf.div(tf.addN(soft), soft.length) as tf.Tensor2D];
    return soft;
  });
}

/** L_KD for the mode: mimic_all pairs head i with target i; loss_avg averages KD over targets. */
function kdTerm(mode: DistillMode, heads: tf.Tensor2D[], targets: tf.Tensor2D[], kd: KdConfig): tf.Scalar {
  const terms = targets.map((t, i) =>
    kdLoss(t, (mode === 'mimic_all' ? heads[i] : heads[0]) as tf.Tensor2D, kd),
  );
  return (terms.length === 1 ? terms[0] : tf.div(tf.addN(terms), terms.length)) as tf.Scalar;
}

function trainStudent(
  mode: DistillMode,
  o: DistillOptions,
  run: ReturnType<typeof resolveRun>,
  kd: KdConfig,
  student: StudentNet,
  source: OutputSource | undefined,
): Pick<DistillResult, 'history' | 'status' | 'bestEpoch'> {
  const { inputShape, numClasses } = student.built.options;
  const optimizer = tf.train.adam(run.learningRate);
  const variables = student.variables();
  const stream = new SampleStream(o.train.count, o.seed);
  const history: DistillEpochMetrics[] = [];
  let best: { loss: number; epoch: number; weights: ReturnType<typeof saveStudentWeights> } | undefined;
  let wait = 0;
  let position = 0;
  let globalStep = 0;
  let status: DistillResult['status'] = 'completed';
  for (let epoch = 1; epoch <= run.epochs; epoch++) {
    const started = performance.now();
    const sums = { loss: 0, studentLoss: 0, distillationLoss: 0, correct: 0 };
    for (let step = 1; step <= run.stepsPerEpoch; step++, globalStep++, position += run.batchSize) {
      const indices = stream.indices(position, run.batchSize);
      const { xs, ys } = trainingBatch(
        stream,
        o.train,
        inputShape,
        numClasses,
        position,
        run.batchSize,
        run.augment,
        o.seed,
        globalStep,
      );
      // Teachers run here, outside the closure: their outputs are constants of the student's loss.
      const targets = source ? tf.tidy(() => batchTargets(mode, source.outputs(xs, indices), kd)) : [];
      let parts: tf.Tensor[] = [];
      const total = optimizer.minimize(
        () => {
          const heads = student.logits(xs, true);
          const ce = categoricalCrossEntropy(ys, meanOfSoftmax(heads));
          const kdValue = targets.length > 0 ? kdTerm(mode, heads, targets, kd) : tf.scalar(0);
          const hits = tf.sum(
            tf.cast(tf.equal(tf.argMax(meanOfSoftmax(heads), 1), tf.argMax(ys, 1)), 'float32'),
          );
          parts = [tf.keep(ce), tf.keep(kdValue), tf.keep(hits)];
          return tf.add(tf.mul(ce, kd.alpha), tf.mul(kdValue, 1 - kd.alpha)) as tf.Scalar;
        },
        true,
        variables,
      ) as tf.Scalar;
      const [loss, studentLoss, distillationLoss, hits] = [total, ...parts].map(
        (t) => t.dataSync()[0] as number,
      ) as [number, number, number, number];
      tf.dispose([xs, ys, total, ...parts, ...targets]);
      if (!Number.isFinite(loss)) {
        throw new AppError(
          AppErrorCode.TRAINING_DIVERGED,
          `distillation diverged: loss is ${loss} at epoch ${epoch}, step ${step}`,
          {
            field: 'loss',
            value: loss,
            details: { epoch, step, mode },
          },
        );
      }
      sums.loss += loss;
      sums.studentLoss += studentLoss;
      sums.distillationLoss += distillationLoss;
      sums.correct += hits;
      if (o.onStep && step % (o.stepEvery ?? 1) === 0) {
        o.onStep({
          epoch,
          step,
          globalStep: globalStep + 1,
          loss,
          studentLoss,
          distillationLoss,
          accuracy: hits / run.batchSize,
        });
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const n = run.stepsPerEpoch;
    const metrics: DistillEpochMetrics = {
      epoch,
      loss: sums.loss / n,
      studentLoss: sums.studentLoss / n,
      distillationLoss: sums.distillationLoss / n,
      accuracy: sums.correct / (n * run.batchSize),
      seconds,
      samplesPerSec: (n * run.batchSize) / seconds,
    };
    if (o.val) {
      const v = scorePredictions(predictStudent(student, o.val), o.val.labels, numClasses);
      metrics.valAccuracy = v.accuracy;
      metrics.valStudentLoss = v.loss;
      if (!best || v.loss < best.loss) {
        best = { loss: v.loss, epoch, weights: saveStudentWeights(student) };
        wait = 0;
      } else {
        wait++;
      }
    }
    history.push(metrics);
    o.onEpochEnd?.(metrics);
    if (o.val && run.patience > 0 && wait >= run.patience) {
      status = 'early_stopped';
      break;
    }
  }
  optimizer.dispose();
  if (best) restoreStudentWeights(student, best.weights);
  return { history, status, bestEpoch: best?.epoch ?? history.length };
}
