// How a training job trains, from its payload (issue 22): the dataset's augmentation policy and the
// architecture's RandAugment(n, m) when `augment` is on, the steps per epoch of its epoch budget, and
// early stopping (patience, restore-best); all are returned for the run's summary too, so the record
// says what ran.
import { stepsPerEpoch, type EpochBudget, type RestoreBest, type TrainingOptions } from '@distillery/domain';
import { augmentationFor, getArchitecture, type AugmentConfig } from '@distillery/ml';

import type { TrainingData } from './load-data.ts';

/** The resolved plan and its summary fields. */
export interface TrainingPlan {
  augment: AugmentConfig | null;
  stepsPerEpoch: number;
  batchSize: number;
  /** Early-stopping patience in epochs (the architecture's unless the launch named one; 0 = off). */
  patience: number;
  restoreBest: RestoreBest;
  summary: {
    augment: boolean;
    jitter: boolean;
    rand_augment_n: number;
    rand_augment_m: number;
    epoch_budget: EpochBudget;
    steps_per_epoch: number;
    patience: number;
    restore_best: RestoreBest;
  };
}

/** Resolve augmentation and epoch budget for training `architectureKey` on `data`. */
export function trainingPlan(data: TrainingData, architectureKey: string, o: TrainingOptions): TrainingPlan {
  const { batchSize, patience: archPatience } = getArchitecture(architectureKey).trainingParams;
  const patience = o.patience ?? archPatience;
  const augment = o.augment ? augmentationFor(data.presetKey, architectureKey) : null;
  const steps = stepsPerEpoch(o.epochBudget, data.train.count, data.fullTrainCount, batchSize);
  return {
    augment,
    stepsPerEpoch: steps,
    batchSize,
    patience,
    restoreBest: o.restoreBest,
    summary: {
      augment: augment !== null,
      jitter: augment?.jitter != null,
      rand_augment_n: augment?.randAugmentN ?? 0,
      rand_augment_m: augment?.randAugmentM ?? 0,
      epoch_budget: o.epochBudget,
      steps_per_epoch: steps,
      patience,
      restore_best: o.restoreBest,
    },
  };
}
