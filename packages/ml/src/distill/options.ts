import { badInput } from '@distillery/errors';
import type { AugmentConfig } from '../augment/augment-batch.ts';
import type { ImageShape, LabeledImages } from '../data/types.ts';
import type { BuiltModel } from '../models/build-model.ts';
import type { TemperatureMode } from './losses.ts';

/** The five multi-teacher modes of the method, plus the labels-only baseline. */
export const DISTILL_MODES = [
  'baseline',
  'output_avg',
  'loss_avg',
  'mimic_all',
  'supernet',
  'supernet2',
] as const;
export type DistillMode = (typeof DISTILL_MODES)[number];

/** Per-step running metrics (the original logs accuracy, student_loss and distillation_loss). */
export interface DistillStepMetrics {
  epoch: number;
  step: number;
  globalStep: number;
  /** α·CE + (1 − α)·KD of this step. */
  loss: number;
  /** CE of the student's prediction against the labels. */
  studentLoss: number;
  distillationLoss: number;
  accuracy: number;
}

/** Per-epoch metrics: means over the epoch's steps, plus validation. */
export interface DistillEpochMetrics extends Omit<DistillStepMetrics, 'step' | 'globalStep'> {
  valAccuracy?: number;
  valStudentLoss?: number;
  seconds: number;
  samplesPerSec: number;
}

/** Options shared by every mode; unset hyperparameters come from the student architecture's parameters. */
export interface DistillOptions {
  /** Frozen teachers (already trained). Not used by the baseline. */
  teachers?: readonly BuiltModel[];
  /** Student architecture: any registry key (the original uses the teachers' own; smaller works too). */
  student: string;
  train: LabeledImages;
  /** Needed for early stopping and by supernet/supernet2 (their aggregator stops on it). */
  val?: LabeledImages;
  seed: number;
  /** Weight of the hard-label CE term, in [0, 1]. The baseline forces 1. */
  alpha?: number;
  /** Default `as-original` (T = 1, the method as published). */
  temperatureMode?: TemperatureMode;
  temperature?: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** Default floor(train.count / batchSize), as the teacher trainer. */
  stepsPerEpoch?: number;
  /** Early-stopping patience on val student loss (needs `val`); 0 turns it off. */
  patience?: number;
  augment?: AugmentConfig | null;
  /** Serve teacher outputs from a one-off pass over the training set (augmentation off only; see teachers.ts). */
  cacheTeacherOutputs?: boolean;
  /** supernet/supernet2 aggregator stage: ≤ maxEpochs (50), patience (5). */
  supernet?: { maxEpochs?: number; patience?: number };
  /** Baseline without teachers: the input shape and class count of the data. */
  inputShape?: ImageShape;
  numClasses?: number;
  stepEvery?: number;
  onStep?: (m: DistillStepMetrics) => void;
  onEpochEnd?: (m: DistillEpochMetrics) => void;
}

/** Resolve and validate options that do not depend on the models. */
export function resolveRun(
  mode: DistillMode,
  o: DistillOptions,
  defaults: { epochs: number; batchSize: number; learningRate: number; patience: number },
) {
  const positive = (field: string, v: number) => {
    if (!Number.isInteger(v) || v <= 0) throw badInput(field, v, 'must be a positive integer');
    return v;
  };
  const epochs = positive('epochs', o.epochs ?? defaults.epochs);
  const batchSize = positive('batchSize', o.batchSize ?? defaults.batchSize);
  const learningRate = o.learningRate ?? defaults.learningRate;
  if (!(learningRate > 0) || !Number.isFinite(learningRate))
    throw badInput('learningRate', learningRate, 'must be a finite number > 0');
  const patience = o.patience ?? defaults.patience;
  if (!Number.isInteger(patience) || patience < 0)
    throw badInput('patience', patience, 'must be an integer ≥ 0');
  if (o.train.count === 0) throw badInput('train.count', 0, 'the training set is empty');
  const stepsPerEpoch = positive(
    'stepsPerEpoch',
    o.stepsPerEpoch ?? Math.max(1, Math.floor(o.train.count / batchSize)),
  );
  const augmenting = Boolean(o.augment && (o.augment.jitter || o.augment.randAugmentN > 0));
  if (o.cacheTeacherOutputs && augmenting) {
    throw badInput(
      'cacheTeacherOutputs',
      true,
      'teacher outputs can only be cached with augmentation off: teachers must see the same augmented batch as the student',
    );
  }
  if ((mode === 'supernet' || mode === 'supernet2') && !o.val) {
    throw badInput(
      'val',
      undefined,
      `${mode} trains its aggregator with early stopping on a validation split; pass val`,
    );
  }
  return {
    epochs,
    batchSize,
    learningRate,
    patience,
    stepsPerEpoch,
    augment: augmenting ? (o.augment as AugmentConfig) : null,
  };
}
