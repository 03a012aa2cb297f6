import { AppError, AppErrorCode } from '@distillery/errors';
import type { BuiltModel } from '../models/build-model.ts';
import { decodeCheckpoint, encodeCheckpoint, loadModelWeights, storeModelWeights } from './checkpoint.ts';
import { runTraining, type EngineOptions, type EngineResult } from './engine.ts';
import { netFromBuilt } from './train-net.ts';

export type { EpochMetrics, SnapshotCheckpoint, StepMetrics } from './engine.ts';

/** Options of `trainModel`; unset hyperparameters come from the architecture's training parameters. */
export interface TrainOptions extends Omit<
  EngineOptions,
  'epochs' | 'batchSize' | 'learningRate' | 'patience'
> {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** Early-stopping patience on val_loss (needs `val`); 0 turns it off. */
  patience?: number;
}

/** Outcome of `trainModel`. */
export type TrainResult = EngineResult;

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
 * Train a registry model on labels (teachers and baselines; mtkd-method.md §2.2): softmax
 * cross-entropy with Adam on the training engine (`engine.ts`): seeded sample stream, augmentation,
 * early stopping on val_loss (restore best), per-epoch checkpoints that resume to the same result,
 * LR schedules and snapshot/FGE checkpoints. A NaN/Infinity loss stops the run with TRAINING_DIVERGED.
 */
export async function trainModel(built: BuiltModel, o: TrainOptions): Promise<TrainResult> {
  const tp = built.trainingParams;
  return runTraining(
    { net: netFromBuilt(built), loss: { kind: 'cross-entropy' } },
    {
      ...o,
      epochs: o.epochs ?? tp.epochs,
      batchSize: o.batchSize ?? tp.batchSize,
      learningRate: o.learningRate ?? tp.learningRate,
      patience: o.patience ?? tp.patience,
    },
  );
}
