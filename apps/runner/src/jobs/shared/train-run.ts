// The common body of train-teacher and train-baseline: build the model, train with the ML core while
// streaming metrics and checkpointing every epoch, then store the final weights, per-sample
// predictions on val and test, and the summary.
import {
  scorePredictions,
  trainModel,
  buildModel,
  weightsToBytes,
  type LrSchedule,
  type SnapshotCheckpoint,
} from '@distillery/ml';
import { mean, type TrainingOptions } from '@distillery/domain';
import { badInput } from '@distillery/errors';

import type { JobContext, JobResult } from '../context.ts';
import { engineHooks } from './engine-hooks.ts';
import { startEnvironment } from './run-environment.ts';
import { trainingPlan } from './training-plan.ts';
import { saveFinal } from './final-outputs.ts';
import type { TrainingData } from './load-data.ts';
import { type PredictionInput, storePredictions } from './predictions.ts';

/**
 * The learning-rate schedule of a cyclic teacher with `cycles` checkpoints in `epochs` epochs (equal
 * training cost to `cycles` independent teachers of epochs/cycles each): SNAPSHOT = cosine restarts
 * every epochs/cycles (Huang et al. 2017); FGE = the base rate for the first half, then `cycles`
 * triangular cycles between the base rate and 1/50 of it (Garipov et al. 2018). Null when INDEPENDENT.
 */
export function cycleSchedule(
  origin: 'INDEPENDENT' | 'SNAPSHOT' | 'FGE',
  cycles: number,
  epochs: number,
  lr: number,
): LrSchedule | null {
  if (origin === 'INDEPENDENT') return null;
  if (origin === 'SNAPSHOT') {
    // Checkpoints are keyed by epoch: a cycle shorter than an epoch would overwrite its predecessor.
    if (epochs < cycles)
      throw badInput('epochs', epochs, `a SNAPSHOT teacher needs at least one epoch per cycle (${cycles})`);
    return { kind: 'snapshot', cycleEpochs: epochs / cycles, minFactor: 0.004 };
  }
  const startEpoch = Math.floor(epochs / 2);
  const cycleEpochs = (epochs - startEpoch) / cycles;
  if (cycleEpochs < 1)
    throw badInput('epochs', epochs, `an FGE teacher needs epochs ≥ 2 × cycles (${cycles})`);
  return { kind: 'fge', startEpoch, cycleEpochs, lrHigh: lr, lrLow: lr / 50 };
}

/** What to train, and how (augmentation, epoch budget, early stopping). */
export interface TrainRunArgs extends TrainingOptions {
  architectureKey: string;
  seed: number;
  epochs: number | null;
  splitId: string;
  teacherId: string | null;
  data: TrainingData;
  /** SNAPSHOT/FGE: one run yields `cycles` checkpoints, each stored with its predictions. */
  origin?: 'INDEPENDENT' | 'SNAPSHOT' | 'FGE';
  cycles?: number;
}

/** Store one snapshot/FGE checkpoint and its predictions. */
async function saveSnapshot(ctx: JobContext, args: TrainRunArgs, classes: number, snap: SnapshotCheckpoint) {
  const saved = await ctx.saveCheckpoint({
    kind: args.origin === 'FGE' ? 'FGE' : 'SNAPSHOT',
    epoch: snap.epoch,
    step: snap.globalStep,
    cycle: snap.index,
    bytes: snap.weights,
    teacherId: args.teacherId,
  });
  const rows: PredictionInput[] = [];
  for (const [role, set] of [
    ['TEST', args.data.test],
    ['VAL', args.data.val],
  ] as const) {
    const probs = role === 'TEST' ? snap.predictions.test : snap.predictions.val;
    if (!probs) continue;
    const { accuracy } = scorePredictions(probs, set.labels, classes);
    rows.push({
      splitId: args.splitId,
      splitRole: role,
      probs,
      samples: set.count,
      classes,
      accuracy,
      labels: set.labels,
    });
    ctx.log(`snapshot/${role.toLowerCase()}_accuracy`, snap.index, accuracy);
  }
  await ctx.fenced((tx) => storePredictions(tx, ctx.lease.runId, saved.checkpointId, rows));
}

/** Train one model for the run held by `ctx` and record everything it produced. */
export async function trainRun(ctx: JobContext, args: TrainRunArgs): Promise<JobResult> {
  const environment = await startEnvironment(ctx, { backend: true });
  const { data } = args;
  const built = buildModel(args.architectureKey, {
    inputShape: data.dataset.shape,
    numClasses: data.dataset.classNames.length,
    seed: args.seed,
  });
  const plan = trainingPlan(data, args.architectureKey, args);
  const { stepsPerEpoch } = plan;
  const epochs = args.epochs ?? built.trainingParams.epochs;
  const schedule = cycleSchedule(
    args.origin ?? 'INDEPENDENT',
    args.cycles ?? 1,
    epochs,
    built.trainingParams.learningRate,
  );
  const classes = built.options.numClasses;
  ctx.logger.info(
    `training ${args.architectureKey} (${built.stats.params.toLocaleString('en')} parameters) for ${epochs} epochs × ${stepsPerEpoch} steps on ${data.train.count} train, ${data.val.count} val, ${data.test.count} test samples`,
  );
  // A cyclic run keeps every cycle: no early stop, no restore-best.
  const stopping = schedule
    ? { patience: 0, restoreBest: 'NEVER' as const }
    : { patience: plan.patience, restoreBest: plan.restoreBest };
  const result = await trainModel(built, {
    ...stopping,
    ...(schedule
      ? {
          schedule,
          snapshotPredict: { test: data.test, ...(data.val.count > 0 ? { val: data.val } : {}) },
          onSnapshot: (snap: SnapshotCheckpoint) => saveSnapshot(ctx, args, classes, snap),
        }
      : {}),
    train: data.train,
    ...(data.val.count > 0 ? { val: data.val } : {}),
    finalPredict: { test: data.test, ...(data.val.count > 0 ? { val: data.val } : {}) },
    seed: args.seed,
    epochs,
    stepsPerEpoch,
    augment: plan.augment,
    ...(await engineHooks(ctx, {
      stepsPerEpoch,
      teacherId: args.teacherId,
      valLossKey: 'val_loss',
      environment,
    })),
  });
  ctx.signal.throwIfAborted();
  const finalEpoch = result.history.length;
  const { test, val } = await saveFinal(ctx, {
    splitId: args.splitId,
    data,
    classes,
    epoch: finalEpoch,
    step: finalEpoch * stepsPerEpoch,
    bytes: weightsToBytes(built),
    teacherId: args.teacherId,
    finals: result.finalPredictions,
    exportSource: built,
  });
  const last = result.history.at(-1);
  return {
    summary: {
      test_accuracy: test.accuracy,
      test_loss: test.loss,
      ...(test.macroF1 !== null ? { test_macro_f1: test.macroF1 } : {}),
      ...(val ? { val_accuracy: val.accuracy, val_loss: val.loss } : {}),
      ...(last
        ? {
            accuracy: last.accuracy,
            loss: last.loss,
            samples_per_sec: result.history.length ? mean(result.history.map((h) => h.samplesPerSec)) : 0,
          }
        : {}),
      epochs: finalEpoch,
      best_epoch: result.bestEpoch,
      stop: result.status,
      train_samples: data.train.count,
      architecture: args.architectureKey,
      ...plan.summary,
      patience: stopping.patience,
      restore_best: stopping.restoreBest,
      // Which step engine ran (`native-avx512`, `tfjs-wasm`, ...): figures depend on it.
      engine: result.executor,
    },
    parameterCount: built.stats.params,
  };
}
