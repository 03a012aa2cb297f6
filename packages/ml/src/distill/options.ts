import { badInput } from '@distillery/errors';
import type { AugmentConfig } from '../augment/augment-batch.ts';
import type { LabeledImages } from '../data/types.ts';
import type { BuiltModel } from '../models/build-model.ts';
import type { EngineOptions } from '../train/engine.ts';
import { isAugmenting } from '../train/sample-stream.ts';
import { DISTILL_MODES, type DistillMode, type TemperatureMode } from '@distillery/domain';

/** The five multi-teacher modes of the method (mtkd-method.md §4.2). */

/** Options of every mode; unset hyperparameters come from the student architecture's parameters. */
export interface DistillOptions extends Omit<
  EngineOptions,
  'epochs' | 'batchSize' | 'learningRate' | 'patience' | 'schedule' | 'snapshotPredict' | 'onSnapshot'
> {
  /** Frozen teachers (already trained), at least two. */
  teachers: readonly BuiltModel[];
  /** Student architecture: any registry key (the original uses the teachers' own; smaller works too). */
  student: string;
  /** Needed for early stopping and by supernet/supernet2 (their aggregator stops on it). */
  val?: LabeledImages;
  /** Weight of the hard-label CE term, in [0, 1] (the original's CLI requires it). */
  alpha: number;
  /** Default `as-original` (T = 1, the method as published). */
  temperatureMode?: TemperatureMode;
  temperature?: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** Early-stopping patience on val student loss (needs `val`); 0 turns it off. */
  patience?: number;
  /** Serve teacher outputs from a one-off pass over the training set (augmentation off only; see teachers.ts). */
  cacheTeacherOutputs?: boolean;
  /** supernet/supernet2 aggregator stage: ≤ maxEpochs (50), patience (5). */
  supernet?: { maxEpochs?: number; patience?: number };
}

/** Resolve and validate options that do not depend on the models. */
export function resolveRun(
  mode: DistillMode,
  o: DistillOptions,
  defaults: { epochs: number; batchSize: number; learningRate: number; patience: number },
) {
  if (!(DISTILL_MODES as readonly string[]).includes(mode))
    throw badInput('mode', mode, `must be one of ${DISTILL_MODES.join(', ')}`);
  const positive = (field: string, v: number) => {
    if (!Number.isInteger(v) || v <= 0) throw badInput(field, v, 'must be a positive integer');
    return v;
  };
  const batchSize = positive('batchSize', o.batchSize ?? defaults.batchSize);
  if (o.train.count === 0) throw badInput('train.count', 0, 'the training set is empty');
  const augmenting = isAugmenting(o.augment);
  if (o.cacheTeacherOutputs && augmenting) {
    throw badInput(
      'cacheTeacherOutputs',
      true,
      'teacher outputs can only be cached with augmentation off: teachers must see the same augmented batch as the student',
    );
  }
  if ((mode === 'SUPERNET' || mode === 'SUPERNET2') && !o.val) {
    throw badInput(
      'val',
      undefined,
      `${mode} trains its aggregator with early stopping on a validation split; pass val`,
    );
  }
  return {
    epochs: o.epochs ?? defaults.epochs,
    batchSize,
    learningRate: o.learningRate ?? defaults.learningRate,
    patience: o.patience ?? defaults.patience,
    stepsPerEpoch: positive(
      'stepsPerEpoch',
      o.stepsPerEpoch ?? Math.max(1, Math.floor(o.train.count / batchSize)),
    ),
    augment: augmenting ? (o.augment as AugmentConfig) : null,
  };
}
