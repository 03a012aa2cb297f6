import { getDatasetPreset } from '@distillery/domain';
import { getArchitecture } from '../models/registry.ts';
import type { AugmentConfig } from './augment-batch.ts';

/**
 * The method's training augmentation for a (dataset, architecture) pair (mtkd-method.md §1.3): the
 * dataset's ImageDataGenerator jitter, then RandAugment(n, m) from the architecture's parameters.
 */
export function augmentationFor(datasetKey: string | null, architectureKey: string): AugmentConfig {
  const { randAugmentN, randAugmentM } = getArchitecture(architectureKey).trainingParams;
  // A dataset without a preset (an image folder of the lab's own) has no ImageDataGenerator jitter.
  return { jitter: datasetKey ? getDatasetPreset(datasetKey).jitter : null, randAugmentN, randAugmentM };
}
